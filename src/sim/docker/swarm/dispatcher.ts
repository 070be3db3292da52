// The agents' side, as the dispatcher reports it: on a node that is up, an assigned task goes
// accepted → preparing (pull: Rejected "No such image") → ready → starting → running without
// time passing; a desired state of "ready" stops it at ready (restart delay). A running task's
// program may end (complete / failed "task: non-zero exit (N)") at its time; a task whose desired
// state became shutdown/remove is stopped. Nothing moves on a node that is down.

import type { World } from "../../world";
import type { SwarmCluster } from "./cluster";
import { setState } from "./orchestrator/common";
import { rank, wantsToRun } from "./task-state";
import { startTask } from "./task-runtime";
import { renderTaskTemplates } from "./templates";
import { recordServiceTasks } from "./timeline";
import type { Task } from "./types";

export const errNonZeroExit = (code: number): string => `task: non-zero exit (${code})`;

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
    const res = startTask(world, t.spec);
    if (!res.ok) {
      setState(world, t, "rejected", "preparing", res.err);
      return true;
    }
    setState(world, t, "ready", "prepared");
    if (res.exit) {
      t.exitAfterMs = res.exit.afterMs;
      t.exitCode = res.exit.code;
    }
  }
  if (t.state === "ready" && (t.desiredState === "running" || t.desiredState === "complete")) {
    setState(world, t, "starting", "starting");
    setState(world, t, "running", "started");
    if (t.exitAfterMs !== undefined) t.exitAt = world.now + t.exitAfterMs;
  }
  if (t.state === "running" && t.exitAt !== undefined && world.now >= t.exitAt) {
    const code = t.exitCode ?? 0;
    if (code === 0) setState(world, t, "complete", "finished");
    else setState(world, t, "failed", "started", errNonZeroExit(code));
  }
  return t.state !== before;
}

export function dispatch(world: World, c: SwarmCluster): boolean {
  let changed = false;
  for (const t of c.tasks.values()) {
    if (!t.nodeId) {
      if (!wantsToRun(t.desiredState) && rank(t.state) < rank("assigned")) {
        setState(world, t, "shutdown", "shutdown");
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

export function dispatchWake(c: SwarmCluster, now: number): number | undefined {
  let best: number | undefined;
  for (const t of c.tasks.values()) {
    if (t.state !== "running" && t.state !== "ready") continue;
    if (t.exitAt !== undefined && t.exitAt > now && (best === undefined || t.exitAt < best)) best = t.exitAt;
  }
  return best;
}
