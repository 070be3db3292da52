// Mirrors printPod in pkg/printers/internalversion/printers.go: the READY, STATUS and RESTARTS
// cells of `kubectl get pods`, derived from status exactly as the real printer walks it.

import { kubeHumanDuration } from "../../../cli/format/duration";

type Obj = Record<string, any>;

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

export function podCells(pod: Obj, now: number): PodCells {
  const spec = (pod.spec ?? {}) as Obj;
  const status = (pod.status ?? {}) as Obj;
  const conditions = (status.conditions ?? []) as Obj[];
  const initSpecs = (spec.initContainers ?? []) as Obj[];
  // A restartable init container (restartPolicy: Always, a "sidecar") counts as a container.
  const restartable = (name: string) => initSpecs.some((c) => c.name === name && c.restartPolicy === "Always");
  const total = (spec.containers ?? []).length + initSpecs.filter((c) => c.restartPolicy === "Always").length;
  let readyCount = 0;
  let reason: string = status.phase ?? "Pending";
  if (status.reason) reason = status.reason;
  const scheduled = conditions.find((c) => c.type === "PodScheduled");
  if (scheduled?.reason === "SchedulingGated") reason = "SchedulingGated";

  /** Restart counts with the latest lastState.terminated.finishedAt among them. */
  const tally = () => ({ count: 0, last: undefined as number | undefined });
  const note = (t: ReturnType<typeof tally>, cs: Obj) => {
    t.count += cs.restartCount ?? 0;
    const fin = cs.lastState?.terminated?.finishedAt;
    if (fin) {
      const ts = Date.parse(fin);
      if (t.last === undefined || ts > t.last) t.last = ts;
    }
  };
  let restarts = tally();
  const sidecarRestarts = tally();

  let initializing = false;
  const inits = (status.initContainerStatuses ?? []) as Obj[];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i]!;
    note(restarts, cs);
    if (restartable(cs.name)) note(sidecarRestarts, cs);
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable(cs.name) && cs.started) {
      if (cs.ready) readyCount++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== "PodInitializing") {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    // Once initialized, only the sidecars' restarts stay counted next to the containers'.
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses = (status.containerStatuses ?? []) as Obj[];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      note(restarts, cs);
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const ready = conditions.some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  // 1.30 says Terminating whatever the phase: keeping Succeeded/Failed came in 1.31 (PR 122038).
  else if (pod.metadata?.deletionTimestamp) reason = "Terminating";

  let restartText = String(restarts.count);
  if (restarts.count > 0 && restarts.last !== undefined) restartText = `${restarts.count} (${kubeHumanDuration(now - restarts.last)} ago)`;
  return { ready: `${readyCount}/${total}`, status: reason, restarts: restartText };
}
