// Mirrors kubelet_pods.go generateAPIPodStatus / getPhase and status_manager: the pod's phase,
// conditions (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled) and
// container statuses (sorted by name) computed from the kubelet's container records.

import type { Condition, ContainerState, ContainerStatus, Pod, PodStatus } from "../controllers/model";
import { setCondition } from "../controllers/pods";
import type { ContainerRecord, PodRecord } from "./records";
import { CONTAINER_CREATING, POD_INITIALIZING } from "./pod-worker";

export const CONDITION_ORDER = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

/**
 * `hasInit`: the pod has init containers, so every container not started yet waits as
 * PodInitializing (convertToAPIContainerStatuses' default), not ContainerCreating.
 */
function containerStatus(c: ContainerRecord, specImage: string, iso: (t: number) => string, hasInit: boolean): ContainerStatus {
  let state: ContainerState;
  if (c.proc && c.startedAt !== undefined) state = { running: { startedAt: iso(c.startedAt) } };
  else if (c.waiting) state = { waiting: { ...c.waiting } };
  else if (c.terminated && !c.restarting) state = { terminated: { ...c.terminated } };
  else if (c.terminated && c.restarting) state = { terminated: { ...c.terminated } };
  else state = { waiting: { reason: hasInit ? POD_INITIALIZING : CONTAINER_CREATING } };
  const running = !!c.proc;
  const st: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.lastTerminated && (running || c.waiting) ? { terminated: { ...c.lastTerminated } } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image ? c.image.ref.full : specImage,
    imageID: c.image && c.everStarted ? `${c.image.ref.name}@${c.image.digest}` : "",
    started: running && c.started,
  };
  if (c.containerID && (running || c.terminated)) st.containerID = c.containerID;
  return st;
}

/** getPhase over the regular containers. */
function phase(pod: Pod, rec: PodRecord, initDone: boolean): NonNullable<PodStatus["phase"]> {
  if (rec.failed) return "Failed";
  if (!initDone) return "Pending";
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of rec.containers) {
    if (c.proc) running++;
    else if (c.terminated && !c.restarting) {
      stopped++;
      if (c.terminated.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    const policy = pod.spec.restartPolicy ?? "Always";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

const done = (c: ContainerRecord) => c.terminated?.exitCode === 0 && !c.restarting && !c.proc;

/** The status the kubelet would report now; keeps transition times of unchanged conditions. */
export function computePodStatus(pod: Pod, rec: PodRecord, iso: (t: number) => string, hostIP: string, nowIso: string): PodStatus {
  const prev = pod.status ?? {};
  if (rec.failed?.reason && !rec.sandbox) {
    // Rejected at admission: no sandbox, no container statuses.
    return {
      phase: "Failed", reason: rec.failed.reason, message: rec.failed.message,
      ...(rec.startTime !== undefined ? { startTime: iso(rec.startTime) } : {}),
      ...(prev.qosClass ? { qosClass: prev.qosClass } : {}),
    };
  }
  const initDone = rec.initContainers.every(done);
  const conds: Condition[] = (prev.conditions ?? []).map((c) => ({ ...c }));
  const ph = phase(pod, rec, initDone);
  const terminal = ph === "Succeeded" || ph === "Failed";
  const set = (c: Condition) => setCondition(conds, { lastProbeTime: null, ...c }, nowIso, { order: CONDITION_ORDER });
  set({ type: "PodReadyToStartContainers", status: rec.sandbox && !terminal ? "True" : "False" });
  const pendingInit = rec.initContainers.filter((c) => !done(c)).map((c) => c.name);
  set(initDone ? { type: "Initialized", status: "True" }
    : { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: `containers with incomplete status: [${pendingInit.join(" ")}]` });
  const unready = rec.containers.filter((c) => !c.ready).map((c) => c.name);
  for (const type of ["Ready", "ContainersReady"]) {
    if (terminal) set({ type, status: "False", reason: "PodCompleted" });
    else if (unready.length === 0 && initDone) set({ type, status: "True" });
    else set({ type, status: "False", reason: "ContainersNotReady", message: `containers with unready status: [${unready.join(" ")}]` });
  }
  set({ type: "PodScheduled", status: "True" });
  conds.sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
  const specImage = (name: string, init: boolean) =>
    ((init ? pod.spec.initContainers : pod.spec.containers) ?? []).find((c) => c.name === name)?.image ?? "";
  const byName = (a: ContainerStatus, b: ContainerStatus) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const status: PodStatus = {
    phase: ph,
    conditions: conds,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rec.podIP ? { podIP: rec.podIP, podIPs: [{ ip: rec.podIP }] } : {}),
    ...(rec.startTime !== undefined ? { startTime: iso(rec.startTime) } : {}),
    ...(rec.initContainers.length
      ? { initContainerStatuses: rec.initContainers.map((c) => containerStatus(c, specImage(c.name, true), iso, true)) }
      : {}),
    containerStatuses: rec.containers.map((c) => containerStatus(c, specImage(c.name, false), iso, rec.initContainers.length > 0)).sort(byName),
    ...(prev.qosClass ? { qosClass: prev.qosClass } : {}),
  };
  if (rec.failed?.reason) {
    status.reason = rec.failed.reason;
    status.message = rec.failed.message;
  }
  return status;
}
