// kubectl's visiting verbs (scale, set …, taint, label, annotate, cordon, rollout …) change each
// object they found and send the change as a patch computed between the object as found and as
// changed — a patch carries no resourceVersion, so it never conflicts. The simulator writes whole
// objects; when the stored object moved since it was found (the same object named twice:
// `kubectl scale deploy web web --replicas=3`), the change is replayed on the stored one as the
// server would apply that patch (an RFC 7386 merge patch of the difference).

import { deepClone, sameJson } from "../api/json";
import { toVersion } from "../api/conversion";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { jsonMergePatch } from "./strategic-merge";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** jsonpatch.CreateMergePatch: what turns `a` into `b` (null removes a key; arrays are replaced whole). */
export function mergePatchOf(a: Obj, b: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(b)) {
    if (!(k in a)) out[k] = v;
    else if (!sameJson(a[k], v)) out[k] = isObj(a[k]) && isObj(v) ? mergePatchOf(a[k], v) : v;
  }
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  return out;
}

/** `changed` (made from `found`) as it lands on the object stored now. */
export function onStored(cluster: KubeCluster, found: KObject, changed: Obj): Obj {
  const stored = cluster.store.get(found.kind, found.metadata.namespace, found.metadata.name);
  if (!stored || stored.metadata.resourceVersion === found.metadata.resourceVersion) return changed;
  return jsonMergePatch(deepClone(toVersion(stored, found.apiVersion)), mergePatchOf(found as Obj, changed)) as Obj;
}
