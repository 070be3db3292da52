// Mirrors the ResourceQuota admission plugin for pods (plugin/pkg/admission/resourcequota with
// pkg/quota/v1/evaluator/core/pods.go): a namespace's quotas limit what its live pods may
// request. A quota on cpu or memory demands that every container states it ("failed quota: q:
// must specify limits.cpu for: app"); a pod that would take usage past a hard limit is refused
// ("exceeded quota: q, requested: cpu=2, used: cpu=500m, limited: cpu=1"). Usage is counted from
// the pods themselves, as a resourcequota controller that is always in sync would have it;
// resourceQuotaStatus is that controller's status for a quota.

import { podTotals } from "./limit-ranger";
import { formatQuantity, parseQuantity, type Quantity } from "./quantity";
import type { KObject, Store } from "../store";
import { KINDS } from "./kinds";

type Obj = Record<string, any>;
type ResourceList = Record<string, string>;

/** Resources a quota on which makes every container state it (the evaluator's validationSet). */
const VALIDATION_SET = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

const qty = (v: string | undefined): Quantity | undefined => {
  try {
    return v === undefined ? undefined : parseQuantity(v);
  } catch {
    return undefined;
  }
};
const add = (a: string | undefined, b: string): string => {
  const x = qty(a);
  const y = qty(b)!;
  // Quantity.Add: a zero receiver takes the addend's format (0 + 600Mi prints 600Mi).
  return formatQuantity(x && x.nanos !== 0n ? { nanos: x.nanos + y.nanos, format: x.format } : { nanos: (x?.nanos ?? 0n) + y.nanos, format: y.format });
};

/** podComputeUsageHelper: what a pod's (or one container's) requests and limits count against quotas. */
function usageOf(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = { pods: "1" };
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    if (requests[r] !== undefined) out[r] = out[`requests.${r}`] = requests[r]!;
    if (limits[r] !== undefined) out[`limits.${r}`] = limits[r]!;
  }
  for (const [k, v] of Object.entries(requests)) if (k.startsWith("hugepages-")) out[k] = out[`requests.${k}`] = v;
  return out;
}

/** PodUsageFunc: count/pods for every pod in storage, compute resources while it is live. */
export function podUsage(pod: Obj, now: number): ResourceList {
  if (!countsForQuota(pod, now)) return { "count/pods": "1" };
  const spec = (pod.spec ?? {}) as Obj;
  return { "count/pods": "1", ...usageOf(podTotals(spec, "requests"), podTotals(spec, "limits")) };
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace, no longer count. */
function countsForQuota(pod: Obj, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  const meta = pod.metadata ?? {};
  if (meta.deletionTimestamp && meta.deletionGracePeriodSeconds !== undefined) {
    if (now > Date.parse(meta.deletionTimestamp) + meta.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** The quota's scopes (BestEffort, NotBestEffort, Terminating, NotTerminating) applied to a pod. */
function matchesScopes(quota: Obj, pod: Obj): boolean {
  const spec = (pod.spec ?? {}) as Obj;
  const bestEffort = [...((spec.containers ?? []) as Obj[]), ...((spec.initContainers ?? []) as Obj[])]
    .every((c) => !Object.keys(c?.resources?.requests ?? {}).length && !Object.keys(c?.resources?.limits ?? {}).length);
  const terminating = typeof spec.activeDeadlineSeconds === "number";
  for (const scope of (quota.spec?.scopes ?? []) as string[]) {
    if (scope === "BestEffort" && !bestEffort) return false;
    if (scope === "NotBestEffort" && bestEffort) return false;
    if (scope === "Terminating" && !terminating) return false;
    if (scope === "NotTerminating" && terminating) return false;
  }
  return true;
}

/** Whether this simulator can evaluate the quota (scope selectors, e.g. by PriorityClass, it cannot). */
const evaluable = (quota: Obj) => !quota.spec?.scopeSelector;

/** The resources of `hard` a pod's usage is charged against (pod resources and their counts). */
function podResources(hard: ResourceList): string[] {
  return Object.keys(hard).filter((k) => k === "pods" || k === "count/pods" || VALIDATION_SET.includes(k)
    || ["ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage"].includes(k) || k.startsWith("requests.hugepages-") || k.startsWith("hugepages-"));
}

/** The quota's status as the resourcequota controller keeps it: hard from spec, used per hard resource. */
export function resourceQuotaStatus(quota: Obj, pods: readonly Obj[], now: number): { hard: ResourceList; used: ResourceList } {
  const hard = { ...((quota.spec?.hard ?? {}) as ResourceList) };
  const used: ResourceList = {};
  const charged = podResources(hard);
  for (const r of charged) used[r] = "0";
  if (evaluable(quota)) {
    for (const p of pods) {
      if (!matchesScopes(quota, p)) continue;
      const u = podUsage(p, now);
      for (const r of charged) if (u[r] !== undefined) used[r] = add(used[r], u[r]!);
    }
  }
  return { hard, used };
}

const prettyPrint = (list: ResourceList) => Object.keys(list).sort().map((k) => `${k}=${list[k]}`).join(",");

/**
 * The admission decision for a new pod against the namespace's quotas (in name order): the
 * Forbidden message's reason, or undefined when it fits.
 */
export function quotaViolation(pod: Obj, quotas: readonly Obj[], pods: readonly Obj[], now: number): string | undefined {
  const live = quotas.filter(evaluable).filter((qt) => matchesScopes(qt, pod));
  // Constraints first, for every quota.
  for (const quota of live) {
    const required = Object.keys(quota.spec?.hard ?? {}).filter((k) => VALIDATION_SET.includes(k));
    if (!required.length) continue;
    const missing = new Map<string, Set<string>>();
    const spec = (pod.spec ?? {}) as Obj;
    for (const c of [...((spec.containers ?? []) as Obj[]), ...((spec.initContainers ?? []) as Obj[])]) {
      const has = usageOf((c?.resources?.requests ?? {}) as ResourceList, (c?.resources?.limits ?? {}) as ResourceList);
      for (const r of required) if (has[r] === undefined) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(String(c?.name));
    }
    if (missing.size) {
      const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(",")}`);
      return `failed quota: ${quota.metadata.name}: must specify ${parts.join("; ")}`;
    }
  }
  const requested = podUsage(pod, now);
  for (const quota of live) {
    const { hard, used } = resourceQuotaStatus(quota, pods, now);
    const exceeded = podResources(hard).filter((r) => {
      if (requested[r] === undefined) return false;
      const total = qty(add(used[r], requested[r]!))!;
      const limit = qty(hard[r]);
      return limit !== undefined && total.nanos > limit.nanos;
    }).sort();
    if (exceeded.length) {
      const pick = (list: ResourceList) => Object.fromEntries(exceeded.map((r) => [r, formatQuantity(qty(list[r] ?? "0")!)]));
      return `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(pick(requested))}, used: ${prettyPrint(pick(used))}, limited: ${prettyPrint(pick(hard))}`;
    }
  }
  return undefined;
}

/**
 * The resourcequota controller's pass: every quota's status.hard and status.used brought up to
 * date with the pods (an always-synced controller; upstream also recounts on pod deletion).
 * Status is replaced, not edited. True when a status changed.
 */
export function syncResourceQuotaStatus(store: Store, now: number): boolean {
  const quotas = store.list("ResourceQuota") as Obj[];
  if (!quotas.length) return false;
  let changed = false;
  const podsByNs = new Map<string, Obj[]>();
  for (const quota of quotas) {
    const ns = quota.metadata.namespace as string;
    if (!podsByNs.has(ns)) podsByNs.set(ns, store.list("Pod", ns) as Obj[]);
    const status = resourceQuotaStatus(quota, podsByNs.get(ns)!, now);
    for (const r of Object.keys(status.hard)) {
      if (status.used[r] !== undefined) continue;
      const u = objectUsage(store, ns, r);
      if (u !== undefined) status.used[r] = u;
    }
    if (JSON.stringify(status) === JSON.stringify({ hard: quota.status?.hard, used: quota.status?.used })) continue;
    quota.status = status;
    store.touch(quota as KObject);
    changed = true;
  }
  return changed;
}

/** Object-count quotas ("services", "count/deployments.apps") and claims' storage, per namespace. */
function objectUsage(store: Store, ns: string, resource: string): string | undefined {
  const list = (kind: string) => store.list(kind, ns) as Obj[];
  const services = () => list("Service");
  switch (resource) {
    case "services": return String(services().length);
    case "services.loadbalancers": return String(services().filter((sv) => sv.spec?.type === "LoadBalancer").length);
    case "services.nodeports":
      return String(services().filter((sv) => sv.spec?.type === "NodePort" || sv.spec?.type === "LoadBalancer")
        .reduce((n, sv) => n + ((sv.spec?.ports ?? []) as Obj[]).filter((p) => p.nodePort).length, 0));
    case "configmaps": return String(list("ConfigMap").length);
    case "secrets": return String(list("Secret").length);
    case "persistentvolumeclaims": return String(list("PersistentVolumeClaim").length);
    case "replicationcontrollers": return String(list("ReplicationController").length);
    case "resourcequotas": return String(list("ResourceQuota").length);
    case "requests.storage":
      return list("PersistentVolumeClaim").reduce((sum, c) => add(sum, String(c.spec?.resources?.requests?.storage ?? "0")), "0");
  }
  if (resource.startsWith("count/")) {
    const name = resource.slice("count/".length);
    const dot = name.indexOf(".");
    const info = KINDS.find((k) => k.namespaced && k.resource === (dot < 0 ? name : name.slice(0, dot)) && k.group === (dot < 0 ? "" : name.slice(dot + 1)));
    return info ? String(list(info.kind).length) : undefined;
  }
  return undefined;
}

/**
 * The ResourceQuota admission decision for creating a non-pod object (the generic object-count
 * evaluator, and services' node ports / load balancers): the Forbidden reason, or undefined.
 * `resource` is the kind's plural resource, `group` its API group. For the API server's create
 * path; pods go through quotaViolation.
 */
export function objectQuotaViolation(store: Store, ns: string, resource: string, group: string, obj: Obj): string | undefined {
  const requested: ResourceList = { [group ? `count/${resource}.${group}` : `count/${resource}`]: "1" };
  const legacy: Record<string, string> = { services: "services", configmaps: "configmaps", secrets: "secrets", persistentvolumeclaims: "persistentvolumeclaims", replicationcontrollers: "replicationcontrollers", resourcequotas: "resourcequotas" };
  if (!group && legacy[resource]) requested[legacy[resource]!] = "1";
  if (!group && resource === "services") {
    const type = obj.spec?.type;
    if (type === "LoadBalancer") requested["services.loadbalancers"] = "1";
    if (type === "NodePort" || type === "LoadBalancer") requested["services.nodeports"] = String(((obj.spec?.ports ?? []) as Obj[]).length);
  }
  if (!group && resource === "persistentvolumeclaims" && obj.spec?.resources?.requests?.storage) requested["requests.storage"] = String(obj.spec.resources.requests.storage);
  for (const quota of (store.list("ResourceQuota", ns) as Obj[]).filter(evaluable)) {
    const hard = (quota.spec?.hard ?? {}) as ResourceList;
    const exceeded = Object.keys(requested).filter((r) => {
      if (hard[r] === undefined) return false;
      const used = objectUsage(store, ns, r) ?? "0";
      return qty(add(used, requested[r]!))!.nanos > qty(hard[r])!.nanos;
    }).sort();
    if (exceeded.length) {
      const pick = (f: (r: string) => string) => prettyPrint(Object.fromEntries(exceeded.map((r) => [r, formatQuantity(qty(f(r))!)])));
      return `exceeded quota: ${quota.metadata.name}, requested: ${pick((r) => requested[r]!)}, used: ${pick((r) => objectUsage(store, ns, r) ?? "0")}, limited: ${pick((r) => hard[r]!)}`;
    }
  }
  return undefined;
}
