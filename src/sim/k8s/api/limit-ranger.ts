// Mirrors the LimitRanger admission plugin (plugin/pkg/admission/limitranger) for pods on create:
// first it fills each container's missing limits and requests from the namespace's Container
// LimitRanges (default / defaultRequest) and notes it in the `kubernetes.io/limit-ranger`
// annotation; then it enforces min, max and maxLimitRequestRatio per Container and per Pod.
// Violations are Forbidden: `pods "x" is forbidden: maximum cpu usage per Container is 1, but
// limit is 2` (several join as Go's aggregate error, "[a, b]").

import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from "./quantity";

type Obj = Record<string, any>;
type ResourceList = Record<string, string>;

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

const q = (v: unknown): Quantity | undefined => {
  try {
    return v === undefined || v === null ? undefined : parseQuantity(v as string);
  } catch {
    return undefined;
  }
};
const str = (v: Quantity) => formatQuantity(v);

/** utilerrors.NewAggregate(...).Error(): one message as is, several in brackets. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(", ")}]`;
}

function containersOf(spec: Obj): { list: Obj[]; kind: "container" | "init container" }[] {
  return [
    { list: (Array.isArray(spec.containers) ? spec.containers : []) as Obj[], kind: "container" },
    { list: (Array.isArray(spec.initContainers) ? spec.initContainers : []) as Obj[], kind: "init container" },
  ];
}

/** defaultContainerResourceRequirements: the first Container item's default and defaultRequest win per resource. */
function containerDefaults(limitRange: Obj): { limits: ResourceList; requests: ResourceList } {
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of (limitRange.spec?.limits ?? []) as Obj[]) {
    if (item?.type !== "Container") continue;
    for (const [k, v] of Object.entries((item.default ?? {}) as ResourceList)) limits[k] = v;
    for (const [k, v] of Object.entries((item.defaultRequest ?? {}) as ResourceList)) requests[k] = v;
  }
  return { limits, requests };
}

/** mergeContainerResources: fills what is missing; returns the annotation's parts for this container. */
function mergeContainerResources(c: Obj, defaults: { limits: ResourceList; requests: ResourceList }, kind: string): string[] {
  const res = (c.resources ??= {}) as Obj;
  const limits = { ...((res.limits ?? {}) as ResourceList) };
  const requests = { ...((res.requests ?? {}) as ResourceList) };
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) if (limits[k] === undefined) { limits[k] = v; setLimits.push(k); }
  for (const [k, v] of Object.entries(defaults.requests)) if (requests[k] === undefined) { requests[k] = v; setRequests.push(k); }
  if (setLimits.length) res.limits = limits;
  if (setRequests.length) res.requests = requests;
  const out: string[] = [];
  if (setRequests.length) out.push(`${setRequests.sort().join(", ")} request for ${kind} ${c.name}`);
  if (setLimits.length) out.push(`${setLimits.sort().join(", ")} limit for ${kind} ${c.name}`);
  return out;
}

/** The mutating half: defaults from every LimitRange of the namespace, in name order. */
export function applyLimitRangeDefaults(pod: Obj, limitRanges: readonly Obj[]): void {
  const spec = pod.spec as Obj;
  for (const lr of limitRanges) {
    const defaults = containerDefaults(lr);
    if (!Object.keys(defaults.limits).length && !Object.keys(defaults.requests).length) continue;
    const notes: string[] = [];
    for (const { list, kind } of containersOf(spec)) for (const c of list) if (c) notes.push(...mergeContainerResources(c, defaults, kind));
    if (notes.length) {
      const meta = (pod.metadata ??= {}) as Obj;
      meta.annotations = { ...(meta.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}` };
    }
  }
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = q(requests[name]);
  const lim = q(limits[name]);
  if (!req) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (compareQuantities(req, enforced) < 0) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  if (lim && compareQuantities(lim, enforced) < 0) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = q(requests[name]);
  const lim = q(limits[name]);
  if (!lim) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (compareQuantities(lim, enforced) > 0) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  if (req && compareQuantities(req, enforced) > 0) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = q(requests[name]);
  const lim = q(limits[name]);
  if (!req || req.nanos === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0`;
  if (!lim || lim.nanos === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(lim.nanos) / Number(req.nanos);
  if (ratio > Number(enforced.nanos) / 1e9) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

const sum = (a: string | undefined, b: string | undefined): string | undefined => {
  const x = q(a);
  const y = q(b);
  if (!x) return y ? str(y) : undefined;
  if (!y) return str(x);
  return str({ nanos: x.nanos + y.nanos, format: x.format });
};
const max = (a: string | undefined, b: string | undefined): string | undefined => {
  const x = q(a);
  const y = q(b);
  if (!x) return y ? str(y) : undefined;
  if (!y) return str(x);
  return str(compareQuantities(x, y) >= 0 ? x : y);
};

/** podRequests / podLimits: the containers' sum, at least each init container's. */
export function podTotals(spec: Obj, part: "requests" | "limits"): ResourceList {
  const out: ResourceList = {};
  for (const c of (spec.containers ?? []) as Obj[]) {
    for (const [k, v] of Object.entries((c?.resources?.[part] ?? {}) as ResourceList)) out[k] = sum(out[k], v)!;
  }
  for (const c of (spec.initContainers ?? []) as Obj[]) {
    for (const [k, v] of Object.entries((c?.resources?.[part] ?? {}) as ResourceList)) out[k] = max(out[k], v)!;
  }
  for (const [k, v] of Object.entries((spec.overhead ?? {}) as ResourceList)) if (out[k] !== undefined) out[k] = sum(out[k], v)!;
  return out;
}

/** PodValidateLimitFunc for one LimitRange: the violations, in upstream's order. */
function violations(lr: Obj, spec: Obj): string[] {
  const out: string[] = [];
  const check = (type: string, item: Obj, requests: ResourceList, limits: ResourceList) => {
    for (const [k, v] of Object.entries((item.min ?? {}) as ResourceList)) { const e = q(v) && minConstraint(type, k, q(v)!, requests, limits); if (e) out.push(e); }
    for (const [k, v] of Object.entries((item.max ?? {}) as ResourceList)) { const e = q(v) && maxConstraint(type, k, q(v)!, requests, limits); if (e) out.push(e); }
    for (const [k, v] of Object.entries((item.maxLimitRequestRatio ?? {}) as ResourceList)) { const e = q(v) && ratioConstraint(type, k, q(v)!, requests, limits); if (e) out.push(e); }
  };
  for (const item of (lr.spec?.limits ?? []) as Obj[]) {
    if (item?.type === "Container") {
      for (const c of [...((spec.containers ?? []) as Obj[]), ...((spec.initContainers ?? []) as Obj[])]) {
        check("Container", item, (c?.resources?.requests ?? {}) as ResourceList, (c?.resources?.limits ?? {}) as ResourceList);
      }
    } else if (item?.type === "Pod") {
      check("Pod", item, podTotals(spec, "requests"), podTotals(spec, "limits"));
    }
  }
  return out;
}

/** The validating half: the error message (one aggregate over the LimitRanges), or undefined. */
export function limitRangeViolation(pod: Obj, limitRanges: readonly Obj[]): string | undefined {
  const errs: string[] = [];
  for (const lr of limitRanges) {
    const v = violations(lr, pod.spec as Obj);
    if (v.length) errs.push(aggregate(v));
  }
  return errs.length ? aggregate(errs) : undefined;
}
