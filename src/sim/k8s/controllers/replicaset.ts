// Mirrors pkg/controller/replicaset/replica_set.go: adopt matching orphans, release owned pods
// whose labels stopped matching, then diff := len(activePods) - replicas — create the missing
// pods (at most burstReplicas per sync) or delete the surplus, chosen by ActivePodsWithRanks —
// and write status. Emits SuccessfulCreate / SuccessfulDelete.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { labelSelectorMatches } from "../api/selectors";
import { COMPONENT, createPod, deletePod, event } from "./client";
import type { ControllerLoop } from "./controller";
import type { Condition, KObject, LabelSelector, Pod, ReplicaSet } from "./model";
import { SyncMemo } from "./memo";
import { PodIndex } from "./pod-index";
import { controllerRef, deepClone, isPodActive, isPodAvailable, isPodReady, iso, newControllerRef, nextAvailableAt } from "./pods";
import { earliest } from "./controller";
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
        const time = (rs.spec.minReadySeconds ?? 0) > 0 ? cluster.world.now : "";
        const f = failures.get(rs.metadata);
        const retry = f && cluster.world.now >= f.retryAt ? f.retryAt : "";
        return `${time}|${retry}|${rs.metadata.resourceVersion}|${store.revisionOf("Pod", ns)}|${store.revisionOf("ReplicaSet", ns)}`;
      };
      if (memo.run(cluster, rs, inputs, () => syncReplicaSet(cluster, rs, index, COMPONENT.replicaset))) changed = true;
    }
    return changed;
  },
  nextWake: (cluster) => earliest(nextAvailableAt(cluster, cluster.store.view<ReplicaSet>("ReplicaSet")), nextRetryAt(cluster, cluster.store.view<ReplicaSet>("ReplicaSet"))),
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

/**
 * A sync whose pod creation failed is requeued rate-limited (workqueue's default controller rate
 * limiter: 5 ms doubling per failure, at most 1000 s); a sync that creates without error forgets
 * the failures. Keyed by the owner's metadata: a ReplicationController is synced through a
 * ReplicaSet view sharing it.
 */
const failures = new SideTable<object, { at: number; count: number; retryAt: number }>();
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1_000_000;

/** The next rate-limited retry of a failed creation, after now. */
export function nextRetryAt(cluster: KubeCluster, owners: readonly KObject[]): number | undefined {
  let t: number | undefined;
  for (const o of owners) {
    const at = failures.get(o.metadata)?.retryAt;
    if (at !== undefined && at > cluster.world.now && (t === undefined || at < t)) t = at;
  }
  return t;
}

export const REPLICA_FAILURE = "ReplicaFailure";

export function syncReplicaSet(cluster: KubeCluster, rs: ReplicaSet, index: PodIndex, component: string): boolean {
  const ns = rs.metadata.namespace ?? "default";
  const claimed = claimPods(cluster, rs, index);
  let changed = claimed.changed;
  const active = claimed.pods.filter(isPodActive);
  const want = rs.spec.replicas ?? 1;
  // manageReplicas' error: a creation that failed now (string), one that failed earlier in this
  // instant and is not retried before its back-off (null), or none (undefined).
  let createError: string | null | undefined;
  if (!rs.metadata.deletionTimestamp) {
    const diff = active.length - want;
    const failed = failures.get(rs.metadata);
    if (diff < 0 && failed?.at === cluster.world.now) createError = null;
    else if (diff < 0) {
      const room = MAX_PODS - index.all.length;
      if (room < -diff) cluster.world.warn(`pod budget: at most ${MAX_PODS} pods are simulated; ${rs.metadata.name} was not scaled further`);
      const n = Math.max(0, Math.min(-diff, BURST_REPLICAS, room));
      for (let i = 0; i < n; i++) {
        const { pod, error } = createPod(cluster, podFromTemplate(rs, ns));
        if (!pod) {
          const count = (failed?.count ?? 0) + 1;
          const now = cluster.world.now;
          failures.set(rs.metadata, { at: now, count, retryAt: now + Math.min(RETRY_BASE_MS * 2 ** (count - 1), RETRY_MAX_MS) });
          createError = error ?? "";
          event(cluster, rs, "Warning", "FailedCreate", failedCreateMessage(error ?? ""), component);
          break;
        }
        event(cluster, rs, "Normal", "SuccessfulCreate", createdPodMessage(pod.metadata.name), component);
        active.push(pod);
      }
      if (createError === undefined) failures.delete(rs.metadata);
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
  if (createError === undefined) failures.delete(rs.metadata);
  if (updateStatus(cluster, rs, claimed.pods.filter(isPodActive), createError)) changed = true;
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

/**
 * calculateStatus. `failure`: this sync's creation error (the ReplicaFailure condition is added,
 * reason FailedCreate, if not there yet), null when an earlier one still stands (kept), or
 * undefined when the sync went fine (removed).
 */
function updateStatus(cluster: KubeCluster, rs: ReplicaSet, active: Pod[], failure?: string | null): boolean {
  const now = cluster.world.now;
  const min = rs.spec.minReadySeconds ?? 0;
  const prevConds = rs.status?.conditions ?? [];
  const hadFailure = prevConds.some((c) => c.type === REPLICA_FAILURE);
  let conditions = prevConds;
  if (typeof failure === "string" && !hadFailure) {
    conditions = [...prevConds, { type: REPLICA_FAILURE, status: "True", lastTransitionTime: iso(cluster.world), reason: "FailedCreate", message: failure } as Condition];
  } else if (failure === undefined && hadFailure) {
    conditions = prevConds.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const next = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => labelsSuperset(p.metadata.labels, rs.spec.template.metadata?.labels)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, min, now)).length,
    observedGeneration: rs.metadata.generation,
  };
  const prev = rs.status;
  if (prev && prev.replicas === next.replicas && (prev.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas
    && (prev.readyReplicas ?? 0) === next.readyReplicas && (prev.availableReplicas ?? 0) === next.availableReplicas
    && prev.observedGeneration === next.observedGeneration && conditions === prevConds) return false;
  rs.status = { ...(prev ?? {}), ...next };
  // apps/v1 ReplicaSetStatus: only `replicas` lacks omitempty, so a zero count of the others is
  // absent from what the API returns (a scaled-down set shows `replicas: 0` and nothing else).
  for (const k of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"] as const) {
    if (!next[k]) delete rs.status[k];
  }
  if (conditions.length) rs.status.conditions = conditions;
  else delete rs.status.conditions;
  cluster.store.touch(rs);
  cluster.world.record("kubernetes", "replicaset-status", `replicaset/${rs.metadata.namespace}/${rs.metadata.name}`, {
    replicas: next.replicas, desired: rs.spec.replicas ?? 1, ready: next.readyReplicas, available: next.availableReplicas,
  });
  return true;
}

function labelsSuperset(labels: Record<string, string> | undefined, want: Record<string, string> | undefined): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => labels?.[k] === v);
}
