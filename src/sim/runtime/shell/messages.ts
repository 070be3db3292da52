// The error lines of the three shells containers run, which students see in `kubectl logs` and
// `docker exec` output. busybox ash (ash_vmsg) prints `$0: `, then the builtin's name and
// `line N: ` once a name is set (a builtin runs, or the script came from a file); dash always
// prints `$0: N: `; bash prints `$0: line N: `. The wording of each error differs too.

import type { ShellFlavour } from "./environ";
import type { ExpansionFailure } from "./expand";

export interface ErrorContext {
  flavour: ShellFlavour | undefined;
  /** $0 as invoked: "sh", "/bin/sh", "bash", "./start.sh". */
  arg0: string;
  line: number;
  /** busybox's commandname: set for scripts read from a file (and `sh -c CMD NAME`). */
  named: boolean;
}

function prefix(c: ErrorContext, builtin?: string): string {
  switch (c.flavour) {
    case "dash": return `${c.arg0}: ${c.line}: ${builtin ? `${builtin}: ` : ""}`;
    case "bash": return `${c.arg0}: line ${c.line}: ${builtin ? `${builtin}: ` : ""}`;
    default: {
      const name = builtin ?? (c.named ? c.arg0 : undefined);
      return `${c.arg0}: ${name && name !== c.arg0 ? `${name}: ` : ""}${name ? `line ${c.line}: ` : ""}`;
    }
  }
}

/** A command that is neither builtin nor on $PATH (exit 127). */
export const notFound = (c: ErrorContext, name: string): string =>
  `${prefix(c)}${name}: ${c.flavour === "bash" ? "command not found" : "not found"}\n`;

/** A file run by its path that has no x bit (execve's EACCES; exit 126). */
export const permissionDenied = (c: ErrorContext, name: string): string => `${prefix(c)}${name}: Permission denied\n`;

/** `cd DIR` to a missing directory, and its exit status. */
export function cdFailed(c: ErrorContext, dir: string): { text: string; status: number } {
  if (c.flavour === "bash") return { text: `${prefix(c, "cd")}${dir}: No such file or directory\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c, "cd")}can't cd to ${dir}\n`, status: 2 };
  return { text: `${prefix(c, "cd")}can't cd to ${dir}: No such file or directory\n`, status: 2 };
}

const ASH_FS: Record<string, string> = {
  ENOENT: "nonexistent directory", EROFS: "Read-only file system", EISDIR: "Is a directory", ENOTDIR: "Not a directory",
  ENOSPC: "No space left on device", EACCES: "Permission denied",
};
const LIBC_FS: Record<string, string> = {
  ENOENT: "No such file or directory", EROFS: "Read-only file system", EISDIR: "Is a directory", ENOTDIR: "Not a directory",
  ENOSPC: "No space left on device", EACCES: "Permission denied",
};
const DASH_FS: Record<string, string> = { ...LIBC_FS, ENOENT: "Directory nonexistent" };

/** `> FILE` that cannot be created, and its exit status. */
export function cannotCreate(c: ErrorContext, target: string, code: string): { text: string; status: number } {
  if (c.flavour === "bash") return { text: `${prefix(c)}${target}: ${LIBC_FS[code] ?? code}\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c)}cannot create ${target}: ${DASH_FS[code] ?? code}\n`, status: 2 };
  return { text: `${prefix(c)}can't create ${target}: ${ASH_FS[code] ?? code}\n`, status: 1 };
}

/** `< FILE` that cannot be opened. */
export function cannotOpen(c: ErrorContext, target: string, denied = false): { text: string; status: number } {
  // ash and dash word a missing file their own way (errmsg), any other error as strerror says it.
  if (c.flavour === "bash") return { text: `${prefix(c)}${target}: ${denied ? "Permission denied" : "No such file or directory"}\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c)}cannot open ${target}: ${denied ? "Permission denied" : "No such file"}\n`, status: 2 };
  return { text: `${prefix(c)}can't open ${target}: ${denied ? "Permission denied" : "no such file"}\n`, status: 1 };
}

/**
 * A script that does not parse (exit 2), from busybox's wording made by the parser
 * (`syntax error: unexpected "fi" (expecting "done")`, `syntax error: unexpected end of file`,
 * `unterminated quoted string`): dash says `Syntax error: "fi" unexpected (expecting "done")`
 * after the line; bash names the token and quotes the line, or counts an end of file one line on
 * when the text does not end with a newline. `source` is the script text.
 */
export function syntaxError(c: ErrorContext, e: { message: string; token?: string; openedLine?: number }, source: string): string {
  const m = /^syntax error: unexpected ("[^"]*"|word|newline|redirection|end of file)(?: \(expecting ("[^"]*")\))?$/.exec(e.message);
  const what = m?.[1];
  const expecting = m?.[2] ? ` (expecting ${m[2]})` : "";
  const unterminated = /^syntax error: (unterminated|EOF in backquote|missing '\}')/.test(e.message) || (e.openedLine !== undefined && what === "end of file");
  if (c.flavour === "dash") {
    const text = what !== undefined ? `${what} unexpected${expecting}`
      : e.message.replace(/^syntax error: (.)/, (_, ch: string) => ch.toUpperCase());
    return `${c.arg0}: ${c.line}: Syntax error: ${text}\n`;
  }
  if (c.flavour === "bash") {
    const eof = what === "end of file";
    const line = eof && !source.endsWith("\n") ? c.line + 1 : c.line;
    const where = c.named ? `${c.arg0}: line ${line}:` : `${c.arg0}: -c: line ${line}:`;
    if (unterminated) {
      const opened = c.named ? `${c.arg0}: line ${e.openedLine ?? c.line}:` : `${c.arg0}: -c: line ${e.openedLine ?? c.line}:`;
      return `${opened} unexpected EOF while looking for matching \`${e.token ?? "\""}'\n`;
    }
    if (eof || what === undefined) return `${where} syntax error: unexpected end of file\n`;
    const token = e.token ?? what.replace(/^"(.*)"$/, "$1");
    return `${where} syntax error near unexpected token \`${token}'\n${where} \`${source.split("\n")[c.line - 1] ?? source}'\n`;
  }
  return `${c.arg0}: ${c.named ? `line ${c.line}: ` : ""}${e.message}\n`;
}

/** A failed expansion (`${X?}`, `$((1/0))`): the message and the status the shell exits with. */
export function expansionError(c: ErrorContext, f: ExpansionFailure): { text: string; status: number } {
  const bash = c.flavour === "bash";
  let text: string;
  switch (f.kind) {
    case "parameter-unset": {
      const dflt = f.orNull ? (bash ? "parameter null or not set" : "parameter not set or null") : bash && f.nounset ? "unbound variable" : "parameter not set";
      text = `${f.name}: ${f.message || dflt}`;
      break;
    }
    case "arith-syntax":
      text = bash ? `${f.expr.trim()}: syntax error: operand expected (error token is "${f.token}")`
        : c.flavour === "dash" ? `arithmetic expression: expecting primary: "${f.expr.trim()}"` : "arithmetic syntax error";
      break;
    case "bad-substitution":
      text = bash ? `${f.text}: bad substitution` : c.flavour === "dash" ? "Bad substitution" : "syntax error: bad substitution";
      break;
    case "divide-by-zero":
      text = bash ? `${f.expr.trim()}: division by 0 (error token is "${/[^-+*/%\s]+\s*$/.exec(f.expr)?.[0].trim() ?? "0"}")`
        : c.flavour === "dash" ? `arithmetic expression: division by zero: "${f.expr.trim()}"` : "divide by zero";
      break;
  }
  const status = !bash ? 2 : f.kind === "parameter-unset" ? 127 : 1;
  return { text: `${prefix(c)}${text}\n`, status };
}

export type TestFailure = { kind: "missing-bracket" } | { kind: "bad-number"; value: string };

/** test / [ usage errors (status 2): busybox's applet prints `sh: MSG`, dash and bash name the builtin. */
export function testError(c: ErrorContext | undefined, builtin: string, f: TestFailure): string {
  const flavour = c?.flavour ?? "ash";
  if (flavour === "ash") return `sh: ${f.kind === "missing-bracket" ? "missing ]" : `${f.value}: bad number`}\n`;
  const ctx = c!;
  if (flavour === "dash") return `${prefix(ctx, builtin)}${f.kind === "missing-bracket" ? "missing ]" : `Illegal number: ${f.value}`}\n`;
  return `${prefix(ctx, builtin)}${f.kind === "missing-bracket" ? "missing `]'" : `${f.value}: integer expression expected`}\n`;
}

/** Assigning a readonly variable. */
export function readonlyError(c: ErrorContext, name: string): { text: string } {
  return { text: `${prefix(c)}${name}: ${c.flavour === "bash" ? "readonly variable" : "is read only"}\n` };
}

/** printf given a non-number for %d: each shell's words (the value printed is 0, or the leading integer). */
export function printfNumberError(c: ErrorContext | undefined, raw: string, partial: boolean): string {
  if (!c || c.flavour === "ash" || c.flavour === undefined) return `sh: invalid number '${raw}'\n`;
  if (c.flavour === "dash") return `${prefix(c, "printf")}${raw}: ${partial ? "not completely converted" : "expected numeric value"}\n`;
  return `${prefix(c, "printf")}${raw}: invalid number\n`;
}
