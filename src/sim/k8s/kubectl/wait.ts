// Mirrors kubectl 1.30's `wait` (pkg/cmd/wait): --for=delete | condition=NAME[=VALUE] |
// jsonpath=EXPR[=VALUE], on every object the arguments name. RunWait makes one context with the
// --timeout and visits the objects in turn, continuing on errors: the objects share that one
// deadline, each that meets its condition prints "<kind>/<name> condition met", each that does not
// adds its error (`timed out waiting for the condition on pods/x`) to an aggregate: one error alone
// prints as `error: …`, several print one a line without that prefix (cmdutil.MultipleErrors).
// Once the deadline has passed, the objects still to visit time out at once (the watch cannot even
// sync). Waiting moves the virtual clock.

import type { Invocation } from "../../cli/command";
import { findJsonPathResults, plainValue } from "../../cli/format/jsonpath";
import { parseJsonPath } from "../../cli/format/jsonpath-parse";
import { jsonPathValueText } from "../../cli/format/jsonpath-text";
import { relaxedJsonPath } from "./get";
import type { ExecResult } from "../../programs/registry";
import { parseDuration } from "../../clock";
import { KINDS } from "../api/kinds";
import { renderStatusError, StatusError } from "../api/errors";
import type { KObject } from "../store";
import { fail, refOf, server, type KubectlContext } from "./common";
import { visitEach, type Visited } from "./label";
import { NO_RESOURCES_MESSAGE } from "./delete";

type Obj = Record<string, any>;

/** A negative --timeout waits "for a week" (WaitFlags.ToOptions). */
const WEEK_MS = 168 * 3600_000;

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

/**
 * ConditionalWait.checkCondition: the named condition has the wanted status (both compared without
 * case), unless it describes an older generation than the object's (its own observedGeneration, or
 * the status's).
 */
function conditionWait(name: string, want: string): (o: Obj) => boolean {
  return (o) => {
    for (const c of (o.status?.conditions ?? []) as Obj[]) {
      if (typeof c?.type !== "string" || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== "string") continue;
      const generation = o.metadata?.generation;
      const observed = c.observedGeneration ?? o.status?.observedGeneration;
      if (typeof generation === "number" && typeof observed === "number" && observed < generation) return false;
      return c.status.toLowerCase() === want.toLowerCase();
    }
    return false;
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
  // The builder (ContinueOnError, Latest()) looks each object up: one named — by an argument or
  // in a -f file — that is not there is an error in the aggregate, in its place (ignored when
  // waiting for deletions); the others are still waited for.
  let visited: Visited[];
  try {
    visited = visitEach(ctx, inv, inv.args);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  if (forDelete) visited = visited.filter((v) => !v.error?.startsWith("Error from server (NotFound)"));
  // -f naming no objects, or a deletion of nothing, waits for nothing; a selector matching
  // nothing is otherwise an error.
  if (!visited.length && (inv.flags.list("filename").length || forDelete)) return { exitCode: 0, stdout: "", stderr: "" };
  if (!visited.length) fail("error: no matching resources found");
  const timeoutText = inv.flags.str("timeout") || "30s";
  const negative = timeoutText.trim().startsWith("-") && parseDuration(timeoutText.trim().slice(1)) !== undefined;
  const timeout = negative ? WEEK_MS : parseDuration(timeoutText) ?? 30_000;
  let test: (o: Obj | undefined) => boolean | string;
  if (forDelete) {
    test = (o) => o === undefined;
  } else if (forText.startsWith("condition=")) {
    const [name, want = "true"] = forText.slice("condition=".length).split("=") as [string, string?];
    const met = conditionWait(name, want);
    test = (o) => !!o && met(o);
  } else if (jsonPathTest) {
    test = (o) => (o ? jsonPathTest(o) : false);
  } else {
    fail(`error: unrecognized condition: "${forText}"`);
  }
  // The one context of RunWait: every object waits until the same deadline.
  const deadline = cluster.world.now + timeout;
  let stdout = "";
  // Each error as kubectl renders it alone (a server error rendered already, else a message).
  const errors: { text: string; rendered: boolean }[] = [];
  for (const v of visited) {
    const o = v.obj;
    if (!o) {
      errors.push({ text: v.error!, rendered: true });
      continue;
    }
    const current = () => cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name) as Obj | undefined;
    let error: string | undefined;
    const done = () => {
      const c = current();
      const r = test(c && c.metadata.uid === o.metadata.uid ? c : undefined);
      if (typeof r === "string") error = r;
      return r === true || error !== undefined;
    };
    let met: boolean;
    // --timeout=0 looks once: "condition not met for <resource>/<name>".
    if (timeout === 0) met = done();
    // IsDeleted looks the object up before it watches: one gone by now is met, deadline or not.
    else if (cluster.world.now >= deadline) met = forDelete && done();
    else met = cluster.world.advanceUntil(done, deadline - cluster.world.now);
    if (error !== undefined) errors.push({ text: error, rendered: false });
    else if (!met) errors.push({ text: `${timeout === 0 ? "condition not met for" : "timed out waiting for the condition on"} ${objectName(o)}`, rendered: false });
    else stdout += `${refOf(o)} condition met\n`;
  }
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: aggregateErrors(errors) };
}

/**
 * cmdutil.CheckErr: one error alone gets the `error: ` prefix (a server error keeps its own
 * `Error from server (…)`); an aggregate of several is MultipleErrors with no prefix, one a line.
 */
function aggregateErrors(errors: { text: string; rendered: boolean }[]): string {
  if (errors.length === 1) return `${errors[0]!.rendered ? "" : "error: "}${errors[0]!.text}\n`;
  return errors.map((e) => `${e.text}\n`).join("");
}

/** Info.ObjectName() (and extendErrWaitTimeout): `<resource>/<name>`, the group left out. */
function objectName(o: KObject): string {
  return `${KINDS.find((k) => k.kind === o.kind)?.resource ?? o.kind}/${o.metadata.name}`;
}
