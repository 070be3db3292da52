// Mirrors swarmkit's manager/orchestrator/update (the updater): replaces out-of-date tasks slot by
// slot, `parallelism` at a time (0 = all), waiting for each batch to run and then `delay` before
// the next; stop-first stops the old task first, start-first starts the new one first. A new
// task that fails triggers the failure action (pause / continue / rollback). Each worker waits
// `delay` after every slot it updated, the last one too, so the update is completed `delay` plus
// one monitor period after the last batch runs. An update that finds no out-of-date task never
// starts (UpdateStatus stays unset).

import { SideTable } from "../../../clone";
import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { nodeMatches, parseConstraints } from "../scheduler/constraint";
import { nodeFacts } from "../scheduler/node-info";
import { isTerminal, rank } from "../task-state";
import type { Service, ServiceSpec, Task } from "../types";
import { groupBySlot, isGlobal, isLive, newTask, shutdown } from "./common";

export const MSG_UPDATE_IN_PROGRESS = "update in progress";
export const MSG_UPDATE_COMPLETED = "update completed";
export const MSG_ROLLBACK_MANUAL = "manually requested rollback";
export const MSG_ROLLBACK_COMPLETED = "rollback completed";
export const msgUpdatePaused = (taskId: string): string => `update paused due to failure or early termination of task ${taskId}`;
export const msgUpdateRolledBack = (taskId: string): string => `update rolled back due to failure or early termination of task ${taskId}`;
export const msgRollbackPaused = (taskId: string): string => `rollback paused due to failure or early termination of task ${taskId}`;

/** Per-service updater bookkeeping (not part of the API object). */
interface UpdaterState {
  batchOpen: boolean;
  nextAt?: number;
  lastRunningAt?: number;
}
const updaters = new SideTable<Service, UpdaterState>();
const stateOf = (s: Service): UpdaterState => {
  let u = updaters.get(s);
  if (!u) updaters.set(s, (u = { batchOpen: false }));
  return u;
};

/**
 * Fields of the spec that make a task out of date when they change: the task template, and the
 * endpoint spec (ports, endpoint mode) the task was created with (swarmkit IsTaskDirty compares
 * s.Spec.Endpoint with t.Endpoint.Spec), so `--publish-add` redeploys the tasks.
 */
export function taskTemplateKey(s: ServiceSpec): string {
  const { name: _n, labels: _l, mode: _m, update: _u, rollback: _r, constraints: _c, preferences: _pr, maxReplicas: _mr, ...tpl } = s;
  return JSON.stringify(tpl);
}

function isDirty(world: World, c: SwarmCluster, svc: Service, t: Task): boolean {
  if (t.specVersion === svc.specVersion) return false;
  if (taskTemplateKey(t.spec) !== taskTemplateKey(svc.spec)) return true;
  // Only the placement changed (constraints, spread preferences, max replicas per node: swarmkit's
  // IsTaskDirtyPlacementConstraintsOnly compares the whole Placement): out of date only where the
  // node no longer satisfies the constraints. So lowering --replicas-max-per-node or adding a
  // --placement-pref moves no running task (moby#37940: "reducing the max-replicas value does not
  // terminate existing tasks").
  const node = c.nodes.get(t.nodeId);
  const parsed = parseConstraints(svc.spec.constraints);
  if (!node || !parsed.ok) return true;
  if (nodeMatches(parsed.constraints, nodeFacts(world, node))) {
    t.spec = svc.spec;
    t.specVersion = svc.specVersion;
    return false;
  }
  return true;
}

export function reconcileUpdate(world: World, c: SwarmCluster, svc: Service): boolean {
  const us = svc.updateStatus;
  if (!us || (us.state !== "updating" && us.state !== "rollback_started")) return false;
  const rollingBack = us.state === "rollback_started";
  const cfg = rollingBack ? svc.spec.rollback : svc.spec.update;
  const u = stateOf(svc);
  let changed = false;
  const tasks = c.tasksOf(svc.id);

  const failed = tasks.find((t) => t.specVersion === svc.specVersion && t.createdAt >= us.startedAt && isTerminal(t.state) && t.state !== "complete" && t.state !== "shutdown" && t.state !== "remove");
  if (failed && cfg.failureAction !== "continue") {
    if (!rollingBack && cfg.failureAction === "rollback" && svc.previousSpec) {
      const prev = svc.previousSpec;
      svc.previousSpec = svc.spec;
      svc.spec = prev;
      svc.specVersion++;
      svc.updateStatus = { state: "rollback_started", startedAt: world.now, message: msgUpdateRolledBack(failed.id) };
    } else {
      svc.updateStatus = { ...us, state: rollingBack ? "rollback_paused" : "paused", message: rollingBack ? msgRollbackPaused(failed.id) : msgUpdatePaused(failed.id) };
    }
    u.batchOpen = false;
    u.nextAt = undefined;
    return true;
  }

  const slots = groupBySlot(tasks);
  // start-first: retire the old task once its replacement runs.
  for (const list of slots.values()) {
    const live = list.filter(isLive);
    const fresh = live.find((t) => t.specVersion === svc.specVersion && t.state === "running");
    if (fresh) for (const t of live) if (t !== fresh && t.specVersion !== svc.specVersion) changed = shutdown(t) || changed;
  }
  const inflight = tasks.some((t) => isLive(t) && t.specVersion === svc.specVersion && rank(t.state) < rank("running") && !isTerminal(t.state));
  if (inflight) return changed;
  if (u.batchOpen) {
    u.batchOpen = false;
    u.lastRunningAt = world.now;
    u.nextAt = world.now + cfg.delayMs;
  }
  const dirty: Task[] = [];
  for (const list of slots.values()) {
    const cur = list.find(isLive);
    if (cur && isDirty(world, c, svc, cur) && !list.some((t) => isLive(t) && t.specVersion === svc.specVersion)) dirty.push(cur);
  }
  if (dirty.length === 0) {
    if (u.lastRunningAt === undefined && !rollingBack) {
      // Nothing was out of date: the updater never called startUpdate, and UpdateService had
      // reset the status.
      svc.updateStatus = undefined;
      return true;
    }
    // (A rollback with nothing to do completes at once in swarmkit; the simulator keeps one
    // monitor period there, which the CLI's first poll would race with anyway.)
    const doneAt = u.lastRunningAt === undefined ? us.startedAt + cfg.monitorMs : u.lastRunningAt + cfg.delayMs + cfg.monitorMs;
    if (world.now < doneAt) return changed;
    svc.updateStatus = { ...us, state: rollingBack ? "rollback_completed" : "completed", completedAt: world.now, message: rollingBack ? MSG_ROLLBACK_COMPLETED : MSG_UPDATE_COMPLETED };
    u.nextAt = undefined;
    return true;
  }
  if (u.nextAt !== undefined && world.now < u.nextAt) return changed;
  dirty.sort((a, b) => a.slot - b.slot || (a.nodeId < b.nodeId ? -1 : 1));
  const batch = cfg.parallelism === 0 ? dirty : dirty.slice(0, cfg.parallelism);
  for (const old of batch) {
    if (cfg.order === "stop-first") shutdown(old);
    newTask(world, c, svc, { slot: old.slot, nodeId: isGlobal(svc) ? old.nodeId : undefined });
  }
  u.batchOpen = true;
  return true;
}

export function updateWake(svc: Service, now: number): number | undefined {
  const u = updaters.get(svc);
  const us = svc.updateStatus;
  if (!u || !us || (us.state !== "updating" && us.state !== "rollback_started")) return undefined;
  const cfg = us.state === "rollback_started" ? svc.spec.rollback : svc.spec.update;
  const times = [u.nextAt, u.lastRunningAt !== undefined ? u.lastRunningAt + cfg.delayMs + cfg.monitorMs : us.startedAt + cfg.monitorMs];
  return times.filter((t): t is number => t !== undefined && t > now).sort((a, b) => a - b)[0];
}

/** Starts a rolling update (or a rollback) after a spec change that needs new tasks. */
export function beginUpdate(world: World, svc: Service, rollback: boolean, message?: string): void {
  svc.specVersion++;
  svc.updateStatus = {
    state: rollback ? "rollback_started" : "updating",
    startedAt: world.now,
    message: message ?? (rollback ? MSG_ROLLBACK_MANUAL : MSG_UPDATE_IN_PROGRESS),
  };
  updaters.set(svc, { batchOpen: false });
}

/** Starts the updater again on the current spec (no new version): out-of-date tasks remain. */
export function resumeUpdate(world: World, svc: Service): void {
  svc.updateStatus = { state: "updating", startedAt: world.now, message: MSG_UPDATE_IN_PROGRESS };
  updaters.set(svc, { batchOpen: false });
}
