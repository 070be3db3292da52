// Mirrors pkg/scheduler/framework/plugins/noderesources (fit.go, least_allocated.go,
// balanced_allocation.go): a node fits when every requested resource is within allocatable
// minus what bound pods already request; reasons in the order pods, cpu, memory,
// ephemeral-storage, extended resources (fitsRequest).

import { MAX_NODE_SCORE, unschedulable, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin } from "../framework";

export const ERR_TOO_MANY_PODS = "Too many pods";
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

/** The typed shortfalls of one node (InsufficientResource), before they become strings. */
export interface InsufficientResource {
  resource: string;
  requested: number;
  used: number;
  capacity: number;
}

export function fitsRequest(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const a = node.allocatable;
  const u = node.requested;
  if (node.podCount + 1 > a.pods) out.push({ resource: "pods", requested: 1, used: node.podCount, capacity: a.pods });
  const r = pod.requests;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - u.milliCPU) out.push({ resource: "cpu", requested: r.milliCPU, used: u.milliCPU, capacity: a.milliCPU });
  if (r.memory > 0 && r.memory > a.memory - u.memory) out.push({ resource: "memory", requested: r.memory, used: u.memory, capacity: a.memory });
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) {
    out.push({ resource: "ephemeral-storage", requested: r.ephemeralStorage, used: u.ephemeralStorage, capacity: a.ephemeralStorage });
  }
  for (const name of Object.keys(r.scalar).sort()) {
    const want = r.scalar[name]!;
    if (want > 0 && want > (a.scalar[name] ?? 0) - (u.scalar[name] ?? 0)) {
      out.push({ resource: name, requested: want, used: u.scalar[name] ?? 0, capacity: a.scalar[name] ?? 0 });
    }
  }
  return out;
}

export const nodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  filter(pod, node) {
    const short = fitsRequest(pod, node);
    if (short.length === 0) return undefined;
    return unschedulable("NodeResourcesFit", ...short.map((s) => (s.resource === "pods" ? ERR_TOO_MANY_PODS : insufficient(s.resource))));
  },
  // LeastAllocated over cpu and memory (weight 1 each), with the non-zero request defaults.
  score(pod, nodes) {
    return nodes.map((n) => {
      const cpu = least(n.nonZeroRequested.milliCPU + pod.nonZero.milliCPU, n.allocatable.milliCPU);
      const mem = least(n.nonZeroRequested.memory + pod.nonZero.memory, n.allocatable.memory);
      return Math.floor((cpu + mem) / 2);
    });
  },
};

function least(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const balancedAllocation: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  score(pod, nodes) {
    return nodes.map((n) => {
      const fc = Math.min(1, n.allocatable.milliCPU ? (n.nonZeroRequested.milliCPU + pod.nonZero.milliCPU) / n.allocatable.milliCPU : 1);
      const fm = Math.min(1, n.allocatable.memory ? (n.nonZeroRequested.memory + pod.nonZero.memory) / n.allocatable.memory : 1);
      return Math.floor((1 - Math.abs(fc - fm) / 2) * MAX_NODE_SCORE);
    });
  },
};
