// Small helpers of the interpreter: how `set -x` quotes words, the output cap of commands, the
// builtins every shell has, and running a thread to completion at once (command substitution).

import { normalizePath } from "../fs";
import type { CommandContext } from "./commands";
import { MAX_OUTPUT_BYTES, type Io, type Thread } from "./types";

/** A file's text for a command's operand (relative to the working directory); undefined if none is readable. */
export function readTextFile(ctx: CommandContext, f: string): string | undefined {
  const c = ctx.host.fs.read(normalizePath(f, ctx.cwd));
  return c === "ENOENT" || c === "EISDIR" || c === "ENOTDIR" ? undefined : c;
}

/** How `set -x` shows a word: bare when safe, else in single quotes. */
export const traceQuote = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

/** Shell builtins that work even in an image without the binaries (busybox ash has them built in). */
export const ALWAYS_BUILTIN = new Set(["echo", "printf", "test", "[", "true", "false", "pwd", "kill"]);

export function capOutput(io: Io): Io {
  let n = 0;
  const cap = (f: (s: string) => void) => (s: string) => {
    if (n >= MAX_OUTPUT_BYTES) return;
    n += s.length;
    f(s);
  };
  return { stdin: io.stdin, out: cap(io.out), err: cap(io.err) };
}

/** Runs a thread to completion at once: sleeps take no time, programs count as exit 0, jobs run inline. */
export function drain(thread: Thread): number {
  let next = thread.next();
  while (!next.done) {
    const e = next.value;
    if (e.kind === "spawn") drain(e.thread);
    next = thread.next(e.kind === "run" ? 0 : undefined);
  }
  return next.value;
}

