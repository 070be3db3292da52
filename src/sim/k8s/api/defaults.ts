// Mirrors the API server's defaulting (pkg/apis/*/v1/defaults.go, SetObjectDefaults_*): what
// `kubectl get -o yaml` shows beyond what was written. One function per kind in a registry;
// quantities are canonicalised here too (the Quantity round-trip does that on the server).

import { defaultHorizontalPodAutoscaler } from "./defaults-autoscaling";
import { defaultPersistentVolumeSource, defaultVolume } from "./defaults-volumes";
import { canonicalQuantity } from "./quantity";

type Obj = Record<string, any>;
type Defaulter = (obj: Obj) => void;

const put = (o: Obj, k: string, v: unknown) => {
  // Decoding refuses a scalar where a struct belongs; a field decoded leniently ("any") may still be one.
  if (typeof o !== "object" || o === null) return;
  if (o[k] === undefined || o[k] === null) o[k] = v;
};

function hasTag(image: string): boolean {
  const lastSlash = image.lastIndexOf("/");
  return image.slice(lastSlash + 1).includes(":");
}

function defaultProbe(p: Obj | undefined): void {
  if (!p || typeof p !== "object") return;
  put(p, "timeoutSeconds", 1);
  put(p, "periodSeconds", 10);
  put(p, "successThreshold", 1);
  put(p, "failureThreshold", 3);
  // SetDefaults_HTTPGetAction: path "/" and scheme HTTP.
  defaultHTTPGet(p.httpGet);
  // SetDefaults_Probe: a gRPC probe's service defaults to "" (the server's overall health).
  if (p.grpc && typeof p.grpc === "object") put(p.grpc, "service", "");
}

function defaultHTTPGet(h: Obj | undefined): void {
  if (!h || typeof h !== "object") return;
  put(h, "path", "/");
  put(h, "scheme", "HTTP");
}

function canonicalResources(r: Obj | undefined): void {
  if (!r || typeof r !== "object") return;
  for (const part of ["limits", "requests"]) {
    const m = r[part];
    if (!m || typeof m !== "object") continue;
    for (const k of Object.keys(m)) m[k] = canonicalQuantity(m[k]);
  }
}

/**
 * SetDefaults_Pod: a container's requests default to its limits for every resource that has only
 * a limit — on a Pod only, never in a template (a Deployment's template keeps just its limits;
 * its pods get the requests when they are created).
 */
function defaultRequestsToLimits(c: Obj): void {
  const r = c?.resources;
  if (!r || typeof r !== "object" || !r.limits || typeof r.limits !== "object") return;
  r.requests = r.requests && typeof r.requests === "object" ? r.requests : undefined;
  for (const [k, v] of Object.entries(r.limits)) {
    r.requests ??= {};
    if (r.requests[k] === undefined) r.requests[k] = v;
  }
}

/** SetDefaults_Pod's defaultHostNetworkPorts: with the host's network, a port is its host port. */
function defaultHostNetworkPorts(c: Obj): void {
  for (const p of Array.isArray(c?.ports) ? c.ports : []) {
    if (p && typeof p === "object" && !p.hostPort && p.containerPort !== undefined) p.hostPort = p.containerPort;
  }
}

/**
 * The StorageObjectInUseProtection admission plugin's finalizer (on by default): what `get -o
 * yaml` and describe's Finalizers line show. Added here, with the defaults, because the server
 * has no admission chain for these kinds.
 */
/** Adds a finalizer (once). */
export function addFinalizer(o: Obj, name: string): void {
  const meta = (o.metadata ??= {});
  const list = Array.isArray(meta.finalizers) ? meta.finalizers : [];
  if (!list.includes(name)) meta.finalizers = [...list, name];
}

/** Quantities in a storage resource list, canonicalised (capacity 1024Mi reads back as 1Gi). */
function canonicalStorage(m: Obj | undefined): void {
  if (!m || typeof m !== "object") return;
  for (const k of Object.keys(m)) if (typeof m[k] === "string" || typeof m[k] === "number") m[k] = canonicalQuantity(m[k]);
}

export function defaultContainer(c: Obj): void {
  if (!c || typeof c !== "object") return;
  if (typeof c.image === "string" && c.imagePullPolicy === undefined) {
    const digest = c.image.includes("@");
    c.imagePullPolicy = !digest && (!hasTag(c.image) || c.image.endsWith(":latest")) ? "Always" : "IfNotPresent";
  }
  put(c, "terminationMessagePath", "/dev/termination-log");
  put(c, "terminationMessagePolicy", "File");
  put(c, "resources", {});
  canonicalResources(c.resources);
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (p && typeof p === "object") put(p, "protocol", "TCP");
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  // Lifecycle hooks' httpGet handlers are HTTPGetActions too.
  for (const hook of ["postStart", "preStop"]) defaultHTTPGet(c.lifecycle?.[hook]?.httpGet);
  for (const e of Array.isArray(c.env) ? c.env : []) {
    const ref = e?.valueFrom?.fieldRef;
    if (ref && typeof ref === "object") put(ref, "apiVersion", "v1");
  }
}

export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== "object") return;
  put(spec, "restartPolicy", "Always");
  put(spec, "terminationGracePeriodSeconds", 30);
  put(spec, "dnsPolicy", "ClusterFirst");
  put(spec, "securityContext", {});
  put(spec, "schedulerName", "default-scheduler");
  for (const c of [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])]) defaultContainer(c);
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(v);
  for (const t of Array.isArray(spec.tolerations) ? spec.tolerations : []) {
    if (t && typeof t === "object" && t.operator === undefined && t.key !== undefined) t.operator = "Equal";
  }
}

function defaultTemplate(spec: Obj | undefined): void {
  if (!spec?.template || typeof spec.template !== "object") return;
  spec.template.metadata ??= {};
  put(spec.template.metadata, "creationTimestamp", null);
  defaultPodSpec(spec.template.spec);
}

function defaultIntOrPercent(o: Obj, k: string, v: string | number) {
  put(o, k, v);
}

const DEFAULTERS: Record<string, Defaulter> = {
  Pod(o) {
    o.spec ??= {};
    const containers = [...(Array.isArray(o.spec.containers) ? o.spec.containers : []), ...(Array.isArray(o.spec.initContainers) ? o.spec.initContainers : [])];
    defaultPodSpec(o.spec);
    for (const c of containers) defaultRequestsToLimits(c);
    put(o.spec, "enableServiceLinks", true);
    if (o.spec.hostNetwork === true) for (const c of containers) defaultHostNetworkPorts(c);
  },
  // SetObjectDefaults_PodTemplate: the pod spec's defaults, none of the Pod's own.
  PodTemplate(o) {
    defaultTemplate(o);
  },
  Deployment(o) {
    const s = (o.spec ??= {});
    put(s, "replicas", 1);
    s.strategy ??= {};
    put(s.strategy, "type", "RollingUpdate");
    if (s.strategy.type === "RollingUpdate") {
      s.strategy.rollingUpdate ??= {};
      defaultIntOrPercent(s.strategy.rollingUpdate, "maxUnavailable", "25%");
      defaultIntOrPercent(s.strategy.rollingUpdate, "maxSurge", "25%");
    }
    put(s, "revisionHistoryLimit", 10);
    put(s, "progressDeadlineSeconds", 600);
    defaultTemplate(s);
  },
  ReplicaSet(o) {
    const s = (o.spec ??= {});
    put(s, "replicas", 1);
    defaultTemplate(s);
  },
  DaemonSet(o) {
    const s = (o.spec ??= {});
    s.updateStrategy ??= {};
    put(s.updateStrategy, "type", "RollingUpdate");
    if (s.updateStrategy.type === "RollingUpdate") {
      s.updateStrategy.rollingUpdate ??= {};
      put(s.updateStrategy.rollingUpdate, "maxUnavailable", 1);
      put(s.updateStrategy.rollingUpdate, "maxSurge", 0);
    }
    put(s, "revisionHistoryLimit", 10);
    defaultTemplate(s);
  },
  ReplicationController(o) {
    const s = (o.spec ??= {});
    put(s, "replicas", 1);
    const labels = s.template?.metadata?.labels;
    if ((!s.selector || Object.keys(s.selector).length === 0) && labels && Object.keys(labels).length) s.selector = { ...labels };
    if (o.metadata && (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) && labels) o.metadata.labels = { ...labels };
    defaultTemplate(s);
  },
  StatefulSet(o) {
    const s = (o.spec ??= {});
    put(s, "replicas", 1);
    put(s, "podManagementPolicy", "OrderedReady");
    s.updateStrategy ??= { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
    put(s, "revisionHistoryLimit", 10);
    put(s, "persistentVolumeClaimRetentionPolicy", { whenDeleted: "Retain", whenScaled: "Retain" });
    defaultTemplate(s);
  },
  Job(o) {
    const s = (o.spec ??= {});
    // SetDefaults_Job: both counts default to 1 only when neither is given; a parallelism alone
    // leaves completions unset (a work queue).
    if ((s.completions === undefined || s.completions === null) && (s.parallelism === undefined || s.parallelism === null)) s.completions = 1;
    put(s, "parallelism", 1);
    put(s, "backoffLimit", 6);
    put(s, "completionMode", "NonIndexed");
    put(s, "suspend", false);
    put(s, "podReplacementPolicy", "TerminatingOrFailed");
    defaultTemplate(s);
  },
  CronJob(o) {
    const s = (o.spec ??= {});
    put(s, "concurrencyPolicy", "Allow");
    put(s, "suspend", false);
    put(s, "successfulJobsHistoryLimit", 3);
    put(s, "failedJobsHistoryLimit", 1);
    if (s.jobTemplate?.spec) DEFAULTERS.Job!({ spec: s.jobTemplate.spec });
    if (s.jobTemplate) put(s.jobTemplate.metadata ??= {}, "creationTimestamp", null);
  },
  Service(o) {
    const s = (o.spec ??= {});
    // SetDefaults_Service: sessionAffinity and each port's targetPort for every type;
    // internalTrafficPolicy for the types that have a ClusterIP.
    put(s, "type", "ClusterIP");
    put(s, "sessionAffinity", "None");
    if (s.type !== "ExternalName") put(s, "internalTrafficPolicy", "Cluster");
    if (s.sessionAffinity === "ClientIP") {
      s.sessionAffinityConfig ??= {};
      s.sessionAffinityConfig.clientIP ??= {};
      put(s.sessionAffinityConfig.clientIP, "timeoutSeconds", 10800);
    }
    if (s.type === "NodePort" || s.type === "LoadBalancer") put(s, "externalTrafficPolicy", "Cluster");
    if (s.type === "LoadBalancer") put(s, "allocateLoadBalancerNodePorts", true);
    for (const p of Array.isArray(s.ports) ? s.ports : []) {
      if (!p || typeof p !== "object") continue;
      put(p, "protocol", "TCP");
      put(p, "targetPort", p.port);
    }
  },
  // SetDefaults_PersistentVolumeClaim(+Spec): phase Pending, volumeMode Filesystem.
  PersistentVolumeClaim(o) {
    put(o.spec ??= {}, "volumeMode", "Filesystem");
    canonicalStorage(o.spec.resources?.requests);
    canonicalStorage(o.spec.resources?.limits);
    put(o.status ??= {}, "phase", "Pending");
  },
  // SetDefaults_PersistentVolume: phase Pending (the persistentvolume-controller makes it
  // Available), reclaim policy Retain, volumeMode Filesystem; a hostPath source gets type "".
  PersistentVolume(o) {
    const s = (o.spec ??= {});
    put(s, "persistentVolumeReclaimPolicy", "Retain");
    put(s, "volumeMode", "Filesystem");
    defaultPersistentVolumeSource(s);
    canonicalStorage(s.capacity);
    put(o.status ??= {}, "phase", "Pending");
  },
  Secret(o) {
    put(o, "type", "Opaque");
  },
  // SetDefaults_LimitRangeItem: a Container item's default limit falls back to max, its default
  // request to the default limit, then to min.
  LimitRange(o) {
    for (const item of Array.isArray(o.spec?.limits) ? o.spec.limits : []) {
      if (!item || typeof item !== "object") continue;
      for (const part of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) canonicalStorage(item[part]);
      if (item.type !== "Container") continue;
      const dflt = { ...(item.default ?? {}) };
      const request = { ...(item.defaultRequest ?? {}) };
      for (const [k, v] of Object.entries((item.max ?? {}) as Obj)) if (dflt[k] === undefined) dflt[k] = v;
      for (const [k, v] of Object.entries(dflt)) if (request[k] === undefined) request[k] = v;
      for (const [k, v] of Object.entries((item.min ?? {}) as Obj)) if (request[k] === undefined) request[k] = v;
      if (Object.keys(dflt).length) item.default = dflt;
      if (Object.keys(request).length) item.defaultRequest = request;
    }
  },
  ResourceQuota(o) {
    canonicalStorage(o.spec?.hard);
  },
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
  // SetDefaults_PriorityClass.
  PriorityClass(o) {
    put(o, "preemptionPolicy", "PreemptLowerPriority");
  },
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
  // SetDefaults_NetworkPolicy: no policyTypes means Ingress, and Egress too when egress rules
  // remain (an `egress: []` is gone by now, as omitempty drops it); SetDefaults_NetworkPolicyPort: TCP.
  NetworkPolicy(o) {
    const spec = o.spec;
    if (!spec || typeof spec !== "object") return;
    for (const part of ["ingress", "egress"]) {
      for (const rule of Array.isArray(spec[part]) ? spec[part] : []) {
        for (const port of Array.isArray(rule?.ports) ? rule.ports : []) put(port, "protocol", "TCP");
      }
    }
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
      spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length ? ["Ingress", "Egress"] : ["Ingress"];
    }
  },
  Namespace(o) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), "kubernetes.io/metadata.name": o.metadata.name };
    o.spec ??= {};
    put(o.spec, "finalizers", ["kubernetes"]);
    o.status = { phase: "Active" };
  },
};

/**
 * SetDefaults_RoleBinding / ClusterRoleBinding (roleRef.apiGroup) and SetDefaults_Subject
 * (users and groups are RBAC's; service accounts are core's "").
 */
function defaultBinding(o: Obj): void {
  if (o.roleRef && typeof o.roleRef === "object" && !o.roleRef.apiGroup) o.roleRef.apiGroup = "rbac.authorization.k8s.io";
  for (const s of Array.isArray(o.subjects) ? o.subjects : []) {
    if (!s || typeof s !== "object" || s.apiGroup) continue;
    if (s.kind === "User" || s.kind === "Group") s.apiGroup = "rbac.authorization.k8s.io";
  }
}

/** Applies the server's defaults to a decoded object, in place. */
export function applyDefaults(obj: Obj): void {
  DEFAULTERS[obj.kind as string]?.(obj);
}
