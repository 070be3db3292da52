// Node maintenance: `kubectl taint`, `cordon`, `uncordon` (kubernetes.md §2.13), following
// kubectl's taint parsing with the real messages; `drain` is drain.ts.

import { onStored } from "./patch-base";
import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { parseDuration } from "../../clock";
import { renderStatusError, StatusError } from "../api/errors";
import { isQualifiedName, isValidLabelValue } from "../api/validation/names";
import type { KObject } from "../store";
import { dryRunMode, dryRunSuffix } from "./apply";
import { kindInfo, resolveResource } from "../api/kinds";
import { fail, server, usageError, type KubectlContext } from "./common";
import { listSelectedOrFail, listSelectorsOf } from "./list-selectors";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

type Obj = Record<string, any>;
type Taint = { key: string; value?: string; effect: string; timeAdded?: string };

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** The nodes named or selected; missing names become errors (the builder continues on error). */
export function nodesFor(ctx: KubectlContext, inv: Invocation, names: string[], errors?: string[]): KObject[] {
  const cluster = server(ctx);
  if (inv.flags.bool("all")) return cluster.store.list("Node");
  const selectors = listSelectorsOf(inv);
  if (selectors.label && !names.length) return listSelectedOrFail(cluster, kindInfo("Node")!, undefined, selectors);
  return names.flatMap((n) => {
    const node = cluster.store.get("Node", undefined, n);
    if (node) return [node];
    const msg = `Error from server (NotFound): nodes "${n}" not found`;
    if (!errors) fail(msg);
    errors.push(msg);
    return [];
  });
}

function taintText(t: { key: string; value?: string; effect?: string }): string {
  let s = t.key;
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

function parseTaintSpecs(inv: Invocation, specs: string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  const bad = (msg: string): never => usageError(inv, msg);
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const body = spec.slice(0, -1);
      const [keyValue, effect] = body.split(":") as [string, string | undefined];
      const key = keyValue.split("=")[0]!;
      if (effect !== undefined && !EFFECTS.includes(effect)) bad(`invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push({ key, effect });
      continue;
    }
    const parts = spec.split(":");
    if (parts.length !== 2 || !parts[1]) {
      const errs = isQualifiedName(spec);
      bad(`invalid taint spec: ${spec}, ${errs.join("; ") || "unknown taint spec"}`);
    }
    const [kv, effect] = parts as [string, string];
    if (!EFFECTS.includes(effect)) bad(`invalid taint effect: ${effect}, unsupported taint effect`);
    const eq = kv.indexOf("=");
    const key = eq < 0 ? kv : kv.slice(0, eq);
    const value = eq < 0 ? undefined : kv.slice(eq + 1);
    const kErr = isQualifiedName(key);
    if (kErr.length) bad(`invalid taint spec: ${spec}, ${kErr.join("; ")}`);
    if (value !== undefined) {
      const vErr = isValidLabelValue(value);
      if (vErr.length) bad(`invalid taint spec: ${spec}, ${vErr.join("; ")}`);
    }
    add.push({ key, ...(value ? { value } : {}), effect });
  }
  return { add, remove };
}

export function runTaint(ctx: KubectlContext, inv: Invocation): ExecResult {
  // Complete: resources come first, then taint changes (an arg with `=`, `:` or a final `-`).
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of inv.args) {
    const isTaint = a.includes("=") || a.includes(":") || a.endsWith("-");
    if (isTaint) specs.push(a);
    else if (specs.length) fail(`error: all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  const { add, remove } = parseTaintSpecs(inv, specs);
  if (!resources.length) fail("error: one or more resources must be specified as <resource> <name>");
  if (!add.length && !remove.length) fail("error: at least one taint update is required");
  // Validate: the type must map (the mapper's error has no `error: ` prefix) and be nodes.
  server(ctx);
  const info = resolveResource(resources[0]!.toLowerCase());
  if (!info) fail(`the server doesn't have a resource type "${resources[0]!.toLowerCase()}"`);
  if (info.kind !== "Node") fail(`error: invalid resource type ${resources[0]}, only node types are supported`);
  // Each conflict is written from the removal: `key=effect` (`key=` when it names no effect).
  const conflicts = add.flatMap((a) => remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ""}`));
  if (conflicts.length) fail(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(", ")}`);
  const all = inv.flags.bool("all");
  const selector = inv.flags.str("selector");
  if (all && selector) fail("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) fail("error: at least one resource name must be specified since 'all' parameter is not set");
  const names = resources.slice(1);
  // kubectl builds the taint visitor with ContinueOnError(): a node that fails (taint not
  // found, already tainted) is reported after the others were still changed.
  const errors: string[] = [];
  const nodes = nodesFor(ctx, inv, names, errors);
  const cluster = server(ctx);
  const overwrite = inv.flags.bool("overwrite");
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  let stdout = "";
  for (const node of nodes) {
    const r = updateTaints(node, add, remove, overwrite, cluster.world.clock.iso());
    if (Array.isArray(r)) {
      errors.push(...r);
      continue;
    }
    const u = deepClone(node) as Obj;
    if (r.taints.length) u.spec.taints = r.taints;
    else delete u.spec.taints;
    // -o prints the patched node (as the server answered, or as patched locally under a client
    // dry run); otherwise the verb's line, without "(dry run)": taint's printer is not made
    // with PrintFlagsWithDryRunStrategy.
    const result = mode === "none" ? cluster.api.update(onStored(cluster, node, u)).obj : (u as KObject);
    stdout += fmt ? printStructured([result], fmt, true) : `node/${node.metadata.name} ${r.word}\n`;
  }
  cluster.world.settle();
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.length ? errorLines(errors) : "" };
}

/**
 * cmdutil.CheckErr: one error prints as `error: …` (API errors keep their own form); an
 * aggregate of several prints one message a line with no prefix (MultipleErrors).
 */
function errorLines(errors: string[]): string {
  if (errors.length > 1) return errors.join("\n") + "\n";
  const msg = errors[0]!;
  return (msg.startsWith("Error from server") ? msg : `error: ${msg}`) + "\n";
}

/** reorganizeTaints: the node's new taints and the verb, or the node's error. */
function updateTaints(node: KObject, add: Taint[], remove: { key: string; effect?: string }[], overwrite: boolean, now: string): { taints: Taint[]; word: string } | string[] {
  let next = [...(((node.spec as Obj).taints ?? []) as Taint[])];
  const fresh: Taint[] = [];
  for (const a of add) {
    const idx = next.findIndex((t) => t.key === a.key && t.effect === a.effect);
    const stamped = { ...a, ...(a.effect === "NoExecute" ? { timeAdded: now } : {}) };
    if (idx >= 0) {
      if (!overwrite) return [`node ${node.metadata.name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`];
      next[idx] = stamped;
    } else fresh.push(stamped);
  }
  const missing: string[] = [];
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    if (next.length === before) missing.push(`taint "${taintText(r)}" not found`);
  }
  if (missing.length) return missing;
  const word = overwrite || (add.length && remove.length) ? "modified" : remove.length ? "untainted" : "tainted";
  return { taints: [...fresh, ...next], word };
}

export function setUnschedulable(ctx: KubectlContext, inv: Invocation, node: KObject, value: boolean): string {
  const cluster = server(ctx);
  const spec = node.spec as Obj;
  const word = value ? "cordoned" : "uncordoned";
  if (!!spec.unschedulable === value) return `node/${node.metadata.name} already ${word}\n`;
  const mode = dryRunMode(inv);
  if (mode === "none") {
    const u = deepClone(node) as Obj;
    if (value) u.spec.unschedulable = true;
    else delete u.spec.unschedulable;
    cluster.api.update(onStored(cluster, node, u));
  }
  return `node/${node.metadata.name} ${word}${dryRunSuffix(mode)}\n`;
}

function cordonVerb(value: boolean, verb: string) {
  return (ctx: KubectlContext, inv: Invocation): ExecResult => {
    if (!inv.args.length && !inv.flags.changed("selector")) usageError(inv, `USAGE: ${verb} NODE [flags]`);
    let stdout = "";
    for (const node of nodesFor(ctx, inv, inv.args)) stdout += setUnschedulable(ctx, inv, node, value);
    server(ctx).world.settle();
    return { exitCode: 0, stdout, stderr: "" };
  };
}

export const runCordon = cordonVerb(true, "cordon");
export const runUncordon = cordonVerb(false, "uncordon");
