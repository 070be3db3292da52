// How a shell is invoked and the builtins that change the shell itself: PID 1's entry (`sh -c`,
// `sh FILE`, a bare shell, a tool), nested `sh -c`, and exit, export, cd, trap, exec, wait, read…

import { normalizePath } from "../fs";
import { SHELL_NAMES as SHELLS } from "../programs";
import { ShellSyntaxError, type Node } from "./ast";
import { ExitSignal, LoopSignal, normalizeSignal, ReturnSignal } from "./control";
import { declareLocal, runExitTrap } from "./functions";
import { arith, expandWord } from "./expand";
import { pathOf } from "./commands-text";
import { cdFailed } from "./messages";
import { accountName } from "../identity";

/** Names the shell runs itself (`command -v echo` prints "echo"). */
const BUILTIN_NAMES = new Set([":", ".", "cd", "echo", "exit", "export", "printf", "pwd", "read", "set", "shift", "source", "test", "[",
  "trap", "true", "false", "type", "unset", "wait", "eval", "exec", "command", "kill", "break", "continue", "readonly",
  "return", "local"]);
import type { Shell } from "./interpreter";
import { parseScript } from "./parser";
import type { Effect, Io, Thread } from "./types";

export { SHELL_NAMES as SHELLS } from "../programs";

/**
 * PID 1 of a container: `sh -c SCRIPT` (a lone simple command is exec'd, as dash and bash do),
 * `sh FILE`, a bare shell (exits on EOF, or waits forever with a TTY), or a tool / script file.
 */
export function* entry(sh: Shell, argv: string[], io: Io, tty: boolean): Thread {
  const status = yield* entryBody(sh, argv, io, tty);
  return yield* runExitTrap(sh, status, io);
}

/**
 * A shell's command line: options (`-e`, `-x`, `-u`, combined as `-ec`, `-o errexit`; others
 * such as -l, -i, -s accepted) up to the first operand or `--`; with `c` the operand is the script.
 */
export function shellOptions(sh: Shell, args: string[]): { script?: string; operands: string[]; command: boolean } {
  let command = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--" || a === "-") { i++; break; }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    const on = a[0] === "-";
    if (a.slice(1) === "o") { const o = args[++i]; if (o === "errexit") sh.errexit = on; else if (o === "xtrace") sh.xtrace = on; else if (o === "nounset") sh.nounset = on; continue; }
    for (const f of a.slice(1)) {
      if (f === "c") command = true;
      else if (f === "e") sh.errexit = on;
      else if (f === "x") sh.xtrace = on;
      else if (f === "u") sh.nounset = on;
    }
  }
  const operands = args.slice(i);
  return command ? { script: operands[0], operands: operands.slice(1), command } : { operands, command };
}

function* entryBody(sh: Shell, argv: string[], io: Io, tty: boolean): Thread {
  try {
    const name = argv[0]!;
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (!SHELLS.has(base)) return yield* sh.command(argv, io, []);
    sh.becomeShell(base);
    const opts = shellOptions(sh, argv.slice(1));
    if (opts.script === undefined) {
      if (opts.operands.length > 0 || io.stdin !== "") return yield* runFile(sh, opts.operands, io, name);
      // Interactive on a terminal: the prompt (on stderr, which the TTY merges), then it waits for a line.
      if (tty) { io.err(firstPrompt(sh)); yield { kind: "sleep", ms: Infinity }; }
      return 0;
    }
    // $0 is the shell as invoked ("/bin/sh"), or the name given after the script (busybox then
    // numbers its error lines as for a script file).
    sh.positional = [opts.operands[0] ?? name, ...opts.operands.slice(1)];
    sh.named = opts.operands[0] !== undefined;
    // A lone simple command is exec'd (it becomes PID 1); any other script runs command by command.
    const node = sh.xtrace ? undefined : parseWhole(opts.script, sh.flavour !== "dash");
    sh.errSink = io.err;
    if (node?.kind === "simple" && node.words.length > 0 && node.redirects.length === 0 && node.assigns.length === 0) {
      const words = node.words.flatMap((w) => expandWord(w, sh.expandCtx()));
      sh.step();
      return (yield* specialBuiltin(sh, "exec", words, io, [])) ?? 0;
    }
    return yield* sh.runText(opts.script, io);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof LoopSignal) return sh.lastStatus;
    throw e;
  }
}

/**
 * PS1 as each shell's startup leaves it: busybox ash's built-in `\w \$ ` (the home directory as
 * "~"), bash's from Debian's /etc/bash.bashrc `\u@\h:\w\$ ` (Alpine's /etc/bash/bashrc has no
 * user: `\h:\w\$ `), dash's fixed "# " / "$ ".
 */
function firstPrompt(sh: Shell): string {
  const uid = sh.host.identity?.uid ?? 0;
  const mark = uid === 0 ? "#" : "$";
  if (sh.flavour === "dash") return `${mark} `;
  const home = sh.host.identity?.home ?? "/root";
  const w = home !== "/" && (sh.cwd === home || sh.cwd.startsWith(`${home}/`)) ? `~${sh.cwd.slice(home.length)}` : sh.cwd;
  if (sh.flavour === "ash") return `${w} ${mark} `;
  if (sh.host.tools.has("ash")) return `${sh.host.hostname}:${w}${mark} `;
  const user = uid === 0 ? "root" : accountName(sh.host.fs, "user", uid) ?? `I have no name!`;
  return `${user}@${sh.host.hostname}:${w}${mark} `;
}

/** The script as one tree, or undefined when it does not parse (it then runs up to its error). */
function parseWhole(src: string, doubleBracket: boolean): Node | undefined {
  try {
    return parseScript(src, doubleBracket);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return undefined;
    throw e;
  }
}

/** A shell run as a command (`sh -c …`, `bash script.sh`): a new shell process of its own. */
export function* subShell(sh: Shell, name: string, args: string[], io: Io, assigns: readonly (readonly [string, string])[] = []): Thread {
  const child = sh.child(undefined, true);
  for (const [k, v] of assigns) { child.vars.set(k, v); child.exported.add(k); } // `A=1 sh -c …`
  child.becomeShell(name);
  const opts = shellOptions(child, args);
  if (opts.script !== undefined) {
    child.positional = [opts.operands[0] ?? name, ...opts.operands.slice(1)];
    child.named = opts.operands[0] !== undefined;
    return yield* runExitTrap(child, yield* child.script(opts.script, io), io);
  }
  return yield* runFile(child, opts.operands, io, name);
}

/** `sh FILE ARGS…` in shell `sh` (already started, options read); no file: an interactive shell reading EOF. */
function* runFile(sh: Shell, args: string[], io: Io, arg0: string): Thread {
  const file = args[0];
  if (file === undefined) {
    // No script: the shell reads its commands from stdin (`echo 'cmd' | docker exec -i c sh`); none is EOF.
    if (io.stdin === "") return 0;
    return yield* runExitTrap(sh, yield* sh.script(io.stdin, { ...io, stdin: "" }), io);
  }
  const content = sh.host.fs.read(normalizePath(file, sh.cwd));
  if (sh.host.fs.readable?.(normalizePath(file, sh.cwd)) === false) {
    if (sh.flavour === "bash") { io.err(`${arg0}: ${file}: Permission denied\n`); return 126; }
    io.err(sh.flavour === "dash" ? `${arg0}: 0: cannot open ${file}: Permission denied\n` : `${arg0}: can't open '${file}': Permission denied\n`);
    return 2;
  }
  if (typeof content !== "string" || content === "ENOENT" || content === "EISDIR") {
    if (sh.flavour === "bash") { io.err(`${arg0}: ${file}: No such file or directory\n`); return 127; }
    io.err(sh.flavour === "dash" ? `${arg0}: 0: cannot open ${file}: No such file\n` : `${arg0}: can't open '${file}': No such file or directory\n`);
    return 2;
  }
  const script = sh.child([file, ...args.slice(1)]);
  script.named = true;
  script.line = 1;
  return yield* runExitTrap(script, yield* script.script(content, io), io);
}

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "in", "{", "}", "!"]);

/** `type NAME…`: keyword, function, builtin or the program's path; unknown names are status 127 (bash: 1). */
function typeOf(sh: Shell, names: string[], io: Io): number {
  let status = 0;
  for (const name of names) {
    if (RESERVED.has(name)) io.out(`${name} is a shell keyword\n`);
    else if (sh.functions.has(name)) io.out(`${name} is a ${sh.flavour === "dash" ? "shell function" : "function"}\n`);
    else if (BUILTIN_NAMES.has(name)) io.out(`${name} is a shell builtin\n`);
    else if (sh.host.tools.has(name) || sh.host.isProgram([name])) io.out(`${name} is ${pathOf(name, sh.host.tools)}\n`);
    else if (sh.flavour === "bash") { io.err(`bash: line ${sh.line}: type: ${name}: not found\n`); status = 1; }
    else { io.out(`${name}: not found\n`); status = 127; }
  }
  return status;
}

/** Builtins that change the shell itself; undefined when `name` is not one. */
export function* specialBuiltin(
  sh: Shell, name: string, args: string[], io: Io, assigns: readonly (readonly [string, string])[],
): Generator<Effect, number | undefined, number | undefined> {
  switch (name) {
    case ":": return 0;
    case "exit": throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : sh.lastStatus);
    case "return": throw new ReturnSignal(args[0] !== undefined ? Number(args[0]) & 255 : sh.lastStatus);
    case "local": return declareLocal(sh, args, io);
    case "break": case "continue": throw new LoopSignal(name, Math.max(1, Number(args[0] ?? 1) || 1));
    case "export": case "readonly":
      for (const a of args.filter((x) => !/^-[a-z]+$/.test(x))) {
        const eq = a.indexOf("=");
        const k = eq === -1 ? a : a.slice(0, eq);
        if (eq !== -1 && !sh.assign(k, a.slice(eq + 1), io, true)) return 1;
        if (name === "export") sh.exported.add(k); else sh.readonlyVars.add(k);
      }
      return 0;
    case "let": {
      // ash and bash: each argument is an arithmetic expression; status 1 when the last is 0.
      if (sh.flavour === "dash") return undefined;
      let last = 0;
      for (const a of args) last = arith(a, sh.expandCtx());
      return last === 0 ? 1 : 0;
    }
    case "unset": for (const a of args) { sh.vars.delete(a); sh.exported.delete(a); } return 0;
    case "set": {
      // -e (errexit) and -x (xtrace), also as `-o errexit`; other options are accepted and ignored.
      // The first operand (or everything after `--`) replaces the positional parameters.
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a === "--" || !/^[-+]/.test(a)) {
          sh.positional = [sh.positional[0]!, ...args.slice(a === "--" ? i + 1 : i)];
          break;
        }
        const on = a.startsWith("-");
        if ((a === "-o" || a === "+o") && args[i + 1]) {
          const o = args[++i];
          if (o === "errexit") sh.errexit = on; else if (o === "xtrace") sh.xtrace = on; else if (o === "nounset") sh.nounset = on;
        } else if (/^[-+][a-z]+$/.test(a)) {
          if (a.includes("e")) sh.errexit = on;
          if (a.includes("x")) sh.xtrace = on;
          if (a.includes("u")) sh.nounset = on;
        }
      }
      return 0;
    }
    case "shift": {
      const n = args[0] === undefined ? 1 : Number(args[0]) || 0;
      if (n > sh.positional.length - 1) {
        // dash reports it and, a special builtin failing, ends the shell; ash and bash return 1.
        if (sh.flavour !== "dash") return 1;
        io.err(`${sh.errorContext().arg0}: ${sh.line}: shift: can't shift that many\n`);
        throw new ExitSignal(2);
      }
      sh.positional = [sh.positional[0]!, ...sh.positional.slice(1 + n)];
      return 0;
    }
    case "cd": {
      // `cd -` goes back to $OLDPWD and prints it; every cd records the directory it left.
      const back = args[0] === "-";
      const dir = normalizePath(back ? sh.vars.get("OLDPWD") ?? sh.cwd : args[0] ?? sh.vars.get("HOME") ?? "/", sh.cwd);
      if (!sh.host.fs.isDir(dir)) { const e = cdFailed(sh.errorContext(), args[0] ?? dir); io.err(e.text); return e.status; }
      sh.vars.set("OLDPWD", sh.cwd);
      if (sh.exported.has("PWD")) sh.exported.add("OLDPWD");
      if (back) io.out(`${dir}\n`);
      sh.cwd = dir;
      if (sh.vars.has("PWD")) sh.vars.set("PWD", dir);
      return 0;
    }
    case "trap": {
      if (args.length === 0) { // list the traps set, in the form that sets them again
        for (const [sig, action] of sh.traps) io.out(`trap -- '${action.replace(/'/g, "'\\''")}' ${sig.replace(/^SIG/, "")}\n`);
        return 0;
      }
      const [action, ...sigs] = args as [string, ...string[]];
      for (const s of sigs) {
        const sig = normalizeSignal(s);
        if (action === "-") sh.traps.delete(sig); else sh.traps.set(sig, action);
      }
      return 0;
    }
    case "command": {
      // `command -v NAME`: builtins print their name, programs their path; nothing and 1 when unknown.
      if (args[0] !== "-v" && args[0] !== "-V") return args.length === 0 ? 0 : yield* sh.command(args, io, assigns);
      const name = args[1];
      if (name === undefined) return 0;
      if (BUILTIN_NAMES.has(name)) { io.out(`${name}\n`); return 0; }
      if (sh.host.tools.has(name) || sh.host.isProgram([name])) { io.out(`${pathOf(name, sh.host.tools)}\n`); return 0; }
      return 1;
    }
    case "type": return typeOf(sh, args, io);
    case "wait": return (yield { kind: "wait" }) ?? 0;
    case "exec":
      if (args.length === 0) return 0;
      for (const [k, v] of assigns) { sh.vars.set(k, v); sh.exported.add(k); }
      if (sh.host.isProgram(args)) throw new ExitSignal((yield { kind: "run", argv: args, exec: true }) ?? 0);
      throw new ExitSignal(yield* sh.command(args, io, []));
    case "eval": return yield* sh.runText(args.join(" "), io);
    case ".": case "source": {
      const content = sh.host.fs.read(normalizePath(args[0] ?? "", sh.cwd));
      if (typeof content !== "string" || content === "ENOENT" || content === "EISDIR") { io.err(`sh: .: can't open '${args[0]}'\n`); return 2; }
      try {
        return yield* sh.runText(content, io);
      } catch (e) {
        if (e instanceof ReturnSignal) return (sh.lastStatus = e.code);
        throw e;
      }
    }
    case "read": return readBuiltin(sh, args, io, assigns.find(([k]) => k === "IFS")?.[1]);
    default: return undefined;
  }
}

/**
 * read [-r] [-p PROMPT] NAME…: one line from stdin (without -r a backslash escapes the next
 * character and joins lines); fields split by $IFS, the last name takes the rest of the line;
 * a line cut short by the end of input is still assigned but the status is 1.
 */
function readBuiltin(sh: Shell, args: string[], io: Io, ifsPrefix: string | undefined): number {
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-r") raw = true;
    else if (a === "-p" || a === "-t" || a === "-n" || a === "-d" || a === "-u") i++; // the prompt shows only on a terminal
    else if (!a.startsWith("-")) names.push(a);
  }
  if (names.length === 0) names.push("REPLY");
  if (io.stdin === "") { for (const n of names) sh.vars.set(n, ""); return 1; }
  let line = "";
  let i = 0;
  let ended = false;
  for (; i < io.stdin.length; i++) {
    const c = io.stdin[i]!;
    if (c === "\n") { ended = true; i++; break; }
    if (c === "\\" && !raw) {
      const next = io.stdin[++i];
      if (next !== undefined && next !== "\n") line += `\u0000${next}`; // escaped: never a separator
      continue;
    }
    line += c;
  }
  io.stdin = io.stdin.slice(i); // consumed, as from a pipe
  const ifs = ifsPrefix ?? sh.vars.get("IFS") ?? " \t\n"; // `IFS=: read …` applies to this read only
  const white = [...ifs].filter((c) => " \t\n".includes(c));
  const isWhite = (c: string) => white.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  let pos = 0;
  const skipWhite = () => { while (pos < line.length && isWhite(line[pos]!)) pos++; };
  const unescape = (t: string) => t.replace(/\u0000(.)/g, "$1");
  skipWhite();
  names.forEach((n, k) => {
    if (k === names.length - 1) {
      let rest = line.slice(pos);
      while (rest.length > 0 && isWhite(rest[rest.length - 1]!) && rest[rest.length - 2] !== "\u0000") rest = rest.slice(0, -1);
      sh.vars.set(n, unescape(rest));
      return;
    }
    let field = "";
    while (pos < line.length && !(isSep(line[pos]!) && line[pos - 1] !== "\u0000")) field += line[pos++];
    if (pos < line.length && !isWhite(line[pos]!)) pos++; // one non-white separator ends the field
    skipWhite();
    sh.vars.set(n, unescape(field));
  });
  return ended ? 0 : 1;
}
