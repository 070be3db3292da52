// The Go types of the API (k8s.io/api v1.30) as far as strict decoding needs them: each JSON
// field name and its type. The API server's decoder rejects unknown fields ("strict decoding
// error: unknown field …") and wrong JSON types ("json: cannot unmarshal string into Go struct
// field DeploymentSpec.spec.replicas of type int32"). Types not described here ("any") are
// decoded leniently.

/** A type reference: a scalar, "[]T", "map[string]T", a struct name from TYPES, or "any". */
export type TypeRef = string;

export interface StructType {
  fields: Record<string, TypeRef>;
}

const s = (fields: Record<string, TypeRef>): StructType => ({ fields });

const OBJECT_META = s({
  name: "string", generateName: "string", namespace: "string", selfLink: "string", uid: "string",
  resourceVersion: "string", generation: "int64", creationTimestamp: "time", deletionTimestamp: "time",
  deletionGracePeriodSeconds: "int64", labels: "map[string]string", annotations: "map[string]string",
  ownerReferences: "[]OwnerReference", finalizers: "[]string", managedFields: "[]any",
});

const PROBE = s({
  exec: "ExecAction", httpGet: "HTTPGetAction", tcpSocket: "TCPSocketAction", grpc: "GRPCAction",
  initialDelaySeconds: "int32", timeoutSeconds: "int32", periodSeconds: "int32", successThreshold: "int32",
  failureThreshold: "int32", terminationGracePeriodSeconds: "int64",
});

const CONTAINER = s({
  name: "string", image: "string", command: "[]string", args: "[]string", workingDir: "string",
  ports: "[]ContainerPort", envFrom: "[]EnvFromSource", env: "[]EnvVar", resources: "ResourceRequirements",
  resizePolicy: "[]any", restartPolicy: "string", volumeMounts: "[]VolumeMount", volumeDevices: "[]any",
  livenessProbe: "Probe", readinessProbe: "Probe", startupProbe: "Probe", lifecycle: "Lifecycle",
  terminationMessagePath: "string", terminationMessagePolicy: "string", imagePullPolicy: "string",
  securityContext: "SecurityContext", stdin: "bool", stdinOnce: "bool", tty: "bool",
});

export const TYPES: Record<string, StructType> = {
  ObjectMeta: OBJECT_META,
  OwnerReference: s({ apiVersion: "string", kind: "string", name: "string", uid: "string", controller: "bool", blockOwnerDeletion: "bool" }),
  LabelSelector: s({ matchLabels: "map[string]string", matchExpressions: "[]LabelSelectorRequirement" }),
  LabelSelectorRequirement: s({ key: "string", operator: "string", values: "[]string" }),
  PodTemplateSpec: s({ metadata: "ObjectMeta", spec: "PodSpec" }),
  PodSpec: s({
    volumes: "[]Volume", initContainers: "[]Container", containers: "[]Container", ephemeralContainers: "[]any",
    restartPolicy: "string", terminationGracePeriodSeconds: "int64", activeDeadlineSeconds: "int64",
    dnsPolicy: "string", nodeSelector: "map[string]string", serviceAccountName: "string", serviceAccount: "string",
    automountServiceAccountToken: "bool", nodeName: "string", hostNetwork: "bool", hostPID: "bool", hostIPC: "bool",
    shareProcessNamespace: "bool", securityContext: "PodSecurityContext", imagePullSecrets: "[]LocalObjectReference",
    hostname: "string", subdomain: "string", affinity: "Affinity", schedulerName: "string", tolerations: "[]Toleration",
    hostAliases: "[]any", priorityClassName: "string", priority: "int32", dnsConfig: "any", readinessGates: "[]any",
    runtimeClassName: "string", enableServiceLinks: "bool", preemptionPolicy: "string", overhead: "map[string]quantity",
    topologySpreadConstraints: "[]any", setHostnameAsFQDN: "bool", os: "any", hostUsers: "bool",
    schedulingGates: "[]any", resourceClaims: "[]any",
  }),
  Container: CONTAINER,
  ContainerPort: s({ name: "string", hostPort: "int32", containerPort: "int32", protocol: "string", hostIP: "string" }),
  EnvVar: s({ name: "string", value: "string", valueFrom: "EnvVarSource" }),
  EnvVarSource: s({ fieldRef: "any", resourceFieldRef: "any", configMapKeyRef: "KeySelector", secretKeyRef: "KeySelector" }),
  KeySelector: s({ name: "string", key: "string", optional: "bool" }),
  EnvFromSource: s({ prefix: "string", configMapRef: "EnvRef", secretRef: "EnvRef" }),
  EnvRef: s({ name: "string", optional: "bool" }),
  ResourceRequirements: s({ limits: "map[string]quantity", requests: "map[string]quantity", claims: "[]any" }),
  VolumeMount: s({ name: "string", readOnly: "bool", recursiveReadOnly: "string", mountPath: "string", subPath: "string", mountPropagation: "string", subPathExpr: "string" }),
  Probe: PROBE,
  ExecAction: s({ command: "[]string" }),
  HTTPGetAction: s({ path: "string", port: "intstr", host: "string", scheme: "string", httpHeaders: "[]any" }),
  TCPSocketAction: s({ port: "intstr", host: "string" }),
  GRPCAction: s({ port: "int32", service: "string" }),
  Lifecycle: s({ postStart: "any", preStop: "any" }),
  SecurityContext: s({
    capabilities: "any", privileged: "bool", seLinuxOptions: "any", windowsOptions: "any", runAsUser: "int64",
    runAsGroup: "int64", runAsNonRoot: "bool", readOnlyRootFilesystem: "bool", allowPrivilegeEscalation: "bool",
    procMount: "string", seccompProfile: "any", appArmorProfile: "any",
  }),
  PodSecurityContext: s({
    seLinuxOptions: "any", windowsOptions: "any", runAsUser: "int64", runAsGroup: "int64", runAsNonRoot: "bool",
    supplementalGroups: "[]int64", fsGroup: "int64", sysctls: "[]any", fsGroupChangePolicy: "string",
    seccompProfile: "any", appArmorProfile: "any",
  }),
  LocalObjectReference: s({ name: "string" }),
  Toleration: s({ key: "string", operator: "string", value: "string", effect: "string", tolerationSeconds: "int64" }),
  Affinity: s({ nodeAffinity: "any", podAffinity: "any", podAntiAffinity: "any" }),
  Volume: s({
    name: "string", hostPath: "any", emptyDir: "any", gcePersistentDisk: "any", awsElasticBlockStore: "any",
    gitRepo: "any", secret: "any", nfs: "any", iscsi: "any", glusterfs: "any", persistentVolumeClaim: "any",
    rbd: "RBDVolumeSource", flexVolume: "any", cinder: "any", cephfs: "any", flocker: "any", downwardAPI: "any", fc: "FCVolumeSource",
    azureFile: "any", configMap: "any", vsphereVolume: "any", quobyte: "any", azureDisk: "any",
    photonPersistentDisk: "any", projected: "any", portworxVolume: "any", scaleIO: "ScaleIOVolumeSource", storageos: "StorageOSVolumeSource",
    csi: "any", ephemeral: "any",
  }),
  RBDVolumeSource: s({ monitors: "[]string", image: "string", fsType: "string", pool: "string", user: "string", keyring: "string", secretRef: "any", readOnly: "bool" }),
  FCVolumeSource: s({ targetWWNs: "[]string", lun: "int32", fsType: "string", readOnly: "bool", wwids: "[]string" }),
  ScaleIOVolumeSource: s({
    gateway: "string", system: "string", secretRef: "any", sslEnabled: "bool", protectionDomain: "string", storagePool: "string",
    storageMode: "string", volumeName: "string", fsType: "string", readOnly: "bool",
  }),
  StorageOSVolumeSource: s({ volumeName: "string", volumeNamespace: "string", fsType: "string", readOnly: "bool", secretRef: "any" }),
  PersistentVolume: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "PersistentVolumeSpec", status: "any" }),
  PersistentVolumeSpec: s({
    capacity: "map[string]quantity", accessModes: "[]string", claimRef: "any", persistentVolumeReclaimPolicy: "string",
    storageClassName: "string", mountOptions: "[]string", volumeMode: "string", nodeAffinity: "any", volumeAttributesClassName: "string",
    gcePersistentDisk: "any", awsElasticBlockStore: "any", hostPath: "any", glusterfs: "any", nfs: "any", rbd: "any", iscsi: "any",
    cinder: "any", cephfs: "any", fc: "FCVolumeSource", flocker: "any", flexVolume: "any", azureFile: "any", vsphereVolume: "any",
    quobyte: "any", azureDisk: "any", photonPersistentDisk: "any", portworxVolume: "any", scaleIO: "any", local: "any",
    storageos: "StorageOSPersistentVolumeSource", csi: "any",
  }),
  StorageOSPersistentVolumeSource: s({ volumeName: "string", volumeNamespace: "string", fsType: "string", readOnly: "bool", secretRef: "any" }),
  PersistentVolumeClaim: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "PersistentVolumeClaimSpec", status: "any" }),
  PersistentVolumeClaimSpec: s({
    accessModes: "[]string", selector: "LabelSelector", resources: "VolumeResourceRequirements", volumeName: "string",
    storageClassName: "string", volumeMode: "string", dataSource: "any", dataSourceRef: "any", volumeAttributesClassName: "string",
  }),
  VolumeResourceRequirements: s({ limits: "map[string]quantity", requests: "map[string]quantity" }),
  ReplicationController: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "ReplicationControllerSpec", status: "any" }),
  ReplicationControllerSpec: s({ replicas: "int32", minReadySeconds: "int32", selector: "map[string]string", template: "PodTemplateSpec" }),
  // ---- kinds ----
  Pod: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "PodSpec", status: "any" }),
  Deployment: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "DeploymentSpec", status: "any" }),
  DeploymentSpec: s({
    replicas: "int32", selector: "LabelSelector", template: "PodTemplateSpec", strategy: "DeploymentStrategy",
    minReadySeconds: "int32", revisionHistoryLimit: "int32", paused: "bool", progressDeadlineSeconds: "int32",
  }),
  DeploymentStrategy: s({ type: "string", rollingUpdate: "RollingUpdateDeployment" }),
  RollingUpdateDeployment: s({ maxUnavailable: "intstr", maxSurge: "intstr" }),
  ReplicaSet: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "ReplicaSetSpec", status: "any" }),
  ReplicaSetSpec: s({ replicas: "int32", minReadySeconds: "int32", selector: "LabelSelector", template: "PodTemplateSpec" }),
  DaemonSet: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "DaemonSetSpec", status: "any" }),
  DaemonSetSpec: s({ selector: "LabelSelector", template: "PodTemplateSpec", updateStrategy: "any", minReadySeconds: "int32", revisionHistoryLimit: "int32" }),
  Service: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "ServiceSpec", status: "any" }),
  ServiceSpec: s({
    ports: "[]ServicePort", selector: "map[string]string", clusterIP: "string", clusterIPs: "[]string", type: "string",
    externalIPs: "[]string", sessionAffinity: "string", loadBalancerIP: "string", loadBalancerSourceRanges: "[]string",
    externalName: "string", externalTrafficPolicy: "string", healthCheckNodePort: "int32", publishNotReadyAddresses: "bool",
    sessionAffinityConfig: "any", ipFamilies: "[]string", ipFamilyPolicy: "string", allocateLoadBalancerNodePorts: "bool",
    loadBalancerClass: "string", internalTrafficPolicy: "string", trafficDistribution: "string",
  }),
  ServicePort: s({ name: "string", protocol: "string", appProtocol: "string", port: "int32", targetPort: "intstr", nodePort: "int32" }),
  ConfigMap: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", immutable: "bool", data: "map[string]string", binaryData: "map[string]bytes" }),
  Secret: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", immutable: "bool", data: "map[string]bytes", stringData: "map[string]string", type: "string" }),
  Namespace: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "any", status: "any" }),
  Ingress: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "IngressSpec", status: "any" }),
  IngressSpec: s({ ingressClassName: "string", defaultBackend: "IngressBackend", tls: "[]IngressTLS", rules: "[]IngressRule" }),
  IngressTLS: s({ hosts: "[]string", secretName: "string" }),
  IngressRule: s({ host: "string", http: "HTTPIngressRuleValue" }),
  HTTPIngressRuleValue: s({ paths: "[]HTTPIngressPath" }),
  HTTPIngressPath: s({ path: "string", pathType: "string", backend: "IngressBackend" }),
  IngressBackend: s({ service: "IngressServiceBackend", resource: "any" }),
  IngressServiceBackend: s({ name: "string", port: "ServiceBackendPort" }),
  ServiceBackendPort: s({ name: "string", number: "int32" }),
  // autoscaling/v2 (the stored version; an autoscaling/v1 body is converted before decoding).
  HorizontalPodAutoscaler: s({ apiVersion: "string", kind: "string", metadata: "ObjectMeta", spec: "HorizontalPodAutoscalerSpec", status: "any" }),
  HorizontalPodAutoscalerSpec: s({ scaleTargetRef: "CrossVersionObjectReference", minReplicas: "int32", maxReplicas: "int32", metrics: "[]any", behavior: "any" }),
  CrossVersionObjectReference: s({ kind: "string", name: "string", apiVersion: "string" }),
};

/** Go type names in unmarshal messages ("of type int32"). */
export function goTypeName(ref: TypeRef): string {
  if (ref.startsWith("[]")) return `[]${ref === "[]any" ? "interface {}" : goElemName(ref.slice(2))}`;
  if (ref.startsWith("map[string]")) return `map[string]${goElemName(ref.slice(11))}`;
  return goElemName(ref);
}

function goElemName(ref: string): string {
  if (ref === "quantity") return "resource.Quantity";
  if (ref === "intstr") return "intstr.IntOrString";
  if (ref === "time") return "v1.Time";
  if (ref === "bytes") return "[]uint8";
  if (ref === "any") return "interface {}";
  if (TYPES[ref]) return `v1.${ref}`;
  return ref;
}
