// Shared by the orchestrators: creating tasks, grouping a service's tasks by slot (replicated)
// or node (global), and which tasks still count as the slot's live task.

import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { isTerminal, rank, type TaskState } from "../task-state";
import type { Service, Task } from "../types";

export const isGlobal = (s: Service): boolean => s.spec.mode.kind === "global" || s.spec.mode.kind === "global-job";
export const isJob = (s: Service): boolean => s.spec.mode.kind === "replicated-job" || s.spec.mode.kind === "global-job";

/** Replicated tasks are keyed by slot, global ones by node. */
export const slotKey = (t: Task): string => (t.slot > 0 ? `s${t.slot}` : `n${t.nodeId}`);

/**
 * The task is what its slot runs now or will run: desired ready (restart delay) or running — or
 * an ended task its restart policy won't replace, which keeps its slot (swarmkit's
 * UpdatableTasksInSlot) though its desired state is shutdown.
 */
export const isLive = (t: Task): boolean => rank(t.desiredState) <= rank("complete") || !!t.holdsSlot;

export function newTask(
  world: World, c: SwarmCluster, svc: Service, opts: { slot: number; nodeId?: string; desired?: TaskState; restartAt?: number },
): Task {
  const t: Task = {
    id: c.newId(),
    serviceId: svc.id,
    slot: opts.slot,
    nodeId: opts.nodeId ?? "",
    desiredState: opts.desired ?? (isJob(svc) ? "complete" : "running"),
    state: "new",
    stateAt: world.now,
    message: "created",
    err: "",
    createdAt: world.now,
    seq: ++c.taskSeq,
    spec: svc.spec,
    specVersion: svc.specVersion,
    hostname: "",
    env: [],
    addresses: {},
  };
  if (opts.restartAt !== undefined) t.restartAt = opts.restartAt;
  c.addTask(t);
  return t;
}

/** Tasks of a service grouped by slot key, each group newest first. */
export function groupBySlot(tasks: Task[]): Map<string, Task[]> {
  const out = new Map<string, Task[]>();
  for (const t of tasks) {
    const k = slotKey(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  for (const list of out.values()) list.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  return out;
}

/** Shuts a task down (desired state only: the agent stops the container). */
export function shutdown(t: Task, desired: TaskState = "shutdown"): boolean {
  if (rank(t.desiredState) >= rank(desired)) return false;
  t.desiredState = desired;
  if (desired !== "shutdown") t.holdsSlot = undefined;
  return true;
}

export function setState(world: World, t: Task, state: TaskState, message: string, err = ""): void {
  t.state = state;
  t.stateAt = world.now;
  t.message = message;
  if (err) t.err = err;
}

export const hasEnded = (t: Task): boolean => isTerminal(t.state);

/**
 * controlapi RemoveNode's orphanNodeTasks: a deleted node's tasks that had not ended become
 * Orphaned with a fresh status (no error) in the same transaction, so `service ps` shows
 * "Orphaned … ago" rather than the state the lost agent last reported.
 */
export function orphanNodeTasks(world: World, c: SwarmCluster, nodeId: string): void {
  for (const t of c.tasks.values()) {
    if (t.nodeId !== nodeId || rank(t.state) >= rank("complete")) continue;
    setState(world, t, "orphaned", "Task belonged to a node that has been deleted");
    t.err = "";
  }
}
