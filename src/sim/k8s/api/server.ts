// The API server's write path, in the real order: strict decoding, namespace lifecycle,
// generateName, defaulting, mutating admission (ServiceAccount, DefaultTolerationSeconds),
// validation (with update rules), allocation (ClusterIP, NodePort), storage. Errors are
// StatusErrors with the real reasons and messages; kubectl renders them.

import { freezeData } from "../../clone";
import { utf8ToBase64 } from "../../base64";
export { utf8ToBase64, base64ToUtf8 } from "../../base64";
import { deepClone, sameJsonUnordered } from "./json";
import { toStoredVersion } from "./conversion";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { allocateClusterIP, allocateNodePorts } from "./allocators";
import { dropTypeDependentFields } from "./service-strategy";
import { decodeBody, unregisteredKindError, type FieldValidation } from "./decode";
import { addFinalizer, applyDefaults } from "./defaults";
import { defaultJobLabels, generateJobSelector } from "./job-strategy";
import { prepareTemplateGeneration } from "./daemonset-strategy";
import { alreadyExistsError, invalidError, notFoundError, StatusError, type FieldError } from "./errors";
import { kindInfo, qualifiedResource, type KindInfo } from "./kinds";
import { admitPod, podUpdateErrors } from "./pod-admission";
import { priorityAdmission, priorityClassDeletion, validatingAdmission } from "./admission";
import { validateObject, validateSelectorImmutable } from "./validation";
import { pvcResizeForbidden } from "./validation/storage";
import { priorityClassUpdateErrors } from "./validation/scheduling";
import { roleRefUpdateErrors } from "./validation/policy";

export type { FieldValidation } from "./decode";

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /**
   * The caller is a control loop handing over an object it just built from a stored template:
   * it has no unknown fields (the template was decoded) and nobody else holds it, so the server
   * neither decodes nor copies it — it defaults, admits, validates and stores that object.
   */
  fromController?: boolean;
}

export interface WriteResult {
  obj: KObject;
  warnings: string[];
}

type Obj = Record<string, any>;

/** Kinds whose status the server resets on create (status is written by controllers). */
const RESET_STATUS = new Set([
  "Pod", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Service", "Job", "CronJob", "Ingress", "Node", "Namespace",
  "PersistentVolume", "PersistentVolumeClaim", "HorizontalPodAutoscaler", "ResourceQuota", "PodDisruptionBudget",
]);
const PROTECTED_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

export class ApiServer {
  constructor(private readonly cluster: KubeCluster) {}

  private get store() {
    return this.cluster.store;
  }

  /** The kind a request body names; a lowercase spelling fails to decode (unregisteredKindError). */
  private bodyInfo(input: Obj): KindInfo {
    const err = unregisteredKindError(input);
    if (err) throw err;
    return this.info(input.kind);
  }

  info(kind: string): KindInfo {
    const info = kindInfo(kind);
    if (!info) throw new StatusError("NotFound", `the server could not find the requested resource`);
    return info;
  }

  get(info: KindInfo, namespace: string | undefined, name: string): KObject {
    const obj = this.store.get(info.kind, info.namespaced ? namespace : undefined, name);
    if (!obj) throw notFoundError(qualifiedResource(info), name);
    return obj;
  }

  list(info: KindInfo, namespace?: string): KObject[] {
    return this.store.list(info.kind, info.namespaced ? namespace : undefined);
  }

  private checkNamespace(info: KindInfo, ns: string | undefined, name: string): void {
    if (!info.namespaced) return;
    const nsObj = this.store.get("Namespace", undefined, ns ?? "");
    if (!nsObj) throw notFoundError("namespaces", ns ?? "");
    if ((nsObj.status as Obj | undefined)?.phase === "Terminating") {
      throw new StatusError("Forbidden", `${qualifiedResource(info)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  private fail(info: KindInfo, name: string, errs: FieldError[]): never {
    throw invalidError(info.kind, info.group, name, errs);
  }

  create(input: Obj, namespace: string | undefined, opts: WriteOptions = {}): WriteResult {
    const info = this.bodyInfo(input);
    if (!opts.fromController) input = toStoredVersion(input);
    const { obj, warnings } = opts.fromController ? { obj: input, warnings: [] } : decodeBody(info.kind, info.version, input, opts.fieldValidation);
    obj.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    const meta = (obj.metadata ??= {}) as Obj;
    if (info.namespaced) meta.namespace = meta.namespace ?? namespace ?? "default";
    else delete meta.namespace;
    for (const k of ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation", "selfLink", "managedFields"]) delete meta[k];
    if (!meta.name && meta.generateName) meta.name = `${String(meta.generateName).slice(0, 58)}${this.cluster.rng.k8sSuffix(5)}`;
    this.checkNamespace(info, meta.namespace, meta.name ?? "");
    if (RESET_STATUS.has(info.kind)) delete obj.status;
    applyDefaults(obj);
    if (info.kind === "Pod") admitPod(this.cluster, obj, opts.dryRun === true);
    // StorageObjectInUseProtection admission (on create only: a finalizer removed later stays off).
    if (info.kind === "PersistentVolumeClaim") addFinalizer(obj, "kubernetes.io/pvc-protection");
    if (info.kind === "PersistentVolume") addFinalizer(obj, "kubernetes.io/pv-protection");
    if (info.kind === "Secret") mergeStringData(obj);
    if (info.kind === "Job") {
      // The uid comes before validation here (BeforeCreate), which generates the selector from it.
      meta.uid = this.store.uuid();
      generateJobSelector(obj);
    }
    const errs = validateObject(info, obj);
    if (errs.length) this.fail(info, meta.name ?? "", errs);
    validatingAdmission(this.cluster, info, obj);
    if (info.kind === "Job") defaultJobLabels(obj);
    if (this.store.get(info.kind, meta.namespace, meta.name)) throw alreadyExistsError(qualifiedResource(info), meta.name);
    if (info.kind === "Service") {
      const allocErrs = [...allocateClusterIP(this.cluster, obj as KObject), ...allocateNodePorts(this.cluster, obj as KObject)];
      if (allocErrs.length) this.fail(info, meta.name, allocErrs);
      if (obj.spec.type === "LoadBalancer") obj.status = { loadBalancer: {} };
    }
    initialStatus(info.kind, obj);
    prepareTemplateGeneration(info.kind, obj);
    if (opts.dryRun) return { obj: this.store.dryRunCreate(obj as KObject), warnings };
    // A pod's spec never changes in place once stored (updates replace the object; binding
    // replaces the spec): frozen, so copies of the world share it instead of copying it.
    if (info.kind === "Pod") freezeData(obj.spec);
    const stored = this.store.create(obj as KObject);
    this.afterCreate(stored);
    this.cluster.world.record("kubernetes", "created", subject(stored), { kind: stored.kind });
    return { obj: stored, warnings };
  }

  /** PUT: replaces an object (metadata and spec), keeping status and server-set metadata. */
  update(input: Obj, opts: WriteOptions = {}): WriteResult {
    const info = this.bodyInfo(input);
    input = toStoredVersion(input);
    const { obj, warnings } = decodeBody(info.kind, info.version, input, opts.fieldValidation);
    const meta = (obj.metadata ??= {}) as Obj;
    const old = this.get(info, meta.namespace, meta.name) as Obj;
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw new StatusError("Conflict", `Operation cannot be fulfilled on ${qualifiedResource(info)} "${meta.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    for (const k of ["uid", "creationTimestamp", "generation", "deletionTimestamp", "ownerReferences"]) {
      if (old.metadata[k] !== undefined && (k !== "ownerReferences" || meta[k] === undefined)) meta[k] = old.metadata[k];
    }
    meta.resourceVersion = old.metadata.resourceVersion;
    if (RESET_STATUS.has(info.kind) || obj.status === undefined) obj.status = old.status;
    applyDefaults(obj);
    if (info.kind === "Pod") restorePodServerFields(old, obj);
    if (info.kind === "Secret") mergeStringData(obj);
    if (info.kind === "Service") dropTypeDependentFields(old, obj);
    prepareTemplateGeneration(info.kind, obj, old);
    const errs = [...validateObject(info, obj), ...this.updateErrors(info, old, obj)];
    if (errs.length) this.fail(info, meta.name, errs);
    if (info.kind === "PriorityClass") priorityAdmission(this.cluster, info, obj);
    if (info.kind === "PersistentVolumeClaim") {
      // The PersistentVolumeClaimResize admission plugin, after validation.
      const storageClass = (name: string) => this.store.get("StorageClass", undefined, name) as Obj | undefined;
      const forbidden = pvcResizeForbidden(old, obj, (cls) => storageClass(cls)?.allowVolumeExpansion === true);
      if (forbidden) throw new StatusError("Forbidden", forbidden);
    }
    if (info.kind === "Service") {
      const s = obj.spec as Obj;
      if (s.type !== "ExternalName") {
        s.clusterIP ??= old.spec.clusterIP;
        s.clusterIPs ??= old.spec.clusterIPs;
        s.ipFamilies ??= old.spec.ipFamilies;
        s.ipFamilyPolicy ??= old.spec.ipFamilyPolicy;
        if (!s.clusterIP) {
          const e = allocateClusterIP(this.cluster, obj as KObject);
          if (e.length) this.fail(info, meta.name, e);
        }
      }
      const e = allocateNodePorts(this.cluster, obj as KObject, old as KObject);
      if (e.length) this.fail(info, meta.name, e);
    }
    // Semantic equality: the same fields in another order (a replaced manifest, a converted
    // autoscaling/v1 object) are no change.
    const specChanged = !sameJsonUnordered(specOf(old), specOf(obj));
    if (opts.dryRun) return { obj: this.store.dryRunUpdate(obj as KObject, { specChanged }), warnings };
    if (meta.deletionTimestamp && info.kind !== "Pod" && info.kind !== "Namespace" && !meta.finalizers?.length) {
      // The last finalizer of an object being deleted is gone: the object goes with it.
      this.store.remove(old.kind, old.metadata.namespace, old.metadata.name);
      this.cluster.world.record("kubernetes", "deleted", subject(old as KObject), { kind: old.kind });
      return { obj: obj as KObject, warnings };
    }
    const changed = specChanged || !sameJsonUnordered(old.metadata, obj.metadata);
    if (!changed) return { obj: old as KObject, warnings };
    if (info.kind === "Pod") freezeData(obj.spec);
    const stored = this.store.update(obj as KObject, { specChanged });
    this.cluster.world.record("kubernetes", "updated", subject(stored), { kind: stored.kind, generation: stored.metadata.generation });
    return { obj: stored, warnings };
  }

  private updateErrors(info: KindInfo, old: Obj, obj: Obj): FieldError[] {
    const errs: FieldError[] = [];
    if (["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"].includes(info.kind)) errs.push(...validateSelectorImmutable(old, obj));
    if (info.kind === "Pod") errs.push(...podUpdateErrors(old, obj));
    if (info.kind === "PriorityClass") errs.push(...priorityClassUpdateErrors(old, obj));
    if (info.kind === "RoleBinding" || info.kind === "ClusterRoleBinding") errs.push(...roleRefUpdateErrors(old, obj));
    if (info.kind === "Secret" && old.type !== obj.type) errs.push({ type: "Invalid", field: "type", value: obj.type, detail: "field is immutable" });
    if ((info.kind === "Secret" || info.kind === "ConfigMap") && old.immutable === true) {
      if (JSON.stringify(old.data) !== JSON.stringify(obj.data)) errs.push({ type: "Forbidden", field: "data", detail: "field is immutable when `immutable` is set" });
      if (obj.immutable !== true) errs.push({ type: "Forbidden", field: "immutable", detail: "field is immutable when `immutable` is set" });
    }
    if (info.kind === "Service" && old.spec.clusterIP && obj.spec.clusterIP && old.spec.clusterIP !== obj.spec.clusterIP && obj.spec.type !== "ExternalName") {
      errs.push({ type: "Invalid", field: "spec.clusterIPs[0]", value: obj.spec.clusterIP, detail: "may not change once set" });
    }
    return errs;
  }

  /**
   * DELETE. Pods on a node are deleted gracefully (deletionTimestamp = now + grace; the kubelet
   * or the pod finaliser removes them); everything else goes at once, with dependents handled
   * by the garbage collector (background) or orphaned.
   */
  delete(info: KindInfo, namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number; cascade?: "background" | "foreground" | "orphan"; dryRun?: boolean } = {}): KObject {
    const obj = this.get(info, namespace, name);
    if (info.kind === "Namespace" && PROTECTED_NAMESPACES.has(name)) {
      throw new StatusError("Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    if (info.kind === "PriorityClass") priorityClassDeletion(info, name);
    if (opts.dryRun) return obj;
    if (opts.cascade === "orphan") {
      for (const kind of this.store.kindsPresent()) {
        for (const stored of this.store.list(kind)) {
          const refs = stored.metadata.ownerReferences;
          if (!refs?.some((r) => r.uid === obj.metadata.uid)) continue;
          const dep = this.store.editable(stored);
          dep.metadata.ownerReferences = refs.filter((r) => r.uid !== obj.metadata.uid);
          if (dep.metadata.ownerReferences.length === 0) delete dep.metadata.ownerReferences;
          this.store.touch(dep);
        }
      }
    }
    if (info.kind === "Namespace") {
      if ((obj.status as Obj).phase === "Terminating") return obj;
      const ns = this.store.editable(obj);
      (ns.status as Obj).phase = "Terminating";
      ns.metadata.deletionTimestamp = this.cluster.world.clock.iso();
      this.store.touch(ns);
      return ns;
    }
    if (info.kind === "Pod") return this.deletePod(obj, opts.gracePeriodSeconds);
    if (obj.metadata.finalizers?.length) {
      // Finalizers hold the object (Terminating) until their controllers remove them.
      if (obj.metadata.deletionTimestamp) return obj;
      const held = this.store.editable(obj);
      held.metadata.deletionTimestamp = this.cluster.world.clock.iso();
      held.metadata.deletionGracePeriodSeconds = 0;
      this.store.touch(held);
      this.cluster.world.record("kubernetes", "terminating", subject(held), { kind: held.kind, finalizers: [...held.metadata.finalizers!] });
      return held;
    }
    this.store.remove(obj.kind, obj.metadata.namespace, name);
    this.cluster.world.record("kubernetes", "deleted", subject(obj), { kind: obj.kind });
    return obj;
  }

  /**
   * A controller's finalizer is done: it leaves the object's list; an object being deleted goes
   * when its last finalizer does. Returns true if anything changed.
   */
  removeFinalizer(stored: KObject, finalizer: string): boolean {
    const list = stored.metadata.finalizers;
    if (!list?.includes(finalizer)) return false;
    const obj = this.store.editable(stored);
    const rest = list.filter((f) => f !== finalizer);
    if (rest.length) obj.metadata.finalizers = rest;
    else delete obj.metadata.finalizers;
    // A pod being deleted goes when its kubelet is done with it (graceful deletion), not here.
    if (obj.metadata.deletionTimestamp && !rest.length && obj.kind !== "Pod") {
      this.store.remove(obj.kind, obj.metadata.namespace, obj.metadata.name);
      this.cluster.world.record("kubernetes", "deleted", subject(obj), { kind: obj.kind });
    } else {
      this.store.touch(obj);
    }
    return true;
  }

  /** Graceful pod deletion; a grace of 0 (or an unscheduled/finished pod) removes it at once. */
  deletePod(pod: KObject, gracePeriodSeconds?: number): KObject {
    const spec = pod.spec as Obj;
    const phase = (pod.status as Obj | undefined)?.phase;
    const grace = gracePeriodSeconds !== undefined && gracePeriodSeconds >= 0 ? gracePeriodSeconds : spec.terminationGracePeriodSeconds ?? 30;
    if (grace === 0 || !spec.nodeName || phase === "Succeeded" || phase === "Failed") {
      this.store.remove("Pod", pod.metadata.namespace, pod.metadata.name);
      this.cluster.world.record("kubernetes", "deleted", subject(pod), { kind: "Pod" });
      return pod;
    }
    if (!pod.metadata.deletionTimestamp) {
      pod.metadata.deletionTimestamp = this.cluster.world.clock.iso(this.cluster.world.now + grace * 1000);
      pod.metadata.deletionGracePeriodSeconds = grace;
      this.store.touch(pod);
      this.cluster.world.record("kubernetes", "terminating", subject(pod), { kind: "Pod", grace });
    }
    return pod;
  }

  /** The ServiceAccount and root-CA ConfigMap controllers, done synchronously. */
  private afterCreate(obj: KObject): void {
    if (obj.kind !== "Namespace") return;
    const ns = obj.metadata.name;
    if (!this.store.get("ServiceAccount", ns, "default")) {
      this.store.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns } as unknown as KObject["metadata"] });
    }
    if (!this.store.get("ConfigMap", ns, "kube-root-ca.crt")) {
      this.store.create({
        apiVersion: "v1", kind: "ConfigMap",
        metadata: { name: "kube-root-ca.crt", namespace: ns, annotations: { "kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } } as unknown as KObject["metadata"],
        data: { "ca.crt": ROOT_CA },
      });
    }
  }
}

export const ROOT_CA = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIclustergradeMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMw\n-----END CERTIFICATE-----\n";

const subject = (o: KObject): string => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

/** Everything but metadata and status: a change here bumps metadata.generation. */
const specOf = ({ metadata: _m, status: _s, ...rest }: Obj): Obj => rest;

function mergeStringData(obj: Obj): void {
  if (!obj.stringData || typeof obj.stringData !== "object") return;
  obj.data ??= {};
  for (const [k, v] of Object.entries(obj.stringData as Obj)) obj.data[k] = utf8ToBase64(String(v));
  delete obj.stringData;
}

/** A new object's status as the server encodes it: the apps/v1 counts without omitempty, at zero. */
function initialStatus(kind: string, obj: Obj): void {
  if (kind === "Pod") obj.status = { phase: "Pending", qosClass: qosClass(obj.spec) };
  else if (kind === "ReplicaSet") obj.status = { replicas: 0 };
  else if (kind === "StatefulSet") obj.status = { availableReplicas: 0, replicas: 0 };
  else if (kind === "DaemonSet") obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  else if (kind === "Deployment") obj.status ??= {};
  else if (kind === "Service" || kind === "Ingress") obj.status = { loadBalancer: {} };
  else if (kind === "PodDisruptionBudget") obj.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
}

/** status.qosClass (9.4). */
export function qosClass(spec: Obj): "Guaranteed" | "Burstable" | "BestEffort" {
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])] as Obj[];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = (c.resources?.requests ?? {}) as Obj;
    const lim = (c.resources?.limits ?? {}) as Obj;
    for (const r of ["cpu", "memory"]) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || String(req[r] ?? lim[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

function restorePodServerFields(old: Obj, obj: Obj): void {
  const s = obj.spec as Obj;
  const o = old.spec as Obj;
  for (const k of ["nodeName", "serviceAccountName", "serviceAccount", "priority", "preemptionPolicy", "enableServiceLinks"]) {
    if (s[k] === undefined && o[k] !== undefined) s[k] = o[k];
  }
  if (s.tolerations === undefined && o.tolerations !== undefined) s.tolerations = o.tolerations;
  const apiVol = (o.volumes ?? []).find((v: Obj) => String(v.name).startsWith("kube-api-access-"));
  if (apiVol && !(s.volumes ?? []).some((v: Obj) => v.name === apiVol.name)) s.volumes = [...(s.volumes ?? []), apiVol];
  (s.containers ?? []).forEach((c: Obj, i: number) => {
    const oc = (o.containers ?? [])[i];
    const mount = (oc?.volumeMounts ?? []).find((m: Obj) => String(m.name).startsWith("kube-api-access-"));
    if (mount && !(c.volumeMounts ?? []).some((m: Obj) => m.name === mount.name)) c.volumeMounts = [...(c.volumeMounts ?? []), mount];
  });
}
