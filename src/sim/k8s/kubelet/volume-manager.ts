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
// Once mounted, ConfigMap/Secret volumes follow their source: the pod's periodic sync (every
// minute, syncFrequency; jitter left out) remounts them, so a change shows in the files at the
// next sync after it — never in subPath mounts nor in environment variables.
// A ConfigMap, Secret, downwardAPI or projected volume is one directory on the node, written by
// the atomic writer (atomic-writer.ts: modes, `..data` and the timestamped directory): every
// container mounting it sees that directory, so a new write shows in all of them at once.

import type { FsTree } from "../../runtime/fs-access";
import type { KubeCluster } from "../cluster";
import type { Container, Pod, Volume } from "../controllers/model";
import { samePayload, subPathTree, volumeTree, writeVolume, type Payload, type VolumeLayout, type WrittenVolume } from "./atomic-writer";
import { mountFailed, volumeFiles } from "./container-env";
import type { KubeletEvent } from "./image-manager";
import type { ContainerRecord, PodRecord } from "./records";

export const MOUNT_INITIAL_BACKOFF_MS = 500;
export const MOUNT_MAX_BACKOFF_MS = 122_000;
/** podAttachAndMountTimeout and the pod worker's backOffPeriod after a failed sync. */
export const ATTACH_MOUNT_TIMEOUT_MS = 120_000;
export const POD_WORKER_BACKOFF_MS = 10_000;
/** syncFrequency: each pod is synced (and its ConfigMap/Secret volumes remounted) every minute. */
export const POD_RESYNC_MS = 60_000;

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
      (rec.mountedFiles ??= {})[name] = writeVolume(volumeId(pod, name), got.files!, now, rec.mountedFiles[name]);
      if (followsSource(vol)) rec.followsConfig = true;
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

type DownwardItems = { items?: { fieldRef?: { fieldPath?: string } }[] } | undefined;
/** Downward API items of the pod's labels or annotations: the only ones that change while it runs. */
const editableFields = (d: DownwardItems): boolean => (d?.items ?? []).some((i) => /^metadata\.(labels|annotations)/.test(i.fieldRef?.fieldPath ?? ""));

/**
 * A volume whose files can change: from ConfigMaps/Secrets users edit (not the service account's
 * kube-root-ca.crt), or the downward API's labels and annotations (kubectl label on the pod).
 */
function followsSource(v: Volume): boolean {
  if (v.configMap || v.secret || editableFields(v.downwardAPI as DownwardItems)) return true;
  const sources = ((v.projected as { sources?: Record<string, { name?: string }>[] } | undefined)?.sources) ?? [];
  return sources.some((s) => (s.configMap && s.configMap.name !== "kube-root-ca.crt") || s.secret || editableFields(s["downwardAPI"] as DownwardItems));
}

/** The volume's directory on the node: the pod's and the volume's (the atomic writer's suffix hashes it). */
const volumeId = (pod: Pod, name: string): string => `${pod.metadata.uid}/${name}`;

/** Volumes the atomic writer lays out; a ConfigMap's on the node's disk, the others on a tmpfs. */
const ATOMIC_KINDS = ["configMap", "secret", "downwardAPI", "projected"];
const isAtomic = (v: Volume): boolean => ATOMIC_KINDS.some((k) => v[k] !== undefined);

function layout(pod: Pod, v: Volume): VolumeLayout {
  const fsGroup = (pod.spec["securityContext"] as { fsGroup?: number } | undefined)?.fsGroup;
  return { tmpfs: !v.configMap, ...(fsGroup !== undefined ? { fsGroup } : {}) };
}

const runningContainers = (rec: PodRecord): ContainerRecord[] => [...rec.initContainers, ...rec.containers].filter((c) => c.proc);

/**
 * A new write of a volume, seen at once by the running containers that mount it whole (a subPath
 * mount keeps the file it was given).
 */
function publish(pod: Pod, rec: PodRecord, vol: Volume, written: WrittenVolume, running: readonly ContainerRecord[]): void {
  (rec.mountedFiles ??= {})[vol.name] = written;
  for (const c of running) {
    const spec = ((c.init ? pod.spec.initContainers : pod.spec.containers) ?? []).find((x) => x.name === c.name);
    for (const m of spec?.volumeMounts ?? []) {
      if (m.name === vol.name && !m.subPath) c.proc?.updateTree?.(volumeTree(m.mountPath, written, layout(pod, vol)));
    }
  }
}

/**
 * The trees of the pod's volumes a container mounts, or the FailedMount message. The kubelet
 * sets the volumes up again as it starts a container: a source changed since is written now (and
 * every container sees it); a source deleted since leaves the files as they were.
 */
export function containerTrees(cluster: KubeCluster, pod: Pod, c: Container, rec: PodRecord, now: number): { trees?: FsTree[]; error?: string } {
  const trees: FsTree[] = [];
  for (const m of c.volumeMounts ?? []) {
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name);
    if (!vol) continue;
    const got = volumeFiles(cluster, pod, vol);
    let written = rec.mountedFiles?.[m.name];
    if (got.error && !written) return { error: mountFailed(m.name, got.error) };
    if (!isAtomic(vol)) continue;
    if (!got.error) {
      const next = writeVolume(volumeId(pod, vol.name), got.files!, now, written);
      if (next !== written) publish(pod, rec, vol, next, runningContainers(rec));
      written = next;
    }
    trees.push(m.subPath ? subPathTree(m.mountPath, m.subPath, written!, layout(pod, vol)) : volumeTree(m.mountPath, written!, layout(pod, vol)));
  }
  return { trees };
}

/**
 * The remount of changed ConfigMap/Secret volumes: after a source changed it is scheduled at the
 * pod's next periodic sync (counted from its start); when due, the volume is written anew and the
 * running containers see it (subPath mounts excepted). Returns when the next remount is due, if one is pending.
 */
export function syncConfigVolumes(cluster: KubeCluster, pod: Pod, rec: PodRecord, now: number, running: readonly ContainerRecord[]): number | undefined {
  if (!rec.followsConfig || rec.startTime === undefined) return undefined;
  const changed = new Map<Volume, Payload>();
  for (const v of pod.spec.volumes ?? []) {
    if (!rec.mountedFiles?.[v.name] || !followsSource(v)) continue;
    const got = volumeFiles(cluster, pod, v);
    // A source gone since the mount leaves the files in place.
    if (!got.error && !samePayload(rec.mountedFiles[v.name]!.payload, got.files!)) changed.set(v, got.files!);
  }
  if (!changed.size) {
    rec.volumeRemountAt = undefined;
    return undefined;
  }
  if (rec.volumeRemountAt === undefined) {
    rec.volumeRemountAt = rec.startTime + Math.max(1, Math.ceil((now - rec.startTime) / POD_RESYNC_MS)) * POD_RESYNC_MS;
  }
  if (now < rec.volumeRemountAt) return rec.volumeRemountAt;
  rec.volumeRemountAt = undefined;
  for (const [v, payload] of changed) publish(pod, rec, v, writeVolume(volumeId(pod, v.name), payload, now, rec.mountedFiles![v.name]), running);
  return undefined;
}
