// `kubectl create serviceaccount NAME` (alias `sa`; kubectl/pkg/cmd/create/create_serviceaccount.go):
// a ServiceAccount with only a name; prints `serviceaccount/NAME created`.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { usageError, type KubectlContext } from "./common";
import { emitObjects, wrapped } from "./imperative";

export function createServiceAccount(ctx: KubectlContext, inv: Invocation): ExecResult {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) usageError(inv, `exactly one NAME is required, got ${n}`);
  const sa = { kind: "ServiceAccount", apiVersion: "v1", metadata: { name: inv.args[0]!, creationTimestamp: null } };
  return emitObjects(ctx, inv, [sa], wrapped("failed to create serviceaccount: "));
}
