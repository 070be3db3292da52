// The shared tail of kubectl's "get, change, send back" verbs (patch, set env|resources|selector,
// replace): find the objects (resource builder), reach into the pod template, and PUT the result
// through the API server (validation, generation bump → rollout) with kubectl's error wording.

import { onStored } from "./patch-base";
import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import { renderStatusError, StatusError } from "../api/errors";
import type { FieldValidation } from "../api/server";
import type { KObject } from "../store";
import { readSubresource, SUPPORTED_SUBRESOURCES, writeSubresource, type Subresource } from "../api/subresources";
import { sameJson } from "../api/json";
import { toVersion } from "../api/conversion";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, refOf, server, type KubectlContext } from "./common";
import { objectsFor } from "./label";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";
import { isLocal } from "./local";

type Obj = Record<string, any>;

/** Objects named by TYPE NAME / TYPE/NAME / -f / -l; a missing one fails as the server does. */
export function lookupObjects(ctx: KubectlContext, inv: Invocation, args: string[]): KObject[] {
  try {
    return objectsFor(ctx, inv, args);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
}

/** The pod spec inside a workload (Pod, template, CronJob's job template); undefined otherwise. */
export function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  if (["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"].includes(o.kind)) return o.spec?.template?.spec;
  return undefined;
}

/**
 * A copy of `o` to edit and the pod spec inside it, or the error line kubectl's
 * UpdatePodSpecForObject gives for kinds without one (shared by the `set` verbs).
 */
export function editablePodSpec(o: KObject): { next: Obj; spec: Obj } | { error: string } {
  const next = deepClone(o) as Obj;
  const spec = podSpecOf(next);
  if (!spec) return { error: `error: ${refOf(o)} the object is not a pod or does not have a pod template: *v1.${o.kind}\n` };
  return { next, spec };
}

/** What one `set` verb does to each object's pod template (editPodTemplates). */
export interface TemplateEdit {
  /** Changes the pod spec in place; a returned line goes to stderr and the object is skipped. */
  edit(spec: Obj, o: KObject): string | undefined;
  /** The stderr line's start when the write fails (the message follows). */
  failed: string;
  /** What the success line says after `<kind>/<name> ` ("resource requirements updated"). */
  updated: string;
  /** Print only objects that changed (set resources); set serviceaccount prints every one. */
  onlyChanged: boolean;
}

/**
 * The loop of the `set` verbs that edit pod templates (checks --dry-run and -o, then looks the
 * resources up, as kubectl does): for each object, its pod spec (or
 * UpdatePodSpecForObject's error), the verb's edit, the PUT, and the verb's line (or the object
 * under -o). The world settles once at the end.
 */
export function editPodTemplates(ctx: KubectlContext, inv: Invocation, resources: string[], e: TemplateEdit): { stdout: string; stderr: string } {
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const objs = lookupObjects(ctx, inv, resources);
  let stdout = "";
  let stderr = "";
  for (const o of objs) {
    const editable = editablePodSpec(o);
    if ("error" in editable) {
      stderr += editable.error;
      continue;
    }
    const skip = e.edit(editable.spec, o);
    if (skip !== undefined) {
      stderr += skip;
      continue;
    }
    const r = putObject(ctx, inv, o, editable.next);
    if (!r.ok) {
      stderr += `${e.failed}${r.message}\n`;
      continue;
    }
    if (e.onlyChanged && !r.changed) continue;
    stdout += fmt ? printStructured([r.obj], fmt, true, { typed: true }) : `${refOf(o)} ${e.updated}${dryRunSuffix(mode)}\n`;
  }
  ctx.cluster?.world.settle();
  return { stdout, stderr };
}

export type PutOutcome = { ok: true; obj: KObject; changed: boolean; warnings: string[] } | { ok: false; error: string; message: string };

/**
 * PUTs `next` (unless --dry-run=client) and says whether the stored object changed. Commands
 * without --validate send no fieldValidation; the server then warns about unknown fields.
 */
export function putObject(ctx: KubectlContext, inv: Invocation, before: KObject, next: Obj, fieldValidation?: FieldValidation): PutOutcome {
  const mode = dryRunMode(inv);
  // A client dry run and --local change the object as read and send nothing.
  if (mode === "client" || isLocal(inv)) return { ok: true, obj: next as KObject, changed: JSON.stringify(stable(before)) !== JSON.stringify(stable(next)), warnings: [] };
  const cluster = server(ctx);
  try {
    const r = cluster.api.update(onStored(cluster, before, next), { dryRun: mode === "server", ...(fieldValidation ? { fieldValidation } : {}) });
    // The answer comes in the version of the request (the object as it was read).
    const obj = toVersion(r.obj, before.apiVersion);
    return { ok: true, obj, changed: JSON.stringify(stable(before)) !== JSON.stringify(stable(obj)), warnings: r.warnings };
  } catch (e) {
    if (e instanceof StatusError) return { ok: false, error: renderStatusError(e), message: e.message };
    throw e;
  }
}

/** The object minus what the server changes on every write. */
function stable(o: Obj): Obj {
  const c = deepClone(o);
  delete c.metadata?.resourceVersion;
  delete c.metadata?.generation;
  delete c.metadata?.managedFields;
  delete c.status;
  return c;
}

/** --subresource, checked as kubectl's Validate does (get, patch, replace). */
export function subresourceOf(inv: Invocation): Subresource | undefined {
  const v = inv.flags.str("subresource");
  if (!v) return undefined;
  if (!(SUPPORTED_SUBRESOURCES as readonly string[]).includes(v)) fail(`error: invalid subresource value: "${v}". Must be one of [${SUPPORTED_SUBRESOURCES.join(" ")}]`);
  return v as Subresource;
}

/** The subresource as the builder's GET returns it, or the server's 404 after what was printed. */
export function subresourceView(o: KObject, sub: Subresource, stdout = "", stderr = ""): Obj {
  try {
    return readSubresource(o, sub);
  } catch (e) {
    if (e instanceof StatusError) fail(stderr + renderStatusError(e), stdout);
    throw e;
  }
}

/** putObject for a subresource: `base` is what was read, `next` the changed subresource object. */
export function putSubresource(ctx: KubectlContext, inv: Invocation, o: KObject, sub: Subresource, base: Obj, next: Obj): PutOutcome {
  const mode = dryRunMode(inv);
  if (mode === "client") return { ok: true, obj: next as KObject, changed: !sameJson({ ...base, metadata: { ...base.metadata, resourceVersion: undefined } }, next), warnings: [] };
  try {
    const r = writeSubresource(server(ctx), o, sub, next, mode === "server");
    return { ok: true, obj: r.obj as KObject, changed: r.changed, warnings: [] };
  } catch (e) {
    if (e instanceof StatusError) return { ok: false, error: renderStatusError(e), message: e.message };
    throw e;
  }
}
