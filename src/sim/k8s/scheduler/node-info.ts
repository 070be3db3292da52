// Mirrors the scheduler cache's NodeInfo snapshot: per node, what the bound non-terminal pods
// (terminating ones included) request, their host ports and owners. Built once per pass in
// O(pods + nodes), then updated incrementally as pods are bound within the pass.

import type { Node, Pod } from "../controllers/model";
import { controllerRef, isTerminal } from "../controllers/pods";
import { emptyResources, type NodeInfo } from "./framework";
import { hostPorts } from "./plugins/node-ports";
import { addResources, nodeAllocatable, podRequests } from "./resources";

export function newNodeInfo(node: Node): NodeInfo {
  return {
    node,
    name: node.metadata.name,
    allocatable: nodeAllocatable(node),
    requested: emptyResources(),
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    podCount: 0,
    usedPorts: new Set(),
    ownerCounts: new Map(),
  };
}

export function addPodToNodeInfo(info: NodeInfo, pod: Pod): void {
  const { requests, nonZero } = podRequests(pod);
  addResources(info.requested, requests);
  info.nonZeroRequested.milliCPU += nonZero.milliCPU;
  info.nonZeroRequested.memory += nonZero.memory;
  info.podCount++;
  for (const p of hostPorts(pod)) info.usedPorts.add(p);
  const owner = controllerRef(pod)?.uid;
  if (owner && !pod.metadata.deletionTimestamp) info.ownerCounts.set(owner, (info.ownerCounts.get(owner) ?? 0) + 1);
}

/** NodeInfos in node-name order (the list every attempt walks from its start index). */
export function buildNodeInfos(nodes: readonly Node[], pods: readonly Pod[]): NodeInfo[] {
  const infos = nodes.map(newNodeInfo);
  const byName = new Map(infos.map((i) => [i.name, i]));
  for (const pod of pods) {
    if (!pod.spec.nodeName || isTerminal(pod)) continue;
    const info = byName.get(pod.spec.nodeName);
    if (info) addPodToNodeInfo(info, pod);
  }
  return infos;
}
