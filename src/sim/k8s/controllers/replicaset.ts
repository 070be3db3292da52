// Mirrors pkg/controller/replicaset/replica_set.go: adopt matching orphans, release owned pods
// whose labels stopped matching, then diff := len(activePods) - replicas — create the missing
// pods (at most burstReplicas per sync) or delete the surplus, chosen by ActivePodsWithRanks —
// and write status. Emits SuccessfulCreate / SuccessfulDelete.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { labelSelectorMatches } from "../api/selectors";
import { COMPONENT, createPod, deletePod, event } from "./client";
import type { ControllerLoop } from "./controller";
import type { KObject, LabelSelector, Pod, ReplicaSet } from "./model";
import { SyncMemo } from "./memo";
import { PodIndex } from "./pod-index";
import { controllerRef, deepClone, isPodActive, isPodAvailable, isPodReady, newControllerRef, nextAvailableAt } from "./pods";
import { rankPodsForDeletion } from "./pod-ranking";

/**
 * Pods created or deleted in one sync. Upstream's BurstReplicas is 500 (then it requeues at
 * once); the batching is not observable at virtual time, so the simulator does it in one pass.
 */
export const BURST_REPLICAS = 10_000;
/** The simulator's budget: no more pods than this in one cluster (a note is recorded). */
export const MAX_PODS = 30_000;

export const createdPodMessage = (name: string): string => `Created pod: ${name}`;
export const failedCreateMessage = (err: string): string => `Error creating: ${err}`;
export const deletedPodMessage = (name: string): string => `Deleted pod: ${name}`;

const memo = new SyncMemo();

export const replicaSetController: ControllerLoop = {
  name: "replicaset-controller",
  sync(cluster) {
    const index = PodIndex.of(cluster);
    let changed = false;
    const store = cluster.store;
    for (const rs of store.list<ReplicaSet>("ReplicaSet")) {
      // Time matters only through minReadySeconds (availability) and a failed creation's retry
      // (scaling down ranks pods by age, but always acts, so it is never skipped).
      const ns = rs.metadata.namespace;
      const inputs = () => {
        const time = (rs.spec.minReadySeconds ?? 0) > 0 || failedAt.has(rs.metadata) ? cluster.world.now : "";
        return `${time}|${rs.metadata.resourceVersion}|${store.revisionOf("Pod", ns)}|${store.revisionOf("ReplicaSet", ns)}|${failedAt.get(rs.metadata)}`;
      };
      if (memo.run(cluster, rs, inputs, () => syncReplicaSet(cluster, rs, index, COMPONENT.replicaset))) changed = true;
    }
    return changed;
  },
  nextWake: (cluster) => nextAvailableAt(cluster, cluster.store.view<ReplicaSet>("ReplicaSet")),
};

/**
 * Claims pods for an owner (ControllerRefManager.ClaimPods): owned pods that still match stay,
 * those that stopped matching are released, matching orphans are adopted.
 */
export function claimPods(
  cluster: KubeCluster, owner: KObject & { spec: { selector: LabelSelector } }, index: PodIndex,
  /** Orphans the owner may adopt besides matching its selector (a StatefulSet only its own ordinals). */
  adoptable: (pod: Pod) => boolean = () => true,
): { pods: Pod[]; changed: boolean } {
  const ns = owner.metadata.namespace ?? "default";
  const uid = owner.metadata.uid;
  const selector = owner.spec.selector;
  let changed = false;
  const pods: Pod[] = [];
  for (const p of index.owned(uid)) {
    if (labelSelectorMatches(selector, p.metadata.labels)) pods.push(p);
    else if (!owner.metadata.deletionTimestamp) {
      p.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (p.metadata.ownerReferences.length === 0) delete p.metadata.ownerReferences;
      cluster.store.update(p);
      changed = true;
    }
  }
  if (!owner.metadata.deletionTimestamp) {
    for (const p of [...index.orphans(ns)]) {
      if (p.metadata.deletionTimestamp || !labelSelectorMatches(selector, p.metadata.labels) || !adoptable(p)) continue;
      p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), newControllerRef(owner)];
      cluster.store.update(p);
      index.adopted(p, uid);
      pods.push(p);
      changed = true;
    }
  }
  return { pods, changed };
}

export function podFromTemplate(owner: ReplicaSet, namespace: string): Pod {
  const t = owner.spec.template;
  const meta = t.metadata ?? {};
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: deepClone(t.spec),
  };
  return pod as unknown as Pod;
}

/** Keyed by the owner's metadata: a ReplicationController is synced through a ReplicaSet view sharing it. */
const failedAt = new SideTable<object, number>();

export function syncReplicaSet(cluster: KubeCluster, rs: ReplicaSet, index: PodIndex, component: string): boolean {
  const ns = rs.metadata.namespace ?? "default";
  const claimed = claimPods(cluster, rs, index);
  let changed = claimed.changed;
  const active = claimed.pods.filter(isPodActive);
  const want = rs.spec.replicas ?? 1;
  if (!rs.metadata.deletionTimestamp) {
    const diff = active.length - want;
    if (diff < 0 && failedAt.get(rs.metadata) !== cluster.world.now) {
      const room = MAX_PODS - index.all.length;
      if (room < -diff) cluster.world.warn(`pod budget: at most ${MAX_PODS} pods are simulated; ${rs.metadata.name} was not scaled further`);
      const n = Math.max(0, Math.min(-diff, BURST_REPLICAS, room));
      for (let i = 0; i < n; i++) {
        const { pod, error } = createPod(cluster, podFromTemplate(rs, ns));
        if (!pod) {
          // Retried when time moves on (the real controller requeues with back-off).
          failedAt.set(rs.metadata, cluster.world.now);
          event(cluster, rs, "Warning", "FailedCreate", failedCreateMessage(error ?? ""), component);
          break;
        }
        event(cluster, rs, "Normal", "SuccessfulCreate", createdPodMessage(pod.metadata.name), component);
        active.push(pod);
      }
      changed = true;
    } else if (diff > 0) {
      const related = relatedPods(cluster, rs, index);
      const victims = rankPodsForDeletion(active, related, cluster.world.now).slice(0, Math.min(diff, BURST_REPLICAS));
      for (const pod of victims) {
        deletePod(cluster, pod);
        event(cluster, rs, "Normal", "SuccessfulDelete", deletedPodMessage(pod.metadata.name), component);
      }
      changed = true;
    }
  }
  if (updateStatus(cluster, rs, claimed.pods.filter(isPodActive))) changed = true;
  return changed;
}

/**
 * getIndirectlyRelatedPods: the pods that the selector of every ReplicaSet with the same
 * controller picks (owned or not; ranking counts the active ones). A ReplicaSet without a
 * controller has none (getReplicaSetsWithSameController answers nil).
 */
function relatedPods(cluster: KubeCluster, rs: ReplicaSet, index: PodIndex): Pod[] {
  const owner = controllerRef(rs)?.uid;
  if (!owner) return [];
  const ns = rs.metadata.namespace ?? "default";
  const siblings = cluster.store.list<ReplicaSet>("ReplicaSet", ns).filter((r) => controllerRef(r)?.uid === owner);
  const seen = new Set<string>();
  const out: Pod[] = [];
  for (const r of siblings) {
    for (const p of index.all) {
      if ((p.metadata.namespace ?? "default") !== ns || seen.has(p.metadata.uid) || !labelSelectorMatches(r.spec.selector, p.metadata.labels)) continue;
      seen.add(p.metadata.uid);
      out.push(p);
    }
  }
  return out;
}

function updateStatus(cluster: KubeCluster, rs: ReplicaSet, active: Pod[]): boolean {
  const now = cluster.world.now;
  const min = rs.spec.minReadySeconds ?? 0;
  const next = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => labelsSuperset(p.metadata.labels, rs.spec.template.metadata?.labels)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, min, now)).length,
    observedGeneration: rs.metadata.generation,
  };
  const prev = rs.status;
  if (prev && prev.replicas === next.replicas && prev.fullyLabeledReplicas === next.fullyLabeledReplicas
    && (prev.readyReplicas ?? 0) === next.readyReplicas && (prev.availableReplicas ?? 0) === next.availableReplicas
    && prev.observedGeneration === next.observedGeneration) return false;
  rs.status = { ...(prev ?? {}), ...next };
  if (!next.readyReplicas) delete rs.status.readyReplicas;
  if (!next.availableReplicas) delete rs.status.availableReplicas;
  cluster.store.touch(rs);
  cluster.world.record("kubernetes", "replicaset-status", `replicaset/${rs.metadata.namespace}/${rs.metadata.name}`, {
    replicas: next.replicas, desired: rs.spec.replicas ?? 1, ready: next.readyReplicas, available: next.availableReplicas,
  });
  return true;
}

function labelsSuperset(labels: Record<string, string> | undefined, want: Record<string, string> | undefined): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => labels?.[k] === v);
}
