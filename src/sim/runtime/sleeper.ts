// PID 1 that only sleeps — `kubectl run client --image=busybox -- sleep 3600`, `command: ["sleep",
// "86400"]`, `sh -c 'sleep infinity'`, the client pods and placeholder tasks of most labs. Run
// through the shell interpreter, such a process would be a suspended generator, which a copy of
// the world cannot take (src/sim/clone.ts: a prepared scenario holding one would be booted afresh
// for every grade). It is a timer instead: the same `sleep` command decides the duration (units,
// "infinity", busybox or GNU), and the process exits 0 when it runs out, as `sleep` then does.
// Anything else — other commands, expansions, redirections, an invalid duration (whose error
// message the interpreter prints) — runs through the interpreter as before.

import type { Launch } from "./programs";
import { sleep } from "./shell/commands-text";
import type { CommandContext } from "./shell/commands";
import type { Effect } from "./shell/types";

/** A plain `sleep` command line: no quoting, expansion or redirection to interpret. */
const PLAIN_SLEEP = /^[ \t]*sleep((?:[ \t]+[0-9A-Za-z.]+)+)[ \t]*\n?$/;

/**
 * How long PID 1 sleeps, when sleeping is all it does (undefined: run it through the interpreter).
 * `ctx` is the command context PID 1's shell would give `sleep`.
 */
export function sleeperDuration(launch: Launch, ctx: CommandContext): number | undefined {
  const args = sleepArgs(launch);
  if (!args || !ctx.host.tools.has("sleep")) return undefined;
  const ignore = () => {};
  const run = sleep(args, { stdin: "", out: ignore, err: ignore }, ctx);
  if (typeof run === "number") return undefined;
  const first: IteratorResult<Effect, number> = run.next();
  return !first.done && first.value.kind === "sleep" && first.value.ms > 0 ? first.value.ms : undefined;
}

function sleepArgs(launch: Launch): string[] | undefined {
  const { argv } = launch;
  const base = (s: string) => s.slice(s.lastIndexOf("/") + 1);
  if (launch.kind === "tool" && base(argv[0]!) === "sleep") return argv.slice(1);
  if (launch.kind === "shell" && argv.length === 3 && argv[1] === "-c") {
    const m = PLAIN_SLEEP.exec(argv[2]!);
    return m ? m[1]!.trim().split(/[ \t]+/) : undefined;
  }
  return undefined;
}
