// `kubectl set selector (-f FILE | TYPE NAME) EXPRESSIONS [--resource-version=V]`
// (kubectl/pkg/cmd/set/set_selector.go): the last argument is a label selector
// (metav1.ParseToLabelSelector: labels.Parse, then equality terms into matchLabels); it replaces
// a Service's spec.selector whole, and set-based terms are refused for it.
// Only Services are supported. Prints `service/<name> selector updated`.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { dryRunMode, dryRunSuffix } from "./apply";
import { parseToLabelSelector } from "./create-policy";
import { fail, refOf, type KubectlContext } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { lookupObjects, putObject } from "./mutate";
import { isLocal, LOCAL_NEEDS_FILENAME, refuseLocalServerDryRun } from "./local";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

type Obj = Record<string, any>;

export const ONLY_SERVICES = "setting a selector is only supported for Services";

/** Go's %v of []metav1.LabelSelectorRequirement: `[{app In [a b]} {x Exists []}]`. */
function goRequirements(exprs: Obj[]): string {
  return `[${exprs.map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(" ")}]}`).join(" ")}]`;
}

export function runSetSelector(ctx: KubectlContext, inv: Invocation): ExecResult {
  const files = inv.flags.list("filename");
  if (!inv.args.length) fail(files.length ? "error: one selector is required" : NO_RESOURCES_MESSAGE);
  const resources = inv.args.slice(0, -1);
  // metav1.ParseToLabelSelector, in Complete: a bad selector stops the command before any lookup.
  const parsed = parseToLabelSelector(inv.args[inv.args.length - 1]!);
  if (!resources.length && !files.length) fail(NO_RESOURCES_MESSAGE);
  // Complete: --local takes its objects from -f alone.
  if (isLocal(inv) && resources.length) fail(LOCAL_NEEDS_FILENAME);
  refuseLocalServerDryRun(inv);
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const objs = lookupObjects(ctx, inv, resources);
  const rv = inv.flags.str("resource-version");
  let stdout = "";
  let stderr = "";
  for (const o of objs) {
    if (o.kind !== "Service") {
      stderr += `error: ${refOf(o)} ${ONLY_SERVICES}\n`;
      continue;
    }
    // updateSelectorForObject: a Service's selector is a map, so set-based terms have no place.
    if (parsed.matchExpressions?.length) {
      stderr += `error: match expression ${goRequirements(parsed.matchExpressions)} not supported on this object\n`;
      continue;
    }
    const next = deepClone(o) as Obj;
    next.spec.selector = { ...(parsed.matchLabels ?? {}) };
    if (rv) next.metadata.resourceVersion = rv;
    const r = putObject(ctx, inv, o, next);
    if (!r.ok) {
      stderr += r.error + "\n";
      continue;
    }
    if (!r.changed) continue;
    stdout += fmt ? printStructured([r.obj], fmt, true, { typed: true }) : `${refOf(o)} selector updated${dryRunSuffix(mode)}\n`;
  }
  ctx.cluster?.world.settle();
  return { exitCode: stderr ? 1 : 0, stdout, stderr };
}
