// Mirrors swarmkit's manager/orchestrator/constraintenforcer: when a node is updated (labels,
// role, availability, status), every task on it that its service's *current* placement
// constraints no longer allow is rejected — observed state Rejected, "assigned node no longer
// meets constraints" — and the orchestrator then replaces it like any task that ended (restart
// delay, scheduled where the constraints hold, else pending). Only active nodes are checked: a
// drained node's tasks are the orchestrator's, a paused node keeps its tasks. It reacts to node
// changes only: a service update that changes constraints is the updater's (rolling) business.

import { SideTable } from "../../../clone";
import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { nodeMatches, parseConstraints } from "../scheduler/constraint";
import { nodeFacts } from "../scheduler/node-info";
import { isTerminal, rank } from "../task-state";
import type { SwarmNode } from "../types";
import { setState } from "./common";

export const MSG_CONSTRAINT_ENFORCER = "task rejected by constraint enforcer";
export const ERR_NODE_NO_LONGER_MEETS = "assigned node no longer meets constraints";

/** Each node as the enforcer last saw it (its EventUpdateNode trigger). */
const seen = new SideTable<SwarmNode, string>();

export function enforceConstraints(world: World, c: SwarmCluster): boolean {
  let changed = false;
  for (const node of c.nodes.values()) {
    const sig = JSON.stringify([node.labels, node.role, node.availability, node.state]);
    const before = seen.get(node);
    seen.set(node, sig);
    if (before === undefined || before === sig || node.availability !== "active") continue;
    const facts = nodeFacts(world, node);
    for (const t of c.tasks.values()) {
      if (t.nodeId !== node.id || isTerminal(t.state)) continue;
      if (rank(t.desiredState) < rank("assigned") || rank(t.desiredState) > rank("complete")) continue;
      const svc = c.services.get(t.serviceId);
      // The service's current constraints: a constraints-only update leaves matching tasks
      // with their old spec.
      const parsed = parseConstraints(svc ? svc.spec.constraints : t.spec.constraints);
      if (!parsed.ok || parsed.constraints.length === 0 || nodeMatches(parsed.constraints, facts)) continue;
      setState(world, t, "rejected", MSG_CONSTRAINT_ENFORCER, ERR_NODE_NO_LONGER_MEETS);
      changed = true;
    }
  }
  return changed;
}
