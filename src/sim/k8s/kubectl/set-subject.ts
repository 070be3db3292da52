// `kubectl set subject (-f FILE | TYPE NAME) [--user=U] [--group=G] [--serviceaccount=NS:NAME]`
// (kubectl/pkg/cmd/set/set_subject.go, v1.30): adds subjects to RoleBindings and
// ClusterRoleBindings. Complete builds the objects first (so a lookup error comes before any
// flag check), Validate then wants a subject and well-formed service accounts, and Run adds the
// subjects a binding lacks — users, groups, then service accounts, each set sorted and without
// repeats, compared field by field, so a file's User without apiGroup is not the User kubectl
// adds. A binding that already has them all is left alone and printed not at all. Every object is
// printed by one printer (`<kind>/<name> subjects updated`, or the object under -o, "---" between
// YAML documents).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { deepClone } from "../api/json";
import { KINDS } from "../api/kinds";
import type { KObject } from "../store";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, namespaceOf, refOf, type KubectlContext } from "./common";
import { isLocal, LOCAL_NEEDS_FILENAME, localObjects, refuseLocalServerDryRun } from "./local";
import { lookupObjects, putObject } from "./mutate";
import { outputRequested, parseOutput, printStructured, templateSource } from "./output";
import { NO_RESOURCES_MESSAGE } from "./delete";

type Obj = Record<string, any>;

const RBAC_GROUP = "rbac.authorization.k8s.io";
const BINDINGS = ["RoleBinding", "ClusterRoleBinding"];

/** sets.NewString(…).List(): sorted, without repeats. */
const sortedSet = (xs: string[]) => [...new Set(xs)].sort();

/** The subjects to add, in Run's order (SetDefaults-free: ServiceAccounts carry no apiGroup). */
function wantedSubjects(inv: Invocation, namespace: string): Obj[] {
  return [
    ...sortedSet(inv.flags.list("user")).map((name) => ({ kind: "User", apiGroup: RBAC_GROUP, name })),
    ...sortedSet(inv.flags.list("group")).map((name) => ({ kind: "Group", apiGroup: RBAC_GROUP, name })),
    ...sortedSet(inv.flags.list("serviceaccount")).map((sa) => {
      const [ns, name] = sa.split(":") as [string, string];
      return { kind: "ServiceAccount", name, namespace: ns || namespace };
    }),
  ];
}

/** rbacv1.Subject equality (`v == item`): every field, an absent one as "". */
const sameSubject = (a: Obj, b: Obj) => ["kind", "apiGroup", "name", "namespace"].every((k) => (a?.[k] ?? "") === (b?.[k] ?? ""));

/**
 * Info.ObjectName(): `<resource>/<name>` for what the server answered; for a file read locally
 * (no mapping) the kind in lower case — with the group and, as 1.30 has it, a newline after the
 * name ("deployment.apps/web\n").
 */
function objectName(o: KObject, local: boolean): string {
  const info = KINDS.find((k) => k.kind === o.kind);
  if (!local) return `${info?.resource ?? o.kind.toLowerCase()}/${o.metadata.name}`;
  const group = String(o.apiVersion ?? "").includes("/") ? String(o.apiVersion).split("/")[0] : "";
  return group ? `${o.kind.toLowerCase()}.${group}/${o.metadata?.name}\n` : `${o.kind.toLowerCase()}/${o.metadata?.name}`;
}

export function runSetSubject(ctx: KubectlContext, inv: Invocation): ExecResult {
  // Complete: the dry-run strategy, --local's refusals, then the builder's objects.
  refuseLocalServerDryRun(inv);
  const local = isLocal(inv);
  if (local && inv.args.length) fail(LOCAL_NEEDS_FILENAME);
  if (!local && !inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const objs = local ? localObjects(ctx, inv) : lookupObjects(ctx, inv, inv.args);
  // Validate.
  if (inv.flags.bool("all") && inv.flags.str("selector")) fail("error: cannot set --all and --selector at the same time");
  if (!inv.flags.list("user").length && !inv.flags.list("group").length && !inv.flags.list("serviceaccount").length) {
    fail("error: you must specify at least one value of user, group or serviceaccount");
  }
  for (const sa of inv.flags.list("serviceaccount")) {
    const tokens = sa.split(":");
    if (tokens.length !== 2 || tokens[1] === "") fail("error: serviceaccount must be <namespace>:<name>");
    if (tokens[0] === "" && objs.some((o) => o.kind === "ClusterRoleBinding")) fail("error: serviceaccount must be <namespace>:<name>, namespace must be specified");
  }
  // Run.
  const mode = dryRunMode(inv);
  const wanted = wantedSubjects(inv, namespaceOf(inv));
  let stdout = "";
  const errors: string[] = [];
  let printed = 0;
  for (const o of objs) {
    if (!BINDINGS.includes(o.kind)) {
      errors.push(`error: ${objectName(o, local)} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
      continue;
    }
    const next = deepClone(o) as Obj;
    const existing = (Array.isArray(next.subjects) ? next.subjects : []) as Obj[];
    const added = wanted.filter((s) => !existing.some((e) => sameSubject(e, s)));
    // No change, no patch: nothing is sent or printed.
    if (!added.length) continue;
    next.subjects = [...existing, ...added];
    const r = putObject(ctx, inv, o, next);
    if (!r.ok) {
      errors.push(`failed to patch subjects to rolebinding: ${r.message}`);
      continue;
    }
    if (!fmt) stdout += `${refOf(o)} subjects updated${dryRunSuffix(mode)}\n`;
    else {
      if (fmt.kind === "yaml" && printed++) stdout += "---\n";
      stdout += printStructured([r.obj], fmt, true, { typed: true });
    }
  }
  ctx.cluster?.world.settle();
  // cmdutil.CheckErr: one error as it is ("error: " added when missing), several one a line.
  const stderr = errors.length === 1 ? (errors[0]!.startsWith("error: ") ? errors[0]! : `error: ${errors[0]}`).replace(/\n?$/, "\n") : errors.map((e) => `${e}\n`).join("");
  return { exitCode: errors.length ? 1 : 0, stdout, stderr };
}
