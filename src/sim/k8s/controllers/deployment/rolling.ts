// Mirrors pkg/controller/deployment/rolling.go: scale up the new ReplicaSet if we can; if that
// did nothing, scale down the old ones if we can (first the unhealthy replicas, then as far as
// minAvailable allows). One step per pass, so every intermediate state is observable.
//
// Worked example (R=3, maxSurge 1, maxUnavailable 0): new 1 (total 4); once it is available
// old 3→2; new 2; old 1; new 3; old 0. With new pods that never become available (a bad
// image) it stops at old 3 / new 1: maxScaledDown = allPods 4 − minAvailable 3 − newUnavailable 1 = 0.

import type { KubeCluster } from "../../cluster";
import type { Deployment, ReplicaSet } from "../model";
import { byCreationThenName } from "../pods";
import { cleanup, getAllReplicaSets, newRSNewReplicas, scaleReplicaSet } from "./sync";
import { syncRolloutStatus } from "./progress";
import { isActive, maxUnavailable, replicasOf, rsReplicas, sumAvailable, sumSpec } from "./util";

export function rolloutRolling(cluster: KubeCluster, d: Deployment, rsList: ReplicaSet[]): boolean {
  const sets = getAllReplicaSets(cluster, d, rsList, true);
  const { newRS, oldRSs } = sets;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(cluster, d, all, newRS)) return syncRolloutStatus(cluster, d, sets) || true;
  if (reconcileOldReplicaSets(cluster, d, all, oldRSs.filter(isActive), newRS)) return syncRolloutStatus(cluster, d, sets) || true;
  let changed = false;
  if (isComplete(d)) changed = cleanup(cluster, d, oldRSs);
  return syncRolloutStatus(cluster, d, sets) || changed;
}

function isComplete(d: Deployment): boolean {
  const r = replicasOf(d);
  const s = d.status ?? {};
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r
    && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

function reconcileNewReplicaSet(cluster: KubeCluster, d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false;
  const r = replicasOf(d);
  if (rsReplicas(newRS) === r) return false;
  if (rsReplicas(newRS) > r) return scaleReplicaSet(cluster, d, newRS, r);
  return scaleReplicaSet(cluster, d, newRS, newRSNewReplicas(d, all, newRS));
}

function reconcileOldReplicaSets(cluster: KubeCluster, d: Deployment, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const allPods = sumSpec(all);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRS ? rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(cluster, d, oldRSs, maxScaledDown);
  const scaled = scaleDownOldForRollingUpdate(cluster, d, [...oldRSs, newRS], oldRSs);
  return cleaned + scaled > 0;
}

/** Scales down old replicas that are not available, oldest RS first, within the budget. */
function cleanupUnhealthyReplicas(cluster: KubeCluster, d: Deployment, oldRSs: ReplicaSet[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationThenName)) {
    if (total >= maxCleanup) break;
    const spec = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) continue;
    const n = Math.min(maxCleanup - total, spec - available);
    scaleReplicaSet(cluster, d, rs, spec - n);
    total += n;
  }
  return total;
}

/** Scales down old RSs while more than minAvailable pods are available, oldest first. */
function scaleDownOldForRollingUpdate(cluster: KubeCluster, d: Deployment, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[]): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumAvailable(all);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationThenName)) {
    if (total >= budget) break;
    const spec = rsReplicas(rs);
    if (spec === 0) continue;
    const n = Math.min(spec, budget - total);
    scaleReplicaSet(cluster, d, rs, spec - n);
    total += n;
  }
  return total;
}
