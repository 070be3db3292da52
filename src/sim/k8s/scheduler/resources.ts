// Mirrors pkg/api/v1/resource (PodRequests) and the scheduler's non-zero request defaults:
// a pod asks for max(Σ app containers, max init container) + overhead, per resource; for
// scoring only, a container without a cpu/memory request counts as 100m / 200Mi.

import { freezeConstant } from "../../clone";
import { milliValue, unitValue } from "../api/quantity";
import type { Container, Node, Pod, ResourceList } from "../controllers/model";
import { emptyResources, type Resources } from "./framework";

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
export const DEFAULT_MAX_PODS = 110;

const milliCache = new Map<string, number>();
const unitCache = new Map<string, number>();

/** Milli-units of a quantity (0 when unparsable; validation rejected those already). */
export function milli(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  const k = String(q);
  let v = milliCache.get(k);
  if (v === undefined) {
    try { v = milliValue(q); } catch { v = 0; }
    if (milliCache.size < 10_000) milliCache.set(k, v);
  }
  return v;
}

/** Whole units of a quantity (bytes for memory). */
export function units(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  const k = String(q);
  let v = unitCache.get(k);
  if (v === undefined) {
    try { v = unitValue(q); } catch { v = 0; }
    if (unitCache.size < 10_000) unitCache.set(k, v);
  }
  return v;
}

function addList(r: Resources, list: ResourceList | undefined, sign = 1): void {
  if (!list) return;
  for (const [name, q] of Object.entries(list)) {
    if (name === "cpu") r.milliCPU += sign * milli(q);
    else if (name === "memory") r.memory += sign * units(q);
    else if (name === "ephemeral-storage") r.ephemeralStorage += sign * units(q);
    else if (name === "pods") r.pods += sign * units(q);
    else r.scalar[name] = (r.scalar[name] ?? 0) + sign * units(q);
  }
}

function containerRequests(c: Container): ResourceList {
  // Requests default to limits when only limits are set (the API server defaults this too).
  return { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
}

function maxInto(r: Resources, o: Resources): void {
  r.milliCPU = Math.max(r.milliCPU, o.milliCPU);
  r.memory = Math.max(r.memory, o.memory);
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage);
  for (const [k, v] of Object.entries(o.scalar)) r.scalar[k] = Math.max(r.scalar[k] ?? 0, v);
}

const requestCache = new WeakMap<object, { requests: Resources; nonZero: { milliCPU: number; memory: number } }>();

/** PodRequests plus the non-zero variant used by scoring; cached per (frozen) pod spec, read-only. */
export function podRequests(pod: Pod): { requests: Resources; nonZero: { milliCPU: number; memory: number } } {
  // Keyed by the spec: a stored pod's spec is frozen and shared by every copy of the world.
  const key = Object.isFrozen(pod.spec) ? pod.spec : undefined;
  const hit = key && requestCache.get(key);
  if (hit) return hit;
  const requests = emptyResources();
  const nonZero = { milliCPU: 0, memory: 0 };
  for (const c of pod.spec.containers ?? []) {
    const req = containerRequests(c);
    addList(requests, req);
    nonZero.milliCPU += req.cpu !== undefined ? milli(req.cpu) : DEFAULT_MILLI_CPU_REQUEST;
    nonZero.memory += req.memory !== undefined ? units(req.memory) : DEFAULT_MEMORY_REQUEST;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const init = emptyResources();
    addList(init, containerRequests(c));
    if (c.restartPolicy === "Always") addList(requests, containerRequests(c));
    else maxInto(requests, init);
  }
  addList(requests, pod.spec.overhead);
  const out = { requests, nonZero };
  if (key) requestCache.set(key, freezeConstant(out));
  return out;
}

/** Node allocatable (falls back to capacity), in scheduler units. */
export function nodeAllocatable(node: Node): Resources {
  const r = emptyResources();
  addList(r, node.status?.allocatable ?? node.status?.capacity);
  if (!r.pods) r.pods = DEFAULT_MAX_PODS;
  return r;
}

export function addResources(into: Resources, r: Resources): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + v;
}
