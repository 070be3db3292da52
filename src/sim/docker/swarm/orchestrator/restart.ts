// Mirrors swarmkit's manager/orchestrator/restart: a task that ended (or whose node went away) is
// replaced in the same slot by a new task that waits the restart delay with desired state
// "ready" before it may run. A task that is itself still inside its restart delay is replaced only
// once that delay has passed ("to avoid tight restart loops, e.g. when the image doesn't exist").
// The policy decides: condition none/on-failure/any, max attempts within a window.

import { SideTable } from "../../../clone";
import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { rank } from "../task-state";
import type { Service, Task } from "../types";
import { hasEnded, isGlobal, isJob, isLive, newTask, shutdown, slotKey } from "./common";

const runDesired = (svc: Service) => (isJob(svc) ? "complete" : "running");

/** Per service and slot: restart times (for max attempts within a window). */
const history = new SideTable<Service, Map<string, number[]>>();

function attemptsOf(svc: Service, key: string): number[] {
  let m = history.get(svc);
  if (!m) history.set(svc, (m = new Map()));
  let list = m.get(key);
  if (!list) m.set(key, (list = []));
  return list;
}

/** Replaces `t` now (node lost/drained: `delay` says whether the restart delay applies). */
export function restartTask(world: World, c: SwarmCluster, svc: Service, t: Task, opts: { delay: boolean }): boolean {
  if (!isLive(t) || t.holdsSlot) return false;
  shutdown(t);
  if (isGlobal(svc)) return true; // global tasks are not moved; the global orchestrator decides
  const delay = opts.delay ? svc.spec.restart.delayMs : 0;
  newTask(world, c, svc, {
    slot: t.slot,
    desired: delay > 0 ? "ready" : runDesired(svc),
    restartAt: delay > 0 ? world.now + delay : undefined,
  });
  return true;
}

function shouldRestart(svc: Service, t: Task, now: number): boolean {
  const p = svc.spec.restart;
  if (p.condition === "none") return false;
  if (p.condition === "on-failure" && t.state === "complete") return false;
  if (svc.spec.mode.kind === "replicated-job" || svc.spec.mode.kind === "global-job") {
    if (t.state === "complete") return false;
  }
  if (p.maxAttempts > 0) {
    const attempts = attemptsOf(svc, slotKey(t)).filter((at) => p.windowMs === 0 || at > now - p.windowMs);
    if (attempts.length >= p.maxAttempts) return false;
  }
  return true;
}

/** One pass of the supervisor over a service: restart ended tasks whose delay has passed. */
export function superviseRestarts(world: World, c: SwarmCluster, svc: Service): boolean {
  let changed = false;
  for (const t of c.tasksOf(svc.id)) {
    // A delayed task whose delay passed may run.
    if (t.desiredState === "ready" && t.restartAt !== undefined && world.now >= t.restartAt && !hasEnded(t)) {
      t.desiredState = runDesired(svc);
      changed = true;
    }
    if (!isLive(t) || !hasEnded(t) || t.holdsSlot) continue;
    if (t.restartAt !== undefined && world.now < t.restartAt) continue;
    if (!shouldRestart(svc, t, world.now)) {
      // Restart() shuts the task down either way; the slot stays this task's (not dead).
      if (!isJob(svc) && rank(t.desiredState) <= rank("running")) {
        t.desiredState = "shutdown";
        t.holdsSlot = true;
        changed = true;
      }
      continue;
    }
    const node = c.nodes.get(t.nodeId);
    if (isGlobal(svc)) {
      if (!node || node.state === "down" || node.availability === "drain") continue;
      shutdown(t);
      const delay = svc.spec.restart.delayMs;
      newTask(world, c, svc, { slot: 0, nodeId: t.nodeId, desired: delay > 0 ? "ready" : runDesired(svc), restartAt: delay > 0 ? world.now + delay : undefined });
    } else {
      restartTask(world, c, svc, t, { delay: true });
    }
    attemptsOf(svc, slotKey(t)).push(world.now);
    changed = true;
  }
  return changed;
}

/** When the supervisor next has something to do for this service. */
export function restartWake(c: SwarmCluster, svc: Service, now: number): number | undefined {
  let best: number | undefined;
  for (const t of c.tasksOf(svc.id)) {
    if (t.restartAt !== undefined && t.restartAt > now && isLive(t) && (best === undefined || t.restartAt < best)) best = t.restartAt;
  }
  return best;
}
