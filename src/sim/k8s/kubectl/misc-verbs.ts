// Small informational and waiting verbs: `kubectl version`, `cluster-info`, `api-versions`,
// `config current-context`, `top` (no metrics-server on a fresh cluster) and `wait`
// (--for=condition=X | --for=delete | --for=jsonpath=…, waiting on the virtual clock).

import type { Invocation } from "../../cli/command";
import { findJsonPathResults, plainValue } from "../../cli/format/jsonpath";
import { parseJsonPath } from "../../cli/format/jsonpath-parse";
import { jsonPathValueText } from "../../cli/format/jsonpath-text";
import { relaxedJsonPath } from "./get";
import type { ExecResult } from "../../programs/registry";
import { parseDuration } from "../../clock";
import { KINDS, servedGroupVersions } from "../api/kinds";
import { renderStatusError, StatusError } from "../api/errors";
import { parseSelector, SelectorParseError } from "../api/selectors";
import type { KObject } from "../store";
import { KUBERNETES_VERSION } from "../versions";
import { goJsonMarshal } from "../../cli/format/go-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { CONNECTION_REFUSED, fail, refOf, server, usageError, type KubectlContext } from "./common";
import { objectsFor } from "./label";
import { NO_RESOURCES_MESSAGE } from "./delete";

type Obj = Record<string, any>;

export const KUSTOMIZE_VERSION = "v5.0.4-0.20230601165947-6ce0bf390ce3";

/** version.Info of the v1.30.0 release: kubectl's own build, and the kube-apiserver's. */
function versionInfo(buildDate: string): Record<string, string> {
  return {
    major: "1", minor: "30", gitVersion: KUBERNETES_VERSION, gitCommit: "7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a", gitTreeState: "clean",
    buildDate, goVersion: "go1.22.2", compiler: "gc", platform: "linux/amd64",
  };
}

/**
 * `kubectl version [--client] [-o yaml|json]`: the client's version, Kustomize's, then the
 * server's; without a server, what was printed and then the connection error (exit 1).
 */
export function runVersion(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length) fail(`error: extra arguments: [${inv.args.join(" ")}]`);
  const output = inv.flags.str("output");
  if (output !== "" && output !== "yaml" && output !== "json") fail("error: --output must be 'yaml' or 'json'");
  const clientOnly = inv.flags.bool("client");
  const unreachable = !clientOnly && !ctx.cluster;
  let stdout: string;
  if (output) {
    const info: Record<string, unknown> = { clientVersion: versionInfo("2024-04-17T17:36:05Z"), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly && ctx.cluster) info.serverVersion = versionInfo("2024-04-17T17:27:03Z");
    // fmt.Fprintln of the marshalled text: YAML ends in a newline already, so a blank line follows.
    stdout = output === "json" ? goJsonMarshal(info, { indent: "  ", objects: "struct" }) + "\n" : toKubeYaml(info) + "\n";
  } else {
    stdout = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (!clientOnly && ctx.cluster) stdout += `Server Version: ${KUBERNETES_VERSION}\n`;
  }
  if (unreachable) return { exitCode: 1, stdout, stderr: `${CONNECTION_REFUSED}\n` };
  return { exitCode: 0, stdout, stderr: "" };
}

export function runClusterInfo(ctx: KubectlContext): ExecResult {
  const cluster = server(ctx);
  const base = `https://${cluster.apiServerAddress}:6443`;
  return {
    exitCode: 0,
    stdout: `Kubernetes control plane is running at ${base}\nCoreDNS is running at ${base}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    stderr: "",
  };
}

/** `kubectl api-versions`: the served group/versions, one per line (sorted as kubectl sorts them). */
export function runApiVersions(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length) usageError(inv, `unexpected arguments: [${inv.args.join(" ")}]`);
  server(ctx);
  return { exitCode: 0, stdout: servedGroupVersions().map((v) => `${v}\n`).join(""), stderr: "" };
}

/**
 * `kubectl top node|pod`: Complete and Validate in their order (one NAME at most, --sort-by cpu
 * or memory, a name or a selector, the selector parsed client-side), then the discovery finds
 * no metrics.k8s.io: the simulated cluster runs no metrics-server.
 */
export function runTop(ctx: KubectlContext, inv: Invocation): ExecResult {
  const what = inv.path.endsWith(" node") ? "node" : "pod";
  if (inv.args.length > 1) usageError(inv, `${what} [NAME | -l label]`);
  const sortBy = inv.flags.str("sort-by");
  if (sortBy && sortBy !== "cpu" && sortBy !== "memory") fail("error: --sort-by accepts only cpu or memory");
  const selector = inv.flags.str("selector");
  if (inv.args.length && (selector || (what === "pod" && inv.flags.str("field-selector")))) {
    fail(`error: only one of NAME or ${what === "node" ? "--selector" : "selector"} can be provided`);
  }
  if (selector) {
    try {
      parseSelector(selector);
    } catch (e) {
      if (!(e instanceof SelectorParseError)) throw e;
      fail(`error: ${e.message}`);
    }
  }
  server(ctx);
  return { exitCode: 1, stdout: "", stderr: "error: Metrics API not available\n" };
}

/** wait.splitJSONPathInput: split on each single "=" ("==" stays in the expression). */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== "=") cur += input[i];
    else if (input[i + 1] === "=") (cur += "=="), i++;
    else out.push(cur), (cur = "");
  }
  return [...out, cur];
}

/**
 * wait's JSONPathWait from --for=jsonpath=EXPR[=VALUE] (processJSONPathInput, then the parser):
 * the condition is met when the one value found (any value without VALUE) prints as VALUE; more
 * than one value, or an object or list, is an error.
 */
function jsonPathWait(input: string): (o: Obj) => boolean | string {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2) fail("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  const expr = parts[0] ? relaxedJsonPath(parts[0]) : "";
  let want: string | undefined;
  if (parts.length === 2) {
    want = parts[1]!.replace(/^['"]+|['"]+$/g, "");
    if (!want) fail("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (!expr) fail("error: jsonpath expression cannot be empty");
  const parsed = parseJsonPath(expr);
  if (!parsed.ok) fail(`error: ${parsed.error}`);
  return (o) => {
    const r = findJsonPathResults(parsed.root, o);
    if (!r.ok) return r.error;
    if (!r.results.length || !r.results[0]!.length) return false;
    if (r.results.length > 1) return "given jsonpath expression matches more than one list";
    if (r.results[0]!.length > 1) return "given jsonpath expression matches more than one value";
    if (want === undefined) return true;
    const v = plainValue(r.results[0]![0]!);
    if (v !== null && typeof v === "object") return "jsonpath leads to a nested object or list which is not supported";
    return jsonPathValueText(r.results[0]![0]!).trim() === want.trim();
  };
}

/** `kubectl wait`: condition=Name[=value], delete, jsonpath={…}[=value]. */
export function runWait(ctx: KubectlContext, inv: Invocation): ExecResult {
  const forText = inv.flags.str("for");
  // conditionFuncFor runs first (1.30 knows delete, condition=…, jsonpath=…, and parses the
  // jsonpath), then the resources are required.
  if (forText.toLowerCase() !== "delete" && !/^(condition|jsonpath)=/.test(forText)) fail(`error: unrecognized condition: ${JSON.stringify(forText)}`);
  const jsonPathTest = forText.startsWith("jsonpath=") ? jsonPathWait(forText.slice("jsonpath=".length)) : undefined;
  if (!inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  const cluster = server(ctx);
  const forDelete = forText.toLowerCase() === "delete";
  let objs: KObject[];
  try {
    objs = objectsFor(ctx, inv, inv.args);
  } catch (e) {
    // Waiting for the deletion of what is already gone succeeds at once, silently.
    if (e instanceof StatusError && forDelete && e.reason === "NotFound") objs = [];
    else if (e instanceof StatusError) fail(renderStatusError(e));
    else throw e;
  }
  // -f naming no objects, or a deletion of nothing, waits for nothing; a selector matching
  // nothing is otherwise an error.
  if (!objs.length && (inv.flags.list("filename").length || forDelete)) return { exitCode: 0, stdout: "", stderr: "" };
  if (!objs.length) fail("error: no matching resources found");
  const timeoutText = inv.flags.str("timeout") || "30s";
  const timeout = parseDuration(timeoutText) ?? 30_000;
  let test: (o: Obj | undefined) => boolean | string;
  const word = "condition met";
  if (forText.toLowerCase() === "delete") {
    test = (o) => o === undefined;
  } else if (forText.startsWith("condition=")) {
    const [name, want = "true"] = forText.slice("condition=".length).split("=") as [string, string?];
    test = (o) => !!o && ((o.status?.conditions ?? []) as Obj[]).some((c) => c.type.toLowerCase() === name.toLowerCase() && String(c.status).toLowerCase() === want.toLowerCase());
  } else if (jsonPathTest) {
    test = (o) => (o ? jsonPathTest(o) : false);
  } else {
    fail(`error: unrecognized condition: "${forText}"`);
  }
  let stdout = "";
  for (const o of objs) {
    const current = () => cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name) as Obj | undefined;
    let error: string | undefined;
    const done = () => {
      const c = current();
      const r = test(c && c.metadata.uid === o.metadata.uid ? c : undefined);
      if (typeof r === "string") error = r;
      return r === true || error !== undefined;
    };
    // --timeout=0 looks once: "condition not met for <resource>/<name>".
    const met = timeout === 0 ? done() : cluster.world.advanceUntil(done, timeout);
    if (error !== undefined) return { exitCode: 1, stdout, stderr: `error: ${error}\n` };
    if (!met) {
      const stderr = timeout === 0 ? `error: condition not met for ${objectName(o)}\n` : `error: timed out waiting for the condition on ${objectName(o)}\n`;
      return { exitCode: 1, stdout, stderr };
    }
    stdout += `${refOf(o)} ${word}\n`;
  }
  return { exitCode: 0, stdout, stderr: "" };
}

/** Info.ObjectName() (and extendErrWaitTimeout): `<resource>/<name>`, the group left out. */
function objectName(o: KObject): string {
  return `${KINDS.find((k) => k.kind === o.kind)?.resource ?? o.kind}/${o.metadata.name}`;
}
