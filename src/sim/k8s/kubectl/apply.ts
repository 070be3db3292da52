// `kubectl apply -f` and `kubectl create -f`: every object of every source in order; apply
// creates missing objects (recording the last-applied-configuration annotation) and patches
// existing ones by three-way merge (configured / unchanged); create fails on existing ones.
// Errors do not stop the other objects: they are printed at the end, exit code 1.

import { deepClone, sameJson } from "../api/json";
import { toVersion } from "../api/conversion";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { threeWayMerge, LAST_APPLIED } from "../api/apply";
import { goJsonMarshal } from "../../cli/format/go-json";
import { renderStatusError, StatusError } from "../api/errors";
import { qualifiedResource } from "../api/kinds";
import type { FieldValidation } from "../api/server";
import type { KObject } from "../store";
import { changeCause } from "./workload-verbs";
import { fail, namespaceOf, refOf, server, type KubectlContext } from "./common";
import { readManifests, type ManifestObject } from "./manifests";
import { refuseKustomize } from "./local";
import { forPrint, outputRequested, parseOutput, templateSource, printStructured } from "./output";
import { toKubeJson } from "../../cli/format/kube-json";

type Obj = Record<string, any>;

const CHANGE_CAUSE = "kubernetes.io/change-cause";

export function dryRunMode(inv: Invocation): "none" | "client" | "server" {
  if (!inv.flags.changed("dry-run")) return "none";
  const v = inv.flags.str("dry-run");
  if (v === "client" || v === "server" || v === "none") return v;
  // A bare --dry-run (pflag's NoOptDefVal "unchanged") is the deprecated spelling of client;
  // kubectl only adds a klog warning about it.
  if (v === "true" || v === "unchanged") return "client";
  if (v === "false") return "none";
  fail(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function fieldValidationOf(inv: Invocation): FieldValidation {
  const v = inv.flags.changed("validate") ? inv.flags.str("validate") : "strict";
  if (v === "strict" || v === "true") return "Strict";
  if (v === "warn") return "Warn";
  if (v === "false" || v === "ignore") return "Ignore";
  fail(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

export const dryRunSuffix = (mode: string) => (mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "");

interface Failure {
  err: StatusError | string;
  source: string;
}

/** Prints collected errors as kubectl does: one alone in full, several by message. */
export function renderFailures(fails: Failure[]): string {
  if (fails.length === 1) {
    const f = fails[0]!;
    if (typeof f.err === "string") return `error: ${f.err}\n`;
    return renderStatusError(f.err, f.err.reason === "Invalid" ? "" : f.source) + "\n";
  }
  return fails.map((f) => (typeof f.err === "string" ? f.err : `Error from server (${f.err.reason}): ${f.source}${f.err.message}`) + "\n").join("");
}

/**
 * The object's namespace: its own, else -n / the context's. An object naming another namespace
 * than an explicit -n is refused by the builder's RequireNamespace (enforceNamespace): the error
 * message, the object skipped, the others still visited (ContinueOnErrorVisitor).
 */
function targetNamespace(m: ManifestObject, inv: Invocation): { ns: string | undefined } | { mismatch: string } {
  if (!m.info.namespaced) return { ns: undefined };
  const given = m.obj.metadata?.namespace as string | undefined;
  // Only an explicit -n is enforced; the context's namespace just defaults (enforceNamespace).
  const flag = inv.flags.changed("namespace") ? inv.flags.str("namespace") : "";
  if (given && flag && given !== flag) {
    return { mismatch: `the namespace from the provided object "${given}" does not match the namespace "${flag}". You must pass '--namespace=${given}' to perform this operation.` };
  }
  return { ns: given ?? namespaceOf(inv) };
}

export function runApplyOrCreate(ctx: KubectlContext, inv: Invocation, verb: "apply" | "create"): ExecResult {
  refuseKustomize(ctx, inv);
  const files = inv.flags.list("filename");
  const unexpected = `error: Unexpected args: [${inv.args.join(" ")}]\nSee 'kubectl ${verb} -h' for help and examples`;
  // apply's Validate refuses arguments before it looks for -f.
  if (verb === "apply" && inv.args.length) fail(unexpected);
  // `create` without -f writes "Error: …", then DefaultSubCommandRun refuses arguments as an
  // unknown command, or prints create's help.
  if (!files.length && verb === "create" && inv.args.length) {
    fail(`Error: must specify one of -f and -k\n\nerror: unknown command ${JSON.stringify(inv.args.join(" "))}\nSee 'kubectl create -h' for help and examples`);
  }
  if (!files.length) fail(verb === "apply" ? "error: must specify one of -f and -k" : `Error: must specify one of -f and -k\n\n${inv.spec.help.replace(/\n$/, "")}`);
  if (inv.args.length) fail(unexpected);
  const mode = dryRunMode(inv);
  const fmt = inv.flags.changed("output") || inv.flags.str("template") ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const validation = fieldValidationOf(inv);
  const cluster = server(ctx);
  const read = readManifests(ctx, files, inv.flags.bool("recursive"), validation !== "Ignore");
  if (!read.objects.length && !read.errors.length) fail(`error: no objects passed to ${verb}`);
  let stdout = "";
  let warnings = "";
  const failures: Failure[] = [];
  // apply gathers every object (GetObjects) before applying any, so the builder's refusals come
  // first; create visits and creates one object at a time, so they fall where the object was.
  const builderFailures: Failure[] = [];
  const printed: KObject[] = [];
  for (const m of read.objects) {
    const manifest = deepClone(m.obj) as Obj;
    const target = targetNamespace(m, inv);
    if ("mismatch" in target) {
      (verb === "apply" ? builderFailures : failures).push({ err: target.mismatch, source: "" });
      continue;
    }
    const ns = target.ns;
    manifest.metadata ??= {};
    if (ns) manifest.metadata.namespace = ns;
    else if (!m.info.namespaced) delete manifest.metadata.namespace;
    const opts = { dryRun: mode !== "none", fieldValidation: validation };
    try {
      let result: KObject;
      let word: string;
      if (verb === "apply") {
        if (!manifest.metadata.name && manifest.metadata.generateName) {
          failures.push({ err: `from ${manifest.metadata.generateName}: cannot use generate name with apply`, source: "" });
          continue;
        }
        const live = cluster.store.get(m.info.kind, ns, manifest.metadata.name ?? "");
        const annotated = deepClone(manifest);
        annotated.metadata.annotations = { ...(annotated.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(manifest) };
        if (ctx.record) annotated.metadata.annotations[CHANGE_CAUSE] = changeCause(inv);
        if (!live) {
          if (mode === "client") {
            result = annotated as KObject;
          } else {
            const r = cluster.api.create(annotated, ns, opts);
            for (const w of r.warnings) warnings += `Warning: ${w}\n`;
            result = toVersion(r.obj, manifest.apiVersion);
          }
          word = "created";
        } else {
          const lastText = live.metadata.annotations?.[LAST_APPLIED];
          // applyOneObject warns only when it will send the patch: not under --dry-run=client.
          if (lastText === undefined && mode !== "client") {
            warnings += `Warning: resource ${qualifiedResource(m.info)}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
          }
          let original: Obj | undefined;
          try {
            original = lastText ? JSON.parse(lastText) : undefined;
          } catch {
            original = undefined;
          }
          // kubectl reads the live object in the manifest's version and computes its patch
          // there: an empty patch is "unchanged" and sends nothing, whatever the server would
          // have normalised ("cpu: 0.5" against the stored "500m" is a patch, so "configured").
          const current = toVersion(live as Obj, manifest.apiVersion);
          const merged = threeWayMerge(original, annotated, current);
          if (sameJson(merged, current)) {
            result = current as KObject;
            word = "unchanged";
          } else if (mode === "client") {
            result = merged as KObject;
            word = "configured";
          } else {
            const r = cluster.api.update(merged, opts);
            for (const w of r.warnings) warnings += `Warning: ${w}\n`;
            result = toVersion(r.obj, manifest.apiVersion);
            word = "configured";
          }
        }
      } else {
        if (mode === "client") result = manifest as KObject;
        else {
          if (inv.flags.bool("save-config")) manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(manifest) };
          const r = cluster.api.create(manifest, ns, opts);
          for (const w of r.warnings) warnings += `Warning: ${w}\n`;
          result = toVersion(r.obj, manifest.apiVersion);
        }
        word = "created";
      }
      // Server-side apply reports every object the same way.
      if (verb === "apply" && inv.flags.bool("server-side")) word = "serverside-applied";
      if (fmt) printed.push(result);
      else stdout += `${refOf(result)} ${word}${dryRunSuffix(mode)}\n`;
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      const action = verb === "create" || !cluster.store.get(m.info.kind, ns, manifest.metadata.name ?? "") ? "creating" : "patching";
      failures.push({ err: e, source: `error when ${action} "${m.source}": ` });
    }
  }
  for (const e of read.errors) failures.push({ err: e, source: "" });
  // Several builder errors reach kubectl as one aggregate beside the apply errors: one line.
  if (builderFailures.length > 1 && failures.length) {
    failures.unshift({ err: `[${[...new Set(builderFailures.map((f) => f.err as string))].join(", ")}]`, source: "" });
  } else failures.unshift(...builderFailures);
  if (fmt && printed.length) {
    if (fmt.kind === "name") stdout += printed.map((o) => refOf(o) + "\n").join("");
    // create prints each object as it goes (the YAML printer separating them with ---);
    // apply gathers several into a List of its own making (empty list metadata).
    else if (verb === "create" || printed.length === 1) stdout += printed.map((o) => printStructured([o], fmt, true)).join(fmt.kind === "yaml" ? "---\n" : "");
    else if (fmt.kind === "yaml") stdout += printStructured(printed, fmt, false).replace(/^metadata:\n  resourceVersion: ""\n/m, "metadata: {}\n");
    // The typed metav1.List keeps Go struct order (kind, apiVersion, metadata, items).
    else if (fmt.kind === "json") stdout += toKubeJson({ kind: "List", apiVersion: "v1", metadata: {}, items: printed.map((o) => sortKeys(forPrint(o))) }, { structOrder: true });
    else stdout += printStructured(printed, fmt, false);
  }
  if (failures.length) {
    const single = failures.length === 1 && typeof failures[0]!.err === "string";
    return { exitCode: 1, stdout, stderr: warnings + (single ? `error: ${failures[0]!.err}\n` : renderFailures(failures)) };
  }
  return { exitCode: 0, stdout, stderr: warnings };
}

/**
 * util.GetModifiedConfiguration: the object as kubectl is about to send it — its namespace set
 * by the builder, its annotations map present (emptied of the annotation itself, so `{}` when
 * there were none) — encoded as unstructured JSON (sorted keys, HTML-escaped) plus a newline.
 */
function lastAppliedOf(manifest: Obj): string {
  const copy = deepClone(manifest) as Obj;
  copy.metadata = { ...copy.metadata, annotations: { ...(copy.metadata?.annotations ?? {}) } };
  delete copy.metadata.annotations[LAST_APPLIED];
  return goJsonMarshal(copy) + "\n";
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Obj)[k])]));
  return v;
}
