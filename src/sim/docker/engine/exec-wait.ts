// `docker exec` and `docker compose exec` block while their command runs, as `kubectl exec` does
// (k8s/kubectl/exec-runtime.ts): the runtime runs the command to its end at once and adds up its
// waits (`sleep 30`, a wget's 127 s connect timeout to an address nobody has); the machine's clock
// then moves by that much, so `docker exec c sleep 30; date` is 30 s later.

import { EXEC_WAIT_BUDGET_MS, execWaitedMs, type ContainerProcess, type ExecOptions, type ExecResult } from "../../runtime";
import type { World } from "../../world";

/** Runs argv in the container's process, then lets the time the command took pass. */
export function execAndWait(world: World, proc: ContainerProcess, argv: string[], options: Omit<ExecOptions, "timeoutMs">): ExecResult {
  const r = proc.exec(argv, { ...options, timeoutMs: EXEC_WAIT_BUDGET_MS });
  const waited = execWaitedMs(r);
  if (waited > 0) world.advance(waited);
  return r;
}
