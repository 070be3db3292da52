// The machines' head and tail: GNU coreutils (the lab machines are Ubuntu), the same
// implementation the containers' GNU images run (runtime/shell/commands-headtail.ts) — -n/-c with
// their signs, the obsolete -N/+N, size suffixes, ==> FILE <== headers, GNU's error wording —
// over the machine's files. `tail -f` prints what is there and returns: the file never grows and
// a transcript step must end.

import type { Program } from "../programs/registry";
import { head, tail } from "../runtime/shell/commands-headtail";
import type { CommandContext, CommandFn } from "../runtime/shell/commands";

function onMachine(fn: CommandFn): Program {
  return (ctx, args) => {
    let stdout = "";
    let stderr = "";
    const io = { stdin: ctx.stdin, out: (t: string) => { stdout += t; }, err: (t: string) => { stderr += t; } };
    const fs = ctx.host.fs;
    // Only what head and tail read: a file's text, or why it cannot be read.
    const machine = { read: (path: string) => fs.read(path) ?? (fs.isDir(path) ? "EISDIR" : "ENOENT") };
    const cctx = { host: { fs: machine }, cwd: fs.cwd, env: { ...ctx.env }, gnu: true } as unknown as CommandContext;
    const r = fn(args, io, cctx);
    let exitCode = 0;
    if (typeof r === "number") exitCode = r;
    else {
      for (let step = r.next(); ; step = r.next()) {
        if (step.done) { exitCode = step.value; break; }
        if (step.value.kind === "sleep") break;
      }
    }
    return { exitCode, stdout, stderr };
  };
}

export const hostHead = onMachine(head);
export const hostTail = onMachine(tail);
