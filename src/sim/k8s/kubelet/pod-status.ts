// Mirrors kubelet_pods.go generateAPIPodStatus / getPhase, prober_manager.go UpdatePodStatus and
// status/generate.go: the pod's phase, conditions (PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled) and container statuses (sorted by name) computed from the
// kubelet's container records. Phase and conditions are derived from the API container statuses,
// as upstream does, so sidecars (restartable init containers) and regular init containers follow
// the same rules as there.

import type { Condition, ContainerState, ContainerStatus, Pod, PodStatus } from "../controllers/model";
import { setCondition } from "../controllers/pods";
import type { ContainerRecord, PodRecord } from "./records";
import { CONTAINER_CREATING, POD_INITIALIZING } from "./reasons";

export const CONDITION_ORDER = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
/** status/generate.go's reasons. */
export const POD_COMPLETED = "PodCompleted";
export const POD_FAILED = "PodFailed";
export const CONTAINERS_NOT_READY = "ContainersNotReady";
export const CONTAINERS_NOT_INITIALIZED = "ContainersNotInitialized";
export const READINESS_GATES_NOT_READY = "ReadinessGatesNotReady";

/**
 * `hasInit`: the pod has init containers, so every container not started yet waits as
 * PodInitializing (convertToAPIContainerStatuses' default), not ContainerCreating.
 */
function containerStatus(c: ContainerRecord, specImage: string, iso: (t: number) => string, hasInit: boolean): ContainerStatus {
  let state: ContainerState;
  if (c.proc && c.startedAt !== undefined) state = { running: { startedAt: iso(c.startedAt) } };
  else if (c.waiting) state = { waiting: { ...c.waiting } };
  else if (c.terminated) state = { terminated: { ...c.terminated } };
  else state = { waiting: { reason: hasInit ? POD_INITIALIZING : CONTAINER_CREATING } };
  const running = !!c.proc;
  // isContainerStarted: running, and its startup probe (if any) succeeded.
  const started = running && c.started;
  // UpdatePodStatus: a regular init container is ready once it exited 0 (never while it runs);
  // app containers and sidecars are ready when started, running and passing readiness.
  const ready = c.init && !c.restartable ? state.terminated?.exitCode === 0 : started && c.ready;
  const st: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.lastTerminated && (running || c.waiting) ? { terminated: { ...c.lastTerminated } } : {},
    ready,
    restartCount: c.restartCount,
    image: c.image ? c.image.ref.full : specImage,
    imageID: c.image && c.everStarted ? `${c.image.ref.name}@${c.image.digest}` : "",
    started,
  };
  if (c.containerID && (running || c.terminated)) st.containerID = c.containerID;
  return st;
}

/** HasAnyRegularContainerStarted: a regular container is running or has terminated. */
const anyRegularStarted = (statuses: readonly ContainerStatus[]): boolean =>
  statuses.some((s) => s.state.running !== undefined || s.state.terminated !== undefined);

/** getPhase over the API statuses (init, sidecars, then regular containers). */
function getPhase(pod: Pod, rec: PodRecord, init: readonly ContainerStatus[], regular: readonly ContainerStatus[]): NonNullable<PodStatus["phase"]> {
  if (rec.failed) return "Failed";
  let pendingInit = 0, failedInit = 0;
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  rec.initContainers.forEach((c, i) => {
    const s = init[i]!;
    if (!c.restartable) {
      if (s.state.running) pendingInit++;
      else if (s.state.terminated) { if (s.state.terminated.exitCode !== 0) failedInit++; }
      else if (s.lastState.terminated) { if (s.lastState.terminated.exitCode !== 0) failedInit++; }
      else pendingInit++;
      return;
    }
    // Sidecars: a running one counts as running (pending until started); exited ones are ignored.
    if (s.state.running) {
      if (!s.started) pendingInit++;
      running++;
    } else if (s.state.waiting && !s.lastState.terminated) {
      pendingInit++;
      waiting++;
    }
  });
  for (const s of regular) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState.terminated) stopped++;
    else waiting++;
  }
  const policy = pod.spec.restartPolicy ?? "Always";
  if (failedInit > 0 && policy === "Never") return "Failed";
  if ((pendingInit > 0 && !anyRegularStarted(regular)) || waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

/** The Initialized, Ready and ContainersReady conditions (status/generate.go). */
function generatedConditions(pod: Pod, rec: PodRecord, init: readonly ContainerStatus[], regular: readonly ContainerStatus[],
  phase: string, existing: readonly Condition[]): Condition[] {
  const incomplete = rec.initContainers
    .filter((c, i) => (c.restartable ? !init[i]!.started : !init[i]!.ready))
    .map((c) => c.name);
  let initialized: Condition;
  if (phase === "Succeeded") initialized = { type: "Initialized", status: "True", reason: POD_COMPLETED };
  else if (anyRegularStarted(regular) || incomplete.length === 0) initialized = { type: "Initialized", status: "True" };
  else initialized = { type: "Initialized", status: "False", reason: CONTAINERS_NOT_INITIALIZED, message: `containers with incomplete status: [${incomplete.join(" ")}]` };

  // Sidecars first, then the regular containers, in spec order.
  const unready = [
    ...rec.initContainers.filter((c, i) => c.restartable && !init[i]!.ready).map((c) => c.name),
    ...rec.containers.filter((c) => !regular.find((s) => s.name === c.name)!.ready).map((c) => c.name),
  ];
  let containersReady: Condition;
  if (phase === "Succeeded" || phase === "Failed") {
    containersReady = { type: "ContainersReady", status: "False", reason: phase === "Failed" ? POD_FAILED : POD_COMPLETED };
  } else if (unready.length) {
    containersReady = { type: "ContainersReady", status: "False", reason: CONTAINERS_NOT_READY, message: `containers with unready status: [${unready.join(" ")}]` };
  } else containersReady = { type: "ContainersReady", status: "True" };

  let ready: Condition = { ...containersReady, type: "Ready" };
  if (containersReady.status === "True") {
    // Readiness gates: conditions others (controllers, kubectl patch --subresource=status) set.
    const gates = (pod.spec["readinessGates"] as { conditionType: string }[] | undefined) ?? [];
    const msgs: string[] = [];
    for (const g of gates) {
      const c = existing.find((x) => x.type === g.conditionType);
      if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
      else if (c.status !== "True") msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
    }
    if (msgs.length) ready = { type: "Ready", status: "False", reason: READINESS_GATES_NOT_READY, message: msgs.join(", ") };
  }
  return [initialized, ready, containersReady];
}

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
  const specImage = (name: string, init: boolean) =>
    ((init ? pod.spec.initContainers : pod.spec.containers) ?? []).find((c) => c.name === name)?.image ?? "";
  const hasInit = rec.initContainers.length > 0;
  const init = rec.initContainers.map((c) => containerStatus(c, specImage(c.name, true), iso, true));
  const regular = rec.containers.map((c) => containerStatus(c, specImage(c.name, false), iso, hasInit));
  let ph = getPhase(pod, rec, init, regular);
  // Pods never leave a terminal phase.
  if (prev.phase === "Succeeded" || prev.phase === "Failed") ph = prev.phase;
  const terminal = ph === "Succeeded" || ph === "Failed";

  // Conditions the kubelet does not own (readiness gates' conditions, DisruptionTarget) come
  // first, as mergePodStatus keeps them; then the kubelet's, in their fixed order.
  const conds: Condition[] = (prev.conditions ?? []).map((c) => ({ ...c }));
  const set = (c: Condition) => setCondition(conds, { lastProbeTime: null, ...c }, nowIso, { order: CONDITION_ORDER });
  set({ type: "PodReadyToStartContainers", status: rec.sandbox && !terminal ? "True" : "False" });
  for (const c of generatedConditions(pod, rec, init, regular, ph, conds)) set(c);
  set({ type: "PodScheduled", status: "True" });
  const rank = (t: string) => CONDITION_ORDER.indexOf(t);
  const others = conds.filter((c) => rank(c.type) < 0);
  const owned = conds.filter((c) => rank(c.type) >= 0).sort((a, b) => rank(a.type) - rank(b.type));
  const byName = (a: ContainerStatus, b: ContainerStatus) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const status: PodStatus = {
    phase: ph,
    conditions: [...others, ...owned],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rec.podIP ? { podIP: rec.podIP, podIPs: [{ ip: rec.podIP }] } : {}),
    ...(rec.startTime !== undefined ? { startTime: iso(rec.startTime) } : {}),
    ...(hasInit ? { initContainerStatuses: init } : {}),
    containerStatuses: regular.sort(byName),
    ...(prev.qosClass ? { qosClass: prev.qosClass } : {}),
  };
  if (rec.failed?.reason) {
    status.reason = rec.failed.reason;
    status.message = rec.failed.message;
  }
  return status;
}
