// Mirrors the pods/ephemeralcontainers subresource (EphemeralContainersREST and
// ValidatePodEphemeralContainersUpdate, v1.30): the only way to change a running pod's spec is to
// append ephemeral containers. Existing ones may not change, names are unique across all the
// pod's containers, a target must name one of its containers, and the new ones are defaulted
// like any container (imagePullPolicy, terminationMessagePath, resources: {}).

import { freezeData } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { defaultContainer } from "./defaults";
import { invalidError, type FieldError } from "./errors";
import { deepClone, sameJson } from "./json";

type Obj = Record<string, any>;

/**
 * Writes `wanted` as the pod's spec.ephemeralContainers (what the strategic patch of kubectl debug
 * produces). Returns the stored pod; nothing is stored on a dry run or when nothing changed.
 */
export function updateEphemeralContainers(cluster: KubeCluster, pod: KObject, wanted: Obj[], dryRun = false): KObject {
  const spec = pod.spec as Obj;
  const existing = (spec.ephemeralContainers ?? []) as Obj[];
  const next = deepClone(wanted);
  for (const c of next.slice(existing.length)) defaultContainer(c);
  const errs = validate(spec, existing, next);
  if (errs.length) throw invalidError("Pod", "", pod.metadata.name, errs);
  if (sameJson(existing, next)) return pod;
  const obj = { ...pod, metadata: deepClone(pod.metadata), spec: { ...spec, ephemeralContainers: next } } as KObject;
  if (dryRun) return obj;
  freezeData(obj.spec);
  const stored = cluster.store.update(obj);
  const subject = `${stored.metadata.namespace}/${stored.metadata.name}`;
  cluster.world.record("kubernetes", "updated", subject, { kind: "Pod", subresource: "ephemeralcontainers" });
  return stored;
}

function validate(spec: Obj, existing: Obj[], next: Obj[]): FieldError[] {
  const errs: FieldError[] = [];
  // ValidatePodEphemeralContainersUpdate: the old ones stay as they were.
  for (const old of existing) {
    const now = next.find((c) => c.name === old.name);
    if (!now || !sameJson(old, now)) {
      errs.push({ type: "Forbidden", field: "spec.ephemeralContainers", detail: `existing ephemeral containers "${old.name}" may not be changed` });
    }
  }
  const taken = new Set<string>([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: Obj) => c.name));
  next.forEach((c, i) => {
    const at = `spec.ephemeralContainers[${i}]`;
    if (i < existing.length) {
      taken.add(c.name);
      return;
    }
    if (!c.name) errs.push({ type: "Required", field: `${at}.name`, detail: "" });
    else if (taken.has(c.name)) errs.push({ type: "Duplicate", field: `${at}.name`, value: c.name });
    taken.add(c.name);
    if (!c.image) errs.push({ type: "Required", field: `${at}.image`, detail: "" });
    const target = c.targetContainerName;
    if (target && ![...(spec.containers ?? []), ...(spec.initContainers ?? [])].some((x: Obj) => x.name === target)) {
      errs.push({ type: "NotFound", field: `${at}.targetContainerName`, value: target });
    }
  });
  return errs;
}
