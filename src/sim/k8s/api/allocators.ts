// Mirrors the API server's allocators (pkg/registry/core/service/ipallocator and portallocator)
// and the node IPAM's per-node pod CIDRs. Service CIDR 10.96.0.0/12: random picks avoid the
// "static band" (the first 256 addresses) reserved for explicit requests; NodePorts
// 30000–32767 likewise avoid 30000–30085. Pod IPs come from the node's podCIDR in order
// (host-local IPAM: .1 is the bridge, addresses are handed out after the last one used).

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { invalid, type FieldError } from "./errors";

export const SERVICE_CIDR = "10.96.0.0/12";
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };
const SERVICE_BASE = ipToInt("10.96.0.0");
const SERVICE_SIZE = 1 << 20;
const STATIC_BAND = 256;
const NODEPORT_STATIC_BAND = 86;

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, p) => a * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function usedClusterIPs(cluster: KubeCluster, except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of cluster.store.list("Service")) {
    if (s.metadata.uid === except) continue;
    for (const ip of ((s.spec as any)?.clusterIPs ?? []) as string[]) used.add(ip);
  }
  return used;
}

export function usedNodePorts(cluster: KubeCluster, except?: string): Set<number> {
  const used = new Set<number>();
  for (const s of cluster.store.list("Service")) {
    if (s.metadata.uid === except) continue;
    for (const p of ((s.spec as any)?.ports ?? []) as { nodePort?: number }[]) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

/** Allocates (or checks) spec.clusterIP/clusterIPs of a new Service; returns field errors. */
export function allocateClusterIP(cluster: KubeCluster, svc: KObject): FieldError[] {
  const spec = svc.spec as Record<string, any>;
  if (spec.type === "ExternalName") return [];
  const requested = spec.clusterIP ?? spec.clusterIPs?.[0];
  if (requested === "None") {
    spec.clusterIP = "None";
    spec.clusterIPs = ["None"];
  } else if (requested) {
    const n = /^\d+\.\d+\.\d+\.\d+$/.test(requested) ? ipToInt(requested) : -1;
    if (n < SERVICE_BASE || n >= SERVICE_BASE + SERVICE_SIZE) {
      return [invalid("spec.clusterIPs", [requested], `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`, `[]string{${JSON.stringify(requested)}}`)];
    }
    if (usedClusterIPs(cluster).has(requested)) {
      return [invalid("spec.clusterIPs", [requested], `failed to allocate IP ${requested}: provided IP is already allocated`, `[]string{${JSON.stringify(requested)}}`)];
    }
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
  } else {
    const used = usedClusterIPs(cluster);
    const rng = cluster.rng;
    let ip = "";
    for (let tries = 0; tries < 10_000 && !ip; tries++) {
      const cand = intToIp(SERVICE_BASE + STATIC_BAND + rng.int(SERVICE_SIZE - STATIC_BAND - 1));
      if (!used.has(cand)) ip = cand;
    }
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  spec.ipFamilies ??= ["IPv4"];
  spec.ipFamilyPolicy ??= "SingleStack";
  return [];
}

/** Allocates (or checks) nodePorts for NodePort/LoadBalancer services. */
export function allocateNodePorts(cluster: KubeCluster, svc: KObject, old?: KObject): FieldError[] {
  const spec = svc.spec as Record<string, any>;
  const ports = (spec.ports ?? []) as { nodePort?: number; port: number }[];
  const wants = spec.type === "NodePort" || (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
  if (!wants) {
    if (spec.type === "ClusterIP" || spec.type === "ExternalName") for (const p of ports) delete p.nodePort;
    return [];
  }
  const used = usedNodePorts(cluster, old?.metadata.uid ?? svc.metadata.uid);
  const errs: FieldError[] = [];
  const mine = new Set<number>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
    } else if (used.has(p.nodePort)) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, "provided port is already allocated"));
    }
    mine.add(p.nodePort);
  });
  if (errs.length) return errs;
  const oldPorts = ((old?.spec as any)?.ports ?? []) as { nodePort?: number; port: number }[];
  for (const p of ports) {
    if (p.nodePort) continue;
    const prev = oldPorts.find((o) => o.port === p.port && o.nodePort);
    if (prev?.nodePort && !mine.has(prev.nodePort)) {
      p.nodePort = prev.nodePort;
      mine.add(prev.nodePort);
      continue;
    }
    for (let tries = 0; tries < 10_000; tries++) {
      const lo = NODE_PORT_RANGE.min + NODEPORT_STATIC_BAND;
      const cand = lo + cluster.rng.int(NODE_PORT_RANGE.max - lo + 1);
      if (!used.has(cand) && !mine.has(cand)) {
        p.nodePort = cand;
        mine.add(cand);
        break;
      }
    }
  }
  return [];
}

/** The next pod IP on a node (its spec.podCIDR), skipping addresses in use. */
export function allocatePodIP(cluster: KubeCluster, nodeName: string): string | undefined {
  const node = cluster.store.get("Node", undefined, nodeName);
  const cidr = (node?.spec as any)?.podCIDR as string | undefined;
  if (!cidr) return undefined;
  const [base, bits] = cidr.split("/") as [string, string];
  const size = 2 ** (32 - Number(bits));
  const start = ipToInt(base);
  const used = new Set<string>();
  for (const p of cluster.store.list("Pod")) {
    const ip = (p.status as any)?.podIP;
    if (ip && (p.spec as any)?.nodeName === nodeName && !(p.spec as any)?.hostNetwork) used.add(ip);
  }
  const last = cluster.lastPodIP.get(nodeName) ?? 1;
  for (let i = 1; i < size - 1; i++) {
    const off = ((last - 1 + i) % (size - 2)) + 1;
    if (off < 2) continue;
    const ip = intToIp(start + off);
    if (!used.has(ip)) {
      cluster.lastPodIP.set(nodeName, off);
      return ip;
    }
  }
  return undefined;
}
