// `kubectl replace -f FILE [--force]` (kubectl/pkg/cmd/replace): each object of the files is PUT
// whole (the server keeps status and server-set metadata; an absent resourceVersion is filled
// from the live object), printing `<kind>/<name> replaced`. With --force the object is deleted
// (`<kind> "<name>" deleted`) and created again. An existing last-applied annotation is
// refreshed, as kubectl replace does, so a later apply diffs against the replaced config.
// --subresource=status PUTs the object to /status: only its status (and metadata) is kept.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { LAST_APPLIED, lastAppliedValue } from "../api/apply";
import { renderStatusError, StatusError } from "../api/errors";
import { kindPrefix, qualifiedResource } from "../api/kinds";
import { dryRunMode, dryRunSuffix, fieldValidationOf } from "./apply";
import { fail, namespaceOf, refOf, server, type KubectlContext } from "./common";
import type { KObject } from "../store";
import { readManifests } from "./manifests";
import { subresourceOf, subresourceView } from "./mutate";
import { writeSubresource } from "../api/subresources";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

type Obj = Record<string, any>;

export function runReplace(ctx: KubectlContext, inv: Invocation): ExecResult {
  const files = inv.flags.list("filename");
  if (!files.length) fail("error: must specify one of -f and -k");
  const force = inv.flags.bool("force");
  const mode = dryRunMode(inv);
  if (force && mode !== "none") fail("error: --dry-run can not be used when --force is set");
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const validation = fieldValidationOf(inv);
  const sub = subresourceOf(inv);
  const cluster = server(ctx);
  const read = readManifests(ctx, files, inv.flags.bool("recursive"), validation !== "Ignore");
  if (!read.objects.length && !read.errors.length) fail("error: no objects passed to replace");
  let stdout = "";
  let stderr = "";
  let failed = read.errors.length > 0;
  const refusals: string[] = [];
  for (const m of read.objects) {
    const obj = deepClone(m.obj) as Obj;
    obj.metadata ??= {};
    const flagNs = inv.flags.changed("namespace") ? inv.flags.str("namespace") : "";
    if (m.info.namespaced) {
      // The builder's RequireNamespace refuses this object alone; the visit goes on.
      if (obj.metadata.namespace && flagNs && obj.metadata.namespace !== flagNs) {
        const refusal = `the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${flagNs}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.\n`;
        refusals.push(refusal);
        stderr += refusal;
        failed = true;
        continue;
      }
      obj.metadata.namespace ??= namespaceOf(inv);
    } else delete obj.metadata.namespace;
    const where = `error when replacing "${m.source}": `;
    const live = cluster.store.get(m.info.kind, obj.metadata.namespace, obj.metadata.name ?? "");
    if (live?.metadata.annotations?.[LAST_APPLIED] !== undefined) {
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedValue(m.obj) };
    }
    try {
      if (force) {
        if (live) {
          cluster.api.delete(m.info, obj.metadata.namespace, obj.metadata.name, { cascade: "background" });
          cluster.world.settle();
          stdout += `${kindPrefix(m.info)} "${obj.metadata.name}" deleted\n`;
        }
        delete obj.metadata.resourceVersion;
        const r = cluster.api.create(obj, obj.metadata.namespace, { fieldValidation: validation });
        stdout += fmt ? printStructured([r.obj], fmt, true) : `${refOf(r.obj)} replaced\n`;
        continue;
      }
      if (!live) throw new StatusError("NotFound", `${qualifiedResource(m.info)} "${obj.metadata.name ?? ""}" not found`);
      if (sub) {
        // The file's object is the body of a PUT on the subresource: /status takes its status;
        // /scale expects an autoscaling/v1 Scale, which a manifest of the kind is not.
        subresourceView(live, sub);
        if (sub === "scale") throw new StatusError("BadRequest", `the API version in the data (${obj.apiVersion}) does not match the expected API version (autoscaling/v1)`);
        const written = mode === "client" ? obj : writeSubresource(cluster, live, sub, obj, mode === "server").obj;
        stdout += fmt ? printStructured([written as KObject], fmt, true) : `${refOf(live)} replaced${dryRunSuffix(mode)}\n`;
        continue;
      }
      const r = mode === "client" ? { obj: obj as never, warnings: [] as string[] } : cluster.api.update(obj, { dryRun: mode === "server", fieldValidation: validation });
      for (const w of r.warnings) stderr += `Warning: ${w}\n`;
      stdout += fmt ? printStructured([r.obj], fmt, true) : `${refOf(live)} replaced${dryRunSuffix(mode)}\n`;
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      failed = true;
      stderr += (e.reason === "Invalid" ? renderStatusError(e) : renderStatusError(e, where)) + "\n";
    }
  }
  // The visit's errors come a line each, in order; one alone is "error: …".
  if (refusals.length === 1 && stderr === refusals[0] && !read.errors.length) stderr = `error: ${stderr}`;
  for (const e of read.errors) stderr += `error: ${e}\n`;
  cluster.world.settle();
  return { exitCode: failed ? 1 : 0, stdout, stderr };
}
