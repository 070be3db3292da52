// Mirrors describe.go (kubectl 1.30) for the policy and cluster-configuration kinds: Role and
// ClusterRole (rules broken down per resource, compacted, sorted by their Go String()), the
// bindings, PodDisruptionBudget, PriorityClass, StorageClass, IngressClass, ResourceQuota and
// LimitRange (also the Namespace's quota and limit sections), ReplicationController.
// Spread into kinds.ts's registry.

import { canonicalQuantity, formatQuantity, parseQuantity } from "../../api/quantity";
import { formatLabelSelector } from "../../api/selectors";
import { events, header, podsStatusLine, type Describer } from "./common";
import { writePodTemplate } from "./pod-template";
import { writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

type Rule = { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] };

const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
/** fmt's %v of a []string. */
const goList = (v: string[]) => `[${v.join(" ")}]`;

/** rbac.BreakdownRule: one rule per group × resource (× resource name), one per URL. */
function breakdown(r: Obj): Rule[] {
  const out: Rule[] = [];
  const verbs = list(r.verbs);
  for (const g of list(r.apiGroups)) {
    for (const res of list(r.resources)) {
      const names = list(r.resourceNames);
      if (names.length) for (const n of names) out.push({ verbs, apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
      else out.push({ verbs, apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
    }
  }
  for (const u of list(r.nonResourceURLs)) out.push({ verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

/** rbac.CompactRules: simple rules on the same group/resource/name merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && !r.nonResourceURLs.length && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const seen = simple.get(key);
    if (seen) seen.verbs = [...seen.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** The generated PolicyRule.String() the rules are sorted by (sort.Stable). */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: `resource.group/subresource`. */
function resourceGroup(r: Rule): string {
  if (!r.resources.length) return "";
  const [res, sub] = r.resources[0]!.split(/\/(.*)/s);
  return `${res}${r.apiGroups[0] ? `.${r.apiGroups[0]}` : ""}${sub !== undefined ? `/${sub}` : ""}`;
}

const describeRole: Describer = (_cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  const rules = compact(((o.rules ?? []) as Obj[]).flatMap(breakdown));
  const keyed = rules.map((r) => [ruleString(r), r] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  w.write(0, "PolicyRule:");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs");
  w.write(1, "---------\t-----------------\t--------------\t-----");
  for (const [, r] of keyed) w.write(1, `${resourceGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`);
};

const describeBinding: Describer = (_cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, "Role:");
  w.write(1, `Kind:\t${o.roleRef?.kind ?? ""}`);
  w.write(1, `Name:\t${o.roleRef?.name ?? ""}`);
  w.write(0, "Subjects:");
  w.write(1, "Kind\tName\tNamespace");
  w.write(1, "----\t----\t---------");
  for (const s of (o.subjects ?? []) as Obj[]) w.write(1, `${s.kind ?? ""}\t${s.name ?? ""}\t${s.namespace ?? ""}`);
};

const describePDB: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(0, `Min available:\t${spec.minAvailable}`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(0, `Max unavailable:\t${spec.maxUnavailable}`);
  // LabelSelectorAsSelector: a missing selector (Nothing) and an empty one (Everything) both print "".
  const sel = formatLabelSelector(spec.selector);
  w.write(0, `Selector:\t${sel === "<none>" ? "" : sel}`);
  w.write(0, "Status:");
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}`);
  events(cluster, o, w);
};

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` for none. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

const describePriorityClass: Describer = (cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Value:\t${o.value ?? 0}`);
  w.write(0, `GlobalDefault:\t${o.globalDefault ? "true" : "false"}`);
  // The API server defaults preemptionPolicy.
  w.write(0, `PreemptionPolicy:\t${o.preemptionPolicy ?? "PreemptLowerPriority"}`);
  w.write(0, `Description:\t${o.description ?? ""}`);
  w.write(0, `Annotations:\t${formatLabels(o.metadata.annotations)}`);
  events(cluster, o, w);
};

const describeStorageClass: Describer = (cluster, o, w) => {
  const ann = (o.metadata.annotations ?? {}) as Record<string, string>;
  const isDefault = ann["storageclass.kubernetes.io/is-default-class"] === "true" || ann["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `IsDefaultClass:\t${isDefault ? "Yes" : "No"}`);
  // Every annotation, last-applied-configuration included, on one FormatLabels line.
  w.write(0, `Annotations:\t${formatLabels(ann)}`);
  w.write(0, `Provisioner:\t${o.provisioner ?? ""}`);
  w.write(0, `Parameters:\t${formatLabels(o.parameters)}`);
  w.write(0, `AllowVolumeExpansion:\t${o.allowVolumeExpansion === undefined || o.allowVolumeExpansion === null ? "<unset>" : o.allowVolumeExpansion ? "True" : "False"}`);
  const opts = (o.mountOptions ?? []) as string[];
  if (!opts.length) w.write(0, "MountOptions:\t<none>");
  else {
    w.write(0, "MountOptions:");
    for (const m of opts) w.write(1, m);
  }
  if (o.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${o.reclaimPolicy}`);
  if (o.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${o.volumeBindingMode}`);
  events(cluster, o, w);
};

const describeIngressClass: Describer = (cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Controller:\t${o.spec?.controller ?? ""}`);
  const p = o.spec?.parameters;
  if (p) {
    w.write(0, "Parameters:");
    if (p.apiGroup) w.write(1, `APIGroup:\t${p.apiGroup}`);
    w.write(1, `Kind:\t${p.kind ?? ""}`);
    w.write(1, `Name:\t${p.name ?? ""}`);
  }
  events(cluster, o, w);
};

/** Used in the hard quantity's format when the two differ (resource.NewQuantity(used.Value(), …)). */
function usedText(used: string | undefined, hard: string): string {
  if (used === undefined) return "0";
  try {
    const u = parseQuantity(used);
    const h = parseQuantity(hard);
    return formatQuantity(u.format === h.format ? u : { nanos: (u.nanos + 999_999_999n) / 1_000_000_000n * 1_000_000_000n, format: h.format });
  } catch {
    return used;
  }
}

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

/** describeQuota's rows (level 0) or DescribeResourceQuotas' (level 1, for a namespace). */
function writeQuota(w: DescribeWriter, level: number, q: Obj, dashes: string): void {
  const scopes = [...((q.spec?.scopes ?? []) as string[])].sort();
  if (scopes.length) {
    w.write(level, `Scopes:\t${scopes.join(", ")}`);
    for (const s of scopes) if (QUOTA_SCOPE_HELP[s]) w.write(level, `${level ? "" : " "}* ${QUOTA_SCOPE_HELP[s]}`);
  }
  w.write(level, "Resource\tUsed\tHard");
  w.write(level, dashes);
  const hard = (q.status?.hard ?? {}) as Record<string, string>;
  const used = (q.status?.used ?? {}) as Record<string, string>;
  for (const r of Object.keys(hard).sort()) w.write(level, `${r}\t${usedText(used[r], hard[r]!)}\t${canonicalQuantity(hard[r]!)}`);
}

const describeQuota: Describer = (_cluster, o, w) => {
  header(w, o);
  writeQuota(w, 0, o, "--------\t----\t----");
};

/** describeLimitRangeSpec: a row per limit type and resource (Go walks a map; sorted here). */
function writeLimitRows(w: DescribeWriter, lr: Obj, prefix: string): void {
  for (const item of (lr.spec?.limits ?? []) as Obj[]) {
    const cols = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio] as (Record<string, string> | undefined)[];
    const names = [...new Set(cols.flatMap((c) => Object.keys(c ?? {})))].sort();
    for (const n of names) {
      const cell = (c: Record<string, string> | undefined) => (c?.[n] === undefined ? "-" : canonicalQuantity(c[n]!));
      w.write(0, `${prefix}${item.type ?? ""}\t${n}\t${cols.map(cell).join("\t")}`);
    }
  }
}

const describeLimitRange: Describer = (_cluster, o, w) => {
  header(w, o);
  w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio");
  w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------");
  writeLimitRows(w, o, "");
};

/** The Namespace describer's quota and limit sections (DescribeResourceQuotas / DescribeLimitRanges). */
export function writeNamespacePolicies(w: DescribeWriter, quotas: Obj[], limits: Obj[]): void {
  w.write(0, "");
  if (!quotas.length) w.write(0, "No resource quota.");
  else {
    w.write(0, "Resource Quotas");
    for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      w.write(1, `Name:\t${q.metadata.name}`);
      writeQuota(w, 1, q, "--------\t---\t---");
    }
  }
  w.write(0, "");
  if (!limits.length) w.write(0, "No LimitRange resource.");
  else {
    w.write(0, "Resource Limits");
    w.write(0, " Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio");
    w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------");
    for (const lr of limits) writeLimitRows(w, lr, " ");
  }
}

const describeReplicationController: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  header(w, o);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Replicas:\t${o.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired`);
  w.write(0, `Pods Status:\t${podsStatusLine(cluster, o)}`);
  writePodTemplate(w, 0, spec.template ?? {});
  writeControllerConditions(w, o);
  events(cluster, o, w);
};

/** A ReplicaSet's or ReplicationController's conditions (ReplicaFailure), when it has any. */
export function writeControllerConditions(w: DescribeWriter, o: Obj): void {
  const conds = (o.status?.conditions ?? []) as Obj[];
  if (!conds.length) return;
  w.write(0, "Conditions:");
  w.write(1, "Type\tStatus\tReason");
  w.write(1, "----\t------\t------");
  for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}`);
}

export const POLICY_DESCRIBERS: Record<string, Describer> = {
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeBinding,
  ClusterRoleBinding: describeBinding,
  PodDisruptionBudget: describePDB,
  PriorityClass: describePriorityClass,
  StorageClass: describeStorageClass,
  IngressClass: describeIngressClass,
  ResourceQuota: describeQuota,
  LimitRange: describeLimitRange,
  ReplicationController: describeReplicationController,
};
