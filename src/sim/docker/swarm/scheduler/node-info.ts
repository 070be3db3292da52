// Builds the scheduler's view of every node (swarmkit's NodeInfo): what is still free on it and
// how many active tasks of each service it runs.

import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { rank } from "../task-state";
import type { SwarmNode, Task } from "../types";
import type { NodeFacts } from "./constraint";
import type { NodeInfo } from "./filters";

export function nodeFacts(world: World, node: SwarmNode): NodeFacts {
  const host = world.host(node.host);
  return { node, os: host?.os ?? "linux", arch: host?.arch ?? "x86_64", engineLabels: host?.labels ?? {} };
}

/** A task holding resources on its node: assigned, not ended, not being removed. */
export const holdsNode = (t: Task): boolean =>
  t.nodeId !== "" && rank(t.desiredState) <= rank("complete") && rank(t.state) >= rank("assigned") && rank(t.state) <= rank("running");

export function buildNodeInfos(world: World, c: SwarmCluster): Map<string, NodeInfo> {
  const infos = new Map<string, NodeInfo>();
  for (const node of c.nodes.values()) {
    const host = world.host(node.host);
    infos.set(node.id, {
      facts: nodeFacts(world, node),
      ready: node.state === "ready",
      availableCPU: Math.round((host?.cpus ?? 0) * 1e9),
      availableMemory: host?.memory ?? 0,
      activeByService: new Map(),
      activeTotal: 0,
      hostPorts: new Set(),
      recentFailures: new Map(),
    });
  }
  for (const t of c.tasks.values()) {
    if (!holdsNode(t)) continue;
    const info = infos.get(t.nodeId);
    if (info) addTask(info, t);
  }
  return infos;
}

export function addTask(info: NodeInfo, t: Task): void {
  info.availableCPU -= t.spec.reservations.nanoCPUs;
  info.availableMemory -= t.spec.reservations.memoryBytes;
  info.activeByService.set(t.serviceId, (info.activeByService.get(t.serviceId) ?? 0) + 1);
  info.activeTotal++;
  for (const p of t.spec.ports) if (p.publishMode === "host" && p.publishedPort > 0) info.hostPorts.add(`${p.protocol}/${p.publishedPort}`);
}
