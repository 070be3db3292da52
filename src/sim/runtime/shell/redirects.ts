// Redirections around a command: `>`/`>>` write through the container filesystem, `<` reads a
// file, `<<` feeds a here-document, `<<<` a here-string, `N>&M` duplicates a stream.

import { normalizePath } from "../fs";
import type { Redirect } from "./ast";
import { expandSingle } from "./expand";
import type { Shell } from "./interpreter";
import { cannotCreate, cannotOpen } from "./messages";
import type { Io, Thread } from "./types";

/** Runs `body` with `redirects` applied; a target that cannot be opened fails the command alone. */
export function* withRedirects(sh: Shell, redirects: Redirect[], io: Io, body: (io: Io) => Thread): Thread {
  if (redirects.length === 0) return yield* body(io);
  const rio: Io = { ...io };
  for (const r of redirects) {
    const target = expandSingle(r.target, sh.expandCtx());
    if (r.op === "<<" || r.op === "<<<") {
      if (r.fd === 0) rio.stdin = r.op === "<<" ? target : `${target}\n`;
      continue;
    }
    if (r.op === ">&") { // dup: the target fd as it is now; `>&-` closes (output is lost)
      const to = target === "1" ? rio.out : target === "2" ? rio.err : target === "-" ? () => {} : undefined;
      if (to) { if (r.fd === 2) rio.err = to; else rio.out = to; }
      continue;
    }
    const path = normalizePath(target, sh.cwd);
    if (r.op === "<") {
      const content = sh.host.fs.read(path);
      const denied = sh.host.fs.readable?.(path) === false;
      if (denied || typeof content !== "string" || content === "EISDIR" || content === "ENOENT") {
        const e = cannotOpen(sh.errorContext(), target, denied);
        io.err(e.text);
        return e.status;
      }
      rio.stdin = content;
      continue;
    }
    const bad = sh.host.fs.write(path, "", r.op === ">>");
    if (bad) { const e = cannotCreate(sh.errorContext(), target, bad); io.err(e.text); return e.status; }
    const sink = (s: string) => { sh.host.fs.write(path, s, true); };
    if (r.op === "&>") { rio.out = sink; rio.err = sink; } else if (r.fd === 2) rio.err = sink; else rio.out = sink;
  }
  return yield* body(rio);
}
