// The shared tail of kubectl's "get, change, send back" verbs (patch, set env|resources|selector,
// replace): find the objects (resource builder), reach into the pod template, and PUT the result
// through the API server (validation, generation bump → rollout) with kubectl's error wording.

import type { Invocation } from "../../cli/command";
import { renderStatusError, StatusError } from "../api/errors";
import type { FieldValidation } from "../api/server";
import type { KObject } from "../store";
import { dryRunMode } from "./apply";
import { fail, refOf, server, type KubectlContext } from "./common";
import { objectsFor } from "./label";

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
  const next = structuredClone(o) as Obj;
  const spec = podSpecOf(next);
  if (!spec) return { error: `error: ${refOf(o)} the object is not a pod or does not have a pod template: *v1.${o.kind}\n` };
  return { next, spec };
}

export type PutOutcome = { ok: true; obj: KObject; changed: boolean; warnings: string[] } | { ok: false; error: string; message: string };

/**
 * PUTs `next` (unless --dry-run=client) and says whether the stored object changed. Commands
 * without --validate send no fieldValidation; the server then warns about unknown fields.
 */
export function putObject(ctx: KubectlContext, inv: Invocation, before: KObject, next: Obj, fieldValidation?: FieldValidation): PutOutcome {
  const mode = dryRunMode(inv);
  if (mode === "client") return { ok: true, obj: next as KObject, changed: JSON.stringify(stable(before)) !== JSON.stringify(stable(next)), warnings: [] };
  const cluster = server(ctx);
  try {
    const r = cluster.api.update(next, { dryRun: mode === "server", ...(fieldValidation ? { fieldValidation } : {}) });
    return { ok: true, obj: r.obj, changed: JSON.stringify(stable(before)) !== JSON.stringify(stable(r.obj)), warnings: r.warnings };
  } catch (e) {
    if (e instanceof StatusError) return { ok: false, error: renderStatusError(e), message: e.message };
    throw e;
  }
}

/** The object minus what the server changes on every write. */
function stable(o: Obj): Obj {
  const c = structuredClone(o);
  delete c.metadata?.resourceVersion;
  delete c.metadata?.generation;
  delete c.metadata?.managedFields;
  delete c.status;
  return c;
}
