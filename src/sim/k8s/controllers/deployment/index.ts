// Mirrors pkg/controller/deployment/deployment_controller.go syncDeployment: claim the
// Deployment's ReplicaSets (adopting orphans that match its selector), record the paused /
// resumed condition, then either only scale (paused, or a scaling event) or roll out with the
// strategy: RollingUpdate (rolling.ts) or Recreate (recreate.ts).

import type { KubeCluster } from "../../cluster";
import { labelSelectorMatches } from "../../api/selectors";
import { earliest, type ControllerLoop } from "../controller";
import type { Deployment, ReplicaSet } from "../model";
import { SyncMemo } from "../memo";
import { PodIndex } from "../pod-index";
import { controllerRef, iso, newControllerRef } from "../pods";
import { progressDeadlineAt, syncStatusOnly } from "./progress";
import { rolloutRecreate } from "./recreate";
import { rolloutRolling } from "./rolling";
import { cleanup, getAllReplicaSets, isScalingEvent, scale } from "./sync";
import {
  MSG_PAUSED, MSG_RESUMED, PAUSED_DEPLOY_REASON, RESUMED_DEPLOY_REASON, getDeploymentCondition, hasProgressDeadline,
  newDeploymentCondition, setDeploymentCondition,
} from "./util";

const memo = new SyncMemo();

export const deploymentController: ControllerLoop = {
  name: "deployment-controller",
  sync(cluster) {
    let changed = false;
    let pods: PodIndex | undefined;
    const podIndex = () => (pods ??= PodIndex.of(cluster));
    const store = cluster.store;
    for (const d of store.list<Deployment>("Deployment")) {
      const ns = d.metadata.namespace;
      // Time matters only through the progress deadline (conditions keep their timestamps
      // unless their status or reason changes): whether it has passed is part of the inputs.
      const inputs = () => {
        const at = progressDeadlineAt(d);
        const time = at === undefined ? "" : at <= cluster.world.now ? "late" : "early";
        return `${time}|${d.metadata.resourceVersion}|${store.revisionOf("ReplicaSet", ns)}|${store.revisionOf("Pod", ns)}`;
      };
      if (memo.run(cluster, d, inputs, () => syncDeployment(cluster, d, podIndex))) changed = true;
    }
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    for (const d of cluster.store.list<Deployment>("Deployment")) t = earliest(t, progressDeadlineAt(d));
    return t;
  },
};

/** The RSs a Deployment owns, adopting matching orphans (ClaimReplicaSets). */
function claimReplicaSets(cluster: KubeCluster, d: Deployment): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const rs of cluster.store.list<ReplicaSet>("ReplicaSet", d.metadata.namespace)) {
    const ref = controllerRef(rs);
    if (ref) {
      if (ref.uid === d.metadata.uid) out.push(rs);
      continue;
    }
    if (d.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
    if (!labelSelectorMatches(d.spec.selector, rs.metadata.labels)) continue;
    rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), newControllerRef(d)];
    cluster.store.update(rs);
    out.push(rs);
  }
  return out;
}

function checkPausedConditions(cluster: KubeCluster, d: Deployment): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(d, "Progressing");
  if (cond?.reason === "ProgressDeadlineExceeded") return false;
  const paused = cond?.reason === PAUSED_DEPLOY_REASON;
  const status = (d.status ??= {});
  const now = iso(cluster.world);
  if (d.spec.paused && !paused) {
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "Unknown", PAUSED_DEPLOY_REASON, MSG_PAUSED, now));
  } else if (!d.spec.paused && paused) {
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "Unknown", RESUMED_DEPLOY_REASON, MSG_RESUMED, now));
  } else {
    return false;
  }
  cluster.store.touch(d);
  return true;
}

export function syncDeployment(cluster: KubeCluster, d: Deployment, pods: () => PodIndex): boolean {
  const rsList = claimReplicaSets(cluster, d);
  if (d.metadata.deletionTimestamp) return syncStatusOnly(cluster, d, getAllReplicaSets(cluster, d, rsList, false));
  let changed = checkPausedConditions(cluster, d);
  if (d.spec.paused || isScalingEvent(d, getAllReplicaSets(cluster, d, rsList, false))) {
    const sets = getAllReplicaSets(cluster, d, rsList, false);
    if (scale(cluster, d, sets.newRS, sets.oldRSs)) changed = true;
    if (d.spec.paused && cleanup(cluster, d, sets.oldRSs)) changed = true;
    return syncStatusOnly(cluster, d, sets) || changed;
  }
  if (d.spec.strategy?.type === "Recreate") return rolloutRecreate(cluster, d, rsList, pods()) || changed;
  return rolloutRolling(cluster, d, rsList) || changed;
}
