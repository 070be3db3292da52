// What a typed resource builder (the `set` verbs: WithScheme, not Unstructured) makes of an object:
// it is decoded into its k8s.io/api Go struct and encoded again for printing. So unknown fields
// vanish, quantities come out canonical (0.5 → 500m, 1000M → 1G), fields that Go always encodes
// appear with their zero values (creationTimestamp: null, resources: {}, strategy: {}, status: {},
// a Service port's targetPort: 0), and keys follow the struct's field order (what -o json shows;
// the YAML printer sorts them anyway). Struct layouts come from the API's decoding schema
// (api/schema-types.ts, in Go field order), completed here with the kinds it leaves open.

import { canonicalQuantity, quantityError } from "../api/quantity";
import { TYPES, type StructType, type TypeRef } from "../api/schema-types";

type Obj = Record<string, any>;

const s = (fields: Record<string, TypeRef>): StructType => ({ fields });
const KIND = { kind: "string", apiVersion: "string", metadata: "ObjectMeta" };

/** Layouts the decoding schema leaves as "any" or lacks, in Go field order. */
const MORE: Record<string, StructType> = {
  Deployment: s({ ...KIND, spec: "DeploymentSpec", status: "DeploymentStatus" }),
  DeploymentStatus: s({
    observedGeneration: "int64", replicas: "int32", updatedReplicas: "int32", readyReplicas: "int32", availableReplicas: "int32",
    unavailableReplicas: "int32", conditions: "[]DeploymentCondition", collisionCount: "int32",
  }),
  DeploymentCondition: s({ type: "string", status: "string", lastUpdateTime: "time", lastTransitionTime: "time", reason: "string", message: "string" }),
  DaemonSet: s({ ...KIND, spec: "DaemonSetSpec", status: "DaemonSetStatus" }),
  DaemonSetSpec: s({ selector: "LabelSelector", template: "PodTemplateSpec", updateStrategy: "DaemonSetUpdateStrategy", minReadySeconds: "int32", revisionHistoryLimit: "int32" }),
  DaemonSetUpdateStrategy: s({ type: "string", rollingUpdate: "any" }),
  DaemonSetStatus: s({
    currentNumberScheduled: "int32", numberMisscheduled: "int32", desiredNumberScheduled: "int32", numberReady: "int32",
    observedGeneration: "int64", updatedNumberScheduled: "int32", numberAvailable: "int32", numberUnavailable: "int32",
    collisionCount: "int32", conditions: "[]any",
  }),
  ReplicaSet: s({ ...KIND, spec: "ReplicaSetSpec", status: "ReplicaSetStatus" }),
  ReplicaSetStatus: s({ replicas: "int32", fullyLabeledReplicas: "int32", readyReplicas: "int32", availableReplicas: "int32", observedGeneration: "int64", conditions: "[]any" }),
  ReplicationController: s({ ...KIND, spec: "ReplicationControllerSpec", status: "ReplicaSetStatus" }),
  StatefulSet: s({ ...KIND, spec: "StatefulSetSpec", status: "StatefulSetStatus" }),
  StatefulSetSpec: s({
    replicas: "int32", selector: "LabelSelector", template: "PodTemplateSpec", volumeClaimTemplates: "[]any", serviceName: "string",
    podManagementPolicy: "string", updateStrategy: "StatefulSetUpdateStrategy", revisionHistoryLimit: "int32", minReadySeconds: "int32",
    persistentVolumeClaimRetentionPolicy: "any", ordinals: "any",
  }),
  StatefulSetUpdateStrategy: s({ type: "string", rollingUpdate: "any" }),
  StatefulSetStatus: s({
    observedGeneration: "int64", replicas: "int32", readyReplicas: "int32", currentReplicas: "int32", updatedReplicas: "int32",
    currentRevision: "string", updateRevision: "string", collisionCount: "int32", conditions: "[]any", availableReplicas: "int32",
  }),
  Job: s({ ...KIND, spec: "JobSpec", status: "JobStatus" }),
  JobStatus: s({
    conditions: "[]any", startTime: "time", completionTime: "time", active: "int32", succeeded: "int32", failed: "int32",
    terminating: "int32", completedIndexes: "string", failedIndexes: "string", uncountedTerminatedPods: "any", ready: "int32",
  }),
  JobSpec: s({
    parallelism: "int32", completions: "int32", activeDeadlineSeconds: "int64", podFailurePolicy: "any", successPolicy: "any",
    backoffLimit: "int32", backoffLimitPerIndex: "int32", maxFailedIndexes: "int32", selector: "LabelSelector", manualSelector: "bool",
    template: "PodTemplateSpec", ttlSecondsAfterFinished: "int32", completionMode: "string", suspend: "bool", podReplacementPolicy: "string",
    managedBy: "string",
  }),
  CronJob: s({ ...KIND, spec: "CronJobSpec", status: "CronJobStatus" }),
  CronJobStatus: s({ active: "[]any", lastScheduleTime: "time", lastSuccessfulTime: "time" }),
  CronJobSpec: s({
    schedule: "string", timeZone: "string", startingDeadlineSeconds: "int64", concurrencyPolicy: "string", suspend: "bool",
    jobTemplate: "JobTemplateSpec", successfulJobsHistoryLimit: "int32", failedJobsHistoryLimit: "int32",
  }),
  JobTemplateSpec: s({ metadata: "ObjectMeta", spec: "JobSpec" }),
  Pod: s({ ...KIND, spec: "PodSpec", status: "PodStatus" }),
  PodStatus: s({
    phase: "string", conditions: "[]any", message: "string", reason: "string", nominatedNodeName: "string", hostIP: "string",
    hostIPs: "[]any", podIP: "string", podIPs: "[]any", startTime: "time", initContainerStatuses: "[]any", containerStatuses: "[]any",
    qosClass: "string", ephemeralContainerStatuses: "[]any", resize: "string", resourceClaimStatuses: "[]any",
  }),
  Service: s({ ...KIND, spec: "ServiceSpec", status: "ServiceStatus" }),
  ControllerRevision: s({ ...KIND, data: "any", revision: "int64" }),
  ResourceQuota: s({ ...KIND, spec: "ResourceQuotaSpec", status: "ResourceQuotaStatus" }),
  ResourceQuotaSpec: s({ hard: "map[string]quantity", scopes: "[]string", scopeSelector: "any" }),
  ResourceQuotaStatus: s({ hard: "map[string]quantity", used: "map[string]quantity" }),
  // The volume sources every pod has (the projected service account token) or students use.
  Volume: s({ ...TYPES.Volume!.fields, hostPath: "HostPathVolumeSource", emptyDir: "EmptyDirVolumeSource", secret: "SecretVolumeSource",
    persistentVolumeClaim: "PVCVolumeSource", configMap: "ConfigMapVolumeSource", projected: "ProjectedVolumeSource", downwardAPI: "DownwardAPIVolumeSource" }),
  HostPathVolumeSource: s({ path: "string", type: "string" }),
  EmptyDirVolumeSource: s({ medium: "string", sizeLimit: "quantity" }),
  SecretVolumeSource: s({ secretName: "string", items: "[]KeyToPath", defaultMode: "int32", optional: "bool" }),
  PVCVolumeSource: s({ claimName: "string", readOnly: "bool" }),
  ConfigMapVolumeSource: s({ name: "string", items: "[]KeyToPath", defaultMode: "int32", optional: "bool" }),
  KeyToPath: s({ key: "string", path: "string", mode: "int32" }),
  ProjectedVolumeSource: s({ sources: "[]VolumeProjection", defaultMode: "int32" }),
  VolumeProjection: s({ secret: "ConfigMapProjection", downwardAPI: "DownwardAPIProjection", configMap: "ConfigMapProjection", serviceAccountToken: "ServiceAccountTokenProjection", clusterTrustBundle: "any" }),
  ConfigMapProjection: s({ name: "string", items: "[]KeyToPath", optional: "bool" }),
  DownwardAPIProjection: s({ items: "[]DownwardAPIVolumeFile" }),
  DownwardAPIVolumeSource: s({ items: "[]DownwardAPIVolumeFile", defaultMode: "int32" }),
  DownwardAPIVolumeFile: s({ path: "string", fieldRef: "ObjectFieldSelector", resourceFieldRef: "ResourceFieldSelector", mode: "int32" }),
  ServiceAccountTokenProjection: s({ audience: "string", expirationSeconds: "int64", path: "string" }),
  ObjectFieldSelector: s({ apiVersion: "string", fieldPath: "string" }),
  ResourceFieldSelector: s({ containerName: "string", resource: "string", divisor: "quantity" }),
  EnvVarSource: s({ fieldRef: "ObjectFieldSelector", resourceFieldRef: "ResourceFieldSelector", configMapKeyRef: "KeySelector", secretKeyRef: "KeySelector" }),
  ServiceStatus: s({ loadBalancer: "LoadBalancerStatus", conditions: "[]any" }),
  LoadBalancerStatus: s({ ingress: "[]any" }),
};

/**
 * Fields Go encodes even when unset: non-pointer structs (always), and scalars, slices and maps
 * whose json tag has no omitempty. A kind's status is a struct, so it is always there.
 */
const ALWAYS: Record<string, string[]> = {
  ObjectMeta: ["creationTimestamp"],
  PodTemplateSpec: ["metadata", "spec"],
  JobTemplateSpec: ["metadata", "spec"],
  PodSpec: ["containers"],
  Container: ["name", "resources"],
  ContainerPort: ["containerPort"],
  EnvVar: ["name"],
  KeySelector: ["key"],
  VolumeMount: ["name", "mountPath"],
  Volume: ["name"],
  HTTPGetAction: ["port"],
  TCPSocketAction: ["port"],
  GRPCAction: ["port"],
  LabelSelectorRequirement: ["key", "operator"],
  ServicePort: ["port", "targetPort"],
  Pod: ["metadata", "spec", "status"],
  Deployment: ["metadata", "spec", "status"],
  DeploymentSpec: ["template", "strategy"],
  DaemonSet: ["metadata", "spec", "status"],
  DaemonSetSpec: ["template", "updateStrategy"],
  DaemonSetStatus: ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"],
  ReplicaSet: ["metadata", "spec", "status"],
  ReplicaSetSpec: ["template"],
  ReplicaSetStatus: ["replicas"],
  ReplicationController: ["metadata", "spec", "status"],
  StatefulSet: ["metadata", "spec", "status"],
  StatefulSetSpec: ["template", "serviceName", "updateStrategy"],
  StatefulSetStatus: ["replicas", "availableReplicas"],
  Job: ["metadata", "spec", "status"],
  JobSpec: ["template"],
  CronJob: ["metadata", "spec", "status"],
  CronJobSpec: ["schedule", "jobTemplate"],
  Service: ["metadata", "spec", "status"],
  ServiceStatus: ["loadBalancer"],
  ControllerRevision: ["metadata", "revision"],
  ResourceQuota: ["metadata", "spec", "status"],
  KeyToPath: ["key", "path"],
  HostPathVolumeSource: ["path"],
  PVCVolumeSource: ["claimName"],
  DownwardAPIVolumeFile: ["path"],
  ObjectFieldSelector: ["fieldPath"],
  ServiceAccountTokenProjection: ["path"],
  ResourceFieldSelector: ["resource"],
};

/**
 * Non-pointer scalars with omitempty that the stored objects may carry as zero (what the real API
 * server never returns): encoding drops them.
 */
const OMIT_ZERO: Record<string, string[]> = {
  DeploymentSpec: ["minReadySeconds"],
  ReplicaSetSpec: ["minReadySeconds"],
  DaemonSetSpec: ["minReadySeconds"],
  StatefulSetSpec: ["minReadySeconds"],
  DeploymentStatus: ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"],
  ReplicaSetStatus: ["fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"],
  DaemonSetStatus: ["observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable"],
  StatefulSetStatus: ["observedGeneration", "readyReplicas", "currentReplicas", "updatedReplicas"],
};

function layout(ref: string): StructType | undefined {
  return MORE[ref] ?? TYPES[ref];
}

/** The Go zero value of a type as encoding/json writes it. */
function zero(ref: TypeRef): unknown {
  if (ref === "string") return "";
  if (ref === "bool") return false;
  if (ref === "int32" || ref === "int64" || ref === "intstr") return 0;
  if (ref === "time" || ref === "any" || ref === "quantity" || ref.startsWith("[]") || ref.startsWith("map[")) return null;
  return encode({}, ref);
}

/** A decoded value written back out as its Go type. */
function encode(v: unknown, ref: TypeRef): unknown {
  if (v === null || v === undefined || ref === "any") return v;
  if (ref.startsWith("[]")) return Array.isArray(v) ? v.map((x) => encode(x, ref.slice(2))) : v;
  if (ref.startsWith("map[string]")) {
    if (typeof v !== "object" || Array.isArray(v)) return v;
    const elem = ref.slice(11);
    const out: Obj = {};
    for (const k of Object.keys(v as Obj).sort()) out[k] = encode((v as Obj)[k], elem);
    return out;
  }
  if (ref === "quantity") return (typeof v === "string" || typeof v === "number") && !quantityError(v) ? canonicalQuantity(v) : v;
  const t = layout(ref);
  if (!t || typeof v !== "object" || Array.isArray(v)) return v;
  const always = ALWAYS[ref] ?? [];
  const omitZero = OMIT_ZERO[ref] ?? [];
  const out: Obj = {};
  for (const [k, fieldRef] of Object.entries(t.fields)) {
    const x = (v as Obj)[k];
    if (x === 0 && omitZero.includes(k)) continue;
    if (x !== undefined) out[k] = encode(x, fieldRef);
    else if (always.includes(k)) out[k] = zero(fieldRef);
  }
  return out;
}

/**
 * The object as the typed builder prints it; kinds without a known layout stay as they are.
 * TypeMeta comes first and puts kind before apiVersion.
 */
export function typedView<T extends Obj>(o: T): T {
  if (!layout(o.kind)) return o;
  const { kind, apiVersion, ...rest } = encode(o, o.kind) as Obj;
  return { kind, apiVersion, ...rest } as unknown as T;
}
