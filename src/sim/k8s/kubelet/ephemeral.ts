// Mirrors the kubelet's ephemeral containers (kuberuntime_manager.go computePodActions'
// EphemeralContainersToStart and convertToAPIContainerStatuses for them, v1.30): once the pod's
// sandbox runs, each ephemeral container in the spec is started once — pulled, created and
// started like any container, but never restarted and never probed — and reported in
// status.ephemeralContainerStatuses (ready false, no `started`). They die with the pod.
//
// Used by kubelet/index.ts: the pod sync (for pods that have ephemeral containers), the status
// and its inputs, and `kubectl logs`.

import { COMPONENT, event } from "../controllers/client";
import type { Container, ContainerStatus, Pod } from "../controllers/model";
import { ContainerDriver } from "./container-driver";
import type { ExitInfo } from "./cri";
import type { KubeletEvent } from "./image-manager";
import { newContainerRecord, type ContainerRecord, type PodRecord } from "./records";

/** spec.ephemeralContainers (the model's PodSpec does not declare it; EphemeralContainerCommon is a Container's fields). */
export function ephemeralSpecs(pod: Pod): Container[] {
  return (pod.spec as { ephemeralContainers?: Container[] }).ephemeralContainers ?? [];
}

/** The ephemeral containers' records of a pod (empty until the kubelet saw one). */
export function ephemeralRecords(rec: PodRecord): ContainerRecord[] {
  return rec.ephemeralContainers ?? [];
}

export class EphemeralWorker extends ContainerDriver {
  /** Starts new ephemeral containers and follows the running ones; kills them with the pod. */
  sync(): void {
    const rec = this.rec;
    const specs = ephemeralSpecs(this.pod);
    if (!specs.length || !rec.sandbox) return;
    const list = (rec.ephemeralContainers ??= []);
    for (const s of specs) if (!list.some((c) => c.name === s.name)) list.push(newContainerRecord(s.name, false));
    const stopping = !!this.pod.metadata.deletionTimestamp || rec.killDeadline !== undefined || !!rec.failed;
    for (const c of list) {
      if (stopping && !c.proc) {
        // Never started (or already gone): it will not start now.
        if (!c.terminated) c.waiting = undefined;
        continue;
      }
      if (stopping && c.killDeadline === undefined) this.kill(c, `Stopping container ${c.name}`);
      this.drive(c);
    }
  }

  nextWake(): number | undefined {
    let t: number | undefined;
    for (const c of ephemeralRecords(this.rec)) {
      for (const x of [c.retryAt, c.killDeadline, c.sigtermAt, c.proc?.nextExit()?.at, c.proc?.nextEvent()]) {
        if (x !== undefined && Number.isFinite(x) && x > this.now && (t === undefined || x < t)) t = x;
      }
    }
    return t;
  }

  protected override spec(c: ContainerRecord): Container {
    return ephemeralSpecs(this.pod).find((x) => x.name === c.name)!;
  }

  /** Ephemeral containers are not restarted, whatever the pod's restartPolicy. */
  protected override onExit(c: ContainerRecord, exit: ExitInfo, reason?: string, message?: string): void {
    super.onExit(c, exit, reason, message, true);
  }

  protected override emit(c: ContainerRecord | undefined, e: KubeletEvent): void {
    const field = c ? `spec.ephemeralContainers{${c.name}}` : undefined;
    event(this.deps.cluster, this.pod, e.type, e.reason, e.message, { component: COMPONENT.kubelet, host: this.rec.node }, field);
  }
}

/** status.ephemeralContainerStatuses, in spec order (ready is always false for them). */
export function ephemeralContainerStatuses(pod: Pod, rec: PodRecord, iso: (t: number) => string): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const s of ephemeralSpecs(pod)) {
    const c = ephemeralRecords(rec).find((x) => x.name === s.name);
    if (!c) continue;
    const state = c.proc && c.startedAt !== undefined ? { running: { startedAt: iso(c.startedAt) } }
      : c.terminated ? { terminated: { ...c.terminated } }
      : { waiting: c.waiting ? { ...c.waiting } : { reason: "ContainerCreating" } };
    const st = {
      name: c.name,
      state,
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image ? c.image.ref.full : s.image ?? "",
      imageID: c.image && c.everStarted ? `${c.image.ref.name}@${c.image.digest}` : "",
    } as ContainerStatus;
    if (c.containerID && (c.proc || c.terminated)) st.containerID = c.containerID;
    out.push(st);
  }
  return out;
}

/** What the ephemeral statuses read, for writeStatus's change check (compared by identity). */
export function ephemeralInputs(rec: PodRecord): unknown[] {
  return ephemeralRecords(rec).flatMap((c) => [c.name, c.proc !== undefined, c.startedAt, c.waiting, c.terminated, c.image, c.containerID]);
}
