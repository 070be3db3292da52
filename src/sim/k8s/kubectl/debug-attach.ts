// kubectl debug's handleAttachPod (1.30): wait for the debug container (waitForContainer: running,
// or terminated — then its logs are shown instead), then attach. A command's output is streamed
// until it exits (followed at most a minute of virtual time, as run-attach.ts does); an
// interactive shell waits for typing, which a replay cannot give: refused, the objects staying.
// kubectl debug does not pass the container's exit code on: the command exits 0.

import type { ExecResult } from "../../programs/registry";
import type { KObject } from "../store";
import { server, type KubectlContext } from "./common";

type Obj = Record<string, any>;

const WAIT_MS = 60_000;

export const DEBUG_SHELL_REFUSED =
  "clustergrade: an interactive debugging shell (`kubectl debug -it …` without a command) waits for typing and is not replayed; " +
  "the debugging container was created: give it a command (`-- sh -c '…'`) or use `kubectl exec` on it\n";

/** The container's status wherever the pod lists it (ephemeral ones have their own list). */
function statusOf(pod: Obj | undefined, name: string): Obj | undefined {
  const s = pod?.status ?? {};
  return [...(s.containerStatuses ?? []), ...(s.ephemeralContainerStatuses ?? [])].find((c: Obj) => c.name === name);
}

export function attachDebugContainer(
  ctx: KubectlContext, pod: KObject, container: string, mode: "shell" | "stream", opts: { interactive: boolean; tty: boolean },
): ExecResult {
  // A session that waits for typing is refused before any waiting: the time a real one takes is
  // the user's, not the cluster's.
  if (mode === "shell") return { exitCode: 1, stdout: "", stderr: DEBUG_SHELL_REFUSED };
  const cluster = server(ctx);
  const world = cluster.world;
  const current = () => cluster.store.get<KObject & Obj>("Pod", pod.metadata.namespace, pod.metadata.name);
  const state = () => statusOf(current(), container)?.state ?? {};
  if (!world.advanceUntil(() => !current() || !!state().running || !!state().terminated, WAIT_MS) || !current()) {
    return { exitCode: 1, stdout: "", stderr: "error: timed out waiting for the condition\n" };
  }
  const logs = (previous = false) => cluster.logSource?.logs(current()!, container, previous).logs ?? "";
  // waitForContainer saw it terminated: logOpts prints what it wrote.
  if (state().terminated) return { exitCode: 0, stdout: logs(), stderr: "" };
  let stderr = opts.interactive && opts.tty ? "If you don't see a command prompt, try pressing enter.\n" : "";
  if (!world.advanceUntil(() => !current() || !!state().terminated, WAIT_MS)) {
    stderr += `clustergrade: the attached process was still running after ${WAIT_MS / 1000}s of virtual time; the replay stopped it (^C)\n`;
    return { exitCode: 130, stdout: logs(), stderr };
  }
  return { exitCode: 0, stdout: current() ? logs() : "", stderr };
}
