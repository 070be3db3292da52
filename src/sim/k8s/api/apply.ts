// Mirrors kubectl apply's client-side three-way strategic merge (k8s.io/apimachinery
// strategicpatch.CreateThreeWayMergePatch, applied to the live object): fields in the new
// manifest win; fields that were in the last-applied configuration but are gone from the
// manifest are deleted; fields nobody declared (set by controllers, `kubectl scale`, defaults)
// are kept. Lists with a patch merge key merge element-wise; other lists are replaced.

type Obj = Record<string, any>;

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Patch merge keys of the lists students write (from the API types' patchMergeKey tags). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
  imagePullSecrets: "name",
  hostAliases: "ip",
  ownerReferences: "uid",
  conditions: "type",
};

/** `ports` merges on containerPort inside containers, on `port` in a Service spec. */
function mergeKeyFor(field: string, path: string[]): string | undefined {
  if (field === "ports") return path.includes("containers") || path.includes("initContainers") ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** The merged object: live ⊕ (modified − original). Returns a new object. */
export function threeWayMerge(original: Obj | undefined, modified: Obj, live: Obj): Obj {
  return mergeMap(original ?? {}, modified, deepClone(live), []) as Obj;
}

function mergeMap(orig: Obj, mod: Obj, live: Obj, path: string[]): Obj {
  for (const k of Object.keys(orig)) {
    if (!(k in mod)) delete live[k];
  }
  for (const [k, mv] of Object.entries(mod)) {
    const ov = orig[k];
    const lv = live[k];
    if (mv === null) {
      // null in the manifest deletes, unless it was already null last time (no change to apply).
      if (ov !== null) delete live[k];
    } else if (isObj(mv) && isObj(lv)) {
      live[k] = mergeMap(isObj(ov) ? ov : {}, mv, lv, [...path, k]);
    } else if (Array.isArray(mv) && Array.isArray(lv) && mergeKeyFor(k, path) && mv.every(isObj)) {
      live[k] = mergeList(Array.isArray(ov) ? ov : [], mv, lv, mergeKeyFor(k, path)!, [...path, k]);
    } else {
      live[k] = deepClone(mv);
    }
  }
  return live;
}

function mergeList(orig: Obj[], mod: Obj[], live: Obj[], key: string, path: string[]): Obj[] {
  const keyOf = (o: Obj) => JSON.stringify(o?.[key]);
  const modKeys = new Set(mod.map(keyOf));
  const removed = new Set(orig.map(keyOf).filter((k) => !modKeys.has(k)));
  const out: Obj[] = [];
  for (const m of mod) {
    const l = live.find((x) => keyOf(x) === keyOf(m));
    const o = orig.find((x) => keyOf(x) === keyOf(m));
    out.push(l && isObj(l) ? mergeMap(o ?? {}, m, deepClone(l), path) : deepClone(m));
  }
  for (const l of live) {
    const k = keyOf(l);
    if (!modKeys.has(k) && !removed.has(k)) out.push(l);
  }
  return out;
}

/** The annotation value: compact JSON of the manifest as given (keys sorted), plus "\n". */
export function lastAppliedValue(manifest: Obj): string {
  const copy = deepClone(manifest);
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return JSON.stringify(sortDeep(copy)) + "\n";
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}import { deepClone } from "./json";

