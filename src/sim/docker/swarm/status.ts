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

export type ManagerStatus = "Leader" | "Reachable" | "Unreachable" | "";

export function managerStatus(c: SwarmCluster, node: SwarmNode): ManagerStatus {
  if (!c.members.includes(node.id)) return "";
  if (c.leaderId === node.id) return "Leader";
  return node.state === "ready" ? "Reachable" : "Unreachable";
}
