// The common tail of kubectl's imperative commands (run, create <generator>, expose): print the
// built object for --dry-run=client (-o yaml|json|name or "<kind>/<name> created (dry run)"),
// otherwise send it to the API server and print "<kind>/<name> created", wrapping server
// errors the way each command does ("failed to create deployment: …").

import type { Invocation } from "../../cli/command";
import { toKubeJson } from "../../cli/format/kube-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { renderStatusError, StatusError } from "../api/errors";
import { kindInfo } from "../api/kinds";
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

export function required(inv: Invocation, flag: string): string {
  if (!inv.flags.changed(flag) || inv.flags.str(flag) === "") fail(`error: required flag(s) "${flag}" not set`);
  return inv.flags.str(flag);
}
