// Text filters students pipe container output through: wc (busybox's and GNU's column widths),
// tr, cut, sort, uniq. Inputs are files or stdin; a missing file prints the tool's own message.

import { normalizePath } from "../fs";
import type { CommandContext, CommandFn } from "./commands";
import type { Io } from "./types";

interface Input { name: string; text: string; file: boolean }

/**
 * How each tool reports a missing file: busybox's fopen_or_warn and GNU print "TOOL: FILE: No such
 * file or directory"; busybox xfopen (sort, uniq) "TOOL: can't open 'FILE': …"; GNU sort "cannot read".
 */
function missingMessage(tool: string, file: string, gnu: boolean, why = "No such file or directory"): string {
  if (tool === "sort" && gnu) return `sort: cannot read: ${file}: ${why}\n`;
  if ((tool === "sort" || tool === "uniq") && !gnu) return `${tool}: can't open '${file}': ${why}\n`;
  return `${tool}: ${file}: ${why}\n`;
}

/** Reads the operands (stdin when none, or "-"), printing the tool's message for a missing file. */
function inputs(files: string[], io: Io, ctx: CommandContext, tool: string): { list: Input[]; failed: boolean } {
  if (files.length === 0) return { list: [{ name: "", text: io.stdin, file: false }], failed: false };
  const list: Input[] = [];
  let failed = false;
  for (const f of files) {
    if (f === "-") { list.push({ name: f, text: io.stdin, file: false }); continue; }
    if (ctx.host.fs.readable?.(normalizePath(f, ctx.cwd)) === false) {
      io.err(missingMessage(tool, f, ctx.gnu, "Permission denied"));
      failed = true;
      continue;
    }
    const c = ctx.host.fs.read(normalizePath(f, ctx.cwd));
    if (c === "ENOENT" || c === "ENOTDIR") {
      io.err(missingMessage(tool, f, ctx.gnu));
      failed = true;
      continue;
    }
    if (c === "EISDIR") { io.err(`${tool}: ${ctx.gnu ? "" : "read error: "}${f}: Is a directory\n`); failed = true; continue; }
    list.push({ name: f, text: c, file: true });
  }
  return { list, failed };
}

/** Splits short options (`-lw`) from operands; values for `valued` letters come from the rest or the next word. */
function options(args: string[], valued = ""): { opts: Map<string, string>; rest: string[] } {
  const opts = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") { rest.push(...args.slice(i + 1)); break; }
    if (!a.startsWith("-") || a === "-") { rest.push(a); continue; }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (valued.includes(c)) { opts.set(c, k + 1 < a.length ? a.slice(k + 1) : args[++i] ?? ""); break; }
      opts.set(c, "");
    }
  }
  return { opts, rest };
}

const lines = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));

/**
 * wc. busybox (coreutils/wc.c): one count for at most one input is printed bare, otherwise every
 * count is "%9u" after the first; then " NAME" (nothing for stdin). GNU: bare for a single count
 * and input, else one width for all columns — the digits of the inputs' total size, at least 7
 * when reading a pipe.
 */
export const wc: CommandFn = (args, io, ctx) => {
  const { opts, rest } = options(args);
  const chosen = ["l", "w", "c"].filter((o) => opts.has(o));
  const which = chosen.length > 0 ? chosen : ["l", "w", "c"];
  const { list, failed } = inputs(rest, io, ctx, "wc");
  const rows = list.map((f) => {
    const counts: Record<string, number> = {
      l: (f.text.match(/\n/g) ?? []).length, w: f.text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(f.text).length,
    };
    return { name: f.name, counts: which.map((o) => counts[o]!) };
  });
  if (rows.length > 1) rows.push({ name: "total", counts: which.map((_, k) => rows.reduce((n, r) => n + r.counts[k]!, 0)) });
  const single = which.length === 1 && list.length <= 1;
  let width = 1;
  if (ctx.gnu && !single) {
    const size = list.reduce((n, f) => n + (f.file ? new TextEncoder().encode(f.text).length : 0), 0);
    width = Math.max(String(size).length, list.some((f) => !f.file) ? 7 : 1);
  }
  for (const r of rows) {
    const cols = r.counts.map((n, k) => ctx.gnu ? String(n).padStart(single ? 0 : width) : k === 0 && single ? String(n) : String(n).padStart(9));
    io.out(cols.join(" ") + (r.name ? ` ${r.name}` : "") + "\n");
  }
  return failed ? 1 : 0;
};

/** tr SET1 SET2, tr -d SET, tr -s SET: ranges (a-z), escapes (\n) and [:upper:]/[:lower:]/[:digit:]/[:space:]. */
function expandSet(set: string): string[] {
  const classes: Record<string, string> = {
    "[:upper:]": "A-Z", "[:lower:]": "a-z", "[:digit:]": "0-9", "[:alpha:]": "a-zA-Z", "[:alnum:]": "a-zA-Z0-9", "[:space:]": " \t\n\r\f\v",
  };
  let s = set;
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  s = s.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\\\/g, "\\");
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === "-" && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]!);
  }
  return out;
}

export const tr: CommandFn = (args, io) => {
  const { opts, rest } = options(args);
  const from = expandSet(rest[0] ?? "");
  let text = io.stdin;
  if (opts.has("d")) {
    const del = new Set(from);
    text = [...text].filter((c) => !del.has(c)).join("");
  } else if (rest[1] !== undefined) {
    const to = expandSet(rest[1]);
    const map = new Map(from.map((c, i) => [c, to[Math.min(i, to.length - 1)] ?? c]));
    text = [...text].map((c) => map.get(c) ?? c).join("");
  }
  if (opts.has("s")) {
    const squeeze = new Set(rest[1] !== undefined && !opts.has("d") ? expandSet(rest[1]) : from);
    text = [...text].filter((c, i, all) => !(squeeze.has(c) && all[i - 1] === c)).join("");
  }
  io.out(text);
  return 0;
};

/** "1,3", "2-", "-2" → a membership test on 1-based positions. */
function fieldList(spec: string): (n: number) => boolean {
  const parts = spec.split(",").map((p) => {
    const [a, b] = p.includes("-") ? p.split("-") : [p, p];
    return [a ? Number(a) : 1, b ? Number(b) : Infinity] as const;
  });
  return (n) => parts.some(([a, b]) => n >= a && n <= b);
}

export const cut: CommandFn = (args, io, ctx) => {
  const { opts, rest } = options(args, "dfc");
  const { list, failed } = inputs(rest, io, ctx, "cut");
  const delim = opts.get("d") ?? "\t";
  for (const f of list) {
    for (const line of lines(f.text)) {
      if (opts.has("c")) {
        const keep = fieldList(opts.get("c")!);
        io.out([...line].filter((_, i) => keep(i + 1)).join("") + "\n");
      } else if (opts.has("f")) {
        if (!line.includes(delim)) { if (!opts.has("s")) io.out(line + "\n"); continue; }
        const keep = fieldList(opts.get("f")!);
        io.out(line.split(delim).filter((_, i) => keep(i + 1)).join(delim) + "\n");
      }
    }
  }
  return failed ? 1 : 0;
};

export const sort: CommandFn = (args, io, ctx) => {
  const { opts, rest } = options(args, "kt");
  const { list, failed } = inputs(rest, io, ctx, "sort");
  let all = list.flatMap((f) => lines(f.text));
  const numeric = opts.has("n");
  // -k N[,M]: compare from field N (to M); fields split by -t CHAR, or by runs of blanks.
  const key = /^(\d+)(?:,(\d+))?/.exec(opts.get("k") ?? "");
  const sep = opts.get("t");
  const keyOf = (l: string): string => {
    if (!key) return l;
    const fields = sep ? l.split(sep) : l.trim().split(/\s+/);
    const from = Number(key[1]) - 1;
    const to = key[2] ? Number(key[2]) : fields.length;
    return fields.slice(from, to).join(sep ?? " ");
  };
  all.sort((x, y) => {
    const a = keyOf(x);
    const b = keyOf(y);
    if (numeric) { const d = (parseFloat(a) || 0) - (parseFloat(b) || 0); if (d !== 0) return d; }
    if (a !== b) return a < b ? -1 : 1;
    return key ? (x < y ? -1 : x > y ? 1 : 0) : 0;
  });
  if (opts.has("r")) all.reverse();
  if (opts.has("u")) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  for (const l of all) io.out(l + "\n");
  return failed ? (ctx.gnu ? 2 : 1) : 0;
};

export const uniq: CommandFn = (args, io, ctx) => {
  const { opts, rest } = options(args);
  const { list, failed } = inputs(rest.slice(0, 1), io, ctx, "uniq");
  const groups: [string, number][] = [];
  for (const l of list.flatMap((f) => lines(f.text))) {
    const last = groups[groups.length - 1];
    if (last && last[0] === l) last[1]++; else groups.push([l, 1]);
  }
  for (const [l, n] of groups) {
    if (opts.has("d") && n < 2) continue;
    if (opts.has("u") && n > 1) continue;
    io.out(opts.has("c") ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`);
  }
  return failed ? 1 : 0;
};
