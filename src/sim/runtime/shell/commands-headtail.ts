// head and tail as busybox (coreutils/head.c, tail.c) and GNU coreutils write them: -n and -c
// with their signs (head -n -N / -c -N: all but the last N; tail -n +N / -c +N: from the Nth on),
// the obsolete first argument (-N, tail's +N), size suffixes, `==> FILE <==` headers between
// several inputs (-q/-v), and each tool's wording for a bad count or an unreadable file. Bytes
// are UTF-8 bytes; a cut through a character leaves what TextDecoder makes of it.

import { normalizePath } from "../fs";
import type { CommandContext, CommandFn } from "./commands";
import type { Effect, Io } from "./types";

type Tool = "head" | "tail";

interface Plan {
  bytes: boolean;
  count: number;
  /** head: -N means "all but the last N"; tail: +N means "from the Nth on". */
  signed: boolean;
  headers: "auto" | "never" | "always";
  follow: boolean;
  files: string[];
}

// busybox's bkm_suffixes; GNU's xstrtoumax units ("bkKmMGTPEZYRQ", with optional B / iB).
const BKM: Record<string, number> = { "": 1, b: 512, k: 1024, m: 1024 ** 2 };
const GNU_POWERS = "KMGTPEZYRQ";

function gnuNumber(text: string): number | undefined {
  const m = /^\+?(\d+)([bkKmMGTPEZYRQ]?)(B|iB)?$/.exec(text);
  if (!m || (m[3] && (m[2] === "" || m[2] === "b"))) return undefined;
  const unit = m[2]!;
  if (unit === "") return Number(m[1]);
  if (unit === "b") return Number(m[1]) * 512;
  const power = GNU_POWERS.indexOf(unit.toUpperCase()) + 1;
  return Number(m[1]) * (m[3] === "B" ? 1000 : 1024) ** power;
}

function busyboxNumber(text: string): number | undefined {
  const m = /^(\d+)([bkm]?)$/.exec(text);
  return m ? Number(m[1]) * BKM[m[2]!]! : undefined;
}

/** GNU's quote(): ‘x’ in a UTF-8 locale, 'x' in the C locale (a bare container). */
function gnuQuote(ctx: CommandContext, s: string): string {
  return /utf-?8/i.test(ctx.env.LC_ALL ?? ctx.env.LANG ?? "") ? `\u2018${s}\u2019` : `'${s}'`;
}

function parse(tool: Tool, args: string[], ctx: CommandContext): Plan | { error: string } {
  const plan: Plan = { bytes: false, count: 10, signed: false, headers: "auto", follow: false, files: [] };
  const setCount = (bytes: boolean, raw: string): string | undefined => {
    plan.bytes = bytes;
    // head strips a leading '-'; tail strips '-' and takes '+' as "from the start".
    let text = raw;
    plan.signed = false;
    if (text.startsWith("-")) { text = text.slice(1); plan.signed = tool === "head"; }
    else if (text.startsWith("+") && tool === "tail") { plan.signed = true; if (!ctx.gnu) text = text.slice(1); }
    const n = ctx.gnu ? gnuNumber(text) : busyboxNumber(text);
    if (n !== undefined) { plan.count = n; return undefined; }
    return ctx.gnu ? `${tool}: invalid number of ${bytes ? "bytes" : "lines"}: ${gnuQuote(ctx, text)}` : `${tool}: invalid number '${text}'`;
  };
  let i = 0;
  // The obsolete count as the first argument: -N (tail: +N too), GNU's with a unit letter.
  const first = args[0];
  const obsolete = first === undefined ? null : ctx.gnu ? /^([+-])(\d+)([bkm]?)([cbl]?)(f?)$/.exec(first) : /^([+-])(\d.*)$/.exec(first);
  if (obsolete && (obsolete[1] === "-" || tool === "tail")) {
    i = 1;
    if (ctx.gnu) {
      const [, sign, digits, mult, unit, follow] = obsolete;
      plan.bytes = unit === "c" || unit === "b";
      plan.count = Number(digits) * BKM[mult!]! * (unit === "b" ? 512 : 1);
      plan.signed = tool === "tail" && sign === "+";
      if (follow && tool === "tail") plan.follow = true;
    } else {
      const err = setCount(false, obsolete[1] === "+" ? first! : obsolete[2]!);
      if (err) return { error: err };
    }
  }
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") { plan.files.push(...args.slice(i + 1)); break; }
    const long = /^--(bytes|lines)(?:=(.*))?$/.exec(a);
    if (ctx.gnu && long) {
      const v = long[2] ?? args[++i];
      if (v === undefined) return { error: `${tool}: option '--${long[1]}' requires an argument` };
      const err = setCount(long[1] === "bytes", v);
      if (err) return { error: err };
      continue;
    }
    if (ctx.gnu && (a === "--quiet" || a === "--silent")) { plan.headers = "never"; continue; }
    if (ctx.gnu && a === "--verbose") { plan.headers = "always"; continue; }
    if (ctx.gnu && tool === "tail" && /^--follow(=.*)?$/.test(a)) { plan.follow = true; continue; }
    if (!a.startsWith("-") || a === "-") {
      plan.files.push(a);
      // musl's getopt (Alpine's busybox) stops at the first operand; GNU's permutes.
      if (!ctx.gnu) { plan.files.push(...args.slice(i + 1)); break; }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === "c" || c === "n") {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { error: ctx.gnu ? `${tool}: option requires an argument -- '${c}'` : `${tool}: option requires an argument: ${c}` };
        const err = setCount(c === "c", v);
        if (err) return { error: err };
        break;
      }
      if (c === "q") plan.headers = "never";
      else if (c === "v") plan.headers = "always";
      else if (tool === "tail" && (c === "f" || c === "F")) plan.follow = true;
      else if (tool === "tail" && c === "s") { if (j + 1 === a.length) i++; break; }
      else return { error: ctx.gnu ? `${tool}: invalid option -- '${c}'\nTry '${tool} --help' for more information.` : `${tool}: unrecognized option: ${c}` };
    }
  }
  return plan;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Lines with their terminators; a last line without one counts. */
const linesOf = (s: string): string[] => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function select(tool: Tool, plan: Plan, text: string): string {
  const n = plan.count;
  if (plan.bytes) {
    const b = encoder.encode(text);
    const part = tool === "head"
      ? (plan.signed ? b.subarray(0, Math.max(0, b.length - n)) : b.subarray(0, n))
      : (plan.signed ? b.subarray(Math.max(0, n - 1)) : n === 0 ? b.subarray(b.length) : b.subarray(Math.max(0, b.length - n)));
    return decoder.decode(part);
  }
  const lines = linesOf(text);
  const part = tool === "head"
    ? (plan.signed ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n))
    : (plan.signed ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n));
  return part.join("");
}

interface Input { name: string; text?: string; error?: string }

function readInput(tool: Tool, f: string, io: Io, ctx: CommandContext): Input {
  if (f === "-") return { name: "standard input", text: io.stdin };
  const path = normalizePath(f, ctx.cwd);
  const denied = ctx.host.fs.readable?.(path) === false;
  const c = denied ? "EACCES" : ctx.host.fs.read(path);
  if (c === "EISDIR") {
    // The directory opens; reading it fails (after its header).
    return { name: f, error: ctx.gnu ? `${tool}: error reading ${gnuQuote(ctx, f)}: Is a directory` : tool === "head" ? `head: ${f}: Input/output error` : "tail: read error: Is a directory" };
  }
  if (c === "EACCES" || c === "ENOENT" || c === "ENOTDIR") {
    const why = c === "EACCES" ? "Permission denied" : c === "ENOTDIR" ? "Not a directory" : "No such file or directory";
    // busybox head: fopen_or_warn; tail: open_or_warn; GNU: "cannot open 'F' for reading".
    const msg = ctx.gnu ? `${tool}: cannot open ${gnuQuote(ctx, f)} for reading: ${why}` : tool === "head" ? `head: ${f}: ${why}` : `tail: can't open '${f}': ${why}`;
    return { name: f, error: msg };
  }
  return { name: f, text: c };
}

function run(tool: Tool, args: string[], io: Io, ctx: CommandContext): { code: number; follow: boolean } {
  const plan = parse(tool, args, ctx);
  if ("error" in plan) { io.err(plan.error + "\n"); return { code: 1, follow: false }; }
  const inputs = (plan.files.length ? plan.files : ["-"]).map((f) => readInput(tool, f, io, ctx));
  // busybox tail opens every file first and counts only those it could; the others count operands.
  const unopened = (x: Input) => x.error !== undefined && !x.error.includes("Is a directory") && !x.error.includes("Input/output");
  const shown = !ctx.gnu && tool === "tail" ? inputs.filter((x) => !unopened(x)).length : inputs.length;
  const headers = plan.headers === "always" || (plan.headers === "auto" && shown > 1);
  let printed = 0;
  let code = 0;
  let stopped = false;
  inputs.forEach((x, k) => {
    if (stopped) return;
    if (unopened(x)) { io.err(x.error + "\n"); code = 1; return; }
    if (headers) {
      // GNU and busybox tail separate from the previous header printed; busybox head from the
      // previous operand, even one it could not open.
      const lead = (!ctx.gnu && tool === "head" ? k : printed) > 0 ? "\n" : "";
      io.out(`${lead}==> ${x.name} <==\n`);
    }
    printed++;
    if (x.error) {
      io.err(x.error + "\n");
      code = 1;
      // GNU tail -c reads a directory as a pipe, whose read error ends the command.
      stopped = ctx.gnu && tool === "tail" && plan.bytes;
      return;
    }
    io.out(select(tool, plan, x.text!));
  });
  return { code, follow: plan.follow };
}

export const head: CommandFn = (args, io, ctx) => run("head", args, io, ctx).code;

/** tail; -f (or -F) then waits forever, as the file never grows. */
export const tail: CommandFn = function* (args, io, ctx): Generator<Effect, number, number | undefined> {
  const r = run("tail", args, io, ctx);
  if (r.follow && r.code === 0) yield { kind: "sleep", ms: Infinity };
  return r.code;
};
