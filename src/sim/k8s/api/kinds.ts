// The API server's discovery: which kinds exist in which group/version, their resource names,
// short names and scope (kubectl's RESTMapper reads this). Order matters for `kubectl get all`
// and for how ambiguous short names resolve, as in `kubectl api-resources`.

export type NameRule = "subdomain" | "label" | "dns1035" | "path" | "none";

export interface KindInfo {
  kind: string;
  group: string;
  version: string;
  /** Lowercase plural resource name: "deployments". */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  nameRule: NameRule;
  /** Versions that once existed but are not served by v1.30 (for the mapping error). */
  removedVersions?: string[];
}

const k = (
  kind: string, group: string, version: string, resource: string, shortNames: string[], namespaced: boolean,
  nameRule: NameRule = "subdomain", removedVersions?: string[],
): KindInfo => ({ kind, group, version, resource, singular: kind.toLowerCase(), shortNames, namespaced, nameRule, removedVersions });

/** Served kinds (v1.30), in `kubectl api-resources` order within each group. */
export const KINDS: readonly KindInfo[] = [
  k("Binding", "", "v1", "bindings", [], true),
  k("ComponentStatus", "", "v1", "componentstatuses", ["cs"], false),
  k("ConfigMap", "", "v1", "configmaps", ["cm"], true),
  k("Endpoints", "", "v1", "endpoints", ["ep"], true),
  k("Event", "", "v1", "events", ["ev"], true, "path"),
  k("LimitRange", "", "v1", "limitranges", ["limits"], true),
  k("Namespace", "", "v1", "namespaces", ["ns"], false, "label"),
  k("Node", "", "v1", "nodes", ["no"], false),
  k("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", ["pvc"], true),
  k("PersistentVolume", "", "v1", "persistentvolumes", ["pv"], false),
  k("Pod", "", "v1", "pods", ["po"], true),
  k("PodTemplate", "", "v1", "podtemplates", [], true),
  k("ReplicationController", "", "v1", "replicationcontrollers", ["rc"], true),
  k("ResourceQuota", "", "v1", "resourcequotas", ["quota"], true),
  k("Secret", "", "v1", "secrets", [], true),
  k("ServiceAccount", "", "v1", "serviceaccounts", ["sa"], true),
  k("Service", "", "v1", "services", ["svc"], true, "dns1035"),
  k("MutatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", [], false),
  k("ValidatingAdmissionPolicy", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", [], false),
  k("ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", [], false),
  k("ValidatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", [], false),
  k("APIService", "apiregistration.k8s.io", "v1", "apiservices", [], false),
  k("CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions", ["crd", "crds"], false, "subdomain", ["v1beta1"]),
  k("ControllerRevision", "apps", "v1", "controllerrevisions", [], true),
  k("DaemonSet", "apps", "v1", "daemonsets", ["ds"], true, "subdomain", ["v1beta1", "v1beta2"]),
  k("Deployment", "apps", "v1", "deployments", ["deploy"], true, "subdomain", ["v1beta1", "v1beta2"]),
  k("ReplicaSet", "apps", "v1", "replicasets", ["rs"], true, "subdomain", ["v1beta1", "v1beta2"]),
  k("StatefulSet", "apps", "v1", "statefulsets", ["sts"], true, "subdomain", ["v1beta1", "v1beta2"]),
  k("SelfSubjectReview", "authentication.k8s.io", "v1", "selfsubjectreviews", [], false),
  k("TokenReview", "authentication.k8s.io", "v1", "tokenreviews", [], false),
  k("LocalSubjectAccessReview", "authorization.k8s.io", "v1", "localsubjectaccessreviews", [], true),
  k("SelfSubjectAccessReview", "authorization.k8s.io", "v1", "selfsubjectaccessreviews", [], false),
  k("SelfSubjectRulesReview", "authorization.k8s.io", "v1", "selfsubjectrulesreviews", [], false),
  k("SubjectAccessReview", "authorization.k8s.io", "v1", "subjectaccessreviews", [], false),
  k("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", ["hpa"], true),
  k("CronJob", "batch", "v1", "cronjobs", ["cj"], true, "subdomain", ["v1beta1"]),
  k("Job", "batch", "v1", "jobs", [], true),
  k("CertificateSigningRequest", "certificates.k8s.io", "v1", "certificatesigningrequests", ["csr"], false),
  k("Lease", "coordination.k8s.io", "v1", "leases", [], true),
  k("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", [], true, "subdomain", ["v1beta1"]),
  k("Ingress", "networking.k8s.io", "v1", "ingresses", ["ing"], true, "subdomain", ["v1beta1"]),
  k("FlowSchema", "flowcontrol.apiserver.k8s.io", "v1", "flowschemas", [], false),
  k("PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", [], false),
  k("IngressClass", "networking.k8s.io", "v1", "ingressclasses", [], false),
  k("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", ["netpol"], true),
  k("RuntimeClass", "node.k8s.io", "v1", "runtimeclasses", [], false),
  k("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", ["pdb"], true, "subdomain", ["v1beta1"]),
  k("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", [], false, "path"),
  k("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", [], false, "path"),
  k("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", [], true, "path"),
  k("Role", "rbac.authorization.k8s.io", "v1", "roles", [], true, "path"),
  k("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", ["pc"], false),
  k("CSIDriver", "storage.k8s.io", "v1", "csidrivers", [], false),
  k("CSINode", "storage.k8s.io", "v1", "csinodes", [], false),
  k("CSIStorageCapacity", "storage.k8s.io", "v1", "csistoragecapacities", [], true),
  k("StorageClass", "storage.k8s.io", "v1", "storageclasses", ["sc"], false),
  k("VolumeAttachment", "storage.k8s.io", "v1", "volumeattachments", [], false),
];

/**
 * What `kubectl api-resources` lists (a kubeadm v1.30 cluster's discovery): the kinds above plus
 * the resources served again under another group — events.k8s.io/v1 events.
 */
export const DISCOVERY: readonly KindInfo[] = [
  ...KINDS,
  { ...k("Event", "events.k8s.io", "v1", "events", ["ev"], true, "path") },
];

/** Extra served versions of a group (autoscaling/v1, events.k8s.io/v1). */
const EXTRA_VERSIONS: Record<string, string[]> = {
  HorizontalPodAutoscaler: ["autoscaling/v1"],
};

/**
 * Every group/version the API server serves, sorted as `kubectl api-versions` prints them: the
 * discovered kinds' versions, the extra served ones, and flowcontrol's v1beta3 (served, deprecated
 * in 1.29, until 1.32).
 */
export function servedGroupVersions(): string[] {
  const all = new Set(DISCOVERY.map(apiVersionOf));
  for (const extra of Object.values(EXTRA_VERSIONS)) for (const gv of extra) all.add(gv);
  all.add("flowcontrol.apiserver.k8s.io/v1beta3");
  return [...all].sort();
}

const BY_KIND = new Map(KINDS.map((i) => [i.kind, i]));

export function kindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The kind served at apiVersion, or undefined (→ "no matches for kind … in version …"). */
export function kindFor(apiVersion: string, kind: string): KindInfo | undefined {
  const info = BY_KIND.get(kind);
  if (!info) return undefined;
  if (apiVersionOf(info) === apiVersion) return info;
  // Another served version: the kind as that version serves it (an events.k8s.io/v1 Event is
  // named event.events.k8s.io by kubectl).
  if (EXTRA_VERSIONS[kind]?.includes(apiVersion) || (kind === "Event" && apiVersion === "events.k8s.io/v1")) {
    const slash = apiVersion.indexOf("/");
    return { ...info, group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
  }
  return undefined;
}

/** "deployments.apps" — the name used in server messages (`deployments.apps "x" not found`). */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** "deployment.apps" — the kind/name prefix kubectl prints (`deployment.apps/web created`). */
export function kindPrefix(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/**
 * Resolves a kubectl resource word ("deploy", "Deployments.apps", "po") to a kind. A word naming
 * another served version ("hpa.v1.autoscaling") or group ("events.events.k8s.io") gets the kind
 * as that version serves it (its `group`/`version`), so what is read is shown in that version.
 */
export function resolveResource(word: string): KindInfo | undefined {
  const info = resolveStored(word);
  if (!info) return undefined;
  const dot = word.indexOf(".");
  if (dot < 0) return info;
  const rest = word.slice(dot + 1).toLowerCase();
  const other = otherVersion(info, rest);
  return other ? { ...info, group: other.slice(0, other.indexOf("/")), version: other.slice(other.indexOf("/") + 1) } : info;
}

/** The served non-stored apiVersion a qualifier ("v1.autoscaling", "events.k8s.io") names, if any. */
function otherVersion(info: KindInfo, qualifier: string): string | undefined {
  const served = [...(EXTRA_VERSIONS[info.kind] ?? []), ...(info.kind === "Event" ? ["events.k8s.io/v1"] : [])];
  for (const gv of served) {
    const [group, version] = gv.split("/") as [string, string];
    if (qualifier === `${version}.${group}` || (group !== info.group && qualifier === group)) return gv;
  }
  return undefined;
}

function resolveStored(word: string): KindInfo | undefined {
  const w = word.toLowerCase();
  const dot = w.indexOf(".");
  const name = dot < 0 ? w : w.slice(0, dot);
  // The shortcut expander matches short names as typed (DEPLOY is no short name); the REST
  // mapper lowercases a resource name before it matches plurals and singulars.
  const typed = dot < 0 ? word : word.slice(0, dot);
  const group = dot < 0 ? undefined : w.slice(dot + 1);
  for (const info of KINDS) {
    // "hpa.v1.autoscaling": another served version of the group names the same resource (tables
    // are the same; the object still reads back in the stored version).
    const versions = [info.version, ...(EXTRA_VERSIONS[info.kind] ?? []).map((v) => v.slice(v.indexOf("/") + 1))];
    if (group !== undefined && info.group !== group && !versions.some((v) => `${v}.${info.group}`.startsWith(group)) && !(info.kind === "Event" && (group === "events.k8s.io" || group === "v1.events.k8s.io"))) continue;
    if (info.resource === name || info.singular === name || info.shortNames.includes(typed) || info.kind.toLowerCase() === name) {
      return info;
    }
  }
  return undefined;
}

/**
 * `kubectl get all`: the kinds whose discovery entry lists the "all" category, in discovery order
 * (core v1 alphabetically — pods, replicationcontrollers, services — then apps, autoscaling, batch).
 */
export const ALL_CATEGORY = ["Pod", "ReplicationController", "Service", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler", "CronJob", "Job"];
