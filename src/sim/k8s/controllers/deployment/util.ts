// Mirrors pkg/controller/deployment/util/deployment_util.go: fenceposts (maxSurge rounds up,
// maxUnavailable rounds down, both 0 → maxUnavailable 1), revisions and their annotations,
// replica counting over ReplicaSets, and the Deployment conditions' helpers.

import {
  CHANGE_CAUSE_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION, MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  type Condition, type Deployment, type IntOrString, type ReplicaSet,
} from "../model";

export { CHANGE_CAUSE_ANNOTATION };

// Condition reasons (deployment_util.go).
export const NEW_RS_REASON = "NewReplicaSetCreated";
export const FOUND_NEW_RS_REASON = "FoundNewReplicaSet";
export const NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable";
export const RS_UPDATED_REASON = "ReplicaSetUpdated";
export const TIMED_OUT_REASON = "ProgressDeadlineExceeded";
export const PAUSED_DEPLOY_REASON = "DeploymentPaused";
export const RESUMED_DEPLOY_REASON = "DeploymentResumed";
export const MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
export const MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

export const MSG_MIN_AVAILABLE = "Deployment has minimum availability.";
export const MSG_MIN_UNAVAILABLE = "Deployment does not have minimum availability.";
export const msgCreatedNewRS = (rs: string): string => `Created new replica set "${rs}"`;
export const msgFoundNewRS = (rs: string): string => `Found new replica set "${rs}"`;
export const msgProgressing = (rs: string): string => `ReplicaSet "${rs}" is progressing.`;
export const msgProgressed = (rs: string): string => `ReplicaSet "${rs}" has successfully progressed.`;
export const msgTimedOut = (rs: string): string => `ReplicaSet "${rs}" has timed out progressing.`;
export const MSG_PAUSED = "Deployment is paused";
export const MSG_RESUMED = "Deployment is resumed";
/** v1.30 wording (≤1.2x had no "from N"; v1.31+ says "from N to M"). */
export const scalingMessage = (op: "up" | "down", rs: string, to: number, from: number): string =>
  `Scaled ${op} replica set ${rs} to ${to} from ${from}`;

/** Annotations the controller never copies from a Deployment to its ReplicaSets. */
const SKIP_COPY = new Set([
  LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION, "deprecated.deployment.rollback.to",
]);

export const replicasOf = (d: Deployment): number => d.spec.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 1;

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean, dflt: IntOrString): number {
  const x = v ?? dflt;
  if (typeof x === "number") return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return /^\d+$/.test(x) ? Number(x) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: [surge, unavailable]. */
export function resolveFenceposts(d: Deployment): [number, number] {
  const r = replicasOf(d);
  const ru = d.spec.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, r, true, "25%");
  let unavailable = scaledValue(ru?.maxUnavailable, r, false, "25%");
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export const isRollingUpdate = (d: Deployment): boolean => (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d)[1], replicasOf(d));
}

export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(rss: ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

export const sumSpec = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? rsReplicas(rs) : 0), 0);
export const sumStatus = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const sumReady = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (rss: (ReplicaSet | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

export const isActive = (rs: ReplicaSet | undefined): rs is ReplicaSet => !!rs && rsReplicas(rs) > 0;

/** copyDeploymentAnnotationsToReplicaSet; true if the RS changed. */
export function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const ann = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations; true if changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  if (ann[DESIRED_REPLICAS_ANNOTATION] === String(desired) && ann[MAX_REPLICAS_ANNOTATION] === String(max)) return false;
  ann[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  ann[MAX_REPLICAS_ANNOTATION] = String(max);
  return true;
}

/** SetNewReplicaSetAnnotations: copy, bump the revision (keeping revision-history), replicas. */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const old = ann[REVISION_ANNOTATION];
  const oldNum = old === undefined ? 0 : Number(old);
  if (oldNum < newRevision) {
    ann[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (old !== undefined && exists) {
      const hist = ann[REVISION_HISTORY_ANNOTATION];
      ann[REVISION_HISTORY_ANNOTATION] = hist ? `${hist},${old}` : old;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

export function getDeploymentCondition(d: Deployment, type: string): Condition | undefined {
  return d.status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: no-op if status and reason are unchanged; else replace and append. */
export function setDeploymentCondition(status: NonNullable<Deployment["status"]>, cond: Condition): void {
  const conds = status.conditions ?? [];
  const cur = conds.find((c) => c.type === cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  if (cur && cur.status === cond.status) cond.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...conds.filter((c) => c.type !== cond.type), cond];
}

export function removeDeploymentCondition(status: NonNullable<Deployment["status"]>, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

export function newDeploymentCondition(type: string, status: Condition["status"], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** spec.progressDeadlineSeconds, defaulted to 600 as the API server does. */
export const progressDeadlineSeconds = (d: Deployment): number => d.spec.progressDeadlineSeconds ?? 600;

export const hasProgressDeadline = (d: Deployment): boolean => progressDeadlineSeconds(d) !== 2147483647;
