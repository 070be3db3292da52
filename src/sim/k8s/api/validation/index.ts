// Validation registry: ValidateObjectMeta for every kind, then the kind's own validator.
// Field errors are returned in the order the real validators produce them.

import type { FieldError } from "../errors";
import type { KindInfo } from "../kinds";
import { validateObjectMeta } from "./names";
import { validateHorizontalPodAutoscaler } from "./autoscaling";
import { validateCronJob, validateJob } from "./batch";
import { validateNetworkPolicy } from "./network-policy";
import { validatePodSpec } from "./pod";
import { validatePriorityClass } from "./scheduling";
import { validateClusterRole, validateClusterRoleBinding, validatePodDisruptionBudget, validateRole, validateRoleBinding } from "./policy";
import { validateConfigMap, validateIngress, validateSecret, validateService } from "./service";
import { validatePersistentVolume, validatePersistentVolumeClaim } from "./storage";
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateReplicationController, validateStatefulSet } from "./workloads";

type Obj = Record<string, any>;

const VALIDATORS: Record<string, (o: Obj) => FieldError[]> = {
  Pod: (o) => validatePodSpec(o.spec, "spec"),
  Deployment: validateDeployment,
  ReplicaSet: validateReplicaSet,
  DaemonSet: validateDaemonSet,
  StatefulSet: validateStatefulSet,
  ReplicationController: validateReplicationController,
  Job: validateJob,
  CronJob: validateCronJob,
  Service: validateService,
  Secret: validateSecret,
  ConfigMap: validateConfigMap,
  Ingress: validateIngress,
  NetworkPolicy: validateNetworkPolicy,
  PersistentVolume: validatePersistentVolume,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  PriorityClass: validatePriorityClass,
  HorizontalPodAutoscaler: validateHorizontalPodAutoscaler,
  PodDisruptionBudget: validatePodDisruptionBudget,
  Role: validateRole,
  ClusterRole: validateClusterRole,
  RoleBinding: validateRoleBinding,
  ClusterRoleBinding: validateClusterRoleBinding,
};

export function validateObject(info: KindInfo, obj: Obj): FieldError[] {
  const out = validateObjectMeta(obj.metadata ?? {}, info.namespaced, info.nameRule);
  out.push(...(VALIDATORS[info.kind]?.(obj) ?? []));
  return out;
}

export { goStringMap, goIntOrString, goLabelSelector, validateSelectorImmutable } from "./workloads";
