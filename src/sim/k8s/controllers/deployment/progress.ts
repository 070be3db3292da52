// Mirrors pkg/controller/deployment/progress.go: the Progressing condition (ReplicaSetUpdated
// while pods move, NewReplicaSetAvailable when complete, ProgressDeadlineExceeded once
// lastUpdateTime + progressDeadlineSeconds has passed without progress), plus the status write.

import type { KubeCluster } from "../../cluster";
import type { Condition, Deployment } from "../model";
import { REPLICA_FAILURE } from "../replicaset";
import { iso, parseTime } from "../pods";
import { calculateStatus, writeStatus, type RolloutSets } from "./sync";
import {
  NEW_RS_AVAILABLE_REASON, RS_UPDATED_REASON, TIMED_OUT_REASON, getDeploymentCondition, hasProgressDeadline,
  msgProgressed, msgProgressing, msgTimedOut, newDeploymentCondition, progressDeadlineSeconds, removeDeploymentCondition,
  replicasOf, setDeploymentCondition,
} from "./util";

type Status = NonNullable<Deployment["status"]>;

export function deploymentComplete(d: Deployment, s: Status): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r
    && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

function deploymentProgressing(d: Deployment, s: Status): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** When the Progressing condition times out (lastUpdateTime + deadline), if it can. */
export function progressDeadlineAt(d: Deployment): number | undefined {
  if (!hasProgressDeadline(d) || d.spec.paused) return undefined;
  const cond = getDeploymentCondition(d, "Progressing");
  if (!cond || cond.reason === NEW_RS_AVAILABLE_REASON || cond.reason === TIMED_OUT_REASON || cond.status !== "True") return undefined;
  const from = parseTime(cond.lastUpdateTime);
  return from === undefined ? undefined : from + progressDeadlineSeconds(d) * 1000;
}

function timedOut(d: Deployment, now: number): boolean {
  const cond = getDeploymentCondition(d, "Progressing");
  if (!cond || cond.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (cond.reason === TIMED_OUT_REASON) return true;
  const at = progressDeadlineAt(d);
  return at !== undefined && at <= now;
}

export function syncRolloutStatus(cluster: KubeCluster, d: Deployment, sets: RolloutSets): boolean {
  const status = calculateStatus(cluster, d, sets);
  const now = iso(cluster.world);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, "Progressing");
  const cur = getDeploymentCondition(d, "Progressing");
  const complete = status.replicas === status.updatedReplicas && cur?.reason === NEW_RS_AVAILABLE_REASON;
  const rsName = sets.newRS?.metadata.name ?? d.metadata.name;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", NEW_RS_AVAILABLE_REASON, msgProgressed(rsName), now));
    } else if (deploymentProgressing(d, status)) {
      const cond = newDeploymentCondition("Progressing", "True", RS_UPDATED_REASON, msgProgressing(rsName), now);
      if (cur) {
        if (cur.status === "True") cond.lastTransitionTime = cur.lastTransitionTime;
        removeDeploymentCondition(status, "Progressing");
      }
      setDeploymentCondition(status, cond);
    } else if (timedOut(d, cluster.world.now)) {
      setDeploymentCondition(status, newDeploymentCondition("Progressing", "False", TIMED_OUT_REASON, msgTimedOut(rsName), now));
    }
  }
  // getReplicaFailures: the ReplicaSets' ReplicaFailure condition moves into the Deployment (the
  // new ReplicaSet's first), and goes when none has one.
  const failure = replicaFailure(sets);
  if (failure) setDeploymentCondition(status, failure);
  else removeDeploymentCondition(status, REPLICA_FAILURE);
  return writeStatus(cluster, d, status);
}

/** ReplicaSetToDeploymentCondition of the first ReplicaFailure: the new RS's, else an old one's. */
function replicaFailure(sets: RolloutSets): Condition | undefined {
  for (const rs of [...(sets.newRS ? [sets.newRS] : []), ...sets.oldRSs]) {
    const c = rs.status?.conditions?.find((x) => x.type === REPLICA_FAILURE);
    if (c) return { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

/** syncDeploymentStatus (paused and scaling paths): counts and Available only. */
export function syncStatusOnly(cluster: KubeCluster, d: Deployment, sets: RolloutSets): boolean {
  return writeStatus(cluster, d, calculateStatus(cluster, d, sets));
}
