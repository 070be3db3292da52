// Mirrors pkg/controller/controller_utils.go ActivePodsWithRanks.Less (with the
// LogarithmicScaleDown feature, on by default): which pods a ReplicaSet deletes first when it
// has too many. The first sorted pod is deleted first.

import { POD_DELETION_COST_ANNOTATION, type Pod } from "./model";
import { getCondition, isPodReady, parseTime } from "./pods";

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** floor(log2(seconds since t)), the bucket LogarithmicScaleDown compares. */
function logBucket(t: number | undefined, now: number): number {
  if (t === undefined) return -1;
  const s = Math.max(0, (now - t) / 1000);
  return s < 1 ? 0 : Math.floor(Math.log2(s));
}

export function rankPodsForDeletion(pods: Pod[], related: Pod[], now: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) if (p.spec.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  const rank = (p: Pod) => (p.spec.nodeName ? onNode.get(p.spec.nodeName) ?? 0 : 0);
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
    // 6. ready for a shorter time < longer (log2 buckets)
    if (ra && rb) {
      const ta = logBucket(parseTime(getCondition(a.status.conditions, "Ready")?.lastTransitionTime), now);
      const tb = logBucket(parseTime(getCondition(b.status.conditions, "Ready")?.lastTransitionTime), now);
      if (ta !== tb) return ta - tb;
    }
    // 7. more restarts < fewer
    const xa = maxRestarts(a);
    const xb = maxRestarts(b);
    if (xa !== xb) return xb - xa;
    // 8. newer < older (log2 buckets), then name (upstream: UID) for determinism
    const ea = logBucket(parseTime(a.metadata.creationTimestamp), now);
    const eb = logBucket(parseTime(b.metadata.creationTimestamp), now);
    if (ea !== eb) return ea - eb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
