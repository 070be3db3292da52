// Mirrors the API server's status and scale subresources (the registries' StatusREST and
// ScaleREST, v1.30). /status reads the whole object and writes only its status (the status
// strategies' PrepareForUpdate put the old spec back, and the apps kinds their labels); /scale
// reads and writes an autoscaling/v1 Scale whose spec.replicas is the workload's. A kind
// without the subresource answers 404 with the generic "could not find the requested resource".

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { invalidError, StatusError } from "./errors";
import { deepClone, sameJson } from "./json";
import { kindInfo } from "./kinds";
import { formatLabelSelector } from "./selectors";

type Obj = Record<string, any>;

export type Subresource = "status" | "scale";

/** What kubectl accepts for --subresource (get, patch, replace). */
export const SUPPORTED_SUBRESOURCES: readonly Subresource[] = ["status", "scale"];

/** Kinds served with a /status subresource (the ones our discovery lists). */
const STATUS_KINDS = new Set([
  "Namespace", "Node", "PersistentVolumeClaim", "PersistentVolume", "Pod", "ReplicationController", "ResourceQuota", "Service",
  "APIService", "CustomResourceDefinition", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler",
  "CronJob", "Job", "CertificateSigningRequest", "Ingress", "FlowSchema", "PriorityLevelConfiguration", "PodDisruptionBudget",
  "ValidatingAdmissionPolicy", "VolumeAttachment",
]);

/** Kinds served with a /scale subresource. */
export const SCALE_KINDS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

/** Status strategies that also keep the old labels (the apps workloads). */
const STATUS_KEEPS_LABELS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"]);

export function hasSubresource(kind: string, sub: Subresource): boolean {
  return (sub === "status" ? STATUS_KINDS : SCALE_KINDS).has(kind);
}

/** The 404 of a path the server does not serve. */
export const noSuchSubresource = () => new StatusError("NotFound", "the server could not find the requested resource");

/** GET on the subresource: the object itself for /status, its Scale for /scale. */
export function readSubresource(obj: KObject, sub: Subresource): Obj {
  if (!hasSubresource(obj.kind, sub)) throw noSuchSubresource();
  return sub === "status" ? obj : scaleOf(obj);
}

/** The autoscaling/v1 Scale of a workload (scaleFromDeployment and its siblings). */
export function scaleOf(obj: KObject): Obj {
  const m = obj.metadata;
  const spec = (obj.spec ?? {}) as Obj;
  const status = (obj.status ?? {}) as Obj;
  // A ReplicationController's selector is a plain map; the others' a LabelSelector.
  const selector = obj.kind === "ReplicationController"
    ? Object.entries((spec.selector ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(",")
    : formatLabelSelector(spec.selector);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

export interface SubresourceWrite {
  /** What the server answers: the object (status) or the new Scale. */
  obj: Obj;
  changed: boolean;
}

/**
 * PUT/PATCH on a subresource: `next` is the subresource object after the change. The write
 * goes through the same conflict check as an update; nothing is stored when nothing moved.
 */
export function writeSubresource(cluster: KubeCluster, old: KObject, sub: Subresource, next: Obj, dryRun = false): SubresourceWrite {
  if (!hasSubresource(old.kind, sub)) throw noSuchSubresource();
  const rv = next.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) {
    const info = kindInfo(old.kind)!;
    throw new StatusError("Conflict", `Operation cannot be fulfilled on ${info.group ? `${info.resource}.${info.group}` : info.resource} "${old.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  return sub === "status" ? writeStatus(cluster, old, next, dryRun) : writeScale(cluster, old, next, dryRun);
}

function writeStatus(cluster: KubeCluster, old: KObject, next: Obj, dryRun: boolean): SubresourceWrite {
  const obj = deepClone(old) as Obj;
  // Only metadata a user may set moves with a status write; spec (and the apps labels) stay.
  const meta = (next.metadata ?? {}) as Obj;
  for (const k of ["annotations", "labels", "finalizers"]) {
    if (k === "labels" && STATUS_KEEPS_LABELS.has(old.kind)) continue;
    if (meta[k] === undefined) delete obj.metadata[k];
    else obj.metadata[k] = deepClone(meta[k]);
  }
  if (next.status === undefined) delete obj.status;
  else obj.status = deepClone(next.status);
  if (sameJson(obj, old)) return { obj: old, changed: false };
  if (dryRun) return { obj, changed: true };
  const stored = cluster.store.update(obj as KObject);
  cluster.world.record("kubernetes", "updated", subjectOf(stored), { kind: stored.kind, subresource: "status" });
  return { obj: stored, changed: true };
}

function writeScale(cluster: KubeCluster, old: KObject, next: Obj, dryRun: boolean): SubresourceWrite {
  const replicas = next.spec?.replicas;
  if (typeof replicas === "number" && replicas < 0) {
    throw invalidError("Scale", "autoscaling", old.metadata.name, [{ type: "Invalid", field: "spec.replicas", value: replicas, detail: "must be greater than or equal to 0" }]);
  }
  const want = typeof replicas === "number" ? replicas : 0;
  if ((old.spec as Obj)?.replicas === want) return { obj: scaleOf(old), changed: false };
  const obj = deepClone(old) as Obj;
  obj.spec.replicas = want;
  delete obj.metadata.resourceVersion;
  const r = cluster.api.update(obj, { dryRun });
  return { obj: scaleOf(r.obj), changed: true };
}

function subjectOf(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}
