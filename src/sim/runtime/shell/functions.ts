// Shell functions and the EXIT trap: calling `name() { …; }` with its own $1…, `return`,
// `local` (busybox ash, dash and bash all have it), and the trap a shell runs when it ends.

import { ExitSignal, ReturnSignal } from "./control";
import { ShellSyntaxError, type Node } from "./ast";
import type { Shell } from "./interpreter";
import { parseScript } from "./parser";
import type { Io, Thread } from "./types";

/** Runs a function with its arguments as $1…; `return N` ends it, `local` values are restored. */
export function* callFunction(sh: Shell, body: Node, args: string[], io: Io): Thread {
  const saved = sh.positional;
  sh.positional = [saved[0]!, ...args];
  const frame = new Map<string, string | undefined>();
  sh.localFrames.push(frame);
  try {
    return yield* sh.run(body, io);
  } catch (e) {
    if (e instanceof ReturnSignal) return (sh.lastStatus = e.code);
    throw e;
  } finally {
    sh.positional = saved;
    sh.localFrames.pop();
    for (const [k, v] of frame) if (v === undefined) sh.vars.delete(k); else sh.vars.set(k, v);
  }
}

/** `local NAME[=VALUE]…`: remembers the outer value once per frame; outside a function, an error. */
export function declareLocal(sh: Shell, names: string[], io: Io): number {
  const frame = sh.localFrames.at(-1);
  if (!frame) {
    io.err(`${sh.errorContext().arg0}: local: not in a function\n`);
    return 1;
  }
  for (const a of names) {
    const eq = a.indexOf("=");
    const k = eq === -1 ? a : a.slice(0, eq);
    if (!frame.has(k)) frame.set(k, sh.vars.get(k));
    if (eq !== -1) sh.vars.set(k, a.slice(eq + 1));
  }
  return 0;
}

/** The EXIT trap, run once when a shell process ends; `exit N` inside it sets the status. */
export function* runExitTrap(sh: Shell, status: number, io: Io): Thread {
  const action = sh.traps.get("EXIT");
  if (!action) return status;
  sh.traps.delete("EXIT");
  sh.lastStatus = status;
  try {
    yield* sh.run(parseScript(action), io);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (!(e instanceof ShellSyntaxError)) throw e;
  }
  return status;
}
