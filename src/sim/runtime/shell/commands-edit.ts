// Stream editors and small utilities used in container one-liners: tee, base64, sed (s///, p, d,
// q with line and /regex/ addresses, -n, -i, -e), awk (print of fields and $0 under a pattern or
// NR condition, -F), expr arithmetic and comparisons.

import { AwkSyntaxError, runAwk } from "./awk";
import { base64ToUtf8, utf8ToBase64 } from "../../base64";
import { normalizePath } from "../fs";
import type { CommandFn } from "./commands";
import { readTextFile } from "./support";
import type { Io } from "./types";

export { breToJs, sed } from "./sed";


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
  const input = file === undefined ? io.stdin : readTextFile(ctx, file);
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
  const text = files.length === 0 ? io.stdin : files.map((f) => readTextFile(ctx, f) ?? "").join("");
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
