// Mirrors swarmkit's manager/orchestrator/global: one task per node that is up, not drained and
// satisfies the constraints (resources are the scheduler's business). A paused node keeps its
// task but gets no new one; a drained or down node's task is shut down and not replaced.

import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { nodeMatches, parseConstraints } from "../scheduler/constraint";
import { nodeFacts } from "../scheduler/node-info";
import type { Service } from "../types";
import { groupBySlot, isLive, newTask, shutdown } from "./common";

export function reconcileGlobal(world: World, c: SwarmCluster, svc: Service): boolean {
  if (svc.spec.mode.kind !== "global" && svc.spec.mode.kind !== "global-job") return false;
  const parsed = parseConstraints(svc.spec.constraints);
  const constraints = parsed.ok ? parsed.constraints : [];
  const byNode = groupBySlot(c.tasksOf(svc.id));
  let changed = false;

  for (const [key, list] of byNode) {
    const nodeId = key.slice(1);
    if (c.nodes.has(nodeId)) continue;
    for (const t of list) if (isLive(t)) changed = shutdown(t) || changed;
  }
  for (const node of c.sortedNodes()) {
    const live = (byNode.get(`n${node.id}`) ?? []).filter(isLive);
    const eligible = node.state !== "down" && node.availability !== "drain" && nodeMatches(constraints, nodeFacts(world, node));
    if (!eligible) {
      for (const t of live) changed = shutdown(t) || changed;
      continue;
    }
    if (live.length > 0 || node.availability === "pause" || node.state !== "ready") continue;
    newTask(world, c, svc, { slot: 0, nodeId: node.id });
    changed = true;
  }
  return changed;
}
