// `kubectl set serviceaccount (-f FILE | TYPE NAME) SERVICE_ACCOUNT` (alias `sa`;
// kubectl/pkg/cmd/set/set_serviceaccount.go): sets the pod template's serviceAccountName and
// PUTs the object (→ rollout). Prints `<kind>/<name> serviceaccount updated`. The account need
// not exist: pods created from the template are then rejected by the ServiceAccount admission.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, refOf, type KubectlContext } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { editablePodSpec, lookupObjects, putObject } from "./mutate";
import { parseOutput, printStructured } from "./output";

type Obj = Record<string, any>;

export function runSetServiceAccount(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length) fail("error: serviceaccount is required");
  const account = inv.args[inv.args.length - 1]!;
  const resources = inv.args.slice(0, -1);
  if (!resources.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  const mode = dryRunMode(inv);
  const fmt = inv.flags.str("output") ? parseOutput(inv.flags.str("output"), false) : undefined;
  const objs = lookupObjects(ctx, inv, resources);
  let stdout = "";
  let stderr = "";
  for (const o of objs) {
    const editable = editablePodSpec(o);
    if ("error" in editable) {
      stderr += editable.error;
      continue;
    }
    const { next, spec } = editable;
    spec.serviceAccountName = account;
    if (o.kind !== "Pod") delete spec.serviceAccount;
    const r = putObject(ctx, inv, o, next);
    if (!r.ok) {
      stderr += `error: failed to patch ServiceAccountName ${r.message}\n`;
      continue;
    }
    stdout += fmt ? printStructured([r.obj], fmt, true) : `${refOf(o)} serviceaccount updated${dryRunSuffix(mode)}\n`;
  }
  ctx.cluster?.world.settle();
  return { exitCode: stderr ? 1 : 0, stdout, stderr };
}
