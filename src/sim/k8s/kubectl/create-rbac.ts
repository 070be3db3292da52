// `kubectl create role|clusterrole|rolebinding|clusterrolebinding`, mirroring
// kubectl/pkg/cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go and
// create_clusterrolebinding.go (v1.30): verbs and resource names de-duplicated, each --resource
// ("resource.group/subresource") resolved against discovery as the REST mapper does (short names
// expanded, "deploy" → deployments in apps; an unknown one is the mapper's "no matches for …"),
// one rule per API group, the subjects in the order users, groups, service accounts.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { DISCOVERY } from "../api/kinds";
import { fail, server, type KubectlContext } from "./common";
import { nameArg } from "./create-policy";
import { emitObjects, plainError, wrapped } from "./imperative";

type Obj = Record<string, any>;
type ResourceOption = { group: string; resource: string; subresource: string };

const RBAC_GROUP = "rbac.authorization.k8s.io";
const VALID_RESOURCE_VERBS = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];
const VALID_NON_RESOURCE_VERBS = ["*", "get", "post", "put", "delete", "patch", "head", "options"];

/** Verbs that only apply to some group/resources (specialVerbs). */
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [["policy", "podsecuritypolicies"], ["extensions", "podsecuritypolicies"]],
  bind: [[RBAC_GROUP, "roles"], [RBAC_GROUP, "clusterroles"]],
  escalate: [[RBAC_GROUP, "roles"], [RBAC_GROUP, "clusterroles"]],
  impersonate: [["", "users"], ["", "serviceaccounts"], ["", "groups"], ["authentication.k8s.io", "userextras"]],
};

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The shortcut expander then mapper.ResourceFor: a full plural or singular name stays, a short
 * name expands to its resource and group (exactly, then by group prefix); the lowercased name
 * must then be a served resource in that group.
 */
export function resourceFor(resource: string, group: string): { group: string; resource: string } | { error: string } {
  const inGroup = (g: string) => !group || group === g;
  let res = resource;
  let grp = group;
  const exact = DISCOVERY.some((i) => inGroup(i.group) && (i.resource === res || i.singular === res));
  if (!exact) {
    const short = DISCOVERY.find((i) => inGroup(i.group) && i.shortNames.includes(res))
      ?? (group ? DISCOVERY.find((i) => i.group.startsWith(group) && i.shortNames.includes(res)) : undefined);
    if (short) {
      res = short.resource;
      grp = short.group;
    }
  }
  const lower = res.toLowerCase();
  const hit = DISCOVERY.find((i) => (!grp || i.group === grp) && (i.resource === lower || i.singular === lower));
  // The mapper's NoResourceMatchError, as cmdutil.CheckErr words it (no "error: " prefix).
  if (!hit) return { error: `the server doesn't have a resource type "${res}"${grp ? ` in group "${grp}"` : ""}` };
  return { group: hit.group, resource: hit.resource };
}

/** CreateRoleOptions.Complete's parsing of --resource (a lone "*" replaces everything). */
function parseResources(list: string[]): ResourceOption[] {
  let out: ResourceOption[] = [];
  for (const r of list) {
    const slash = r.indexOf("/");
    const head = slash >= 0 ? r.slice(0, slash) : r;
    const dot = head.indexOf(".");
    const opt = { resource: dot >= 0 ? head.slice(0, dot) : head, group: dot >= 0 ? head.slice(dot + 1) : "", subresource: slash >= 0 ? r.slice(slash + 1) : "" };
    if (opt.resource === "*" && dot < 0 && slash < 0) {
      out = [opt];
      break;
    }
    out.push(opt);
  }
  return out;
}

/** validateResource: the first error as printed (CheckErr's own words for a NoMatch), warnings already printed. */
function validateResources(resources: ResourceOption[], verbs: string[]): string | undefined {
  for (const r of resources) {
    if (!r.resource) return "error: resource must be specified if apiGroup/subresource specified";
    if (r.resource === "*") return undefined;
    const found = resourceFor(r.resource, r.group);
    let err = "error" in found ? found.error : undefined;
    const gr = "error" in found ? { group: r.group, resource: r.resource } : found;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([g, res]) => g === gr.group && res === gr.resource)) return `error: can not perform '${v}' on '${gr.resource}' in group '${gr.group}'`;
      err = undefined;
    }
    if (err) return err;
  }
  return undefined;
}

/** generateResourcePolicyRules: one rule per group (groups sorted), then the non-resource URLs. */
function policyRules(verbs: string[], resources: ResourceOption[], names: string[], urls: string[]): Obj[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const found = resourceFor(r.resource, r.group);
    const gr = "error" in found ? { group: r.group, resource: r.resource } : { ...found };
    if (r.subresource) gr.resource += `/${r.subresource}`;
    const list = byGroup.get(gr.group) ?? [];
    if (!list.includes(gr.resource)) list.push(gr.resource);
    byGroup.set(gr.group, list);
  }
  const rules: Obj[] = [...byGroup.keys()].sort().map((g) => ({
    verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}),
  }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

/** Complete's verb handling: duplicates dropped, "*" stands for all. */
function verbsOf(inv: Invocation): string[] {
  const verbs = inv.flags.list("verb");
  return verbs.includes("*") ? ["*"] : unique(verbs);
}

function warnVerbs(verbs: string[]): string {
  return verbs.filter((v) => !VALID_RESOURCE_VERBS.includes(v)).map((v) => `Warning: '${v}' is not a standard resource verb\n`).join("");
}

/** Prepends Complete/Validate's warnings to a result (or to the error it ended with). */
function withWarnings(warnings: string, run: () => ExecResult): ExecResult {
  try {
    const r = run();
    return { ...r, stderr: warnings + r.stderr };
  } catch (e) {
    if (e && typeof e === "object" && "result" in e) (e as { result: ExecResult }).result.stderr = warnings + (e as { result: ExecResult }).result.stderr;
    throw e;
  }
}

export function createRole(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = nameArg(inv);
  const verbs = verbsOf(inv);
  const resources = parseResources(inv.flags.list("resource"));
  const names = unique(inv.flags.list("resource-name"));
  if (!verbs.length) fail("error: at least one verb must be specified");
  const warnings = warnVerbs(verbs);
  return withWarnings(warnings, () => {
    if (!resources.length) fail("error: at least one resource must be specified");
    // The REST mapper reads discovery: without a server this is where the command stops.
    if (resources.some((r) => r.resource && r.resource !== "*")) server(ctx);
    const err = validateResources(resources, verbs);
    if (err) fail(err);
    const role = { kind: "Role", apiVersion: `${RBAC_GROUP}/v1`, metadata: { name, creationTimestamp: null }, rules: policyRules(verbs, resources, names, []) };
    return emitObjects(ctx, inv, [role], plainError);
  });
}

export function createClusterRole(ctx: KubectlContext, inv: Invocation): ExecResult {
  // A malformed --aggregation-rule is pflag's error, before the command runs.
  const aggregation = aggregationRule(inv, inv.flags.list("aggregation-rule"));
  const name = nameArg(inv);
  const urls = unique(inv.flags.list("non-resource-url"));
  const verbs = verbsOf(inv);
  const resources = parseResources(inv.flags.list("resource"));
  const names = unique(inv.flags.list("resource-name"));
  const meta = { name, creationTimestamp: null };
  if (Object.keys(aggregation).length) {
    if (urls.length || verbs.length || resources.length || names.length) {
      fail("error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames");
    }
    const matchLabels = Object.fromEntries(Object.keys(aggregation).sort().map((k) => [k, aggregation[k]]));
    const cr = { kind: "ClusterRole", apiVersion: `${RBAC_GROUP}/v1`, metadata: meta, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels }] } };
    return emitObjects(ctx, inv, [cr], plainError);
  }
  if (!verbs.length) fail("error: at least one verb must be specified");
  if (!resources.length && !urls.length) fail("error: one of resource or nonResourceURL must be specified");
  const warnings = resources.length ? warnVerbs(verbs) : "";
  return withWarnings(warnings, () => {
    if (resources.length) {
      if (resources.some((r) => r.resource && r.resource !== "*")) server(ctx);
      const err = validateResources(resources, verbs);
      if (err) fail(err);
    }
    if (urls.length) {
      const bad = verbs.find((v) => !VALID_NON_RESOURCE_VERBS.includes(v));
      if (bad !== undefined) fail(`error: invalid verb: '${bad}' for nonResourceURL`);
      for (const u of urls) {
        if (u === "*") continue;
        if (!u.startsWith("/")) fail("error: nonResourceURL should start with /");
        if (u.slice(0, -1).includes("*")) fail("error: nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
    const cr = { kind: "ClusterRole", apiVersion: `${RBAC_GROUP}/v1`, metadata: meta, rules: policyRules(verbs, resources, names, urls) };
    return emitObjects(ctx, inv, [cr], plainError);
  });
}

/** cliflag.MapStringString: "k=v,k2=v2" pairs, later flags adding to earlier ones. */
function aggregationRule(inv: Invocation, values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    for (const pair of v.split(",")) {
      if (!pair) continue;
      const eq = pair.indexOf("=");
      if (eq < 0) fail(`error: invalid argument "${v}" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee '${inv.path} --help' for usage.`);
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

/** The subjects both binding commands build, with their "<namespace>:<name>" check. */
function subjects(inv: Invocation): Obj[] | undefined {
  const out: Obj[] = [];
  for (const u of inv.flags.list("user")) out.push({ kind: "User", apiGroup: RBAC_GROUP, name: u });
  for (const g of inv.flags.list("group")) out.push({ kind: "Group", apiGroup: RBAC_GROUP, name: g });
  for (const sa of inv.flags.list("serviceaccount")) {
    const parts = sa.split(":");
    if (parts.length !== 2 || !parts[0] || !parts[1]) fail("error: serviceaccount must be <namespace>:<name>");
    out.push({ kind: "ServiceAccount", name: parts[1], namespace: parts[0] });
  }
  return out.length ? out : undefined;
}

export function createRoleBinding(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = nameArg(inv);
  const role = inv.flags.str("role");
  const clusterRole = inv.flags.str("clusterrole");
  if (!role === !clusterRole) fail("error: exactly one of clusterrole or role must be specified");
  const subs = subjects(inv);
  const rb: Obj = { kind: "RoleBinding", apiVersion: `${RBAC_GROUP}/v1`, metadata: { name, creationTimestamp: null } };
  if (subs) rb.subjects = subs;
  rb.roleRef = { apiGroup: RBAC_GROUP, kind: role ? "Role" : "ClusterRole", name: role || clusterRole };
  return emitObjects(ctx, inv, [rb], wrapped("failed to create rolebinding: "));
}

export function createClusterRoleBinding(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.flags.changed("clusterrole")) fail('error: required flag(s) "clusterrole" not set');
  const name = nameArg(inv);
  const subs = subjects(inv);
  const crb: Obj = { kind: "ClusterRoleBinding", apiVersion: `${RBAC_GROUP}/v1`, metadata: { name, creationTimestamp: null } };
  if (subs) crb.subjects = subs;
  crb.roleRef = { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: inv.flags.str("clusterrole") };
  return emitObjects(ctx, inv, [crb], wrapped("failed to create clusterrolebinding: "));
}
