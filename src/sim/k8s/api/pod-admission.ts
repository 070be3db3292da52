// Admission for pods (plugin/pkg/admission/limitranger, serviceaccount, priority,
// defaulttolerationseconds, resourcequota) and the pod update rule of ValidatePodUpdate: only images, activeDeadlineSeconds,
// added tolerations and terminationGracePeriodSeconds may change.

import { deepClone } from "./json";
import { sharedConstant } from "../../clone";
import type { KubeCluster } from "../cluster";
import { forbidden, invalid, type FieldError } from "./errors";
import { StatusError } from "./errors";
import { schedulingGateUpdateErrors } from "./validation/pod";
import { applyLimitRangeDefaults, limitRangeViolation } from "./limit-ranger";
import { quotaViolation } from "./resource-quota";

type Obj = Record<string, any>;

export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

export const SA_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

// What admission adds to every pod is the same each time: one frozen constant, shared by every pod
// (stored objects are replaced, never edited, where these live) and every copy of a world.
const DEFAULT_TOLERATIONS = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
].map((t) => sharedConstant(t));

const API_ACCESS_PROJECTION = sharedConstant({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
    { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
  ],
});

export function admitPod(cluster: KubeCluster, pod: Obj, dryRun: boolean): void {
  const spec = pod.spec as Obj;
  const ns = pod.metadata.namespace as string;
  // LimitRanger comes first among the mutating plugins: defaults from the namespace's LimitRanges.
  const limitRanges = cluster.store.list("LimitRange", ns) as Obj[];
  if (limitRanges.length) applyLimitRangeDefaults(pod, limitRanges);
  // ServiceAccount admission (it leaves mirror pods — a kubelet's static pods — alone).
  const mirror = (pod.metadata.annotations as Obj | undefined)?.["kubernetes.io/config.mirror"] !== undefined;
  if (!mirror) admitServiceAccount(cluster, pod, ns, dryRun);
  // DefaultTolerationSeconds: a toleration already covers the taint when its key is the taint's
  // (or empty) and its effect NoExecute (or empty) — an empty-key NoSchedule one does not.
  const tols = (spec.tolerations ?? []) as Obj[];
  for (const d of DEFAULT_TOLERATIONS) {
    const tolerated = tols.some((t) => (!t.key || t.key === d.key) && (!t.effect || t.effect === d.effect));
    if (!tolerated) tols.push(d);
  }
  spec.tolerations = tols;
  admitPriority(cluster, pod);
  spec.enableServiceLinks ??= true;
}

/** ServiceAccount admission: the account must exist; its token, CA and namespace are mounted. */
function admitServiceAccount(cluster: KubeCluster, pod: Obj, ns: string, dryRun: boolean): void {
  const spec = pod.spec as Obj;
  const saName = spec.serviceAccountName || spec.serviceAccount || "default";
  if (!cluster.store.get("ServiceAccount", ns, saName) && !dryRun) {
    throw new StatusError("Forbidden", `pods "${pod.metadata.name}" is forbidden: error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
  }
  spec.serviceAccountName = saName;
  spec.serviceAccount = saName;
  if (spec.automountServiceAccountToken !== false && !(spec.volumes ?? []).some((v: Obj) => String(v.name).startsWith("kube-api-access-"))) {
    const volName = `kube-api-access-${cluster.rng.k8sSuffix(5)}`;
    spec.volumes = [...(spec.volumes ?? []), {
      name: volName,
      projected: API_ACCESS_PROJECTION,
    }];
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Obj[]) {
      if ((c.volumeMounts ?? []).some((m: Obj) => m.mountPath === SA_MOUNT_PATH)) continue;
      c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SA_MOUNT_PATH, name: volName, readOnly: true }];
    }
  }
}

/**
 * The validating admission plugins for a pod, which run after the object's validation:
 * LimitRanger's constraints, then ResourceQuota (the last one).
 */
export function validatePodAdmission(cluster: KubeCluster, pod: Obj): void {
  const ns = pod.metadata.namespace as string;
  const limitRanges = cluster.store.list("LimitRange", ns) as Obj[];
  const limitError = limitRanges.length ? limitRangeViolation(pod, limitRanges) : undefined;
  if (limitError) throw admissionForbidden(pod, limitError);
  const quotas = cluster.store.list("ResourceQuota", ns) as Obj[];
  const quotaError = quotas.length ? quotaViolation(pod, quotas, cluster.store.list("Pod", ns) as Obj[], cluster.world.now) : undefined;
  if (quotaError) throw admissionForbidden(pod, quotaError);
}

/**
 * The Priority admission plugin (plugin/pkg/admission/priority) on create: the pod's class — its
 * priorityClassName, else the global default class (the lowest-valued one if several), else
 * none with priority 0 — sets spec.priority and spec.preemptionPolicy; a value the pod states
 * itself must agree.
 */
function admitPriority(cluster: KubeCluster, pod: Obj): void {
  const spec = pod.spec as Obj;
  let priority = 0;
  let policy: string | undefined = "PreemptLowerPriority";
  if (!spec.priorityClassName) {
    let dflt: Obj | undefined;
    for (const pc of cluster.store.list("PriorityClass") as Obj[]) {
      if (pc.globalDefault === true && (!dflt || dflt.value > pc.value)) dflt = pc;
    }
    if (dflt) {
      spec.priorityClassName = dflt.metadata.name;
      priority = dflt.value ?? 0;
      policy = dflt.preemptionPolicy;
    }
  } else {
    const pc = cluster.store.get("PriorityClass", undefined, spec.priorityClassName) as Obj | undefined;
    if (!pc) throw admissionForbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value ?? 0;
    policy = pc.preemptionPolicy;
  }
  if (typeof spec.priority === "number" && spec.priority !== priority) {
    throw admissionForbidden(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy) {
    if (spec.preemptionPolicy != null && spec.preemptionPolicy !== policy) {
      throw admissionForbidden(pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
}

/**
 * admission.NewForbidden: mutating admission runs before the name is generated, so a pod made
 * from generateName (a controller's) is named by that prefix: `pods "web-7c5d79b5bb-" is forbidden`.
 */
function admissionForbidden(pod: Obj, message: string): StatusError {
  const meta = pod.metadata as Obj;
  const prefix = typeof meta.generateName === "string" ? meta.generateName.slice(0, 58) : "";
  const generated = prefix && String(meta.name).length === prefix.length + 5 && String(meta.name).startsWith(prefix);
  return new StatusError("Forbidden", `pods "${generated ? meta.generateName : meta.name}" is forbidden: ${message}`);
}

/** ValidatePodUpdate's spec rule, comparing everything but the mutable fields. */
export function podUpdateErrors(old: Obj, obj: Obj): FieldError[] {
  const strip = (spec: Obj) => {
    const s = deepClone((spec ?? {}) as Obj);
    for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    // Gates may be removed (checked below); everything else about them is the same spec.
    delete s.schedulingGates;
    // A gated pod's scheduling directives may still be narrowed: nodeSelector additions, and
    // node affinity where it had no required terms yet (the rest of validateNodeAffinityMutation
    // is not modelled).
    if (gated) {
      delete s.nodeSelector;
      if (!old.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution && s.affinity) {
        delete s.affinity.nodeAffinity;
        if (!Object.keys(s.affinity).length) delete s.affinity;
      }
    }
    return s;
  };
  const gated = Array.isArray(old.spec?.schedulingGates) && old.spec.schedulingGates.length > 0;
  const errs: FieldError[] = schedulingGateUpdateErrors(old.spec?.schedulingGates, obj.spec?.schedulingGates);
  if (gated) errs.push(...nodeSelectorMutationErrors(old.spec?.nodeSelector, obj.spec?.nodeSelector));
  const gateErrors = errs.length;
  if (JSON.stringify(sortKeys(strip(old.spec))) !== JSON.stringify(sortKeys(strip(obj.spec)))) errs.push(forbidden("spec", POD_UPDATE_FORBIDDEN));
  const oldTols = (old.spec?.tolerations ?? []) as Obj[];
  const newTols = (obj.spec?.tolerations ?? []) as Obj[];
  if (errs.length === gateErrors && oldTols.some((t) => !newTols.some((n) => JSON.stringify(sortKeys(n)) === JSON.stringify(sortKeys(t))))) {
    errs.push(forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
  }
  return errs;
}

/** validateNodeSelectorMutation: a gated pod's nodeSelector may only gain entries. */
function nodeSelectorMutationErrors(before: Obj | undefined, after: Obj | undefined): FieldError[] {
  for (const [k, v] of Object.entries(before ?? {})) {
    if (after?.[k] !== v) {
      // %#v of a map[string]string, keys sorted as fmt prints them.
      const shown = after ? `map[string]string{${Object.keys(after).sort().map((key) => `${JSON.stringify(key)}:${JSON.stringify(String(after[key]))}`).join(", ")}}` : "map[string]string(nil)";
      return [invalid("spec.nodeSelector", after ?? null, "only additions to spec.nodeSelector are allowed (no mutations or deletions)", shown)];
    }
  }
  return [];
}

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Obj = {};
    for (const k of Object.keys(v as Obj).sort()) out[k] = sortKeys((v as Obj)[k]);
    return out;
  }
  return v;
}
