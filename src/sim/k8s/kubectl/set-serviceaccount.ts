// `kubectl set serviceaccount (-f FILE | TYPE NAME) SERVICE_ACCOUNT` (alias `sa`;
// kubectl/pkg/cmd/set/set_serviceaccount.go): sets the pod template's serviceAccountName and
// PUTs the object (→ rollout). Prints `<kind>/<name> serviceaccount updated`. The account need
// not exist: pods created from the template are then rejected by the ServiceAccount admission.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { fail, type KubectlContext } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { editPodTemplates } from "./mutate";
import { refuseLocalServerDryRun } from "./local";

export function runSetServiceAccount(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length) fail("error: serviceaccount is required");
  const account = inv.args[inv.args.length - 1]!;
  const resources = inv.args.slice(0, -1);
  if (!resources.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  refuseLocalServerDryRun(inv);
  const { stdout, stderr } = editPodTemplates(ctx, inv, resources, {
    edit(spec, o) {
      spec.serviceAccountName = account;
      if (o.kind !== "Pod") delete spec.serviceAccount;
      return undefined;
    },
    failed: "error: failed to patch ServiceAccountName ",
    updated: "serviceaccount updated",
    onlyChanged: false,
  });
  return { exitCode: stderr ? 1 : 0, stdout, stderr };
}
