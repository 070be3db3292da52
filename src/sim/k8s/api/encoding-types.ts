// How the API server encodes what it decoded (encoding/json over the k8s.io/api v1.30 Go structs):
// the struct layouts, completing the decoding schema (schema-types.ts) with the kinds and fields
// it leaves open, and each field's json tag as far as encoding cares — whether the field is a
// pointer and whether its tag has omitempty. Every field not listed below is a value with
// omitempty, the API's convention for optional fields; the lists hold the exceptions, checked
// against core/v1, apps/v1, batch/v1, networking/v1, autoscaling/v2 and meta/v1 types.go.

import { TYPES, type StructType } from "./schema-types";

const s = (fields: Record<string, string>): StructType => ({ fields });
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
  // networking/v1, core/v1 ServiceAccount and rbac/v1: kinds students write with empty lists.
  NetworkPolicy: s({ ...KIND, spec: "NetworkPolicySpec" }),
  NetworkPolicySpec: s({ podSelector: "LabelSelector", ingress: "[]NetworkPolicyIngressRule", egress: "[]NetworkPolicyEgressRule", policyTypes: "[]string" }),
  NetworkPolicyIngressRule: s({ ports: "[]NetworkPolicyPort", from: "[]NetworkPolicyPeer" }),
  NetworkPolicyEgressRule: s({ ports: "[]NetworkPolicyPort", to: "[]NetworkPolicyPeer" }),
  NetworkPolicyPort: s({ protocol: "string", port: "intstr", endPort: "int32" }),
  NetworkPolicyPeer: s({ podSelector: "LabelSelector", namespaceSelector: "LabelSelector", ipBlock: "IPBlock" }),
  IPBlock: s({ cidr: "string", except: "[]string" }),
  ServiceAccount: s({ ...KIND, secrets: "[]any", imagePullSecrets: "[]LocalObjectReference", automountServiceAccountToken: "bool" }),
  Role: s({ ...KIND, rules: "[]PolicyRule" }),
  ClusterRole: s({ ...KIND, rules: "[]PolicyRule", aggregationRule: "any" }),
  PolicyRule: s({ verbs: "[]string", apiGroups: "[]string", resources: "[]string", resourceNames: "[]string", nonResourceURLs: "[]string" }),
  RoleBinding: s({ ...KIND, subjects: "[]Subject", roleRef: "RoleRef" }),
  ClusterRoleBinding: s({ ...KIND, subjects: "[]Subject", roleRef: "RoleRef" }),
  Subject: s({ kind: "string", apiGroup: "string", name: "string", namespace: "string" }),
  RoleRef: s({ apiGroup: "string", kind: "string", name: "string" }),
  // scheduling/v1, storage/v1 and policy/v1 kinds written with zero values (`globalDefault: false`).
  PriorityClass: s({ ...KIND, value: "int32", globalDefault: "bool", description: "string", preemptionPolicy: "string" }),
  StorageClass: s({
    ...KIND, provisioner: "string", parameters: "map[string]string", reclaimPolicy: "string", mountOptions: "[]string",
    allowVolumeExpansion: "bool", volumeBindingMode: "string", allowedTopologies: "[]any",
  }),
  PodDisruptionBudget: s({ ...KIND, spec: "PodDisruptionBudgetSpec", status: "PodDisruptionBudgetStatus" }),
  PodDisruptionBudgetSpec: s({ minAvailable: "intstr", selector: "LabelSelector", maxUnavailable: "intstr", unhealthyPodEvictionPolicy: "string" }),
  PodDisruptionBudgetStatus: s({
    observedGeneration: "int64", disruptedPods: "map[string]time", disruptionsAllowed: "int32", currentHealthy: "int32",
    desiredHealthy: "int32", expectedPods: "int32", conditions: "[]any",
  }),
};

/** A struct's layout for encoding: the completed one, else the decoding schema's. */
export function encodingLayout(ref: string): StructType | undefined {
  return MORE[ref] ?? TYPES[ref];
}

/**
 * Scalar fields that are Go pointers (`*int32`, `*bool`, `*string`, a pointer to a string type):
 * a pointer is left out only when nil, so a written zero stays (`replicas: 0`, `optional: false`,
 * `storageClassName: ""`). Slices, maps and structs need no entry: omitempty never drops a struct,
 * and drops an empty slice or map whether it was written or not.
 */
const POINTERS: Record<string, string[]> = {
  ObjectMeta: ["deletionGracePeriodSeconds"],
  OwnerReference: ["controller", "blockOwnerDeletion"],
  PodSpec: [
    "terminationGracePeriodSeconds", "activeDeadlineSeconds", "automountServiceAccountToken", "shareProcessNamespace", "priority",
    "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "setHostnameAsFQDN", "hostUsers",
  ],
  Container: ["restartPolicy"],
  KeySelector: ["optional"],
  EnvRef: ["optional"],
  VolumeMount: ["recursiveReadOnly", "mountPropagation"],
  Probe: ["terminationGracePeriodSeconds"],
  GRPCAction: ["service"],
  SecurityContext: ["privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount"],
  PodSecurityContext: ["runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "fsGroupChangePolicy"],
  Toleration: ["tolerationSeconds"],
  FCVolumeSource: ["lun"],
  PersistentVolumeSpec: ["volumeMode", "volumeAttributesClassName"],
  PersistentVolumeClaimSpec: ["storageClassName", "volumeMode", "volumeAttributesClassName"],
  ReplicationControllerSpec: ["replicas"],
  DeploymentSpec: ["replicas", "revisionHistoryLimit", "progressDeadlineSeconds"],
  DeploymentStatus: ["collisionCount"],
  ReplicaSetSpec: ["replicas"],
  DaemonSetSpec: ["revisionHistoryLimit"],
  DaemonSetStatus: ["collisionCount"],
  StatefulSetSpec: ["replicas", "revisionHistoryLimit"],
  StatefulSetStatus: ["collisionCount"],
  JobSpec: [
    "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "manualSelector",
    "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy",
  ],
  JobStatus: ["terminating", "ready", "failedIndexes"],
  CronJobSpec: ["timeZone", "startingDeadlineSeconds", "suspend", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"],
  ServiceSpec: ["ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass", "internalTrafficPolicy", "trafficDistribution"],
  ServicePort: ["appProtocol"],
  ConfigMap: ["immutable"],
  Secret: ["immutable"],
  IngressSpec: ["ingressClassName"],
  HTTPIngressPath: ["pathType"],
  HorizontalPodAutoscalerSpec: ["minReplicas"],
  NetworkPolicyPort: ["protocol", "endPort"],
  ServiceAccount: ["automountServiceAccountToken"],
  PriorityClass: ["preemptionPolicy"],
  StorageClass: ["reclaimPolicy", "allowVolumeExpansion", "volumeBindingMode"],
  PodDisruptionBudgetSpec: ["unhealthyPodEvictionPolicy"],
  HostPathVolumeSource: ["type"],
  SecretVolumeSource: ["defaultMode", "optional"],
  ConfigMapVolumeSource: ["defaultMode", "optional"],
  KeyToPath: ["mode"],
  ProjectedVolumeSource: ["defaultMode"],
  ConfigMapProjection: ["optional"],
  DownwardAPIVolumeSource: ["defaultMode"],
  DownwardAPIVolumeFile: ["mode"],
  ServiceAccountTokenProjection: ["expirationSeconds"],
};

/** Fields whose json tag has no omitempty: encoded even at their zero value (`containers`, a port's `containerPort`). */
const REQUIRED: Record<string, string[]> = {
  OwnerReference: ["apiVersion", "kind", "name", "uid"],
  LabelSelectorRequirement: ["key", "operator"],
  PodSpec: ["containers"],
  Container: ["name"],
  ContainerPort: ["containerPort"],
  EnvVar: ["name"],
  KeySelector: ["key"],
  VolumeMount: ["name", "mountPath"],
  HTTPGetAction: ["port"],
  TCPSocketAction: ["port"],
  GRPCAction: ["port", "service"],
  Volume: ["name"],
  RBDVolumeSource: ["monitors", "image"],
  ScaleIOVolumeSource: ["gateway", "system", "secretRef"],
  DeploymentSpec: ["template"],
  DeploymentCondition: ["type", "status"],
  DaemonSetSpec: ["template"],
  DaemonSetStatus: ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"],
  ReplicaSetStatus: ["replicas"],
  StatefulSetSpec: ["template", "serviceName"],
  StatefulSetStatus: ["replicas", "availableReplicas"],
  JobSpec: ["template"],
  CronJobSpec: ["schedule", "jobTemplate"],
  ServicePort: ["port"],
  HTTPIngressRuleValue: ["paths"],
  HTTPIngressPath: ["pathType", "backend"],
  NetworkPolicySpec: ["podSelector"],
  IPBlock: ["cidr"],
  Role: ["rules"],
  ClusterRole: ["rules"],
  PolicyRule: ["verbs"],
  RoleBinding: ["roleRef"],
  ClusterRoleBinding: ["roleRef"],
  Subject: ["kind", "name"],
  RoleRef: ["apiGroup", "kind", "name"],
  PriorityClass: ["value"],
  StorageClass: ["provisioner"],
  PodDisruptionBudgetStatus: ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"],
  IngressServiceBackend: ["name"],
  HorizontalPodAutoscalerSpec: ["scaleTargetRef", "maxReplicas"],
  CrossVersionObjectReference: ["kind", "name"],
  ControllerRevision: ["revision"],
  HostPathVolumeSource: ["path"],
  PVCVolumeSource: ["claimName"],
  KeyToPath: ["key", "path"],
  ProjectedVolumeSource: ["sources"],
  DownwardAPIVolumeFile: ["path"],
  ServiceAccountTokenProjection: ["path"],
  ObjectFieldSelector: ["fieldPath"],
  ResourceFieldSelector: ["resource"],
};

/**
 * Struct fields that are Go values, not pointers: encoding/json writes them whatever omitempty
 * says (`resources: {}`, `strategy: {}`, `status: {}`, `creationTimestamp: null`, `targetPort: 0`).
 * A kind's metadata, spec and status are values too (see valueStruct).
 */
const VALUE_STRUCTS: Record<string, string[]> = {
  ObjectMeta: ["creationTimestamp"],
  PodTemplateSpec: ["metadata", "spec"],
  JobTemplateSpec: ["metadata", "spec"],
  Container: ["resources"],
  HTTPGetAction: ["port"],
  TCPSocketAction: ["port"],
  ServicePort: ["targetPort"],
  ServiceStatus: ["loadBalancer"],
  ResourceFieldSelector: ["divisor"],
  DeploymentSpec: ["template", "strategy"],
  DaemonSetSpec: ["template", "updateStrategy"],
  ReplicaSetSpec: ["template"],
  StatefulSetSpec: ["template", "updateStrategy"],
  JobSpec: ["template"],
  CronJobSpec: ["jobTemplate"],
  PersistentVolumeClaimSpec: ["resources"],
  IngressServiceBackend: ["port"],
  HorizontalPodAutoscalerSpec: ["scaleTargetRef"],
  NetworkPolicySpec: ["podSelector"],
  RoleBinding: ["roleRef"],
  ClusterRoleBinding: ["roleRef"],
};

/** A kind's own struct parts (TypeMeta aside): metadata, and spec and status when they are structs. */
function valueStruct(struct: string, field: string): boolean {
  if (VALUE_STRUCTS[struct]?.includes(field)) return true;
  const layout = MORE[struct] ?? TYPES[struct];
  if (!layout || layout.fields.kind !== "string" || layout.fields.apiVersion !== "string") return false;
  return field === "metadata" || ((field === "spec" || field === "status") && layout.fields[field] !== "any");
}

/** Whether Go encodes the field even when it is unset (a value struct, or a tag without omitempty). */
export function alwaysEncoded(struct: string, field: string): boolean {
  return valueStruct(struct, field) || !fieldTag(struct, field).omitEmpty;
}

export interface FieldTag {
  pointer: boolean;
  omitEmpty: boolean;
}

/** The json tag of a struct's field, as far as encoding cares. */
export function fieldTag(struct: string, field: string): FieldTag {
  return { pointer: POINTERS[struct]?.includes(field) ?? false, omitEmpty: !REQUIRED[struct]?.includes(field) };
}
