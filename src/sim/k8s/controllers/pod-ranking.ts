// Mirrors pkg/controller/controller_utils.go ActivePodsWithRanks.Less (with the
// LogarithmicScaleDown feature, on by default) and replica_set.go getPodsRankedByRelatedPodsOnSameNode:
// which pods a ReplicaSet deletes first when it has too many. The first sorted pod is deleted first.

import { POD_DELETION_COST_ANNOTATION, type Pod } from "./model";
import { getCondition, isPodActive, isPodReady, parseTime } from "./pods";

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/**
 * logarithmicRankDiff's rank of one timestamp: floor(log2(now − t)) of the Go Duration, in
 * nanoseconds, or −1 when t is not in the past. (Buckets of nanoseconds, not seconds: a pod 1 s
 * old is in bucket 29, one created this second in bucket −1.)
 */
function logRank(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

const byUid = (a: Pod, b: Pod): number => (a.metadata.uid < b.metadata.uid ? -1 : a.metadata.uid > b.metadata.uid ? 1 : 0);

/**
 * Sorts `pods` for deletion. `related` are the active pods of every ReplicaSet with the same
 * controller (getIndirectlyRelatedPods); a ReplicaSet without a controller has none, so the
 * "doubled up" rank plays no part for it.
 */
export function rankPodsForDeletion(pods: Pod[], related: Pod[], now: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec.nodeName ?? "", (onNode.get(p.spec.nodeName ?? "") ?? 0) + 1);
  const rank = (p: Pod) => onNode.get(p.spec.nodeName ?? "") ?? 0;
  return [...pods].sort((a, b) => {
    // 1. unassigned < assigned
    const sa = a.spec.nodeName ? 1 : 0;
    const sb = b.spec.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    // 2. PodPending < PodUnknown < PodRunning
    const pa = PHASE_RANK[a.status?.phase ?? "Pending"] ?? 0;
    const pb = PHASE_RANK[b.status?.phase ?? "Pending"] ?? 0;
    if (pa !== pb) return pa - pb;
    // 3. not ready < ready
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    // 4. lower pod-deletion-cost < higher
    const ca = deletionCost(a);
    const cb = deletionCost(b);
    if (ca !== cb) return ca - cb;
    // 5. doubled up (more related pods on the same node) < not doubled up
    const na = rank(a);
    const nb = rank(b);
    if (na !== nb) return nb - na;
    // 6. ready for a shorter time < longer: log2 buckets, the same bucket decided by UID
    if (ra && rb) {
      const ta = parseTime(getCondition(a.status.conditions, "Ready")?.lastTransitionTime);
      const tb = parseTime(getCondition(b.status.conditions, "Ready")?.lastTransitionTime);
      if (ta !== undefined && tb !== undefined && ta !== tb) {
        const d = logRank(ta, now) - logRank(tb, now);
        return d !== 0 ? d : byUid(a, b);
      }
    }
    // 7. more restarts < fewer
    const xa = maxRestarts(a);
    const xb = maxRestarts(b);
    if (xa !== xb) return xb - xa;
    // 8. newer < older: log2 buckets, the same bucket decided by UID
    const ea = parseTime(a.metadata.creationTimestamp);
    const eb = parseTime(b.metadata.creationTimestamp);
    if (ea !== undefined && eb !== undefined && ea !== eb) {
      const d = logRank(ea, now) - logRank(eb, now);
      return d !== 0 ? d : byUid(a, b);
    }
    // Equal upstream (the unstable sort leaves them in list order): by name, for determinism.
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
