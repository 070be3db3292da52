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
  const total = (spec.containers ?? []).length;
  let restarts = 0;
  let readyCount = 0;
  let lastRestart: number | undefined;
  let reason: string = status.phase ?? "Pending";
  if (status.reason) reason = status.reason;
  const scheduled = (status.conditions ?? []).find((c: Obj) => c.type === "PodScheduled");
  if (scheduled?.reason === "SchedulingGated") reason = "SchedulingGated";

  const noteRestart = (cs: Obj) => {
    restarts += cs.restartCount ?? 0;
    const fin = cs.lastState?.terminated?.finishedAt;
    if (fin) {
      const t = Date.parse(fin);
      if (lastRestart === undefined || t > lastRestart) lastRestart = t;
    }
  };

  let initializing = false;
  const inits = (status.initContainerStatuses ?? []) as Obj[];
  const initSpecs = (spec.initContainers ?? []) as Obj[];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i]!;
    noteRestart(cs);
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (initSpecs[i]?.restartPolicy === "Always" && cs.started) continue;
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

  if (!initializing) {
    restarts = 0;
    lastRestart = undefined;
    for (const cs of inits) noteRestart(cs);
    let hasRunning = false;
    const statuses = (status.containerStatuses ?? []) as Obj[];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      noteRestart(cs);
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
      const ready = (status.conditions ?? []).some((c: Obj) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata?.deletionTimestamp && status.phase !== "Succeeded" && status.phase !== "Failed") reason = "Terminating";

  let restartText = String(restarts);
  if (restarts > 0 && lastRestart !== undefined) restartText = `${restarts} (${kubeHumanDuration(now - lastRestart)} ago)`;
  return { ready: `${readyCount}/${total}`, status: reason, restarts: restartText };
}
