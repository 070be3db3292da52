// The few everyday utilities students pipe kubectl/docker output through: echo, printf, cat,
// base64, grep, wc, head, tail, sort, sleep, true, false, ls, touch, rm, mkdir. Behaviour follows
// GNU coreutils for the flags supported; anything else fails with the real-looking usage error.

import { breToJs } from "../runtime/shell/sed";
import { base64ToUtf8 as decodeBase64, utf8ToBase64 as encodeBase64 } from "../base64";
import { parseDuration } from "../clock";
import { fail, ok, type ExecResult, type Program, type ProgramRegistry } from "./registry";
import { registerHostInfo } from "./host-info";
import { service, systemctl } from "./host-services";
import { hostPing } from "./host-ping";
import { hostTools } from "./host-tools";
import { hostHead, hostTail } from "../shell/host-headtail";

/** The longest a single `sleep` may wait (virtual), so no script can stall a replay. */
export const MAX_SLEEP_MS = 24 * 3_600_000;

const echo: Program = (_ctx, args) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const f of args[i]!.slice(1)) {
      if (f === "n") newline = false;
      if (f === "e") escapes = true;
      if (f === "E") escapes = false;
    }
  }
  let text = args.slice(i).join(" ");
  if (escapes) {
    // \c ends the output there, newline included.
    const stop = /(?<!\\)(?:\\\\)*\\c/.exec(text);
    if (stop) return ok(unescapeC(text.slice(0, stop.index + stop[0].length - 2), "echo"));
    text = unescapeC(text, "echo");
  }
  return ok(text + (newline ? "\n" : ""));
};

const ECHO_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
const PRINTF_ESCAPES: Record<string, string> = { ...ECHO_ESCAPES, '"': '"', "'": "'", "?": "?" };
const PRINTF_ESCAPE = /\\([abeEfnrtv\\"'?]|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8})/g;
const ECHO_ESCAPE = /\\([abeEfnrtv\\]|0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8})/g;

/**
 * bash's escapes: printf's format (\a \b \e \f \n \r \t \v \\ \" \' \?, \NNN octal, \xHH, \uHHHH,
 * \UHHHHHHHH) or `echo -e`'s, where octal needs a leading 0 (\0NNN) and \" \' \? stay as written.
 */
function unescapeC(s: string, mode: "printf" | "echo" = "printf"): string {
  const simple = mode === "printf" ? PRINTF_ESCAPES : ECHO_ESCAPES;
  return s.replace(mode === "printf" ? PRINTF_ESCAPE : ECHO_ESCAPE, (_m, e: string) => {
    if (e in simple) return simple[e]!;
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(mode === "echo" ? e.slice(1) || "0" : e, 8) & 0xff);
    const code = parseInt(e.slice(1), 16);
    return e[0] === "x" ? String.fromCharCode(code) : code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

const printf: Program = (_ctx, args) => {
  if (args.length === 0) return fail("printf: usage: printf [-v var] format [arguments]", 2);
  const [fmt, ...rest] = args as [string, ...string[]];
  let out = "";
  let argi = 0;
  let guard = 0;
  do {
    out += unescapeC(fmt).replace(/%([sdq%])/g, (_m, k: string) => {
      if (k === "%") return "%";
      const v = rest[argi++] ?? "";
      if (k === "d") return String(parseInt(v, 10) || 0);
      return v;
    });
  } while (argi < rest.length && ++guard < 1000);
  return ok(out);
};

/**
 * GNU cat: -n/-b number lines (all / non-blank, "%6d\t"), -s squeezes blank lines, -E marks line ends
 * with $, -T shows tabs as ^I, -v control characters in ^X notation; -A is -vET, -e -vE, -t -vT.
 */
const CAT_LONG: Record<string, string> = { "--number": "n", "--number-nonblank": "b", "--squeeze-blank": "s", "--show-ends": "E",
  "--show-tabs": "T", "--show-nonprinting": "v", "--show-all": "A" };

const cat: Program = (ctx, args) => {
  const opts = new Set<string>();
  const files: string[] = [];
  let ended = false;
  for (const a of args) {
    if (ended || a === "-" || !a.startsWith("-")) { files.push(a); continue; }
    if (a === "--") { ended = true; continue; }
    const letters = a.startsWith("--") ? CAT_LONG[a] : a.slice(1);
    if (letters === undefined) return fail(`cat: unrecognized option '${a}'\nTry 'cat --help' for more information.`);
    for (const c of letters) {
      if (!"AbeEnstTuv".includes(c)) return fail(`cat: invalid option -- '${c}'\nTry 'cat --help' for more information.`);
      for (const x of ({ A: "vET", e: "vE", t: "vT" } as Record<string, string>)[c] ?? c) opts.add(x);
    }
  }
  let out = "";
  let err = "";
  for (const f of files.length ? files : ["-"]) {
    if (f === "-") { out += ctx.stdin; continue; }
    const c = ctx.host.fs.read(f);
    if (c === undefined) {
      err += ctx.host.fs.isDir(f) ? `cat: ${f}: Is a directory\n` : `cat: ${f}: No such file or directory\n`;
    } else out += c;
  }
  return { exitCode: err ? 1 : 0, stdout: opts.size ? catOptions(out, opts) : out, stderr: err };
};

/** The text as cat's options show it (the numbering runs on across files, as GNU cat's does). */
function catOptions(text: string, opts: Set<string>): string {
  const lines = text.split("\n");
  const last = lines.pop()!;
  let n = 0;
  let blankRun = false;
  const show = (line: string, ended: boolean): string | undefined => {
    const blank = line === "";
    if (opts.has("s") && blank && ended && blankRun) return undefined;
    blankRun = blank && ended;
    let body = line;
    if (opts.has("v")) body = [...body].map((ch) => { const k = ch.charCodeAt(0); return k === 9 ? ch : k < 32 ? `^${String.fromCharCode(k + 64)}` : k === 127 ? "^?" : ch; }).join("");
    if (opts.has("T")) body = body.replace(/\t/g, "^I");
    const numbered = opts.has("b") ? !blank : opts.has("n");
    return `${numbered ? `${String(++n).padStart(6)}\t` : ""}${body}${ended ? (opts.has("E") ? "$\n" : "\n") : ""}`;
  };
  let out = "";
  for (const l of lines) out += show(l, true) ?? "";
  if (last !== "") out += show(last, false) ?? "";
  return out;
}

const base64: Program = (ctx, args) => {
  const decode = args.some((a) => a === "-d" || a === "--decode");
  const wrapOff = args.some((a) => a === "-w0" || a === "--wrap=0");
  const file = args.filter((a) => !a.startsWith("-"))[0];
  const input = file === undefined ? ctx.stdin : ctx.host.fs.read(file);
  if (input === undefined) return fail(`base64: ${file}: No such file or directory`);
  if (decode) {
    const clean = input.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return { exitCode: 1, stdout: decodeBase64(clean.replace(/[^A-Za-z0-9+/=]/g, "")), stderr: "base64: invalid input\n" };
    return ok(decodeBase64(clean));
  }
  const enc = encodeBase64(input);
  if (wrapOff) return ok(enc);
  return ok((enc.match(/.{1,76}/g) ?? [""]).join("\n") + "\n");
};

function inputOf(ctx: Parameters<Program>[0], files: string[]): { text: string; error?: ExecResult } {
  if (files.length === 0) return { text: ctx.stdin };
  let text = "";
  for (const f of files) {
    const c = ctx.host.fs.read(f);
    if (c === undefined) return { text: "", error: fail(`${f}: No such file or directory`, 2) };
    text += c;
  }
  return { text };
}

const grep: Program = (ctx, args) => {
  let invert = false, ignoreCase = false, count = false, extended = false, word = false;
  let quiet = false, numbers = false, only = false, fixed = false;
  let after = 0, before = 0;
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const ctxFlag = /^-([ABC])(\d*)$/.exec(a);
    if (ctxFlag) {
      const n = Number(ctxFlag[2] || args[++i]);
      if (!Number.isInteger(n) || n < 0) return fail(`grep: ${args[i] ?? ""}: invalid context length argument`, 2);
      if (ctxFlag[1] !== "B") after = n;
      if (ctxFlag[1] !== "A") before = n;
    } else if (a === "-e" && pattern === undefined && i + 1 < args.length) pattern = args[++i];
    else if (/^-[vicEwFqno]+$/.test(a)) {
      fixed ||= a.includes("F");
      invert ||= a.includes("v"); ignoreCase ||= a.includes("i"); count ||= a.includes("c");
      extended ||= a.includes("E"); word ||= a.includes("w");
      quiet ||= a.includes("q"); numbers ||= a.includes("n"); only ||= a.includes("o");
    } else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
  const { text, error } = inputOf(ctx, files);
  if (error) return { ...error, stderr: "grep: " + error.stderr };
  let re: RegExp;
  try {
    // GNU grep's basic syntax: \| \( \) \{ \} \+ \? are the operators (-E: the bare ones); -F: literal.
    const src = fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : breToJs(pattern, extended);
    re = new RegExp(word ? `\\b(?:${src})\\b` : src, ignoreCase ? "i" : "");
  } catch {
    return fail("grep: Unmatched ( or \\(", 2);
  }
  const all = splitLines(text);
  const numbered = all.map((l, i) => [i + 1, l] as const).filter(([, l]) => re.test(l) !== invert);
  const exitCode = numbered.length ? 0 : 1;
  if (quiet) return { exitCode, stdout: "", stderr: "" };
  if (count) return { exitCode, stdout: `${numbered.length}\n`, stderr: "" };
  const prefix = (n: number) => (numbers ? `${n}:` : "");
  if ((after > 0 || before > 0) && !only) {
    // GNU grep's context: matches with ":", context lines with "-", "--" between separate groups.
    const hit = new Set(numbered.map(([n]) => n));
    const show = new Set<number>();
    for (const n of hit) for (let k = Math.max(1, n - before); k <= Math.min(all.length, n + after); k++) show.add(k);
    let out = "";
    let last = 0;
    for (const n of [...show].sort((a, b) => a - b)) {
      if (last && n > last + 1) out += "--\n";
      out += (numbers ? `${n}${hit.has(n) ? ":" : "-"}` : "") + all[n - 1] + "\n";
      last = n;
    }
    return { exitCode, stdout: out, stderr: "" };
  }
  const out = only && !invert
    ? numbered.flatMap(([n, l]) => [...l.matchAll(new RegExp(re.source, re.flags + "g"))].filter((m) => m[0] !== "").map((m) => prefix(n) + m[0] + "\n"))
    : numbered.map(([n, l]) => prefix(n) + l + "\n");
  return { exitCode, stdout: out.join(""), stderr: "" };
};

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const wc: Program = (ctx, args) => {
  const { text, error } = inputOf(ctx, args.filter((a) => !a.startsWith("-")));
  if (error) return { ...error, stderr: "wc: " + error.stderr };
  const lines = (text.match(/\n/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (args.includes("-l")) return ok(`${lines}\n`);
  if (args.includes("-w")) return ok(`${words}\n`);
  if (args.includes("-c")) return ok(`${new TextEncoder().encode(text).length}\n`);
  return ok(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(text.length).padStart(7)}\n`);
};

const sort: Program = (ctx, args) => {
  const { text, error } = inputOf(ctx, args.filter((a) => !a.startsWith("-")));
  if (error) return error;
  const lines = splitLines(text).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (args.includes("-r")) lines.reverse();
  const out = args.includes("-u") ? [...new Set(lines)] : lines;
  return ok(out.map((l) => l + "\n").join(""));
};

const sleep: Program = (ctx, args) => {
  if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.");
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === undefined) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
    total += ms;
  }
  // In the background the job ends then; the shell goes on at once.
  if (ctx.background) return { ...ok(), runsUntil: ctx.world.now + Math.min(total, MAX_SLEEP_MS) };
  ctx.world.advance(Math.min(total, MAX_SLEEP_MS));
  return ok();
};

/**
 * GNU ls without -l: missing operands first (stderr, exit 2), then the files named, then each
 * directory's entries under a "DIR:" header when more than one operand was given, sections apart
 * by a blank line; dot entries only with -a (with . and ..) or -A. Operands and entries sorted.
 */
const ls: Program = (ctx, args) => {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-").join("");
  const all = flags.includes("a");
  const almostAll = all || flags.includes("A");
  const operands = args.filter((a) => !a.startsWith("-") || a === "-");
  const targets = operands.length ? operands : ["."];
  const fs = ctx.host.fs;
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  let err = "";
  const files: string[] = [];
  const dirs: string[] = [];
  // -d lists directories as themselves, like files.
  const asFiles = /^[a-zA-Z]*$/.test(flags.replace(/-/g, "")) && flags.includes("d");
  for (const t of targets) {
    if (fs.isDir(t) && !asFiles) dirs.push(t);
    else if (fs.isDir(t) || fs.read(t) !== undefined) files.push(t);
    else err += `ls: cannot access '${t}': No such file or directory\n`;
  }
  const sections: string[] = [];
  if (files.length) sections.push(files.sort(byName).map((f) => f + "\n").join(""));
  for (const d of dirs.sort(byName)) {
    const entries = fs.entries(d).filter((e) => almostAll || !e.startsWith(".")).sort(byName);
    const listed = (all ? [".", "..", ...entries] : entries).map((e) => e + "\n").join("");
    sections.push(targets.length > 1 ? `${d}:\n${listed}` : listed);
  }
  return { exitCode: err ? 2 : 0, stdout: sections.join("\n"), stderr: err };
};

const touch: Program = (ctx, args) => {
  for (const f of args.filter((a) => !a.startsWith("-"))) {
    if (ctx.host.fs.read(f) === undefined) ctx.host.fs.write(f, "");
  }
  return ok();
};

const rm: Program = (ctx, args) => {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  let err = "";
  for (const f of args.filter((a) => !a.startsWith("-"))) {
    if (!ctx.host.fs.remove(f) && !force) err += `rm: cannot remove '${f}': No such file or directory\n`;
  }
  return { exitCode: err ? 1 : 0, stdout: "", stderr: err };
};

const mkdir: Program = (ctx, args) => {
  // Records the directories (bind-mount sources are checked); `-m MODE` takes a value.
  args.forEach((a, i) => { if (!a.startsWith("-") && !/^(-m|--mode)$/.test(args[i - 1] ?? "")) ctx.host.fs.mkdir(a); });
  return ok();
};

export function registerCoreutils(reg: ProgramRegistry): void {
  reg
    .register("echo", echo)
    .register("printf", printf)
    .register("cat", cat)
    .register("base64", base64)
    .register("grep", grep)
    .register("wc", wc)
    .register("head", hostHead)
    .register("tail", hostTail)
    .register("sort", sort)
    .register("sleep", sleep)
    .register("true", () => ok())
    .register("false", () => ({ exitCode: 1, stdout: "", stderr: "" }))
    .register("ls", ls)
    .register("touch", touch)
    .register("rm", rm)
    .register("mkdir", mkdir)
    .register("clear", () => ok());
  for (const [name, program] of hostTools()) reg.register(name, program);
  reg.register("ping", hostPing);
  registerHostInfo(reg);
  reg.register("systemctl", systemctl).register("service", service);
}
