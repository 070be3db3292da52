// Stream editors and small utilities used in container one-liners: tee, base64, sed (s///, p, d,
// q with line and /regex/ addresses, -n, -i, -e), awk (print of fields and $0 under a pattern or
// NR condition, -F), expr arithmetic and comparisons.

import { AwkSyntaxError, runAwk } from "./awk";
import { base64ToUtf8, utf8ToBase64 } from "../../base64";
import { normalizePath } from "../fs";
import type { CommandContext, CommandFn } from "./commands";
import type { Io } from "./types";

function readFile(ctx: CommandContext, f: string): string | undefined {
  const c = ctx.host.fs.read(normalizePath(f, ctx.cwd));
  return c === "ENOENT" || c === "EISDIR" || c === "ENOTDIR" ? undefined : c;
}

export const tee: CommandFn = (args, io, ctx) => {
  const append = args.includes("-a");
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith("-"))) {
    if (ctx.host.fs.write(normalizePath(f, ctx.cwd), io.stdin, append)) {
      io.err(`tee: ${f}: No such file or directory\n`);
      status = 1;
    }
  }
  io.out(io.stdin);
  return status;
};

/** base64 [-d] [FILE]: encodes with 76-column lines, as busybox and coreutils do. */
export const base64: CommandFn = (args, io, ctx) => {
  const decode = args.some((a) => a === "-d" || a === "--decode");
  const file = args.find((a) => !a.startsWith("-"));
  const input = file === undefined ? io.stdin : readFile(ctx, file);
  if (input === undefined) { io.err(`base64: ${file}: No such file or directory\n`); return 1; }
  if (decode) {
    const clean = input.replace(/\s+/g, "");
    const text = base64ToUtf8(clean);
    if (text === "" && clean !== "") { io.err("base64: invalid input\n"); return 1; }
    io.out(text);
    return 0;
  }
  const encoded = utf8ToBase64(input);
  io.out(encoded === "" ? "" : (encoded.match(/.{1,76}/g) ?? []).join("\n") + "\n");
  return 0;
};

/** POSIX basic regular expressions as JavaScript ones: \( \) \{ \} \+ \? \| are the operators. */
export function breToJs(re: string, extended: boolean): string {
  if (extended) return re;
  let out = "";
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\" && i + 1 < re.length) {
      const n = re[++i]!;
      out += "(){}+?|".includes(n) ? n : `\\${n}`;
    } else out += "(){}+?|".includes(c) ? `\\${c}` : c;
  }
  return out;
}

type Address = { line: number } | { last: true } | { re: RegExp };
interface SedCommand {
  addr?: Address;
  /** The end of a range `addr,addr2` (GNU: a line number not after the start makes it one line). */
  addr2?: Address;
  /** `addr!cmd`: the lines the address does not select. */
  negate?: boolean;
  cmd: string; re?: RegExp; replacement?: string; global?: boolean; print?: boolean;
}

/** A sed address at the start of `rest` (a line number, `$`, or /regex/), and what follows it. */
function parseAddress(rest: string, extended: boolean): { addr?: Address; rest: string } | undefined {
  const num = /^(\d+)/.exec(rest);
  if (num) return { addr: { line: Number(num[1]) }, rest: rest.slice(num[0].length) };
  if (rest.startsWith("$")) return { addr: { last: true }, rest: rest.slice(1) };
  if (rest.startsWith("/")) {
    const end = rest.indexOf("/", 1);
    if (end === -1) return undefined;
    return { addr: { re: new RegExp(breToJs(rest.slice(1, end), extended)) }, rest: rest.slice(end + 1) };
  }
  return { rest };
}

/** One sed script command, or undefined when it is beyond this subset. */
function parseSed(script: string, extended: boolean): SedCommand[] | undefined {
  const out: SedCommand[] = [];
  for (const part of script.split(/;|\n/).map((s) => s.trim()).filter(Boolean)) {
    const first = parseAddress(part, extended);
    if (!first) return undefined;
    const addr = first.addr;
    let rest = first.rest;
    let addr2: Address | undefined;
    if (addr && rest.startsWith(",")) {
      const second = parseAddress(rest.slice(1), extended);
      if (!second?.addr) return undefined;
      addr2 = second.addr;
      rest = second.rest;
    }
    rest = rest.trim();
    const negate = rest.startsWith("!");
    if (negate) rest = rest.slice(1).trim();
    const where = { ...(addr ? { addr } : {}), ...(addr2 ? { addr2 } : {}), ...(negate ? { negate } : {}) };
    if (rest.startsWith("s") && rest.length > 1) {
      const d = rest[1]!;
      const pieces = rest.slice(2).split(d);
      if (pieces.length < 3) return undefined;
      const [pattern, replacement, flags] = pieces as [string, string, string];
      const jsReplacement = replacement.replace(/\$/g, "$$$$").replace(/\\(\d)/g, "$$$1").replace(/(^|[^\\])&/g, "$1$$&").replace(/\\&/g, "&");
      out.push({ ...where, cmd: "s", re: new RegExp(breToJs(pattern, extended), flags.includes("g") ? "g" : ""),
        replacement: jsReplacement, print: flags.includes("p") });
    } else if (["p", "d", "q"].includes(rest)) {
      out.push({ ...where, cmd: rest });
    } else return undefined;
  }
  return out;
}

function runSed(commands: SedCommand[], text: string, quiet: boolean): string {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const inRange = commands.map(() => false);
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let deleted = false;
    let quit = false;
    const hit = (a?: Address) => !a || ("line" in a ? a.line === i + 1 : "last" in a ? i === lines.length - 1 : a.re.test(line));
    const selects = (c: SedCommand, k: number): boolean => {
      if (!c.addr2) return hit(c.addr);
      if (inRange[k]) {
        const a = c.addr2;
        if ("line" in a ? i + 1 >= a.line : hit(a)) inRange[k] = false;
        return true;
      }
      if (!hit(c.addr)) return false;
      inRange[k] = !("line" in c.addr2 && c.addr2.line <= i + 1) && !("last" in c.addr2 && i === lines.length - 1);
      return true;
    };
    for (let k = 0; k < commands.length; k++) {
      const c = commands[k]!;
      if (selects(c, k) === !!c.negate) continue;
      if (c.cmd === "s") {
        const before = line;
        line = line.replace(c.re!, c.replacement!);
        if (c.print && line !== before) out += line + "\n";
      } else if (c.cmd === "p") out += line + "\n";
      else if (c.cmd === "d") { deleted = true; break; }
      else if (c.cmd === "q") { quit = true; break; }
    }
    if (!deleted && !quiet) out += line + "\n";
    if (quit) break;
  }
  return out;
}

export const sed: CommandFn = (args, io, ctx) => {
  let quiet = false;
  let inPlace = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-e") scripts.push(args[++i] ?? "");
    else if (/^-[niErs]+$/.test(a)) { quiet ||= a.includes("n"); inPlace ||= a.includes("i"); extended ||= /[Er]/.test(a); }
    else if (a.startsWith("-i")) inPlace = true;
    else if (scripts.length === 0 && !a.startsWith("-")) scripts.push(a);
    else files.push(a);
  }
  const commands = parseSed(scripts.join("\n"), extended);
  if (!commands) { io.err(`sed: unsupported command ${scripts.join("; ")}\n`); return 1; }
  if (files.length === 0) { io.out(runSed(commands, io.stdin, quiet)); return 0; }
  for (const f of files) {
    const text = readFile(ctx, f);
    if (text === undefined) { io.err(ctx.gnu ? `sed: can't read ${f}: No such file or directory\n` : `sed: ${f}: No such file or directory\n`); return ctx.gnu ? 2 : 1; }
    const result = runSed(commands, text, quiet);
    if (inPlace) ctx.host.fs.write(normalizePath(f, ctx.cwd), result);
    else io.out(result);
  }
  return 0;
};

/** awk [-F SEP] [-v VAR=VALUE] 'PROGRAM' [FILE…] (see awk.ts for the language). */
export const awk: CommandFn = (args, io, ctx) => {
  let sep: string | undefined;
  const vars = new Map<string, string | number>([["OFS", " "]]);
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-F") sep = args[++i];
    else if (a.startsWith("-F")) sep = a.slice(2);
    else if (a === "-v") { const kv = args[++i] ?? ""; vars.set(kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)); }
    else rest.push(a);
  }
  const [program = "", ...files] = rest;
  const text = files.length === 0 ? io.stdin : files.map((f) => readFile(ctx, f) ?? "").join("");
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const fs = sep === "\\t" || sep === "t" ? "\t" : sep;
  // Default FS: runs of blanks, leading ones ignored; one character: literally; longer: a regex.
  const split = (l: string) => fs === undefined || fs === " " ? l.trim().split(/[ \t]+/).filter(Boolean)
    : l === "" ? [] : l.split(fs.length === 1 ? fs : new RegExp(fs));
  try {
    runAwk(program, lines, split, (s) => io.out(s), vars);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    io.err(ctx.gnu ? `awk: cmd. line:1: ${program}\nawk: cmd. line:1: syntax error\n` : `awk: cmd. line:1: Unexpected token\n`);
    return 2;
  }
  return 0;
};

/** expr: integer arithmetic (+ - * / %) and comparisons, printing the result; status 1 when it is 0 or "". */
export const expr: CommandFn = (args, io: Io) => {
  if (args.length === 2 && args[0] === "length") {
    io.out(`${args[1]!.length}\n`);
    return args[1]!.length === 0 ? 1 : 0;
  }
  if (args.length === 3) {
    const [a, op, b] = args as [string, string, string];
    const x = Number(a), y = Number(b);
    const numeric = /^-?\d+$/.test(a) && /^-?\d+$/.test(b);
    const results: Record<string, () => string> = {
      "+": () => String(x + y), "-": () => String(x - y), "*": () => String(x * y),
      "/": () => String(Math.trunc(x / y)), "%": () => String(x % y),
      "=": () => String(Number(a === b)), "!=": () => String(Number(a !== b)),
      "<": () => String(Number(numeric ? x < y : a < b)), ">": () => String(Number(numeric ? x > y : a > b)),
      "<=": () => String(Number(numeric ? x <= y : a <= b)), ">=": () => String(Number(numeric ? x >= y : a >= b)),
    };
    const f = results[op];
    if (f) {
      if ("+-*/%".includes(op) && !numeric) { io.err("expr: non-integer argument\n"); return 2; }
      if ((op === "/" || op === "%") && y === 0) { io.err("expr: division by zero\n"); return 2; }
      const r = f();
      io.out(r + "\n");
      return r === "0" || r === "" ? 1 : 0;
    }
  }
  const v = args.join(" ");
  io.out(v + "\n");
  return v === "0" || v === "" ? 1 : 0;
};
