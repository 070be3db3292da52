// Mirrors pkg/kubelet/lifecycle/predicate.go: before running a pod the kubelet re-checks the
// general predicates against the pods it already runs — resources, node name, node affinity,
// host ports, NoExecute taints. Pods that bypassed the scheduler (spec.nodeName set by hand) can
// fail here: phase Failed, reason OutOfcpu / OutOfmemory / NodeAffinity…, message
// "Pod was rejected: …", and a Warning event with the same reason.

import type { Node, Pod } from "../controllers/model";
import type { NodeInfo } from "../scheduler/framework";
import { hostPorts } from "../scheduler/plugins/node-ports";
import { podMatchesNode } from "../scheduler/plugins/node-affinity";
import { fitsRequest } from "../scheduler/plugins/node-resources-fit";
import { findUntoleratedTaint } from "../scheduler/plugins/taint-toleration";
import { podRequests } from "../scheduler/resources";

export interface Rejection {
  reason: string;
  message: string;
}

export const insufficientResourceMessage = (r: string, requested: number, used: number, capacity: number): string =>
  `Node didn't have enough resource: ${r}, requested: ${requested}, used: ${used}, capacity: ${capacity}`;
export const predicateFailedMessage = (name: string): string => `Predicate ${name} failed`;
export const REJECTED_PREFIX = "Pod was rejected: ";

/** The first failing predicate, or undefined when the pod may run here. */
export function admitPod(pod: Pod, node: Node, info: NodeInfo): Rejection | undefined {
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return { reason: "NodeName", message: predicateFailedMessage("NodeName") };
  if (!podMatchesNode(pod, node)) return { reason: "NodeAffinity", message: predicateFailedMessage("NodeAffinity") };
  const ports = hostPorts(pod);
  if (ports.some((p) => info.usedPorts.has(p))) return { reason: "NodePorts", message: predicateFailedMessage("NodePorts") };
  const { requests, nonZero } = podRequests(pod);
  const short = fitsRequest({ pod, requests, nonZero, hostPorts: ports }, info)[0];
  if (short) return { reason: `OutOf${short.resource}`, message: insufficientResourceMessage(short.resource, short.requested, short.used, short.capacity) };
  if (findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, (t) => t.effect === "NoExecute")) {
    return { reason: "TaintToleration", message: predicateFailedMessage("TaintToleration") };
  }
  return undefined;
}
