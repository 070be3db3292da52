// `kubectl drain`, mirroring kubectl/pkg/cmd/drain and kubectl/pkg/drain (v1.30): every node is
// cordoned first; then, node by node, the pod filters (mirror pods skipped, finished pods
// deleted, DaemonSet-managed, unreplicated and local-storage pods refused unless their flag says
// otherwise) and the evictions, all pods at once, each through the Eviction API: a 429 (a
// PodDisruptionBudget that allows no disruption) is printed and retried every 5 s, an evicted pod
// is polled every second until it is gone ("pod/x evicted"); --disable-eviction deletes instead,
// budgets ignored ("pod/x deleted"). --timeout bounds the whole node;
// without it kubectl would retry forever — here the wait stops after DRAIN_CAP_MS of virtual time,
// as if interrupted (exit 130, with a note in the transcript's warnings). The first node that
// fails ends the command ("error: unable to drain node …", the nodes left, then the error).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { formatGoDuration, parseDuration } from "../../clock";
import { StatusError } from "../api/errors";
import { evictPod } from "../api/eviction";
import { matches, parseSelector, SelectorParseError } from "../api/selectors";
import type { KObject } from "../store";
import { dryRunMode } from "./apply";
import { fail, server, usageError, type KubectlContext } from "./common";
import { nodesFor, setUnschedulable } from "./node-verbs";

type Obj = Record<string, any>;

const DS_MSG = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const UNMANAGED_MSG = "cannot delete Pods that declare no controller (use --force to override)";
const LOCAL_MSG = "cannot delete Pods with local storage (use --delete-emptydir-data to override)";
/** How long a drain without --timeout keeps retrying before the replay stops it. */
export const DRAIN_CAP_MS = 10 * 60_000;
const RETRY_MS = 5_000;
const POLL_MS = 1_000;

interface PodList {
  /** The pods to evict (Delete), in list order. */
  pods: KObject[];
  /** Message → "ns/name" of the pods it refuses (errors) or lets through with a warning. */
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

/** GetPodsForDeletion: the node's pods through the filters, in their order. */
function podsForDeletion(ctx: KubectlContext, inv: Invocation, nodeName: string): PodList {
  const cluster = server(ctx);
  const podSel = inv.flags.str("pod-selector") ? parseSelector(inv.flags.str("pod-selector")) : undefined;
  const list: PodList = { pods: [], errors: new Map(), warnings: new Map() };
  const note = (bucket: Map<string, string[]>, msg: string, p: KObject) => bucket.set(msg, [...(bucket.get(msg) ?? []), `${p.metadata.namespace}/${p.metadata.name}`]);
  for (const p of cluster.store.list("Pod")) {
    if ((p.spec as Obj).nodeName !== nodeName || (podSel && !matches(podSel, p.metadata.labels))) continue;
    const phase = (p.status as Obj)?.phase;
    const owner = p.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === "Node") continue; // mirror pod
    if (phase === "Succeeded" || phase === "Failed") {
      list.pods.push(p);
      continue;
    }
    if (owner?.kind === "DaemonSet") {
      if (inv.flags.bool("ignore-daemonsets")) note(list.warnings, "ignoring DaemonSet-managed Pods", p);
      else note(list.errors, DS_MSG, p);
      continue;
    }
    let blocked = false;
    if (((p.spec as Obj).volumes ?? []).some((v: Obj) => v.emptyDir)) {
      if (!inv.flags.bool("delete-emptydir-data")) {
        note(list.errors, LOCAL_MSG, p);
        blocked = true;
      } else note(list.warnings, "deleting Pods with local storage", p);
    }
    if (!owner) {
      if (!inv.flags.bool("force")) {
        note(list.errors, UNMANAGED_MSG, p);
        blocked = true;
      } else note(list.warnings, "deleting Pods that declare no controller", p);
    }
    if (!blocked) list.pods.push(p);
  }
  return list;
}

/** utilerrors.Aggregate's Error(): one message, or "[a, b]". */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`);

interface Outcome {
  stdout: string;
  stderr: string;
  /** The node's errors (an aggregate), none when it drained. */
  errors: string[];
  interrupted?: boolean;
}

/**
 * deletePods (--disable-eviction): plain deletes, no budget consulted, then one poll a second
 * until they are gone ("pod/x deleted") or the timeout, whose error is waitForDelete's own.
 */
function deleteAll(ctx: KubectlContext, inv: Invocation, pods: KObject[]): Outcome {
  const cluster = server(ctx);
  const world = cluster.world;
  const out: Outcome = { stdout: "", stderr: "", errors: [] };
  const timeout = inv.flags.str("timeout") ? parseDuration(inv.flags.str("timeout")) ?? 0 : 0;
  const deadline = world.now + (timeout > 0 ? timeout : DRAIN_CAP_MS);
  const grace = inv.flags.int("grace-period");
  if (dryRunMode(inv) === "server") return out;
  for (const p of pods) {
    const cur = cluster.store.get("Pod", p.metadata.namespace, p.metadata.name);
    if (cur) cluster.api.deletePod(cur, grace >= 0 ? grace : undefined);
  }
  let pending = [...pods];
  for (;;) {
    const gone = pending.filter((p) => cluster.store.get("Pod", p.metadata.namespace, p.metadata.name)?.metadata.uid !== p.metadata.uid);
    for (const p of gone) out.stdout += `pod/${p.metadata.name} deleted\n`;
    pending = pending.filter((p) => !gone.includes(p));
    if (!pending.length) return out;
    if (world.now >= deadline) {
      if (timeout <= 0) return { ...out, interrupted: true };
      out.errors.push(`global timeout reached: ${formatGoDuration(timeout)}`);
      return out;
    }
    world.advanceUntil(() => false, POLL_MS);
  }
}

/** evictPods: one retry loop per pod, run side by side on the virtual clock. */
function evictAll(ctx: KubectlContext, inv: Invocation, pods: KObject[]): Outcome {
  const cluster = server(ctx);
  const world = cluster.world;
  const out: Outcome = { stdout: "", stderr: "", errors: [] };
  const timeoutText = inv.flags.str("timeout");
  const timeout = timeoutText ? parseDuration(timeoutText) ?? 0 : 0;
  const deadline = world.now + (timeout > 0 ? timeout : DRAIN_CAP_MS);
  const timeoutShown = formatGoDuration(timeout);
  const grace = inv.flags.int("grace-period");
  const serverDryRun = dryRunMode(inv) === "server";
  const jobs = pods.map((pod) => ({ pod, waiting: false, done: false, at: world.now }));
  const gone = (p: KObject) => cluster.store.get("Pod", p.metadata.namespace, p.metadata.name)?.metadata.uid !== p.metadata.uid;
  for (;;) {
    const active = jobs.filter((j) => !j.done);
    if (!active.length) return out;
    const next = Math.min(...active.map((j) => j.at));
    if (next > world.now) world.advanceUntil(() => false, next - world.now);
    const expired = world.now >= deadline;
    if (expired && timeout <= 0) return { ...out, interrupted: true };
    // The evictions of this instant first (their "evicting pod" lines), then the polls.
    for (const j of active) {
      if (j.waiting || j.at > world.now) continue;
      const { name, namespace: ns } = j.pod.metadata;
      out.stdout += `evicting pod ${ns}/${name}${serverDryRun ? " (server dry run)" : ""}\n`;
      if (expired) {
        out.errors.push(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeoutShown}`);
        j.done = true;
        continue;
      }
      try {
        evictPod(cluster, ns!, name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: serverDryRun });
        j.waiting = true;
        j.done = serverDryRun;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === "TooManyRequests") {
          out.stderr += `error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.message}\n`;
          j.at = world.now + RETRY_MS;
        } else {
          if (e.reason !== "NotFound") out.errors.push(`error when evicting pods/"${name}" -n "${ns}": ${e.message}`);
          j.done = true;
        }
      }
    }
    for (const j of active) {
      if (!j.waiting || j.done || j.at > world.now) continue;
      const { name, namespace: ns } = j.pod.metadata;
      if (gone(j.pod)) {
        out.stdout += `pod/${name} evicted\n`;
        j.done = true;
      } else if (expired) {
        out.errors.push(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${timeoutShown}`);
        j.done = true;
      } else j.at = world.now + POLL_MS;
    }
  }
}

export function runDrain(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length && !inv.flags.changed("selector")) usageError(inv, "USAGE: drain NODE [flags]");
  const mode = dryRunMode(inv);
  // DrainCmdOptions.Complete checks the pod selector before anything is asked of the server.
  const podSelector = inv.flags.str("pod-selector");
  if (podSelector) {
    try {
      parseSelector(podSelector);
    } catch (e) {
      if (!(e instanceof SelectorParseError)) throw e;
      fail("error: --pod-selector=<pod_selector> must be a valid label selector");
    }
  }
  const cluster = server(ctx);
  const nodes = nodesFor(ctx, inv, inv.args);
  let stdout = "";
  let stderr = "";
  // RunCordonOrUncordon(true) over every node, then the drains.
  for (const node of nodes) stdout += setUnschedulable(ctx, inv, node, true);
  const drained = new Set<string>();
  for (const node of nodes) {
    const name = node.metadata.name;
    const list = podsForDeletion(ctx, inv, name);
    let errors = [...list.errors].map(([msg, pods]) => `${msg}: ${pods.join(", ")}`);
    if (!errors.length) {
      if (list.warnings.size) stderr += `Warning: ${[...list.warnings].map(([msg, pods]) => `${msg}: ${pods.join(", ")}`).join("; ")}\n`;
      if (mode === "client") {
        for (const p of list.pods) stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`;
      } else {
        const r = inv.flags.bool("disable-eviction") ? deleteAll(ctx, inv, list.pods) : evictAll(ctx, inv, list.pods);
        stdout += r.stdout;
        stderr += r.stderr;
        if (r.interrupted) {
          cluster.world.warn(`kubectl drain ${name}: still evicting after ${formatGoDuration(DRAIN_CAP_MS)} without --timeout; the replay stopped it as if interrupted`);
          return { exitCode: 130, stdout, stderr };
        }
        errors = r.errors;
        if (errors.length) {
          // deleteOrEvictPodsSimple: what is still on the node when the evictions failed.
          const pending = podsForDeletion(ctx, inv, name).pods;
          if (pending.length) stderr += `There are pending pods in node "${name}" when an error occurred: ${aggregate(errors)}\n${pending.map((p) => `pod/${p.metadata.name}\n`).join("")}`;
        }
      }
    }
    if (!errors.length) {
      drained.add(name);
      stdout += `node/${name} drained${mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : ""}\n`;
      continue;
    }
    stderr += `error: unable to drain node "${name}" due to error:${aggregate(errors)}, continuing command...\n`;
    const remaining = nodes.filter((n) => !drained.has(n.metadata.name));
    if (remaining.length) stderr += `There are pending nodes to be drained:\n${remaining.map((n) => ` ${n.metadata.name}\n`).join("")}`;
    // cmdutil.CheckErr of the aggregate: one error a line.
    return { exitCode: 1, stdout, stderr: stderr + errors.join("\n") + "\n" };
  }
  return { exitCode: 0, stdout, stderr };
}
