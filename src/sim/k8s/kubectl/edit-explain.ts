// `kubectl edit` and `kubectl explain`. edit opens $EDITOR (default `vi`) on the object; the
// simulator's machines have no editor, so after resolving the objects (NotFound as the server
// says it) it fails the way kubectl does when the editor cannot be started. explain needs the
// server's OpenAPI schema text, which the simulator does not carry: known types get a clear
// "not simulated" message, unknown ones the real resource-type error.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { fail, server, type KubectlContext } from "./common";
import { lookupObjects, subresourceView } from "./mutate";
import { resolveResource } from "../api/kinds";

export const EDITOR_MISSING = 'error: unable to launch the editor "vi"';

export function runEdit(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length && !inv.flags.list("filename").length) {
    fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  server(ctx);
  // edit supports only the status subresource (EditOptions.Validate, after Complete).
  const sub = inv.flags.str("subresource");
  if (sub && sub !== "status") fail(`error: invalid subresource value: "${sub}". Must be one of [status]`);
  const objs = lookupObjects(ctx, inv, inv.args);
  if (!objs.length) fail("error: edit cancelled, no objects found");
  if (sub) for (const o of objs) subresourceView(o, "status");
  fail(`${EDITOR_MISSING}\nclustergrade: interactive editing is not simulated; use kubectl patch, kubectl set … or kubectl apply -f instead`);
}

export function runExplain(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length) {
    // A plain error (Validate's fmt.Errorf, its text ending in a newline): no usage hint after it.
    fail('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  server(ctx);
  const [type] = inv.args[0]!.split(".") as [string];
  if (!resolveResource(type)) fail(`error: the server doesn't have a resource type "${type}"`);
  fail("error: clustergrade: 'kubectl explain' needs the API server's OpenAPI documentation, which this simulator does not carry");
}
