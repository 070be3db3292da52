// The validating admission plugins the API server runs after an object's own validation and
// before it is stored: LimitRanger and ResourceQuota for pods, ResourceQuota's object counts for
// everything else in a namespace, and Priority's rules for PriorityClasses (one global default;
// the system classes cannot be deleted). Each refusal is a Forbidden "<resource> "<name>" is
// forbidden: <reason>".

import type { KubeCluster } from "../cluster";
import { StatusError } from "./errors";
import { qualifiedResource, type KindInfo } from "./kinds";
import { validatePodAdmission } from "./pod-admission";
import { objectQuotaViolation } from "./resource-quota";
import { globalDefaultConflict, systemPriorityClassDeleteError } from "./validation/scheduling";

type Obj = Record<string, any>;

const forbidden = (info: KindInfo, name: string, reason: string) => new StatusError("Forbidden", `${qualifiedResource(info)} "${name}" is forbidden: ${reason}`);

/** On create: the plugins that may refuse the object. */
export function validatingAdmission(cluster: KubeCluster, info: KindInfo, obj: Obj): void {
  const meta = obj.metadata as Obj;
  if (info.kind === "Pod") validatePodAdmission(cluster, obj);
  else if (info.namespaced) {
    const v = objectQuotaViolation(cluster.store, meta.namespace, info.resource, info.group, obj);
    if (v) throw forbidden(info, meta.name, v);
  }
  if (info.kind === "PriorityClass") priorityAdmission(cluster, info, obj);
}

/** Priority admission on a PriorityClass create or update: only one global default. */
export function priorityAdmission(cluster: KubeCluster, info: KindInfo, obj: Obj): void {
  const v = globalDefaultConflict(obj, cluster.store.list("PriorityClass") as Obj[]);
  if (v) throw forbidden(info, obj.metadata.name, v);
}

/** The priorityclasses registry's Delete: system classes stay. */
export function priorityClassDeletion(info: KindInfo, name: string): void {
  const v = systemPriorityClassDeleteError(name);
  if (v) throw forbidden(info, name, v);
}
