// Mirrors pkg/controller/deployment/recreate.go: scale every old ReplicaSet to 0, wait until
// none of their pods is still running (or terminating), then create/scale the new one to R.

import type { KubeCluster } from "../../cluster";
import type { Deployment, Pod, ReplicaSet } from "../model";
import type { PodIndex } from "../pod-index";
import { cleanup, getAllReplicaSets, scaleReplicaSet } from "./sync";
import { syncRolloutStatus } from "./progress";
import { isActive, replicasOf, rsReplicas, sumStatus } from "./util";

export function rolloutRecreate(cluster: KubeCluster, d: Deployment, rsList: ReplicaSet[], pods: PodIndex): boolean {
  let sets = getAllReplicaSets(cluster, d, rsList, false);
  let changed = false;
  for (const rs of sets.oldRSs.filter(isActive)) if (scaleReplicaSet(cluster, d, rs, 0)) changed = true;
  if (changed) return syncRolloutStatus(cluster, d, sets) || true;
  if (oldPodsRunning(sets.newRS, sets.oldRSs, pods)) return syncRolloutStatus(cluster, d, sets);
  if (!sets.newRS) {
    sets = getAllReplicaSets(cluster, d, rsList, true);
    if (sets.newRS) changed = true;
  }
  if (sets.newRS && rsReplicas(sets.newRS) !== replicasOf(d)) {
    if (scaleReplicaSet(cluster, d, sets.newRS, replicasOf(d))) return syncRolloutStatus(cluster, d, sets) || true;
  }
  const s = d.status ?? {};
  if ((s.updatedReplicas ?? 0) === replicasOf(d) && (s.availableReplicas ?? 0) === replicasOf(d)) {
    if (cleanup(cluster, d, sets.oldRSs)) changed = true;
  }
  return syncRolloutStatus(cluster, d, sets) || changed;
}

/** oldPodsRunning: any old RS still counts replicas, or has a pod not yet Succeeded/Failed. */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], pods: PodIndex): boolean {
  if (sumStatus(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    if (rs === newRS) continue;
    for (const p of pods.owned(rs.metadata.uid) as Pod[]) {
      const phase = p.status?.phase;
      if (phase === "Failed" || phase === "Succeeded") continue;
      return true;
    }
  }
  return false;
}
