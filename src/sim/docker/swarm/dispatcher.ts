// The agents' side, as the dispatcher reports it: on a node that is up, an assigned task goes
// accepted → preparing (pull: Rejected "No such image"; mounts: a missing bind source,
// volumes created on the node, task-mounts.ts) → ready → starting → running without
// time passing; a desired state of "ready" stops it at ready (restart delay). A task whose desired
// state became shutdown/remove is stopped. Nothing moves on a node that is down. The task's
// container (engine-sync.ts) decides when a running task ends.

import type { World } from "../../world";
import type { SwarmCluster } from "./cluster";
import { setState } from "./orchestrator/common";
import { rank, wantsToRun } from "./task-state";
import { launchTaskContainer, startAwaitsHealth } from "./engine-sync";
import { prepareTaskMounts } from "./task-mounts";
import { prepareTask } from "./task-runtime";
import { ensureImage } from "../engine/ops";
import { renderTaskTemplates } from "./templates";
import { recordServiceTasks } from "./timeline";
import type { Task } from "./types";

export { errNonZeroExit } from "./engine-sync";

function progress(world: World, c: SwarmCluster, t: Task): boolean {
  const before = t.state;
  if (!wantsToRun(t.desiredState)) {
    if (rank(t.state) <= rank("running")) {
      setState(world, t, "shutdown", "shutdown");
      return true;
    }
    return false;
  }
  if (rank(t.state) < rank("assigned") || rank(t.state) > rank("running")) return false;
  if (rank(t.state) < rank("preparing")) setState(world, t, "preparing", "preparing");
  if (t.state === "preparing") {
    const node = c.nodes.get(t.nodeId)!;
    const svc = c.services.get(t.serviceId);
    renderTaskTemplates(world, c, t, node, svc);
    const res = prepareTask(world, t.spec);
    if (!res.ok) {
      setState(world, t, "rejected", "preparing", res.err);
      return true;
    }
    ensureImage(world, node.host, t.spec.image.replace(/@sha256:[0-9a-f]+$/, ""));
    const mounts = prepareTaskMounts(world, node.host, t);
    if ("err" in mounts) {
      setState(world, t, "rejected", "preparing", mounts.err);
      return true;
    }
    setState(world, t, "ready", "prepared");
  }
  if (t.state === "ready" && (t.desiredState === "running" || t.desiredState === "complete")) {
    setState(world, t, "starting", "starting");
    const err = launchTaskContainer(world, c, t);
    if (err) setState(world, t, "failed", "starting", err);
    else if (!startAwaitsHealth(t)) setState(world, t, "running", "started");
  }
  return t.state !== before;
}

export function dispatch(world: World, c: SwarmCluster): boolean {
  let changed = false;
  for (const t of c.tasks.values()) {
    if (!t.nodeId) {
      // swarmkit's scheduler (noSuitableNode) shuts an unplaced task of an older spec that is
      // desired shut down itself: state Shutdown, its "no suitable node" error cleared, the
      // message left as it was.
      if (!wantsToRun(t.desiredState) && rank(t.state) < rank("assigned")) {
        setState(world, t, "shutdown", t.message);
        t.err = "";
        changed = true;
      }
      continue;
    }
    const node = c.nodes.get(t.nodeId);
    if (!node || node.state !== "ready") continue;
    const wasRunning = t.state === "running";
    if (progress(world, c, t)) {
      changed = true;
      const svc = c.services.get(t.serviceId);
      if (svc && wasRunning !== (t.state === "running")) recordServiceTasks(world, c, svc);
    }
  }
  return changed;
}

/** swarmkit dispatcher's defaultNodeDownPeriod: how long a down node's tasks stay as reported. */
export const NODE_DOWN_PERIOD_MS = 24 * 3_600_000;

/**
 * The dispatcher's moveTasksToOrphaned, a day after it marked a node down: the tasks that could
 * still have been running there (assigned … running) become Orphaned — only the state changes,
 * not its timestamp or message — which frees their slots' resources.
 */
export function orphanDownNodeTasks(c: SwarmCluster, now: number): boolean {
  let changed = false;
  for (const node of c.nodes.values()) {
    if (node.state !== "down" || node.downSince === undefined || now < node.downSince + NODE_DOWN_PERIOD_MS) continue;
    delete node.downSince;
    for (const t of c.tasks.values()) {
      if (t.nodeId !== node.id || rank(t.state) < rank("assigned") || rank(t.state) > rank("running")) continue;
      t.state = "orphaned";
      changed = true;
    }
  }
  return changed;
}

/** Task containers' own timing (exits, OOM) wakes the world through the engine's subsystem. */
export function dispatchWake(_c: SwarmCluster, _now: number): number | undefined {
  return undefined;
}
