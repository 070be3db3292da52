// Text, time and environment commands: echo, printf, wc, grep, seq,
// basename, dirname, env, printenv, hostname, date (virtual), pwd, uname, sleep (virtual
// time), true, false, test/[.

import { printfNumberError, testError, type TestFailure } from "./messages";
import { normalizePath } from "../fs";
import { formatTime } from "../template";
import type { CommandFn } from "./commands";
import { flags } from "./commands-fs";
import type { Effect, ToolLookup } from "./types";

/**
 * echo. dash's builtin knows only -n and always interprets backslash escapes (so `echo -e` prints
 * "-e"); busybox and bash take -n/-e/-E and interpret escapes only with -e.
 */
export const echo: CommandFn = (args, io, ctx) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  if (ctx.shell === "dash") {
    if (args[0] === "-n") { newline = false; i = 1; }
    escapes = true;
  } else {
    for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
      if (args[i]!.includes("n")) newline = false;
      if (args[i]!.includes("e")) escapes = true;
      if (args[i]!.includes("E")) escapes = false;
    }
  }
  let text = args.slice(i).join(" ");
  if (escapes) {
    const cut = text.indexOf("\\c"); // \c: stop output here, no newline
    if (cut !== -1) { text = text.slice(0, cut); newline = false; }
    text = unescape(text);
  }
  io.out(text + (newline ? "\n" : ""));
  return 0;
};

const unescape = (s: string): string => s.replace(/\\([ntr\\abfv]|0[0-7]{0,3})/g, (_, c: string) =>
  c.startsWith("0") ? String.fromCharCode(parseInt(c.slice(1) || "0", 8))
    : ({ n: "\n", t: "\t", r: "\r", "\\": "\\", a: "\x07", b: "\b", f: "\f", v: "\v" } as Record<string, string>)[c]!);

/** printf FORMAT ARGS…: %s %d %i %u %x %o %c %f %e %g with flags, width and precision; the format repeats while arguments remain. */
export const printf: CommandFn = (args, io, ctx) => {
  const [format = "", ...values] = args;
  let k = 0;
  let status = 0;
  /** An integer argument; not one is reported (status 1) and counts as 0, or as its leading digits outside busybox. */
  const integer = (raw: string): number => {
    if (raw === "" || /^\s*[-+]?(0[xX][0-9a-fA-F]+|\d+)\s*$/.test(raw)) return Number(raw) || 0;
    if (/^['"]/.test(raw)) return raw.codePointAt(1) ?? 0;
    const lead = /^\s*[-+]?\d+/.exec(raw)?.[0];
    io.err(printfNumberError(ctx.errorContext, raw, lead !== undefined));
    status = 1;
    return ctx.errorContext?.flavour === "ash" || !ctx.errorContext?.flavour ? 0 : Number(lead ?? 0);
  };
  const render = () => unescape(format).replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sbdiuxXocfeEgG%])/g,
    (_, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
      if (conv === "%") return "%";
      const raw = values[k++] ?? "";
      let out: string;
      const n = /[diuxXoc]/.test(conv) && conv !== "c" ? integer(raw) : Number(raw) || 0;
      switch (conv) {
        case "s": out = precision !== undefined ? raw.slice(0, Number(precision)) : raw; break;
        case "b": out = unescape(raw); break; // %b: the argument's backslash escapes interpreted
        case "c": out = raw.slice(0, 1); break;
        case "f": out = n.toFixed(precision !== undefined ? Number(precision) : 6); break;
        case "e": case "E": out = cExponent(n.toExponential(precision !== undefined ? Number(precision) : 6), conv); break;
        case "g": case "G": out = cGeneral(n, precision !== undefined ? Math.max(1, Number(precision)) : 6, conv); break;
        case "x": out = Math.trunc(n).toString(16); break;
        case "X": out = Math.trunc(n).toString(16).toUpperCase(); break;
        case "o": out = Math.trunc(n).toString(8); break;
        default: out = String(Math.trunc(n));
      }
      if (flags.includes("+") && /[difeEgG]/.test(conv) && n >= 0) out = `+${out}`;
      const w = width === undefined || width === "*" ? 0 : Number(width);
      if (out.length < w) {
        if (flags.includes("-")) out = out.padEnd(w);
        else if (flags.includes("0") && conv !== "s") out = out.startsWith("-") ? `-${out.slice(1).padStart(w - 1, "0")}` : out.padStart(w, "0");
        else out = out.padStart(w);
      }
      return out;
    });
  let out = render();
  while (k > 0 && k < values.length) out += render();
  io.out(out);
  return status;
};

/** C's exponent form: JS "1e+3" → "1e+03" (two exponent digits at least). */
function cExponent(js: string, conv: string): string {
  const out = js.replace(/e([+-])(\d)$/, "e$10$2");
  return conv === "E" ? out.toUpperCase() : out;
}

/** %g: %e when the exponent is < -4 or ≥ the precision, else %f; trailing zeros dropped. */
function cGeneral(n: number, p: number, conv: string): string {
  if (n === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(n)));
  const strip = (s: string) => s.replace(/\.?0+(?=e|$)/, "");
  const out = exp < -4 || exp >= p ? strip(cExponent(n.toExponential(p - 1), "e")) : strip(n.toFixed(Math.max(0, p - 1 - exp)));
  return conv === "G" ? out.toUpperCase() : out;
}

function readInputs(files: string[], io: { stdin: string; err(s: string): void }, ctx: Parameters<CommandFn>[2], name: string): string[] | number {
  if (files.length === 0) return [io.stdin];
  const out: string[] = [];
  for (const f of files) {
    const denied = ctx.host.fs.readable?.(normalizePath(f, ctx.cwd)) === false;
    const c = ctx.host.fs.read(normalizePath(f, ctx.cwd));
    if (denied || c === "ENOENT" || c === "EISDIR" || c === "ENOTDIR") {
      // busybox grep (fopen_or_warn) and GNU grep both say "grep: FILE: …".
      const why = denied ? "Permission denied" : "No such file or directory";
      io.err(`${name}: ${f}: ${why}\n`);
      return 1;
    }
    out.push(c);
  }
  return out;
}

const splitLines = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));

export const grep: CommandFn = (args, io, ctx) => {
  const { opts, rest } = flags(args);
  const [pattern = "", ...files] = rest;
  const inputs = readInputs(files, io, ctx, "grep");
  if (typeof inputs === "number") return 2;
  let re: RegExp;
  try { re = new RegExp(opts.has("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : pattern, opts.has("i") ? "i" : ""); }
  catch { re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")); }
  if (opts.has("w")) re = new RegExp(`(?<![\\w])(?:${re.source})(?![\\w])`, re.flags);
  if (opts.has("x")) re = new RegExp(`^(?:${re.source})$`, re.flags);
  const numbered = inputs.flatMap(splitLines).map((l, k) => [k + 1, l] as const);
  const hits = numbered.filter(([, l]) => re.test(l) !== opts.has("v"));
  if (opts.has("c")) io.out(`${hits.length}\n`);
  else if (!opts.has("q")) {
    for (const [k, h] of hits) {
      const at = opts.has("n") ? `${k}:` : "";
      // -o: every non-empty match on its own line.
      if (opts.has("o") && !opts.has("v")) for (const m of h.matchAll(new RegExp(re.source, `${re.flags}g`))) { if (m[0]) io.out(`${at}${m[0]}\n`); }
      else io.out(`${at}${h}\n`);
    }
  }
  return hits.length > 0 ? 0 : 1;
};

/** seq [-s SEP] [-w] [FIRST [STEP]] LAST. */
export const seq: CommandFn = (args, io) => {
  let sep = "\n";
  let width = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-s") sep = args[++i] ?? "";
    else if (a.startsWith("-s") && a.length > 2) sep = a.slice(2);
    else if (a === "-w") width = true;
    else operands.push(a);
  }
  const nums = operands.map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const out: string[] = [];
  for (let i = first, k = 0; (step > 0 ? i <= last : i >= last) && k < 100_000; i += step, k++) out.push(String(i));
  const w = width ? Math.max(...out.map((x) => x.replace("-", "").length)) : 0;
  if (out.length > 0) io.out(out.map((x) => (width ? x.padStart(w, "0") : x)).join(sep) + "\n");
  return 0;
};

/** yes [WORD]: bounded here (a reader such as `head` stops it in reality). */
export const yes: CommandFn = (args, io) => {
  io.out(`${args.length ? args.join(" ") : "y"}\n`.repeat(4096));
  return 0;
};

export const basename: CommandFn = (args, io) => { io.out(`${(args[0] ?? "").replace(/\/+$/, "").split("/").pop()!.replace(args[1] ?? "\u0000", "")}\n`); return 0; };
export const dirname: CommandFn = (args, io) => {
  const p = (args[0] ?? "").replace(/\/+$/, "");
  io.out(`${p.includes("/") ? p.slice(0, p.lastIndexOf("/")) || "/" : "."}\n`);
  return 0;
};

/** env [-i] [-u NAME] [NAME=VALUE]…: prints the environment so changed (with a command, the shell runs it: launchers.ts). */
export const env: CommandFn = (args, io, ctx) => {
  let vars: Record<string, string> = { ...ctx.env };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-i" || a === "-") vars = {};
    else if (a === "-u") { const { [args[++i] ?? ""]: _, ...rest } = vars; vars = rest; }
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) vars[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
  }
  for (const [k, v] of Object.entries(vars)) io.out(`${k}=${v}\n`);
  return 0;
};
export const printenv: CommandFn = (args, io, ctx) => {
  if (args.length === 0) return env(args, io, ctx);
  let status = 0;
  for (const a of args) { const v = ctx.env[a]; if (v === undefined) status = 1; else io.out(`${v}\n`); }
  return status;
};

/** Alpine keeps these busybox applets in /bin (the rest in /usr/bin); busybox's image has all in /bin. */
const ALPINE_BIN = new Set(["busybox", "sh", "ash", "cat", "chmod", "chown", "cp", "date", "df", "echo", "grep", "hostname", "kill", "ln", "ls",
  "mkdir", "mount", "mv", "netstat", "ping", "ps", "pwd", "rm", "rmdir", "sed", "sleep", "stat", "touch", "uname", "true", "false"]);
const LOCAL_BIN = new Set(["node", "npm", "npx", "yarn", "python", "python3", "pip", "pip3", "redis-server", "redis-cli", "docker-entrypoint.sh"]);

/** Where a program on $PATH lives, by the image's layout (Debian and Ubuntu are usr-merged). */
export function pathOf(name: string, tools: ToolLookup): string {
  if (name === "nginx") return "/usr/sbin/nginx";
  if (LOCAL_BIN.has(name)) return `/usr/local/bin/${name}`;
  if (tools.has("apk")) return ALPINE_BIN.has(name) ? `/bin/${name}` : `/usr/bin/${name}`;
  if (tools.has("ash")) return `/bin/${name}`;
  return `/usr/bin/${name}`;
}

/** which NAME…: the path of each program found; status 1 when one is missing (nothing printed for it). */
export const which: CommandFn = (args, io, ctx) => {
  let status = 0;
  for (const a of args.filter((x) => !x.startsWith("-"))) {
    if (ctx.host.tools.has(a) || ctx.host.isProgram([a])) io.out(`${pathOf(a, ctx.host.tools)}\n`);
    else status = 1;
  }
  return status;
};

/** hostname; `-i` prints the addresses the name resolves to in /etc/hosts (the container's IP). */
export const hostname: CommandFn = (args, io, ctx) => {
  // -I (net-tools' hostname, not busybox's): every configured address, each followed by a space.
  if (args.includes("-I") && !ctx.host.tools.has("ash")) { io.out(`${ctx.host.ip ? `${ctx.host.ip} ` : ""}\n`); return 0; }
  io.out(`${args.includes("-i") ? ctx.host.ip ?? ctx.host.hostname : ctx.host.hostname}\n`);
  return 0;
};
export const pwd: CommandFn = (_args, io, ctx) => { io.out(`${ctx.cwd}\n`); return 0; };
export const uname: CommandFn = (args, io, ctx) => {
  io.out(args.includes("-a") ? `Linux ${ctx.host.hostname} 6.8.0-1015-gcp #1 SMP x86_64 GNU/Linux\n` : args.includes("-r") ? "6.8.0-1015-gcp\n" : "Linux\n");
  return 0;
};

export const date: CommandFn = (args, io, ctx) => {
  const t = ctx.host.now();
  const fmt = args.find((a) => a.startsWith("+"));
  if (!fmt) { io.out(formatTime("date", t) + "\n"); return 0; }
  const iso = new Date(t).toISOString();
  const map: Record<string, string> = { Y: iso.slice(0, 4), m: iso.slice(5, 7), d: iso.slice(8, 10), H: iso.slice(11, 13),
    M: iso.slice(14, 16), S: iso.slice(17, 19), s: String(Math.floor(t / 1000)), F: iso.slice(0, 10), T: iso.slice(11, 19), Z: "UTC", "%": "%" };
  io.out(fmt.slice(1).replace(/%(.)/g, (w, c: string) => map[c] ?? w) + "\n");
  return 0;
};

/** The busybox image before 1.31 (Alpine's busybox is newer than any supported tag). */
function oldBusybox(ctx: Parameters<CommandFn>[2]): boolean {
  if (ctx.gnu || ctx.host.tools.has("apk")) return false;
  const [major, minor] = (ctx.host.imageVersion ?? "").split(".").map(Number);
  return major === 1 && minor !== undefined && minor < 31;
}

const SLEEP_UNITS: Record<string, number> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const sleep: CommandFn = function* (args, io, ctx): Generator<Effect, number, number | undefined> {
  if (args.length === 0) { io.err(ctx.gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : "sleep: usage: sleep [N]...\n"); return 1; }
  let total = 0;
  for (const a of args) {
    // busybox learned "infinity" in 1.31 (busybox:1.28, pinned for nslookup, still rejects it).
    if ((a === "infinity" || a === "inf") && !oldBusybox(ctx)) { total = Infinity; continue; }
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) { io.err(ctx.gnu ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`); return 1; }
    total += Math.round(parseFloat(m[1]!) * SLEEP_UNITS[m[2]!]!);
  }
  if (total > 0) yield { kind: "sleep", ms: total };
  return 0;
};

export const trueCmd: CommandFn = () => 0;
export const falseCmd: CommandFn = () => 1;

/** A usage error of test (status 2), thrown out of the evaluation. */
class TestUsage { constructor(readonly failure: TestFailure) {} }

/** `[ … ]`: test whose last argument must be `]`. */
export const bracket: CommandFn = (args, io, ctx) => {
  if (args[args.length - 1] !== "]") { io.err(testError(ctx.errorContext, "[", { kind: "missing-bracket" })); return 2; }
  return runTest("[", args.slice(0, -1), io, ctx);
};

export const test: CommandFn = (args, io, ctx) => runTest("test", args, io, ctx);

/** test / [ : file tests, string and integer comparisons, !, -a, -o; a non-integer operand of -eq… is status 2. */
function runTest(name: string, args: string[], io: Parameters<CommandFn>[1], ctx: Parameters<CommandFn>[2]): number {
  try {
    return evaluateTest(args, ctx) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestUsage)) throw e;
    io.err(testError(ctx.errorContext, name, e.failure));
    return 2;
  }
}

function evaluateTest(a: string[], ctx: Parameters<CommandFn>[2]): boolean {
  const fs = ctx.host.fs;
  const path = (p: string) => normalizePath(p, ctx.cwd);
  const unary: Record<string, (x: string) => boolean> = {
    "-f": (x) => fs.isFile(path(x)), "-d": (x) => fs.isDir(path(x)), "-e": (x) => fs.exists(path(x)),
    "-s": (x) => { const c = fs.read(path(x)); return c !== "ENOENT" && c !== "EISDIR" && c !== "ENOTDIR" && c.length > 0; },
    // -r and -x ask access(2): the file's mode for the user (a volume's 0644 script is not -x); -L/-h: a symlink itself.
    "-r": (x) => fs.exists(path(x)) && fs.readable?.(path(x)) !== false, "-w": (x) => fs.exists(path(x)),
    "-x": (x) => fs.isDir(path(x)) || (fs.isFile(path(x)) && fs.executable?.(path(x)) !== false),
    "-L": (x) => fs.symlink?.(path(x)) !== undefined, "-h": (x) => fs.symlink?.(path(x)) !== undefined,
    "-z": (x) => x.length === 0, "-n": (x) => x.length > 0,
  };
  const int = (x: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(x)) throw new TestUsage({ kind: "bad-number", value: x });
    return Number(x);
  };
  const binary: Record<string, (x: string, y: string) => boolean> = {
    "=": (x, y) => x === y, "==": (x, y) => x === y, "!=": (x, y) => x !== y, "<": (x, y) => x < y, ">": (x, y) => x > y,
    "-eq": (x, y) => int(x) === int(y), "-ne": (x, y) => int(x) !== int(y), "-lt": (x, y) => int(x) < int(y),
    "-le": (x, y) => int(x) <= int(y), "-gt": (x, y) => int(x) > int(y), "-ge": (x, y) => int(x) >= int(y),
  };
  const evalTerm = (t: string[]): boolean => {
    if (t[0] === "!" && t.length > 1) return !evalTerm(t.slice(1));
    if (t.length === 0) return false;
    if (t.length === 1) return t[0] !== "";
    if (t.length === 2 && unary[t[0]!]) return unary[t[0]!]!(t[1]!);
    if (t.length === 3 && binary[t[1]!]) return binary[t[1]!]!(t[0]!, t[2]!);
    return false;
  };
  const or = a.indexOf("-o");
  if (or !== -1) return evalTerm(a.slice(0, or)) || evaluateTest(a.slice(or + 1), ctx);
  const and = a.indexOf("-a");
  if (and > 0 && !unary[a[and - 1]!]) return evalTerm(a.slice(0, and)) && evaluateTest(a.slice(and + 1), ctx);
  return evalTerm(a);
}
