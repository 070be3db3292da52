// `docker exec` and `docker compose exec` block while their command runs, as `kubectl exec` does
// (k8s/kubectl/exec-runtime.ts): the runtime runs the command to its end at once and adds up its
// waits (`sleep 30`, a wget's 127 s connect timeout to an address nobody has); the machine's clock
// then moves by that much, so `docker exec c sleep 30; date` is 30 s later.

import type { ContainerProcess, ExecOptions, ExecResult } from "../../runtime";
import type { World } from "../../world";

/**
 * How long one exec may keep the replay waiting. The docker CLI has no limit of its own: it
 * returns when the command does. The bound is the shell's own `sleep` cap (a day), the same as
 * kubectl exec's EXEC_WAIT_BUDGET_MS; only a command that would run longer — or never end
 * (`tail -f`) — comes back as timed out (124), and moves no time: the replay cannot know when
 * the student interrupted it.
 */
export const DOCKER_EXEC_WAIT_BUDGET_MS = 24 * 3_600_000;

/** Runs argv in the container's process, then lets the time the command took pass. */
export function execAndWait(world: World, proc: ContainerProcess, argv: string[], options: Omit<ExecOptions, "timeoutMs">): ExecResult {
  const r = proc.exec(argv, { ...options, timeoutMs: DOCKER_EXEC_WAIT_BUDGET_MS });
  const waited = r.durationMs ?? 0;
  if (!r.timedOut && waited > 0 && Number.isFinite(waited)) world.advance(Math.min(waited, DOCKER_EXEC_WAIT_BUDGET_MS));
  return r;
}
