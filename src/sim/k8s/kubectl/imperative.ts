// The common tail of kubectl's imperative commands (run, create <generator>, expose): print the
// built object for --dry-run=client (-o yaml|json|name or "<kind>/<name> created (dry run)"),
// otherwise send it to the API server and print "<kind>/<name> created", wrapping server
// errors the way each command does ("failed to create deployment: …").

import type { Invocation } from "../../cli/command";
import { toKubeJson } from "../../cli/format/kube-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { renderStatusError, StatusError } from "../api/errors";
import { LAST_APPLIED } from "../api/apply";
import { appendHash } from "./append-hash";
import { kindInfo } from "../api/kinds";
import { goJsonMarshal } from "../../cli/format/go-json";
import type { KObject } from "../store";
import { dryRunMode, dryRunSuffix, fieldValidationOf } from "./apply";
import { fail, namespaceOf, refOf, server, type KubectlContext } from "./common";
import { forServer } from "./generators";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

type Obj = Record<string, any>;

/** How a command words a server error: plain (create namespace) or "failed to create X: <message>". */
export type ErrorWrap = (err: StatusError) => string;

export const plainError: ErrorWrap = (e) => renderStatusError(e);
export const wrapped = (prefix: string): ErrorWrap => (e) => `error: ${prefix}${e.message}`;

/**
 * Creates (or dry-runs) generated objects and prints them. The YAML printer writes `---` before
 * every object but the first; `extraYamlSeparator` adds the one `kubectl run --expose` prints
 * itself after the Service (so two `---` lines stand between the Service and the Pod).
 */
export function emitObjects(ctx: KubectlContext, inv: Invocation, objs: Obj[], wrap: ErrorWrap, opts: { extraYamlSeparator?: boolean } = {}): { exitCode: number; stdout: string; stderr: string } {
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  // An explicit -n goes into what create, run and expose build (the client dry run prints it).
  if (/^kubectl (create |run$|expose$)/.test(inv.path) && inv.flags.changed("namespace")) objs = objs.map((o) => withNamespace(o, namespaceOf(inv)));
  objs = objs.map((o) => goMapsSorted(o) as Obj);
  // create configmap|secret --append-hash: the name carries the content's hash (before the
  // last-applied annotation is taken, which then holds that name).
  if (inv.flags.bool("append-hash")) objs = objs.map(appendHash);
  if (inv.flags.bool("save-config") && savesConfig(inv.path, mode)) objs = objs.map(withCreateAnnotation);
  const yamlSep = opts.extraYamlSeparator ? "---\n---\n" : "---\n";
  if (mode === "client") {
    if (!fmt) return { exitCode: 0, stdout: objs.map((o) => `${refOf(o as KObject)} created (dry run)\n`).join(""), stderr: "" };
    if (fmt.kind === "yaml") return { exitCode: 0, stdout: objs.map((o) => toKubeYaml(o)).join(yamlSep), stderr: "" };
    if (fmt.kind === "json") return { exitCode: 0, stdout: objs.map((o) => toKubeJson(o, { structOrder: true })).join(""), stderr: "" };
    // The generated objects are typed ones, built in Go struct order.
    return { exitCode: 0, stdout: printStructured(objs as KObject[], fmt, objs.length === 1, { structOrder: true }), stderr: "" };
  }
  const cluster = server(ctx);
  let stdout = "";
  const warnings: string[] = [];
  for (const o of objs) {
    try {
      const r = cluster.api.create(forServer(o), namespaceOf(inv), { dryRun: mode === "server", fieldValidation: fieldValidationOf(inv) });
      warnings.push(...r.warnings.map((w) => `Warning: ${w}\n`));
      if (fmt?.kind === "yaml" && stdout) stdout += yamlSep;
      // The typed client decodes the server's answer into the Go type: it prints as one.
      if (fmt) stdout += fmt.kind === "name" ? refOf(r.obj) + "\n" : printStructured([r.obj], fmt, true, { typed: true });
      else stdout += `${refOf(r.obj)} created${dryRunSuffix(mode)}\n`;
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      return { exitCode: 1, stdout, stderr: warnings.join("") + wrap(e) + "\n" };
    }
  }
  return { exitCode: 0, stdout, stderr: warnings.join("") };
}

/**
 * The create generators put an explicit -n/--namespace into the object they build
 * (EnforceNamespace), right after the name in ObjectMeta's field order; `kubectl run` does not.
 */
function withNamespace(o: Obj, ns: string): Obj {
  if (!kindInfo(o.kind)?.namespaced || o.metadata?.namespace !== undefined) return o;
  const { name, ...rest } = o.metadata as Obj;
  return { ...o, metadata: { name, namespace: ns, ...rest } };
}

/** Fields of the generated types that are Go maps (map[string]string, ResourceList). */
const MAP_FIELDS = new Set(["labels", "annotations", "matchLabels", "data", "stringData", "binaryData", "nodeSelector", "hard", "limits", "requests"]);

/**
 * The generated objects are typed: encoding/json writes their structs in field order but their
 * maps sorted by key, whatever order the flags gave (--labels=z=1,a=2) or the source object held
 * (expose copying a Deployment's labels). A `selector` is a map when it is a Service's
 * map[string]string — a LabelSelector holds objects and lists, and keeps its struct order.
 */
function goMapsSorted(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) return v.map((x) => goMapsSorted(x));
  if (!v || typeof v !== "object") return v;
  const o = v as Obj;
  const isMap = MAP_FIELDS.has(key) || (key === "selector" && Object.values(o).every((x) => typeof x === "string"));
  const keys = isMap ? Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : Object.keys(o);
  return Object.fromEntries(keys.map((k) => [k, goMapsSorted(o[k], k)]));
}

/**
 * Where each command calls CreateOrUpdateAnnotation (checked against kubectl 1.30): `create
 * service *` never reads --save-config; run and expose annotate only what they send (a client
 * dry run prints the object bare); the other create generators annotate before printing.
 */
function savesConfig(path: string, mode: string): boolean {
  if (path.startsWith("kubectl create service ")) return false;
  if (path === "kubectl run" || path === "kubectl expose") return mode !== "client";
  return true;
}

/** ObjectMeta's fields in Go struct order: where a new annotations map goes in the typed object. */
const OBJECT_META_ORDER = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];

/**
 * --save-config (util.CreateOrUpdateAnnotation with createAnnotation): the typed object, its
 * last-applied annotation removed, encoded by scheme.DefaultJSONEncoder — compact JSON in Go
 * struct order, an emptied annotations map omitted (omitempty), plus a newline — then stored as
 * that annotation. So a later `kubectl apply` finds it and merges instead of warning.
 */
function withCreateAnnotation(o: Obj): Obj {
  const { [LAST_APPLIED]: _previous, ...others } = (o.metadata?.annotations ?? {}) as Record<string, string>;
  void _previous;
  const meta = { ...o.metadata };
  if (Object.keys(others).length) meta.annotations = others;
  else delete meta.annotations;
  const value = goJsonMarshal({ ...o, metadata: meta }, { objects: "struct" }) + "\n";
  const annotations = Object.fromEntries(Object.entries({ ...others, [LAST_APPLIED]: value }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const ordered: Obj = {};
  for (const k of OBJECT_META_ORDER) {
    if (k === "annotations") ordered.annotations = annotations;
    else if (k in meta) ordered[k] = meta[k];
  }
  for (const k of Object.keys(meta)) if (!(k in ordered)) ordered[k] = meta[k];
  return { ...o, metadata: ordered };
}

export function required(inv: Invocation, flag: string): string {
  if (!inv.flags.changed(flag) || inv.flags.str(flag) === "") fail(`error: required flag(s) "${flag}" not set`);
  return inv.flags.str(flag);
}
