// Mirrors pkg/apis/policy/validation (ValidatePodDisruptionBudgetSpec) and
// pkg/apis/rbac/validation (ValidateRole, ValidateClusterRole, ValidateRoleBinding,
// ValidateClusterRoleBinding and their rule/subject checks), v1.30, in the order the real
// validators append their errors.

import { invalid, required, unsupported, type FieldError } from "../errors";
import { isValidPathSegmentName, nameErrors } from "./names";
import { goIntOrString, PERCENT_MESSAGE, validateLabelSelector } from "./workloads";

type Obj = Record<string, any>;

const RBAC_GROUP = "rbac.authorization.k8s.io";
const UNHEALTHY_POD_EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

/**
 * The `%#v` of the PodDisruptionBudgetSpec the "both set" error carries: its pointers print as
 * addresses, which vary from run to run in the real server; here they are fixed, so that the
 * message stays deterministic.
 */
function goPdbSpec(spec: Obj): string {
  let addr = 0xc000a1b2c0;
  const ptr = (type: string, v: unknown) => `(*${type})(${v === undefined || v === null ? "nil" : `0x${(addr += 0x20).toString(16)}`})`;
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr("intstr.IntOrString", spec.minAvailable)}, Selector:${ptr("v1.LabelSelector", spec.selector)}, MaxUnavailable:${ptr("intstr.IntOrString", spec.maxUnavailable)}, UnhealthyPodEvictionPolicy:${ptr("policy.UnhealthyPodEvictionPolicyType", spec.unhealthyPodEvictionPolicy)}}`;
}

/** ValidatePositiveIntOrPercent then IsNotMoreThan100Percent. */
function intOrPercent(v: unknown, field: string, out: FieldError[]): void {
  if (v === undefined || v === null) return;
  if (typeof v === "number") {
    if (v < 0) out.push(invalid(field, v, "must be greater than or equal to 0"));
    return;
  }
  const s = String(v);
  if (!/^[0-9]+%$/.test(s)) {
    out.push(invalid(field, s, PERCENT_MESSAGE, goIntOrString(s)));
    return;
  }
  if (parseInt(s, 10) > 100) out.push(invalid(field, s, "must not be greater than 100%", goIntOrString(s)));
}

export function validatePodDisruptionBudget(o: Obj): FieldError[] {
  const spec = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  const has = (k: string) => spec[k] !== undefined && spec[k] !== null;
  if (has("minAvailable") && has("maxUnavailable")) out.push(invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set", goPdbSpec(spec)));
  intOrPercent(spec.minAvailable, "spec.minAvailable", out);
  intOrPercent(spec.maxUnavailable, "spec.maxUnavailable", out);
  if (spec.selector && typeof spec.selector === "object") out.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    out.push(unsupported("spec.unhealthyPodEvictionPolicy", policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** ValidatePolicyRule. */
function validateRule(rule: Obj, namespaced: boolean, field: string): FieldError[] {
  const out: FieldError[] = [];
  if (!list(rule.verbs).length) out.push(required(`${field}.verbs`, "verbs must contain at least one value"));
  const urls = list(rule.nonResourceURLs);
  const shown = `[]string{${urls.map((u) => JSON.stringify(String(u))).join(", ")}}`;
  if (urls.length) {
    if (namespaced) out.push(invalid(`${field}.nonResourceURLs`, urls, "namespaced rules cannot apply to non-resource URLs", shown));
    if (list(rule.apiGroups).length || list(rule.resources).length || list(rule.resourceNames).length) {
      out.push(invalid(`${field}.nonResourceURLs`, urls, "rules cannot apply to both regular resources and non-resource URLs", shown));
    }
    return out;
  }
  if (!list(rule.apiGroups).length) out.push(required(`${field}.apiGroups`, "resource rules must supply at least one api group"));
  if (!list(rule.resources).length) out.push(required(`${field}.resources`, "resource rules must supply at least one resource"));
  return out;
}

export function validateRole(o: Obj): FieldError[] {
  return list(o.rules).flatMap((r, i) => validateRule((r ?? {}) as Obj, true, `rules[${i}]`));
}

export function validateClusterRole(o: Obj): FieldError[] {
  const out = list(o.rules).flatMap((r, i) => validateRule((r ?? {}) as Obj, false, `rules[${i}]`));
  const agg = o.aggregationRule;
  if (agg && typeof agg === "object") {
    const selectors = list(agg.clusterRoleSelectors);
    if (!selectors.length) out.push(required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    selectors.forEach((s, i) => out.push(...validateLabelSelector((s ?? {}) as Obj, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return out;
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: Obj, namespaced: boolean, field: string): FieldError[] {
  const out: FieldError[] = [];
  const name = String(s.name ?? "");
  if (!name) out.push(required(`${field}.name`, ""));
  switch (s.kind) {
    case "ServiceAccount":
      // ValidateServiceAccountName: a DNS-1123 subdomain.
      if (name) for (const m of nameErrors("subdomain", name)) out.push(invalid(`${field}.name`, name, m));
      if (s.apiGroup) out.push(unsupported(`${field}.apiGroup`, s.apiGroup, [""]));
      if (!namespaced && !s.namespace) out.push(required(`${field}.namespace`, ""));
      break;
    case "User":
    case "Group":
      if (s.apiGroup !== RBAC_GROUP) out.push(unsupported(`${field}.apiGroup`, s.apiGroup ?? "", [RBAC_GROUP]));
      break;
    default:
      out.push(unsupported(`${field}.kind`, s.kind ?? "", ["ServiceAccount", "User", "Group"]));
  }
  return out;
}

function validateBinding(o: Obj, namespaced: boolean): FieldError[] {
  const out: FieldError[] = [];
  const ref = (o.roleRef ?? {}) as Obj;
  if (ref.apiGroup !== RBAC_GROUP) out.push(unsupported("roleRef.apiGroup", ref.apiGroup ?? "", [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind)) out.push(unsupported("roleRef.kind", ref.kind ?? "", kinds));
  const name = String(ref.name ?? "");
  if (!name) out.push(required("roleRef.name", ""));
  else for (const m of isValidPathSegmentName(name)) out.push(invalid("roleRef.name", name, m));
  list(o.subjects).forEach((s, i) => out.push(...validateSubject((s ?? {}) as Obj, namespaced, `subjects[${i}]`)));
  return out;
}

export const validateRoleBinding = (o: Obj) => validateBinding(o, true);
export const validateClusterRoleBinding = (o: Obj) => validateBinding(o, false);

/** ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: roleRef is fixed. */
export function roleRefUpdateErrors(old: Obj, obj: Obj): FieldError[] {
  const a = (old.roleRef ?? {}) as Obj;
  const b = (obj.roleRef ?? {}) as Obj;
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const rendered = `rbac.RoleRef{APIGroup:${JSON.stringify(b.apiGroup ?? "")}, Kind:${JSON.stringify(b.kind ?? "")}, Name:${JSON.stringify(b.name ?? "")}}`;
  return [invalid("roleRef", b, "cannot change roleRef", rendered)];
}
