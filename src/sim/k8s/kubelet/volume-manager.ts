// Mirrors pkg/kubelet/volumemanager as a pod's sync sees it: before the sandbox is made, every
// volume a container (init or regular) mounts must be set up (kubelet.go SyncPod →
// WaitForAttachAndMount). A ConfigMap/Secret source that is missing and not optional fails the
// mount, so no container of the pod starts, there is no sandbox and no pod IP, and each failed
// attempt is a `FailedMount` event. The reconciler retries a failed mount after the operation
// executor's exponential back-off (goroutinemap/exponentialbackoff: 500 ms, doubling, capped at
// 2m2s). The pod worker waits for the mounts up to 2 minutes (podAttachAndMountTimeout), then
// backs off 10 s (backOffPeriod, jitter left out) before waiting again: a volume mounted in
// that gap lets the containers start when the next wait begins. Unused volumes are skipped
// (desired_state_of_world_populator: "Skipping unused volume"); in 1.30 the timeout itself
// records no event (WaitForAttachAndMount's wait.Interrupted error is not reported).

import type { KubeCluster } from "../cluster";
import type { Pod } from "../controllers/model";
import { mountFailed, volumeFiles } from "./container-env";
import type { KubeletEvent } from "./image-manager";
import type { PodRecord } from "./records";

export const MOUNT_INITIAL_BACKOFF_MS = 500;
export const MOUNT_MAX_BACKOFF_MS = 122_000;
/** podAttachAndMountTimeout and the pod worker's backOffPeriod after a failed sync. */
export const ATTACH_MOUNT_TIMEOUT_MS = 120_000;
export const POD_WORKER_BACKOFF_MS = 10_000;

/** Names of the pod's volumes that some container mounts, in spec.volumes order. */
function usedVolumes(pod: Pod): string[] {
  const used = new Set<string>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const m of c.volumeMounts ?? []) used.add(m.name);
  }
  return (pod.spec.volumes ?? []).filter((v) => used.has(v.name)).map((v) => v.name);
}

export interface MountResult {
  /** Every used volume is mounted and the pod worker is waiting: the sandbox can be made now. */
  ready: boolean;
  /** When the pod needs the kubelet again (the next mount retry or the end of the worker's back-off). */
  retryAt?: number;
}

/**
 * One reconciler pass for the pod's volumes at `now`: mounts what can be mounted, records the
 * back-off of what cannot (emitting FailedMount), and says whether the pod may go on.
 */
export function mountPodVolumes(cluster: KubeCluster, pod: Pod, rec: PodRecord, now: number, emit: (e: KubeletEvent) => void): MountResult {
  rec.mountWaitSince ??= now;
  const state = (rec.mounts ??= {});
  let retryAt: number | undefined;
  let pending = false;
  for (const name of usedVolumes(pod)) {
    const s = state[name];
    if (s?.mounted) continue;
    if (s && now < s.lastErrorAt + s.durationMs) {
      pending = true;
      retryAt = Math.min(retryAt ?? Infinity, s.lastErrorAt + s.durationMs);
      continue;
    }
    const vol = pod.spec.volumes!.find((v) => v.name === name)!;
    const got = volumeFiles(cluster, pod, vol);
    if (!got.error) {
      state[name] = { durationMs: 0, lastErrorAt: now, error: "", mounted: true };
      (rec.mountedFiles ??= {})[name] = got.files!;
      continue;
    }
    const durationMs = s ? Math.min(s.durationMs * 2, MOUNT_MAX_BACKOFF_MS) : MOUNT_INITIAL_BACKOFF_MS;
    const error = mountFailed(name, got.error);
    state[name] = { durationMs, lastErrorAt: now, error, mounted: false };
    emit({ type: "Warning", reason: "FailedMount", message: error });
    pending = true;
    retryAt = Math.min(retryAt ?? Infinity, now + durationMs);
  }
  if (pending) return { ready: false, retryAt };
  // Mounted: the pod goes on at once if its worker is inside a wait, else when the next one begins.
  const cycle = ATTACH_MOUNT_TIMEOUT_MS + POD_WORKER_BACKOFF_MS;
  const offset = (now - rec.mountWaitSince) % cycle;
  if (offset <= ATTACH_MOUNT_TIMEOUT_MS) return { ready: true };
  return { ready: false, retryAt: now + (cycle - offset) };
}
