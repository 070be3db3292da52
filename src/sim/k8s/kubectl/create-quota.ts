// `kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]` (alias
// `resourcequota`; kubectl/pkg/cmd/create/create_quota.go): a ResourceQuota whose spec.hard holds
// the parsed quantities (canonical, as the object is encoded) and spec.scopes the scopes as
// given — the API server, not the client, checks that they exist.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { canonicalQuantity, quantityError } from "../api/quantity";
import { fail, usageError, type KubectlContext } from "./common";
import { emitObjects, wrapped } from "./imperative";

export function createQuota(ctx: KubectlContext, inv: Invocation): ExecResult {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) usageError(inv, `exactly one NAME is required, got ${n}`);
  const spec: Record<string, unknown> = {};
  const hard = inv.flags.str("hard");
  if (hard) {
    const list: Record<string, string> = {};
    for (const statement of hard.split(",")) {
      const parts = statement.split("=");
      if (parts.length !== 2) fail(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
      const err = quantityError(parts[1]!);
      if (err) fail(`error: ${err}`);
      list[parts[0]!] = canonicalQuantity(parts[1]!);
    }
    spec.hard = Object.fromEntries(Object.keys(list).sort().map((k) => [k, list[k]]));
  }
  const scopes = inv.flags.str("scopes");
  if (scopes) {
    const list = scopes.split(",");
    if (list.includes("")) fail('error: invalid resource quota scope ""');
    spec.scopes = list;
  }
  const quota = { kind: "ResourceQuota", apiVersion: "v1", metadata: { name: inv.args[0]!, creationTimestamp: null }, spec, status: {} };
  return emitObjects(ctx, inv, [quota], wrapped("failed to create quota: "));
}
