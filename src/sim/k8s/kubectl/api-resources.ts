// Mirrors kubectl 1.30's `api-resources` (pkg/cmd/apiresources): discovery's preferred resources,
// filtered by --api-group, --namespaced, --verbs and --categories (a resource must have every verb
// and every category asked for), sorted stably by group then name (or --sort-by name|kind), printed
// as a table whose -o wide adds VERBS and CATEGORIES, each list joined with commas
// (`create,delete,deletecollection,get,list,patch,update,watch`, `all`; an empty list an empty cell).

import type { Invocation } from "../../cli/command";
import { renderTable, kubectlTable } from "../../cli/format/tabwriter";
import type { ExecResult } from "../../programs/registry";
import { ALL_CATEGORY, DISCOVERY, apiVersionOf, type KindInfo } from "../api/kinds";
import { fail, server, type KubectlContext } from "./common";

/** What a storage backed by the generic registry serves: every verb. */
const FULL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const CREATE_ONLY = ["create"];

/**
 * The resources whose REST storage serves fewer verbs (v1.30): reviews and bindings are
 * create-only, componentstatuses are read from the control plane, and a namespace is deleted
 * one at a time (its storage has no DeleteCollection).
 */
const VERBS: Record<string, string[]> = {
  Binding: CREATE_ONLY,
  ComponentStatus: ["get", "list"],
  Namespace: ["create", "delete", "get", "list", "patch", "update", "watch"],
  SelfSubjectReview: CREATE_ONLY,
  TokenReview: CREATE_ONLY,
  LocalSubjectAccessReview: CREATE_ONLY,
  SelfSubjectAccessReview: CREATE_ONLY,
  SelfSubjectRulesReview: CREATE_ONLY,
  SubjectAccessReview: CREATE_ONLY,
};

/** The storages that declare a category besides "all": the API's extension points. */
const API_EXTENSIONS = [
  "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration",
  "APIService", "CustomResourceDefinition",
];

/** A resource's discovery verbs. */
export function discoveryVerbs(k: KindInfo): string[] {
  return VERBS[k.kind] ?? FULL;
}

/** A resource's discovery categories (`kubectl get all` expands "all"; events.k8s.io's Event has none). */
export function discoveryCategories(k: KindInfo): string[] {
  if (ALL_CATEGORY.includes(k.kind) && k.group !== "events.k8s.io") return ["all"];
  return API_EXTENSIONS.includes(k.kind) ? ["api-extensions"] : [];
}

const hasAll = (have: string[], want: string[]) => want.every((w) => have.includes(w));

export function runApiResources(ctx: KubectlContext, inv: Invocation): ExecResult {
  // Validate, before discovery: the output, then --sort-by.
  const output = inv.flags.str("output");
  if (!["", "wide", "name"].includes(output)) fail(`error: --output ${output} is not available`);
  const sortBy = inv.flags.str("sort-by");
  if (sortBy && sortBy !== "name" && sortBy !== "kind") fail("error: --sort-by accepts only name or kind");
  server(ctx);
  const onlyNs = inv.flags.changed("namespaced") ? inv.flags.bool("namespaced") : undefined;
  // --api-group, once given (even empty: the core group), keeps that group only.
  const group = inv.flags.changed("api-group") ? inv.flags.str("api-group") : undefined;
  const verbs = inv.flags.list("verbs");
  const categories = inv.flags.list("categories");
  const kinds = [...DISCOVERY]
    .filter((k) => onlyNs === undefined || k.namespaced === onlyNs)
    .filter((k) => group === undefined || k.group === group)
    .filter((k) => hasAll(discoveryVerbs(k), verbs) && hasAll(discoveryCategories(k), categories))
    .sort((a, b) => (a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group === "" ? -1 : b.group === "" ? 1 : a.group < b.group ? -1 : 1));
  // sortableResource: a stable sort of discovery's order by name or kind.
  const key = (k: (typeof kinds)[number]) => (sortBy === "name" ? k.resource : k.kind);
  if (sortBy) kinds.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (output === "name") return { exitCode: 0, stdout: kinds.map((k) => (k.group ? `${k.resource}.${k.group}` : k.resource) + "\n").join(""), stderr: "" };
  const wide = output === "wide";
  const header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])];
  const rows = kinds.map((k) => {
    const cells = [k.resource, k.shortNames.join(","), apiVersionOf(k), String(k.namespaced), k.kind];
    return wide ? [...cells, discoveryVerbs(k).join(","), discoveryCategories(k).join(",")] : cells;
  });
  if (!inv.flags.bool("no-headers")) rows.unshift(header);
  return { exitCode: 0, stdout: renderTable(rows, kubectlTable), stderr: "" };
}
