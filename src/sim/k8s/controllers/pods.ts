// Mirrors k8s.io/kubernetes/pkg/api/v1/pod (IsPodReady, IsPodAvailable) and
// pkg/controller/controller_utils.go (IsPodActive, FilterActivePods, controller refs): the small
// predicates every control loop shares.

import { thaw } from "../../clone";
import type { World } from "../../world";
import type { KubeCluster } from "../cluster";
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

export function getCondition(conds: readonly Condition[] | undefined, type: string): Condition | undefined {
  // A plain loop: statuses are frozen (shared by copies of the world), and V8's Array.prototype.find
  // takes a slow path over frozen arrays.
  if (conds) for (let i = 0; i < conds.length; i++) if (conds[i]!.type === type) return conds[i];
  return undefined;
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

/**
 * The next moment one of the owners' Ready pods becomes available (minReadySeconds), with no
 * write in between: the nextWake of the controllers that count available pods.
 */
export function nextAvailableAt(cluster: KubeCluster, owners: readonly (KObject & { spec: { minReadySeconds?: number } })[]): number | undefined {
  let t: number | undefined;
  const now = cluster.world.now;
  for (const o of owners) {
    const min = o.spec.minReadySeconds ?? 0;
    if (!min) continue;
    for (const p of cluster.store.view<Pod>("Pod", o.metadata.namespace)) {
      if (controllerRef(p)?.uid !== o.metadata.uid) continue;
      const at = availableAt(p, min);
      if (at !== undefined && at > now && (t === undefined || at < t)) t = at;
    }
  }
  return t;
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

export { deepClone, sameJson } from "../api/json";

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
