// `kubectl set selector (-f FILE | TYPE NAME) EXPRESSIONS [--resource-version=V]`
// (kubectl/pkg/cmd/set/set_selector.go): the last argument is a label selector
// (metav1.ParseToLabelSelector, equality terms); it replaces a Service's spec.selector whole.
// Only Services are supported. Prints `service/<name> selector updated`.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, refOf, type KubectlContext } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { lookupObjects, putObject } from "./mutate";
import { parseOutput, printStructured } from "./output";

type Obj = Record<string, any>;

export const ONLY_SERVICES = "setting a selector is only supported for Services";

/** Equality-based terms of a selector string (`a=b,c==d`); set-based terms are not supported. */
export function parseEqualitySelector(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(",")) {
    const term = raw.trim();
    if (!term) continue;
    const m = /^([^=!\s]+)\s*==?\s*([^=\s]*)$/.exec(term);
    if (!m) fail(`error: couldn't parse the selector string "${text}": unable to parse requirement: found '${term}', expected: '=', '!=', '==', 'in', notin'`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function runSetSelector(ctx: KubectlContext, inv: Invocation): ExecResult {
  const files = inv.flags.list("filename");
  if (!inv.args.length) fail(files.length ? "error: one selector is required" : NO_RESOURCES_MESSAGE);
  const resources = inv.args.slice(0, -1);
  const selector = parseEqualitySelector(inv.args[inv.args.length - 1]!);
  if (!resources.length && !files.length) fail(NO_RESOURCES_MESSAGE);
  const mode = dryRunMode(inv);
  const fmt = inv.flags.str("output") ? parseOutput(inv.flags.str("output"), false) : undefined;
  const objs = lookupObjects(ctx, inv, resources);
  const rv = inv.flags.str("resource-version");
  let stdout = "";
  let stderr = "";
  for (const o of objs) {
    if (o.kind !== "Service") {
      stderr += `error: ${refOf(o)} ${ONLY_SERVICES}\n`;
      continue;
    }
    const next = deepClone(o) as Obj;
    next.spec.selector = { ...selector };
    if (rv) next.metadata.resourceVersion = rv;
    const r = putObject(ctx, inv, o, next);
    if (!r.ok) {
      stderr += r.error + "\n";
      continue;
    }
    if (!r.changed) continue;
    stdout += fmt ? printStructured([r.obj], fmt, true) : `${refOf(o)} selector updated${dryRunSuffix(mode)}\n`;
  }
  ctx.cluster?.world.settle();
  return { exitCode: stderr ? 1 : 0, stdout, stderr };
}
