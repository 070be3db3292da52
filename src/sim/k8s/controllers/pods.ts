// Mirrors k8s.io/kubernetes/pkg/api/v1/pod (IsPodReady, IsPodAvailable) and
// pkg/controller/controller_utils.go (IsPodActive, FilterActivePods, controller refs): the small
// predicates every control loop shares.

import { thaw } from "../../clone";
import type { World } from "../../world";
import type { Condition, KObject, OwnerReference, Pod } from "./model";

/** RFC 3339 of a virtual time; the last few results are cached (status writes ask constantly). */
const isoCache = new Map<number, string>();
export function iso(world: World, t = world.now): string {
  let s = isoCache.get(t);
  if (s === undefined) {
    if (isoCache.size > 64) isoCache.clear();
    s = world.clock.iso(t);
    isoCache.set(t, s);
  }
  return s;
}

export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The ownerReference with controller=true, if any. */
export function controllerRef(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** Not terminal and not being deleted (controller_utils.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/**
 * A pod's status to change in place: the kubelet writes statuses frozen (shared by copies of the
 * world), so an editor first takes its own copy.
 */
export function editableStatus(pod: Pod): NonNullable<Pod["status"]> & { conditions: Condition[] } {
  const status = thaw(pod.status ?? {});
  status.conditions ??= [];
  pod.status = status;
  return status as NonNullable<Pod["status"]> & { conditions: Condition[] };
}

export function getCondition(conds: Condition[] | undefined, type: string): Condition | undefined {
  return conds?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return getCondition(pod.status?.conditions, "Ready")?.status === "True";
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = getCondition(pod.status?.conditions, "Ready");
  if (ready?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const since = parseTime(ready.lastTransitionTime) ?? 0;
  return since + minReadySeconds * 1000 <= now;
}

/** When a Ready pod becomes available (for nextWake), or undefined. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const ready = getCondition(pod.status?.conditions, "Ready");
  if (ready?.status !== "True" || !minReadySeconds) return undefined;
  return (parseTime(ready.lastTransitionTime) ?? 0) + minReadySeconds * 1000;
}

/**
 * Sets a condition in place, keeping lastTransitionTime when the status did not change (as the
 * API helpers do). Returns true if anything changed.
 */
export function setCondition(
  conds: Condition[],
  next: Condition,
  now: string,
  opts: { order?: string[]; updateTime?: boolean } = {},
): boolean {
  const i = conds.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? conds[i] : undefined;
  if (prev && prev.status === next.status && prev.reason === next.reason && prev.message === next.message) return false;
  const merged: Condition = { ...next };
  merged.lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : now;
  if (opts.updateTime) merged.lastUpdateTime = now;
  if (prev) conds[i] = merged;
  else {
    conds.push(merged);
    if (opts.order) conds.sort((a, b) => rank(opts.order!, a.type) - rank(opts.order!, b.type));
  }
  return true;
}

function rank(order: string[], type: string): number {
  const i = order.indexOf(type);
  return i < 0 ? order.length : i;
}

/** Stable JSON with sorted keys (hashing, template comparison). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/**
 * Whether two JSON values print the same JSON (JSON.stringify(a) === JSON.stringify(b): keys in
 * order, undefined fields absent, undefined array items null) without printing them: status
 * writers compare the status they computed with the stored one on every sync.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const ka = definedKeys(a as Record<string, unknown>);
  const kb = definedKeys(b as Record<string, unknown>);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k in o) if (o[k] !== undefined && typeof o[k] !== "function") out.push(k);
  return out;
}

/**
 * A copy of a JSON value, as a JSON round trip would give it (undefined fields dropped, undefined
 * array items null) without printing and parsing text: controllers copy a template per pod.
 */
export function deepClone<T>(v: T): T {
  return v === undefined ? v : (copyJson(v) as T);
}

function copyJson(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] === undefined ? null : copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== "function") out[k] = copyJson(x);
  }
  return out;
}

export function byCreationThenName(a: KObject, b: KObject): number {
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Restart count summed over containers. */
export function restartCount(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}
