// Mirrors pkg/controller/deployment/sync.go: finding (or creating) the new ReplicaSet and
// syncing revisions, scaling (including proportional scaling mid-rollout), scaling one RS with
// its ScalingReplicaSet event, cleanup beyond revisionHistoryLimit, and status.

import type { KubeCluster } from "../../cluster";
import { COMPONENT, event } from "../client";
import { computeHash, templateFingerprint } from "../hash";
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, type Deployment, type ReplicaSet } from "../model";
import { byCreationThenName, deepClone, iso, newControllerRef, sameJson } from "../pods";
import {
  FOUND_NEW_RS_REASON, MINIMUM_REPLICAS_AVAILABLE, MINIMUM_REPLICAS_UNAVAILABLE, MSG_MIN_AVAILABLE, MSG_MIN_UNAVAILABLE, NEW_RS_REASON,
  copyAnnotations, getDeploymentCondition, hasProgressDeadline, isActive, isRollingUpdate, maxRevision, maxSurge, maxUnavailable,
  msgCreatedNewRS, msgFoundNewRS, newDeploymentCondition, replicasOf, rsReplicas, scalingMessage, setDeploymentCondition,
  setNewReplicaSetAnnotations, setReplicasAnnotations, sumAvailable, sumReady, sumSpec, sumStatus,
} from "./util";

export interface RolloutSets {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/** FindNewReplicaSet: the oldest RS whose template equals the Deployment's, ignoring the hash. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const want = templateFingerprint(d);
  return [...rsList].sort(byCreationThenName).find((rs) => templateFingerprint(rs) === want);
}

/** NewRSNewReplicas: how big the new RS may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): number {
  const r = replicasOf(d);
  if (!isRollingUpdate(d)) return r;
  const cur = newRS ? rsReplicas(newRS) : 0;
  const total = sumSpec(allRSs);
  const maxTotal = r + maxSurge(d);
  if (total >= maxTotal) return cur;
  return cur + Math.min(maxTotal - total, r - cur);
}

/** getAllReplicaSetsAndSyncRevision / getNewReplicaSet. */
export function getAllReplicaSets(cluster: KubeCluster, d: Deployment, rsList: ReplicaSet[], create: boolean): RolloutSets {
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  const now = iso(cluster.world);
  const status = (d.status ??= {});
  if (existing) {
    if (setNewReplicaSetAnnotations(d, existing, newRevision, true)
      || (existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      // minReadySeconds is omitempty: a zero is absent, as the API server would return it.
      if (d.spec.minReadySeconds) existing.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete existing.spec.minReadySeconds;
      cluster.store.update(existing);
    }
    let changed = setDeploymentRevision(d, existing.metadata.annotations?.[REVISION_ANNOTATION]);
    if (hasProgressDeadline(d) && !getDeploymentCondition(d, "Progressing")) {
      setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", FOUND_NEW_RS_REASON, msgFoundNewRS(existing.metadata.name), now));
      changed = true;
    }
    if (changed) cluster.store.update(d);
    return { newRS: existing, oldRSs };
  }
  if (!create) return { oldRSs };

  const hash = computeHash(d.spec.template, status.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  const ns = d.metadata.namespace;
  const clash = cluster.store.get<ReplicaSet>("ReplicaSet", ns, name);
  if (clash) {
    // A hash collision (or an RS we do not own): bump collisionCount and try again next pass.
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    cluster.store.touch(d);
    return { oldRSs };
  }
  const template = deepClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = deepClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name, namespace: ns, uid: "", resourceVersion: "", creationTimestamp: "",
      labels: { ...template.metadata.labels },
      annotations: {},
      ownerReferences: [newControllerRef(d)],
    },
    spec: { replicas: 0, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
  };
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  cluster.store.create(rs);
  if (rs.spec.replicas > 0) {
    event(cluster, d, "Normal", "ScalingReplicaSet", scalingMessage("up", name, rs.spec.replicas, 0), COMPONENT.deployment);
  }
  setDeploymentRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", NEW_RS_REASON, msgCreatedNewRS(name), iso(cluster.world)));
  }
  cluster.store.update(d);
  return { newRS: rs, oldRSs };
}

function setDeploymentRevision(d: Deployment, revision: string | undefined): boolean {
  if (revision === undefined) return false;
  const ann = (d.metadata.annotations ??= {});
  if (ann[REVISION_ANNOTATION] === revision) return false;
  ann[REVISION_ANNOTATION] = revision;
  return true;
}

/** scaleReplicaSetAndRecordEvent / scaleReplicaSet; true if the RS changed. */
export function scaleReplicaSet(cluster: KubeCluster, d: Deployment, rs: ReplicaSet, newScale: number): boolean {
  const oldScale = rsReplicas(rs);
  const sizeChanged = oldScale !== newScale;
  const annChanged = setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (!sizeChanged && !annChanged) return false;
  rs.spec.replicas = newScale;
  cluster.store.update(rs, { specChanged: sizeChanged });
  if (sizeChanged) {
    event(cluster, d, "Normal", "ScalingReplicaSet", scalingMessage(oldScale < newScale ? "up" : "down", rs.metadata.name, newScale, oldScale), COMPONENT.deployment);
  }
  return sizeChanged;
}

/** FindActiveOrLatest. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => -byCreationThenName(a, b));
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  const r = replicasOf(d);
  return desired === r && rsReplicas(rs) === r && (rs.status?.availableReplicas ?? 0) === r;
}

/** getReplicaSetFraction (proportional scaling). */
function fraction(d: Deployment, rs: ReplicaSet): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const ann = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]);
  const annotated = Number.isInteger(ann) && ann > 0 ? ann : (d.status?.replicas ?? 0);
  if (!annotated) return 0;
  return Math.round((rsReplicas(rs) * deploymentReplicas) / annotated) - rsReplicas(rs);
}

/** DeploymentController.scale: one active RS takes the size; several scale proportionally. */
export function scale(cluster: KubeCluster, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  const target = findActiveOrLatest(newRS, oldRSs);
  if (target) return rsReplicas(target) === replicasOf(d) ? false : scaleReplicaSet(cluster, d, target, replicasOf(d));
  let changed = false;
  if (isSaturated(d, newRS)) {
    for (const rs of oldRSs.filter(isActive)) if (scaleReplicaSet(cluster, d, rs, 0)) changed = true;
    return changed;
  }
  if (!isRollingUpdate(d)) return false;
  const all = [...oldRSs, newRS].filter(isActive);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(all);
  // ReplicaSetsBySizeNewer for scale-up, BySizeOlder for scale-down: larger first.
  all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? -byCreationThenName(a, b) : byCreationThenName(a, b)));
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of all) {
    let p = 0;
    if (toAdd !== 0 && rsReplicas(rs) !== 0 && toAdd !== added) {
      const f = fraction(d, rs);
      p = toAdd > 0 ? Math.min(f, toAdd - added) : Math.max(f, toAdd - added);
    }
    sizes.set(rs, rsReplicas(rs) + p);
    added += p;
  }
  if (toAdd !== 0 && all.length > 0) sizes.set(all[0]!, Math.max(0, sizes.get(all[0]!)! + toAdd - added));
  for (const rs of all) if (scaleReplicaSet(cluster, d, rs, sizes.get(rs)!)) changed = true;
  return changed;
}

/** isScalingEvent: an active RS was sized for a different replica count. */
export function isScalingEvent(d: Deployment, sets: RolloutSets): boolean {
  for (const rs of [...sets.oldRSs, sets.newRS].filter(isActive)) {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (desired !== undefined && Number(desired) !== replicasOf(d)) return true;
  }
  return false;
}

/** cleanupDeployment: delete dead old RSs beyond revisionHistoryLimit, lowest revision first. */
export function cleanup(cluster: KubeCluster, d: Deployment, oldRSs: ReplicaSet[]): boolean {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const dead = oldRSs.filter((rs) => (rs.status?.replicas ?? 0) === 0 && rsReplicas(rs) === 0 && !rs.metadata.deletionTimestamp);
  const diff = dead.length - limit;
  if (diff <= 0) return false;
  dead.sort((a, b) => revisionNum(a) - revisionNum(b) || byCreationThenName(a, b));
  for (const rs of dead.slice(0, diff)) cluster.store.remove("ReplicaSet", rs.metadata.namespace, rs.metadata.name);
  return true;
}

const revisionNum = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);

/** calculateStatus. */
export function calculateStatus(cluster: KubeCluster, d: Deployment, sets: RolloutSets): NonNullable<Deployment["status"]> {
  const all = [...sets.oldRSs, sets.newRS];
  const available = sumAvailable(all);
  const status: NonNullable<Deployment["status"]> = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all),
    updatedReplicas: sumStatus([sets.newRS]),
    readyReplicas: sumReady(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(all) - available),
    conditions: deepClone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const now = iso(cluster.world);
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition("Available", "True", MINIMUM_REPLICAS_AVAILABLE, MSG_MIN_AVAILABLE, now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition("Available", "False", MINIMUM_REPLICAS_UNAVAILABLE, MSG_MIN_UNAVAILABLE, now));
  }
  return status;
}

/** Writes a new status if it differs; records the availability timeline. */
export function writeStatus(cluster: KubeCluster, d: Deployment, status: NonNullable<Deployment["status"]>): boolean {
  const prev = d.status ?? {};
  // The API omits zero counts.
  for (const k of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"] as const) {
    if (!status[k]) delete status[k];
  }
  if (sameJson(prev, status)) return false;
  const counts = (s: NonNullable<Deployment["status"]>) =>
    `${s.replicas ?? 0}/${s.updatedReplicas ?? 0}/${s.readyReplicas ?? 0}/${s.availableReplicas ?? 0}/${s.unavailableReplicas ?? 0}`;
  const countsChanged = counts(prev) !== counts(status);
  d.status = status;
  cluster.store.touch(d);
  if (countsChanged) {
    cluster.world.record("kubernetes", "deployment-status", `deployment/${d.metadata.namespace}/${d.metadata.name}`, {
      desired: replicasOf(d),
      replicas: status.replicas ?? 0,
      updated: status.updatedReplicas ?? 0,
      ready: status.readyReplicas ?? 0,
      available: status.availableReplicas ?? 0,
      unavailable: status.unavailableReplicas ?? 0,
    });
  }
  return true;
}

export { copyAnnotations };
