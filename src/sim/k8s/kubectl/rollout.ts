// `kubectl rollout status|history|undo|pause|resume|restart` (kubernetes.md §2.14), following
// kubectl's rollout/polymorphichelpers (DeploymentStatusViewer, DaemonSetStatusViewer,
// DeploymentHistoryViewer, DeploymentRollbacker). `status` waits on the virtual clock and prints
// one line per observed change, as the real watch does.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { renderTable } from "../../cli/format/tabwriter";
import { parseDuration } from "../../clock";
import { renderStatusError, StatusError } from "../api/errors";
import { qualifiedResource, kindInfo } from "../api/kinds";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { fail, KubectlExit, noResourcesFound, refOf, server, type KubectlContext } from "./common";
import { objectsFor, objectsForEach } from "./label";
import { describePodTemplate } from "./describe/pod-template";
import { dryRunMode, dryRunSuffix } from "./apply";
import { onStored } from "./patch-base";
import { VISITABLE_KINDS } from "./rollout-history";

type Obj = Record<string, any>;

export { runRolloutHistory } from "./rollout-history";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const CHANGE_CAUSE = "kubernetes.io/change-cause";
const ROLLOUT_KINDS = new Set(["Deployment", "DaemonSet", "StatefulSet"]);
/** `rollout status` without --timeout waits "forever"; we stop after this much virtual time. */
const STATUS_CAP_MS = 60 * 60_000;

/**
 * The one object a rollout verb acts on. -f naming no objects is not an error: status, pause,
 * resume and restart say "No resources found" (on stderr, exit 0); history and undo print nothing.
 */
function target(ctx: KubectlContext, inv: Invocation, quietWhenEmpty = false): KObject {
  return targets(ctx, inv, quietWhenEmpty, false)[0]!;
}

/**
 * Every object the builder visits; `allowEmptySelector` lets a bare TYPE mean all of them
 * (ResourceTypeOrNameArgs(true, …), as status does).
 */
function targets(ctx: KubectlContext, inv: Invocation, quietWhenEmpty: boolean, allowEmptySelector: boolean): KObject[] {
  if (!inv.args.length && !inv.flags.list("filename").length) fail("error: required resource not specified");
  let objs: KObject[];
  try {
    objs = objectsFor(ctx, inv, inv.args, true, allowEmptySelector);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  if (!objs.length) throw new KubectlExit({ exitCode: 0, stdout: "", stderr: quietWhenEmpty ? "" : noResourcesFound(inv) });
  return objs;
}

/** schema.GroupKind's String(): "Pod", "ReplicaSet.apps". */
function groupKind(kind: string): string {
  const group = kindInfo(kind)?.group ?? "";
  return group ? `${kind}.${group}` : kind;
}

/** StatusViewerFor's refusal ("%v" of the GroupKind). */
function refuseWithoutViewer(o: KObject, stdout = ""): void {
  if (!ROLLOUT_KINDS.has(o.kind)) fail(`error: no status viewer has been implemented for ${groupKind(o.kind)}`, stdout);
}

/** RollbackerFor: a kind the apps visitor knows but cannot roll back, else the visitor's own error. */
function refuseWithoutRollbacker(o: KObject): void {
  if (ROLLOUT_KINDS.has(o.kind)) return;
  if (VISITABLE_KINDS.includes(o.kind)) fail(`error: no rollbacker has been implemented for "${groupKind(o.kind)}"`);
  fail(`error: error retrieving rollbacker for "${groupKind(o.kind)}", no visitor method exists for {${kindInfo(o.kind)?.group ?? ""} ${o.kind}}`);
}

/** One status line and whether the rollout is done (DeploymentStatusViewer.Status). */
export function deploymentStatus(d: Obj): { line: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const prog = ((st.conditions ?? []) as Obj[]).find((c) => c.type === "Progressing");
    if (prog?.reason === "ProgressDeadlineExceeded") return { line: "", done: true, error: `deployment "${name}" exceeded its progress deadline` };
    const want = d.spec?.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
    if ((st.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
    if ((st.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
    return { line: `deployment "${name}" successfully rolled out`, done: true };
  }
  return { line: "Waiting for deployment spec update to be observed...", done: false };
}

function daemonSetStatus(d: Obj): { line: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if (d.spec?.updateStrategy?.type && d.spec.updateStrategy.type !== "RollingUpdate") {
    return { line: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  }
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const want = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...`, done: false };
    if ((st.numberAvailable ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...`, done: false };
    return { line: `daemon set "${name}" successfully rolled out`, done: true };
  }
  return { line: "Waiting for daemon set spec update to be observed...", done: false };
}

/** StatefulSetStatusViewer (kubectl polymorphichelpers/rollout_status.go). */
function statefulSetStatus(d: Obj): { line: string; done: boolean; error?: string } {
  const st = d.status ?? {};
  const strategy = d.spec?.updateStrategy ?? {};
  if (strategy.type !== "RollingUpdate") return { line: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  const want = d.spec?.replicas ?? 1;
  if (!st.observedGeneration || (st.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return { line: "Waiting for statefulset spec update to be observed...", done: false };
  if ((st.readyReplicas ?? 0) < want) return { line: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`, done: false };
  const updated = st.updatedReplicas ?? 0;
  // The API server defaults rollingUpdate.partition to 0, so this is the usual outcome.
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && partition !== null && updated < want - partition) {
      return { line: `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...`, done: false };
    }
    return { line: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { line: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ""}...`, done: false };
  }
  return { line: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ""}...`, done: true };
}

const STATUS_VIEWERS: Record<string, (o: Obj) => { line: string; done: boolean; error?: string }> = {
  Deployment: deploymentStatus,
  DaemonSet: daemonSetStatus,
  StatefulSet: statefulSetStatus,
};

export function runRolloutStatus(ctx: KubectlContext, inv: Invocation): ExecResult {
  const revision = inv.flags.int("revision");
  // RolloutStatusOptions.Validate: the resource first, then the revision, before any request.
  if (revision < 0 && (inv.args.length || inv.flags.list("filename").length)) fail(`error: revision must be a positive integer: ${revision}`);
  const objs = targets(ctx, inv, false, true);
  let stdout = "";
  // The visit watches each object in turn until its rollout is done (or fails).
  for (const o of objs) {
    refuseWithoutViewer(o, stdout);
    stdout += watchRollout(ctx, inv, o, revision, stdout);
  }
  return { exitCode: 0, stdout, stderr: "" };
}

/** One object's status lines until done; on failure, the error after `before` and these lines. */
function watchRollout(ctx: KubectlContext, inv: Invocation, o: KObject, revision: number, before: string): string {
  const cluster = server(ctx);
  const timeoutText = inv.flags.str("timeout");
  const timeout = timeoutText && timeoutText !== "0s" && timeoutText !== "0" ? parseDuration(timeoutText) ?? 0 : 0;
  const watch = inv.flags.bool("watch");
  const deadline = cluster.world.now + (timeout > 0 ? timeout : STATUS_CAP_MS);
  const viewer = STATUS_VIEWERS[o.kind]!;
  let stdout = "";
  const failWith = (msg: string): never => fail(msg, before + stdout);
  let lastRv = "";
  for (let i = 0; i < 10_000; i++) {
    cluster.world.settle();
    const cur = cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name);
    if (!cur) failWith(`error: ${qualifiedResource(kindInfo(o.kind)!)} "${o.metadata.name}" not found`);
    const s = revision > 0 && o.kind === "Deployment" ? withRevision(cur!, revision) ?? viewer(cur!) : viewer(cur!);
    if (s.error) failWith(`error: ${s.error}`);
    if (cur!.metadata.resourceVersion !== lastRv) stdout += s.line + "\n";
    lastRv = cur!.metadata.resourceVersion;
    if (s.done || !watch) return stdout;
    const rv = lastRv;
    const changed = () => cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name)?.metadata.resourceVersion !== rv;
    const remaining = deadline - cluster.world.now;
    if (remaining <= 0 || !cluster.world.advanceUntil(changed, remaining)) failWith("error: timed out waiting for the condition");
  }
  return failWith("error: timed out waiting for the condition");
}

/** DeploymentStatusViewer with --revision: the running revision must be the one asked for. */
function withRevision(d: KObject, revision: number): { line: string; done: boolean; error: string } | undefined {
  const text = d.metadata.annotations?.[REVISION_ANNOTATION];
  const running = text === undefined ? NaN : Number(text);
  if (Number.isNaN(running)) return { line: "", done: true, error: `cannot get the revision of deployment "${d.metadata.name}": strconv.ParseInt: parsing "${text ?? ""}": invalid syntax` };
  if (running !== revision) return { line: "", done: true, error: `desired revision (${revision}) is different from the running revision (${running})` };
  return undefined;
}

/** The ReplicaSets a Deployment owns, by revision. */
export function revisionsOf(cluster: KubeCluster, d: KObject): { rev: number; rs: Obj }[] {
  return cluster.store.list("ReplicaSet", d.metadata.namespace)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller))
    .map((rs) => ({ rev: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0), rs: rs as Obj }))
    .filter((x) => x.rev > 0)
    .sort((a, b) => a.rev - b.rev);
}

export function controllerRevisions(cluster: KubeCluster, o: KObject): { rev: number; cr: Obj }[] {
  return cluster.store.list("ControllerRevision", o.metadata.namespace)
    .filter((cr) => cr.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid))
    .map((cr) => ({ rev: Number((cr as Obj).revision ?? 0), cr: cr as Obj }))
    .sort((a, b) => a.rev - b.rev);
}

function templateKey(t: Obj | undefined): string {
  const c = deepClone(t ?? {}) as Obj;
  if (c.metadata?.labels) delete c.metadata.labels["pod-template-hash"];
  return JSON.stringify(sortDeep(c));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v as Obj).sort().map((k) => [k, sortDeep((v as Obj)[k])]));
  return v;
}

export function runRolloutUndo(ctx: KubectlContext, inv: Invocation): ExecResult {
  const o = target(ctx, inv, true) as Obj;
  refuseWithoutRollbacker(o as KObject);
  const cluster = server(ctx);
  if (o.kind !== "Deployment") return undoFromControllerRevision(ctx, inv, o);
  const to = inv.flags.int("to-revision");
  if (to < 0) fail(`error: unable to find specified revision ${to} in history`);
  const mode = dryRunMode(inv);
  const revs = revisionsOf(cluster, o as KObject);
  let pick: { rev: number; rs: Obj } | undefined;
  if (to > 0) {
    pick = revs.find((r) => r.rev === to);
    if (!pick) fail(`error: unable to find specified revision ${to} in history`);
  } else {
    if (revs.length < 2) fail(`error: no rollout history found for deployment "${o.metadata.name}"`);
    pick = revs[revs.length - 2];
  }
  const p = pick!;
  // DeploymentRollbacker: a client dry run answers the revision's template (printed where the
  // verb goes) before the paused and already-current checks.
  if (mode === "client") return { exitCode: 0, stdout: `${refOf(o as KObject)} ${describePodTemplate(p.rs.spec?.template ?? {})} (dry run)\n`, stderr: "" };
  if (o.spec?.paused) fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (templateKey(p.rs.spec?.template) === templateKey(o.spec?.template)) {
    return { exitCode: 0, stdout: `${refOf(o as KObject)} skipped rollback (current template already matches revision ${p.rev})${dryRunSuffix(mode)}\n`, stderr: "" };
  }
  const u = deepClone(o);
  const tpl = deepClone(p.rs.spec.template) as Obj;
  if (tpl.metadata?.labels) delete tpl.metadata.labels["pod-template-hash"];
  u.spec.template = tpl;
  // The JSON patch replaces the annotations wholesale: the deployment keeps only its own
  // bookkeeping annotations (annotationsToSkip) and takes every other one from the ReplicaSet,
  // so a change-cause recorded since that revision is gone with the rollback.
  const skip = new Set([REVISION_ANNOTATION, "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "kubectl.kubernetes.io/last-applied-configuration", "deprecated.deployment.rollback.to"]);
  const ann: Record<string, string> = {};
  for (const [k, v] of Object.entries((u.metadata.annotations ?? {}) as Record<string, string>)) if (skip.has(k)) ann[k] = v;
  for (const [k, v] of Object.entries((p.rs.metadata.annotations ?? {}) as Record<string, string>)) if (!skip.has(k)) ann[k] = v;
  u.metadata.annotations = ann;
  return rolledBack(cluster, o, u, mode);
}

/** Writes the rolled-back object (a server dry run only validates it) and reports "rolled back". */
function rolledBack(cluster: KubeCluster, o: Obj, u: Obj, mode: ReturnType<typeof dryRunMode>): ExecResult {
  try {
    cluster.api.update(u, { dryRun: mode === "server" });
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  cluster.world.settle();
  return { exitCode: 0, stdout: `${refOf(o as KObject)} rolled back${dryRunSuffix(mode)}\n`, stderr: "" };
}

/**
 * DaemonSetRollbacker / StatefulSetRollbacker: the revision's template (a ControllerRevision's
 * `{"spec":{"template":…,"$patch":"replace"}}`) patched onto the object; the previous revision
 * (second highest) without --to-revision. The skip message names --to-revision as given (0 when
 * it was not), as kubectl does.
 */
function undoFromControllerRevision(ctx: KubectlContext, inv: Invocation, o: Obj): ExecResult {
  const cluster = server(ctx);
  const to = inv.flags.int("to-revision");
  if (to < 0) fail(`error: unable to find specified revision ${to} in history`);
  const mode = dryRunMode(inv);
  const revs = controllerRevisions(cluster, o as KObject);
  if (to === 0 && revs.length <= 1) fail("error: no last revision to roll back to");
  const pick = to === 0 ? revs[revs.length - 2] : revs.find((r) => r.rev === to);
  if (!pick) fail(`error: unable to find specified revision ${to} in history`);
  const tpl = deepClone(pick!.cr.data?.spec?.template ?? {}) as Obj;
  delete tpl.$patch;
  if (mode === "client") return { exitCode: 0, stdout: `${refOf(o as KObject)} ${describePodTemplate(tpl)} (dry run)\n`, stderr: "" };
  if (templateKey(tpl) === templateKey(o.spec?.template)) {
    return { exitCode: 0, stdout: `${refOf(o as KObject)} skipped rollback (current template already matches revision ${to})${dryRunSuffix(mode)}\n`, stderr: "" };
  }
  const u = deepClone(o);
  u.spec.template = tpl;
  return rolledBack(cluster, o, u, mode);
}

/**
 * pause / resume / restart: every object the builder found (ContinueOnError), each patched or
 * refused on its own ("error: deployments.apps "web" is already paused"), the lookup misses
 * and refusals printed after the objects that were changed. The change is decided on the object
 * as it was found and sent as a patch (no resourceVersion): the same object named twice is
 * patched twice, the second time to no effect.
 */
function eachTarget(ctx: KubectlContext, inv: Invocation, change: (o: Obj) => string): ExecResult {
  if (!inv.args.length && !inv.flags.list("filename").length) fail("error: required resource not specified");
  let found: { objs: KObject[]; errors: string[] };
  try {
    found = objectsForEach(ctx, inv, inv.args, true);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  if (!found.objs.length && !found.errors.length) return { exitCode: 0, stdout: "", stderr: noResourcesFound(inv) };
  const errors = [...found.errors];
  let stdout = "";
  for (const o of found.objs) {
    let r: string;
    try {
      r = change(o as Obj);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      r = renderStatusError(e).replace(/\n$/, "");
    }
    if (r.startsWith("error: ") || r.startsWith("Error from server")) errors.push(r);
    else stdout += r;
  }
  server(ctx).world.settle();
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.map((e) => e + "\n").join("") };
}

function setPaused(paused: boolean) {
  return (ctx: KubectlContext, inv: Invocation): ExecResult => eachTarget(ctx, inv, (o) => {
    const res = `${qualifiedResource(kindInfo(o.kind)!)} "${o.metadata.name}"`;
    if (o.kind !== "Deployment") return `error: ${res} ${paused ? "pausing" : "resuming"} is not supported`;
    if (!!o.spec?.paused === paused) return `error: ${res} is ${paused ? "already paused" : "not paused"}`;
    const u = deepClone(o);
    if (paused) u.spec.paused = true;
    else delete u.spec.paused;
    server(ctx).api.update(onStored(server(ctx), o as KObject, u));
    return `${refOf(o as KObject)} ${paused ? "paused" : "resumed"}\n`;
  });
}

export const runRolloutPause = setPaused(true);
export const runRolloutResume = setPaused(false);

export function runRolloutRestart(ctx: KubectlContext, inv: Invocation): ExecResult {
  const cluster = server(ctx);
  return eachTarget(ctx, inv, (o) => {
    if (!ROLLOUT_KINDS.has(o.kind)) return `error: ${qualifiedResource(kindInfo(o.kind)!)} "${o.metadata.name}" restarting is not supported`;
    if (o.spec?.paused) return `error: ${qualifiedResource(kindInfo(o.kind)!)} "${o.metadata.name}" can't restart paused deployment (run rollout resume first)`;
    const u = deepClone(o);
    u.spec.template.metadata ??= {};
    u.spec.template.metadata.annotations = { ...(u.spec.template.metadata.annotations ?? {}), "kubectl.kubernetes.io/restartedAt": cluster.world.clock.iso() };
    cluster.api.update(onStored(cluster, o as KObject, u));
    return `${refOf(o as KObject)} restarted\n`;
  });
}
