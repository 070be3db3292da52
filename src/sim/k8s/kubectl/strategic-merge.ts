// Mirrors k8s.io/apimachinery/pkg/util/strategicpatch (StrategicMergePatch) for the built-in
// types, plus RFC 7386 JSON merge patch. Lists with a patchMergeKey in the Go types (containers
// by name, ports by containerPort, env by name, volumeMounts by mountPath, …) merge element by
// element; every other list is replaced whole. Directives: `$patch: replace|delete|merge`,
// `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>` (order only).
// The merged list order follows normalizeElementOrder: patch items in patch order, interleaved
// with server-only items by server position — so items new to the server come first.

import { OutcomeError } from "../../outcome-error";

type Obj = Record<string, any>;

/** A bad patch: the API server answers it with a BadRequest / generic error. */
export class PatchError extends OutcomeError {}

/** Merge strategy of one list field, by its path of field names (indices removed). */
interface ListStrategy {
  /** patchMergeKey; "" for a list of primitives merged as a set. */
  key: string;
}

/** `[suffix of the field path, merge key]`, checked longest first. */
const MERGE_KEYS: [RegExp, string][] = [
  [/(^|\.)(containers|initContainers|ephemeralContainers)\.ports$/, "containerPort"],
  [/(^|\.)(containers|initContainers|ephemeralContainers)\.env$/, "name"],
  [/(^|\.)(containers|initContainers|ephemeralContainers)\.volumeMounts$/, "mountPath"],
  [/(^|\.)(containers|initContainers|ephemeralContainers)\.volumeDevices$/, "devicePath"],
  [/(^|\.)(containers|initContainers|ephemeralContainers)\.resizePolicy$/, "resourceName"],
  [/(^|\.)spec\.(containers|initContainers|ephemeralContainers)$/, "name"],
  [/(^|\.)spec\.(volumes|imagePullSecrets|resourceClaims|schedulingGates)$/, "name"],
  [/(^|\.)spec\.hostAliases$/, "ip"],
  [/(^|\.)spec\.topologySpreadConstraints$/, "topologyKey"],
  [/^metadata\.ownerReferences$/, "uid"],
  [/^status\.conditions$/, "type"],
];

const SERVICE_PORTS = /^spec\.ports$/;
const PRIMITIVE_MERGE = /^metadata\.finalizers$/;

export function listStrategy(kind: string, path: string): ListStrategy | undefined {
  if (kind === "Service" && SERVICE_PORTS.test(path)) return { key: "port" };
  if (PRIMITIVE_MERGE.test(path)) return { key: "" };
  for (const [re, key] of MERGE_KEYS) if (re.test(path)) return { key };
  return undefined;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Go's %v of a map, as strategicpatch prints it in errors: map[a:1 b:x]. */
function goMap(v: unknown): string {
  if (isObj(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goMap(v[k])}`).join(" ")}]`;
  if (Array.isArray(v)) return `[${v.map(goMap).join(" ")}]`;
  return String(v);
}

/** Applies a strategic merge patch to `original` (a kind's JSON). Returns a new object. */
export function strategicMergePatch(original: Obj, patch: Obj, kind: string): Obj {
  return mergeMap(deepClone(original), patch, kind, "", 0);
}

function mergeMap(original: Obj, patch: Obj, kind: string, path: string, depth: number): Obj {
  if (depth > 64) throw new PatchError("patch nesting too deep");
  const directive = patch["$patch"];
  if (directive === "replace") {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (directive === "delete") return {};
  if (directive !== undefined && directive !== "merge") throw new PatchError(`Unknown patch type: ${directive} in map: ${goMap(patch)}`);
  const retain = patch["$retainKeys"];
  for (const key of Object.keys(patch)) {
    if (key === "$patch" || key === "$retainKeys" || key.startsWith("$setElementOrder/")) continue;
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const drop = new Set((patch[key] as unknown[]).map((x) => JSON.stringify(x)));
      if (Array.isArray(original[field])) original[field] = (original[field] as unknown[]).filter((x) => !drop.has(JSON.stringify(x)));
      continue;
    }
    const pv = patch[key];
    if (pv === null) {
      delete original[key];
      continue;
    }
    const fieldPath = join(path, key);
    const ov = original[key];
    if (isObj(pv)) {
      if (pv["$patch"] === "delete") {
        delete original[key];
        continue;
      }
      original[key] = mergeMap(isObj(ov) ? ov : {}, pv, kind, fieldPath, depth + 1);
    } else if (Array.isArray(pv)) {
      const strat = listStrategy(kind, fieldPath);
      original[key] = strat && Array.isArray(ov) ? mergeList(ov, pv, strat, kind, fieldPath, depth) : replaceList(pv, strat);
    } else {
      original[key] = pv;
    }
  }
  if (Array.isArray(retain)) {
    const keep = new Set(retain as string[]);
    for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
  }
  return original;
}

/** A list the server did not have (or one without a merge strategy): the patch's items, directives removed. */
function replaceList(items: unknown[], strat: ListStrategy | undefined): unknown[] {
  const out: unknown[] = [];
  for (const it of items) {
    if (isObj(it)) {
      if (it["$patch"] === "delete") continue;
      if (it["$patch"] === "replace") continue;
      if (strat?.key && !(strat.key in it)) throw new PatchError(`map: ${goMap(it)} does not contain declared merge key: ${strat.key}`);
      out.push(stripDirectives(it));
    } else out.push(it);
  }
  return out;
}

function stripDirectives(v: unknown): any {
  if (Array.isArray(v)) return v.filter((x) => !(isObj(x) && x["$patch"] === "delete")).map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith("$")) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

function mergeList(original: unknown[], patch: unknown[], strat: ListStrategy, kind: string, path: string, depth: number): unknown[] {
  // `$patch: replace` anywhere in the list replaces it with the other items.
  if (patch.some((x) => isObj(x) && x["$patch"] === "replace")) return replaceList(patch.filter((x) => !(isObj(x) && x["$patch"] === "replace")), strat);
  if (!strat.key) {
    const seen = new Set(original.map((x) => JSON.stringify(x)));
    const added = patch.filter((x) => !seen.has(JSON.stringify(x)));
    return normalizeOrder(original.filter((x) => !patch.some((p) => JSON.stringify(p) === JSON.stringify(x))), [...patch.filter((x) => seen.has(JSON.stringify(x))), ...added].filter((x, i, a) => a.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i), original, (x) => JSON.stringify(x));
  }
  const key = strat.key;
  const keyOf = (x: unknown) => (isObj(x) ? JSON.stringify(x[key]) : JSON.stringify(x));
  const merged = original.map((x) => deepClone(x));
  const patchItems: unknown[] = [];
  for (const item of patch) {
    if (!isObj(item)) throw new PatchError(`unable to find api field in struct for ${path.split(".").pop()}`);
    if (!(key in item)) throw new PatchError(`map: ${goMap(item)} does not contain declared merge key: ${key}`);
    const idx = merged.findIndex((x) => keyOf(x) === keyOf(item));
    if (item["$patch"] === "delete") {
      if (idx >= 0) merged.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      merged[idx] = mergeMap(isObj(merged[idx]) ? (merged[idx] as Obj) : {}, item, kind, path, depth + 1);
      patchItems.push(merged[idx]);
    } else {
      const fresh = mergeMap({}, item, kind, path, depth + 1);
      merged.push(fresh);
      patchItems.push(fresh);
    }
  }
  const inPatch = new Set(patchItems.map(keyOf));
  const serverOnly = merged.filter((x) => !inPatch.has(keyOf(x)));
  return normalizeOrder(serverOnly, patchItems, original, keyOf);
}

/** strategicpatch.mergeSortedSlice: server-only items (server order) and patch items (patch order). */
function normalizeOrder(serverOnly: unknown[], patchItems: unknown[], serverOrder: unknown[], keyOf: (x: unknown) => string): unknown[] {
  const pos = new Map(serverOrder.map((x, i) => [keyOf(x), i]));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = pos.get(keyOf(serverOnly[i])) ?? -1;
      const ri = pos.get(keyOf(patchItems[j])) ?? -1;
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/** RFC 7386 JSON merge patch. */
export function jsonMergePatch(target: unknown, patch: unknown, depth = 0): unknown {
  if (depth > 64) throw new PatchError("patch nesting too deep");
  if (!isObj(patch)) return deepClone(patch);
  const out: Obj = isObj(target) ? deepClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v, depth + 1);
  }
  return out;
}import { deepClone } from "../api/json";

