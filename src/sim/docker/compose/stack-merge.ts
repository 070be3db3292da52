// Mirrors docker/cli's cli/compose/loader/merge.go: how `docker stack` merges a second -c file
// into the first. Services merge field by field (mergo WithOverride + WithAppendSlice) with
// special cases: ports keyed by published port, volumes by target, secrets and configs by
// source (the override's entry replaces the base's, and the list comes back sorted by that
// key); environment and labels are mappings; command and entrypoint are replaced; other lists
// are appended as they are.

import { isObject } from "./json-schema";
import { normalizePorts, toStringMap } from "./model";

type KeyFn = (item: unknown) => string | number;

const portKey: KeyFn = (item) => {
  if (isObject(item)) return Number(item.published ?? 0);
  const expanded = normalizePorts([item]);
  return expanded.length === 1 ? Number(expanded[0]!.published ?? 0) : String(item);
};

const volumeKey: KeyFn = (item) => {
  if (isObject(item)) return String(item.target ?? "");
  const parts = String(item).split(":");
  return parts.length === 1 ? parts[0]! : parts[1]!;
};

const sourceKey: KeyFn = (item) => (isObject(item) ? String(item.source ?? "") : String(item));

const KEYED: Record<string, KeyFn> = { ports: portKey, volumes: volumeKey, secrets: sourceKey, configs: sourceKey };

/** mergeSlice: both lists into one map by key (the override wins), back to a list sorted by key. */
function mergeKeyed(base: unknown[], over: unknown[], key: KeyFn): unknown[] {
  const m = new Map<string | number, unknown>();
  for (const x of [...base, ...over]) m.set(key(x), x);
  return [...m.entries()].sort(([a], [b]) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)).map(([, v]) => v);
}

function mergeService(base: Record<string, unknown>, over: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    if (!(k in base)) out[k] = v;
    else if (KEYED[k] && Array.isArray(b) && Array.isArray(v)) out[k] = mergeKeyed(b, v, KEYED[k]!);
    else if ((k === "environment" || k === "labels") && (Array.isArray(b) || Array.isArray(v))) out[k] = { ...toStringMap(b), ...toStringMap(v) };
    else if (k === "networks" && (Array.isArray(b) || Array.isArray(v))) {
      const asMap = (x: unknown) => (Array.isArray(x) ? Object.fromEntries(x.map((n) => [String(n), null])) : isObject(x) ? x : {});
      out[k] = { ...asMap(b), ...asMap(v) };
    } else out[k] = mergeValue(b, v, [...path, k]);
  }
  return out;
}

function mergeValue(base: unknown, over: unknown, path: string[]): unknown {
  if (isObject(base) && isObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeValue(base[k], v, [...path, k]) : v;
    return out;
  }
  const key = path[path.length - 1];
  if (Array.isArray(base) && Array.isArray(over) && key !== "command" && key !== "entrypoint") return [...base, ...over];
  return over;
}

/** The second file merged into the first (whole trees, after interpolation). */
export function mergeStackTrees(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === "services" && isObject(base.services) && isObject(v)) {
      const services: Record<string, unknown> = { ...base.services };
      for (const [name, svc] of Object.entries(v)) {
        const b = base.services[name];
        services[name] = isObject(b) && isObject(svc) ? mergeService(b, svc, ["services", name]) : svc;
      }
      out.services = services;
    } else out[k] = k in base ? mergeValue(base[k], v, [k]) : v;
  }
  return out;
}
