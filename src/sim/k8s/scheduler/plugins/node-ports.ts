// Mirrors pkg/scheduler/framework/plugins/nodeports: a hostPort (+protocol, +hostIP) may be
// used by one pod per node; 0.0.0.0 conflicts with every address.

import type { Pod } from "../../controllers/model";
import { unschedulable, type FilterPlugin } from "../framework";

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** "proto/ip/port" keys of a pod's host ports. */
export function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push(`${p.protocol ?? "TCP"}/${p.hostIP || "0.0.0.0"}/${p.hostPort}`);
    }
  }
  return out;
}

function conflicts(used: Set<string>, key: string): boolean {
  if (used.has(key)) return true;
  const [proto, ip, port] = key.split("/");
  if (ip === "0.0.0.0") {
    for (const u of used) {
      const [p2, , port2] = u.split("/");
      if (p2 === proto && port2 === port) return true;
    }
    return false;
  }
  return used.has(`${proto}/0.0.0.0/${port}`);
}

export const nodePorts: FilterPlugin = {
  name: "NodePorts",
  filter(pod, node) {
    if (pod.hostPorts.length === 0) return undefined;
    return pod.hostPorts.some((k) => conflicts(node.usedPorts, k)) ? unschedulable("NodePorts", ERR_REASON_PORTS) : undefined;
  },
};
