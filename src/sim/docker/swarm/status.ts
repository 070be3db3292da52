// Derived views shared by the CLI, the snapshot and the timeline: a service's running/desired
// counts (as the daemon's ServiceStatus reports them) and how a node shows in `node ls`.

import type { SwarmCluster } from "./cluster";
import { isGlobal } from "./orchestrator/common";
import { rank } from "./task-state";
import type { Service, SwarmNode } from "./types";

export interface ServiceCounts {
  running: number;
  desired: number;
  completed: number;
}

export function serviceCounts(c: SwarmCluster, svc: Service): ServiceCounts {
  let running = 0;
  let globalDesired = 0;
  let completed = 0;
  for (const t of c.tasksOf(svc.id)) {
    const node = c.nodes.get(t.nodeId);
    const nodeUp = !!node && node.state !== "down";
    if (t.state === "running" && rank(t.desiredState) <= rank("complete") && nodeUp) running++;
    if (t.state === "complete") completed++;
    if (isGlobal(svc) && rank(t.desiredState) <= rank("complete") && (nodeUp || !t.nodeId)) globalDesired++;
  }
  const m = svc.spec.mode;
  const desired = m.kind === "replicated" || m.kind === "replicated-job" ? m.replicas : globalDesired;
  return { running, desired, completed };
}

/**
 * The daemon's ServiceStatus (swarmkit controlapi ListServiceStatuses), which `service ls` and
 * `stack services` print as REPLICAS: desired is the replica count (MaxConcurrent for a replicated
 * job), for global services the tasks desired running, for global jobs the tasks desired complete
 * and not complete yet; completed counts a job's completed tasks.
 *
 * Running is what swarmkit counts: every task observed running (`task.Status.State ==
 * TaskStateRunning`, no node or desired-state test), also one still reported running on a node
 * that went down — REPLICAS "4/3" once the replacement runs, until the node comes back, is
 * removed (orphanNodeTasks) or a day passes (orphaned); moby#45922 shows the "2/1" of a real
 * 24.0 swarm. docker/cli only recomputes (skipping down nodes) for daemons older than API 1.41.
 * Scenarios that grade healing count the Running tasks desired running (`service ps`) instead.
 */
export function serviceStatus(c: SwarmCluster, svc: Service): ServiceCounts {
  const m = svc.spec.mode;
  let completed = 0;
  let desired = m.kind === "replicated" ? m.replicas : m.kind === "replicated-job" ? m.maxConcurrent : 0;
  let running = 0;
  for (const t of c.tasksOf(svc.id)) {
    if (t.state === "running") running++;
    if ((m.kind === "replicated-job" || m.kind === "global-job") && t.state === "complete") completed++;
    if (m.kind === "global" && t.desiredState === "running") desired++;
    if (m.kind === "global-job" && t.desiredState === "complete" && t.state !== "complete") desired++;
  }
  return { running, desired, completed };
}

export type ManagerStatus = "Leader" | "Reachable" | "Unreachable" | "";

export function managerStatus(c: SwarmCluster, node: SwarmNode): ManagerStatus {
  if (!c.members.includes(node.id)) return "";
  if (c.leaderId === node.id) return "Leader";
  return node.state === "ready" ? "Reachable" : "Unreachable";
}
