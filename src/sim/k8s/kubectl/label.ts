// `kubectl label` and `kubectl annotate`: KEY=VAL to set, KEY- to remove, --overwrite to change
// an existing key, --all / -l to pick objects; prints labeled / unlabeled / not labeled
// (annotate always says annotated) per object.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { renderStatusError, StatusError } from "../api/errors";
import { isValidLabelValue } from "../api/validation/names";
import type { KObject } from "../store";
import { apiVersionOf } from "../api/kinds";
import { toVersion } from "../api/conversion";
import { onStored } from "./patch-base";
import { fail, namespaceOf, refOf, refuseNamesWithSelector, refusePathsWithArgs, selectResources, server, type KubectlContext } from "./common";
import { listSelectedOrFail, listSelectorsOf } from "./list-selectors";
import { readManifests } from "./manifests";
import { dryRunMode, dryRunSuffix } from "./apply";
import { outputRequested, parseOutput, printStructured, templateSource } from "./output";
import { isLocal, localFilesOnly, localObjects, refuseLocalServerDryRun } from "./local";

/** cmdutil.GetResourcesAndPairs: a pair is `k=v` (not starting with "=") or `k-` (not "-" alone). */
function isChange(a: string): boolean {
  return (a.includes("=") && a[0] !== "=") || (a.endsWith("-") && a !== "-");
}

/**
 * The objects a verb's resource builder visits. `builderSelector: false` is for verbs whose
 * --selector means something else (expose: the Service's selector), so the builder has none.
 * `allowEmptySelector` is ResourceTypeOrNameArgs(true, …) (the rollout verbs): a bare TYPE
 * then means every object of the type.
 */
export function objectsFor(ctx: KubectlContext, inv: Invocation, resourceArgs: string[], builderSelector = true, allowEmptySelector = false): KObject[] {
  if (isLocal(inv)) return localObjects(ctx, inv);
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  const files = inv.flags.list("filename");
  if (files.length) {
    return fileLookups(ctx, inv, resourceArgs).map((l) => {
      if ("error" in l) throw l.error;
      return l.obj;
    });
  }
  const sel = selectResources(resourceArgs);
  if (builderSelector) refuseNamesWithSelector(inv, sel.named.length);
  if (sel.named.length) {
    // Read through the version the word names (hpa.v1.autoscaling): the verb edits that view and
    // the server converts it back.
    return sel.named.map((n) => {
      const o = cluster.store.get(n.info.kind, n.info.namespaced ? ns : undefined, n.name);
      if (!o) throw new StatusError("NotFound", `${n.info.resource}${n.info.group ? "." + n.info.group : ""} "${n.name}" not found`);
      return toVersion(o, apiVersionOf(n.info));
    });
  }
  // expose's --selector is the Service's, not the builder's.
  const selectors = builderSelector ? listSelectorsOf(inv) : { label: "", field: "" };
  const allFlag = inv.flags.changed("all") && inv.flags.bool("all");
  if (!selectors.label && !selectors.field && !allFlag && !allowEmptySelector) fail("error: resource(s) were provided, but no name was specified");
  const all = inv.flags.bool("all-namespaces");
  return sel.types.flatMap((info) => listSelectedOrFail(cluster, info, all ? undefined : ns, selectors));
}

type FileLookup = { obj: KObject } | { error: StatusError };

/**
 * The -f files' objects, each looked up on the server (the builder's Latest()): the live object,
 * read through the file's version, or the server's NotFound for one that is not there.
 */
function fileLookups(ctx: KubectlContext, inv: Invocation, resourceArgs: string[]): FileLookup[] {
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  const files = inv.flags.list("filename");
  refusePathsWithArgs(files, resourceArgs);
  return readManifests(ctx, files, false).objects.map((m): FileLookup => {
    const o = cluster.store.get(m.info.kind, m.info.namespaced ? m.obj.metadata?.namespace ?? ns : undefined, m.obj.metadata?.name);
    if (o) return { obj: toVersion(o, apiVersionOf(m.info)) };
    return { error: new StatusError("NotFound", `${m.info.resource}${m.info.group ? "." + m.info.group : ""} "${m.obj.metadata?.name}" not found`) };
  });
}

/**
 * The builder with ContinueOnError, as verbs that visit (label, annotate, scale, rollout pause…)
 * use it: each named object is looked up on its own and the misses are returned as rendered
 * errors, printed after the objects that were found have been handled.
 */
export function objectsForEach(ctx: KubectlContext, inv: Invocation, resourceArgs: string[], allowEmptySelector = false): { objs: KObject[]; errors: string[] } {
  const visited = visitEach(ctx, inv, resourceArgs, allowEmptySelector);
  return { objs: visited.flatMap((v) => (v.obj ? [v.obj] : [])), errors: visited.flatMap((v) => (v.error ? [v.error] : [])) };
}

/** One object of a visit: found, or the rendered error of one that was not. */
export interface Visited {
  obj?: KObject;
  error?: string;
}

/**
 * objectsForEach in visit order: each object found, or the rendered error of one that was not —
 * the objects of -f files too, each in its place (with ContinueOnError the builder goes on to
 * the file's next object).
 */
export function visitEach(ctx: KubectlContext, inv: Invocation, resourceArgs: string[], allowEmptySelector = false): Visited[] {
  if (isLocal(inv)) return localObjects(ctx, inv).map((obj) => ({ obj }));
  if (inv.flags.list("filename").length) {
    return fileLookups(ctx, inv, resourceArgs).map((l) => ("error" in l ? { error: renderStatusError(l.error) } : { obj: l.obj }));
  }
  const sel = selectResources(resourceArgs);
  if (!sel.named.length) return objectsFor(ctx, inv, resourceArgs, true, allowEmptySelector).map((obj) => ({ obj }));
  refuseNamesWithSelector(inv, sel.named.length);
  const out: Visited[] = [];
  for (const n of sel.named) {
    try {
      for (const obj of objectsFor(ctx, inv, [`${n.info.resource}${n.info.group ? `.${n.info.version}.${n.info.group}` : ""}/${n.name}`])) out.push({ obj });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      out.push({ error: renderStatusError(e) });
    }
  }
  return out;
}

/** annotate lets the rollout change-cause annotation be overwritten without --overwrite. */
const CHANGE_CAUSE = "kubernetes.io/change-cause";

/** label: one error per key (an aggregate: several print one a line without the `error: `
 *  prefix); annotate: one error with the keys joined by "; ". */
function noOverwriteError(field: "labels" | "annotations", keys: string[], current: Record<string, string>): string {
  const has = (k: string) => `'${k}' already has a value (${current[k]})`;
  if (field === "annotations") return `error: --overwrite is false but found the following declared annotation(s): ${keys.map(has).join("; ")}`;
  const lines = keys.map((k) => `${has(k)}, and --overwrite is false`);
  return lines.length === 1 ? `error: ${lines[0]}` : lines.join("\n");
}

function labelOrAnnotate(ctx: KubectlContext, inv: Invocation, field: "labels" | "annotations"): ExecResult {
  const noun = field === "labels" ? "label" : "annotation";
  const past = field === "labels" ? "labeled" : "annotated";
  const firstChange = inv.args.findIndex(isChange);
  const resourceArgs = firstChange < 0 ? inv.args : inv.args.slice(0, firstChange);
  const changes = firstChange < 0 ? [] : inv.args.slice(firstChange);
  const stray = changes.find((c) => !isChange(c));
  if (stray !== undefined) fail(`error: all resources must be specified before ${noun} changes: ${stray}`);
  if (resourceArgs.length === 0 && !inv.flags.list("filename").length) {
    fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
  }
  const list = inv.flags.changed("list") && inv.flags.bool("list");
  if (!changes.length && !list) fail(`error: at least one ${noun} update is required`);
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.includes("=")) {
      const i = c.indexOf("=");
      const k = c.slice(0, i);
      const v = c.slice(i + 1);
      // parseLabels splits on every "=" (a value holding one is a bad spec); annotate's SplitN keeps it.
      if (field === "labels") {
        if (c.split("=").length !== 2) fail(`error: invalid label spec: ${c}`);
        const errs = isValidLabelValue(v);
        if (errs.length) fail(`error: invalid label value: "${c}": ${errs.join(";")}`);
      }
      add[k] = v;
    } else if (c.endsWith("-")) remove.push(c.slice(0, -1));
    else fail(`error: invalid ${noun} format: ${c}`);
  }
  // label's check stops at the first key; annotate's lists every key it finds (in removal order).
  const both = remove.filter((k) => k in add);
  if (both.length) fail(field === "labels" ? "error: can not both modify and remove a label in the same command" : `error: can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`);
  // Validate: --local edits the -f files' objects only, and never on the server.
  const local = isLocal(inv);
  if (local && resourceArgs.length) fail(localFilesOnly(field === "labels" ? "pod.yaml" : "rsrc.yaml"));
  refuseLocalServerDryRun(inv);
  const cluster = local ? undefined : server(ctx);
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  let stdout = "";
  let found: { objs: KObject[]; errors: string[] };
  try {
    found = objectsForEach(ctx, inv, resourceArgs);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  const objs = found.objs;
  // The visit's errors, aggregated: one alone prints in full, several one a line (MultipleErrors,
  // where a plain error loses its "error: " prefix).
  const errs: { alone: string; listed: string }[] = found.errors.map((e) => ({ alone: e, listed: e }));
  let printed = 0;
  for (const o of objs) {
    const current = { ...(o.metadata[field] ?? {}) } as Record<string, string>;
    if (list) {
      for (const k of Object.keys(current).sort()) stdout += `${k}=${current[k]}\n`;
      continue;
    }
    if (!inv.flags.bool("overwrite")) {
      const clash = Object.keys(add).filter((k) => k in current && current[k] !== add[k] && !(field === "annotations" && k === CHANGE_CAUSE));
      if (clash.length) {
        for (const line of noOverwriteError(field, clash, current).replace(/^error: /, "").split("\n")) errs.push({ alone: `error: ${line}`, listed: line });
        continue;
      }
    }
    const next = { ...current, ...add };
    for (const k of remove) delete next[k];
    // On the server path (not --dry-run=client), kubectl label says so for each removal that
    // names no label of the object.
    if (field === "labels" && mode !== "client" && !local) for (const k of remove) if (!(k in current)) stdout += `label ${JSON.stringify(k)} not found.\n`;
    const changed = JSON.stringify(Object.entries(next).sort()) !== JSON.stringify(Object.entries(current).sort());
    // annotate always prints "annotated"; only label tells unlabeled / not labeled apart.
    const word = field === "annotations" ? past : !changed ? `not ${past}` : Object.keys(next).length < Object.keys(current).length ? `un${past}` : past;
    const updated = deepClone(o) as Record<string, any>;
    if (Object.keys(next).length) updated.metadata[field] = next;
    else delete updated.metadata[field];
    if (field === "labels" && o.kind === "Namespace") updated.metadata.labels = { ...next, "kubernetes.io/metadata.name": o.metadata.name };
    // -o prints the object: as changed here for a client dry run, else as the server answers.
    let result = (changed ? updated : o) as KObject;
    if (changed && mode !== "client" && cluster) {
      try {
        const r = cluster.api.update(onStored(cluster, o, updated), { dryRun: mode === "server" });
        result = r.obj;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        errs.push({ alone: renderStatusError(e), listed: renderStatusError(e) });
        continue;
      }
    }
    // label makes a new printer for every object (ToPrinter inside the visit): its YAML documents
    // come with no --- between them; annotate prints them all with one, "---" before each after
    // the first.
    if (fmt) {
      if (field === "annotations" && fmt.kind === "yaml" && printed++) stdout += "---\n";
      stdout += printStructured([toVersion(result, o.apiVersion)], fmt, true);
    } else stdout += `${refOf(o)} ${word}${dryRunSuffix(mode)}\n`;
  }
  cluster?.world.settle();
  const stderr = errs.length === 1 ? errs[0]!.alone + "\n" : errs.map((e) => e.listed + "\n").join("");
  return { exitCode: errs.length ? 1 : 0, stdout, stderr };
}

export const runLabel = (ctx: KubectlContext, inv: Invocation) => labelOrAnnotate(ctx, inv, "labels");
export const runAnnotate = (ctx: KubectlContext, inv: Invocation) => labelOrAnnotate(ctx, inv, "annotations");
