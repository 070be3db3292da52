// The error lines of the three shells containers run, which students see in `kubectl logs` and
// `docker exec` output. busybox ash (ash_vmsg) prints `$0: `, then the builtin's name and
// `line N: ` once a name is set (a builtin runs, or the script came from a file); dash always
// prints `$0: N: `; bash prints `$0: line N: `. The wording of each error differs too.

import type { ShellFlavour } from "./environ";

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

/** `cd DIR` to a missing directory, and its exit status. */
export function cdFailed(c: ErrorContext, dir: string): { text: string; status: number } {
  if (c.flavour === "bash") return { text: `${prefix(c, "cd")}${dir}: No such file or directory\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c, "cd")}can't cd to ${dir}\n`, status: 2 };
  return { text: `${prefix(c, "cd")}can't cd to ${dir}: No such file or directory\n`, status: 2 };
}

const ASH_FS: Record<string, string> = {
  ENOENT: "nonexistent directory", EROFS: "Read-only file system", EISDIR: "Is a directory", ENOTDIR: "Not a directory",
  ENOSPC: "No space left on device",
};
const LIBC_FS: Record<string, string> = {
  ENOENT: "No such file or directory", EROFS: "Read-only file system", EISDIR: "Is a directory", ENOTDIR: "Not a directory",
  ENOSPC: "No space left on device",
};
const DASH_FS: Record<string, string> = { ...LIBC_FS, ENOENT: "Directory nonexistent" };

/** `> FILE` that cannot be created, and its exit status. */
export function cannotCreate(c: ErrorContext, target: string, code: string): { text: string; status: number } {
  if (c.flavour === "bash") return { text: `${prefix(c)}${target}: ${LIBC_FS[code] ?? code}\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c)}cannot create ${target}: ${DASH_FS[code] ?? code}\n`, status: 2 };
  return { text: `${prefix(c)}can't create ${target}: ${ASH_FS[code] ?? code}\n`, status: 1 };
}

/** `< FILE` that cannot be opened. */
export function cannotOpen(c: ErrorContext, target: string): { text: string; status: number } {
  if (c.flavour === "bash") return { text: `${prefix(c)}${target}: No such file or directory\n`, status: 1 };
  if (c.flavour === "dash") return { text: `${prefix(c)}cannot open ${target}: No such file\n`, status: 2 };
  return { text: `${prefix(c)}can't open '${target}': No such file or directory\n`, status: 1 };
}

/**
 * A script that does not parse (exit 2). `message` is busybox's wording from the parser
 * ("syntax error: unexpected \"then\"", "unterminated quoted string"); dash and bash say it their way.
 * `source` is the script (bash quotes the offending line).
 */
export function syntaxError(c: ErrorContext, message: string, source: string): string {
  const token = /^syntax error: unexpected "(.*)"$/.exec(message)?.[1];
  const eof = message === "syntax error: unexpected end of file";
  const unterminated = message.startsWith("unterminated");
  if (c.flavour === "dash") {
    const what = token !== undefined ? `"${token}" unexpected` : eof ? "end of file unexpected" : unterminated ? "Unterminated quoted string" : message;
    return `${c.arg0}: ${c.line}: Syntax error: ${what}\n`;
  }
  if (c.flavour === "bash") {
    const where = c.named ? `${c.arg0}: line ${c.line}:` : `${c.arg0}: -c: line ${c.line}:`;
    if (token !== undefined) return `${where} syntax error near unexpected token \`${token}'\n${where} \`${source.split("\n")[c.line - 1] ?? source}'\n`;
    if (unterminated) return `${where} unexpected EOF while looking for matching \`${source.includes("'") ? "'" : "\""}'\n`;
    return `${where} syntax error: unexpected end of file\n`;
  }
  return `${c.arg0}: ${c.named ? `line ${c.line}: ` : ""}${message}\n`;
}
