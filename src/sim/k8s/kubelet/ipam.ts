// The CNI's host-local IPAM: each node hands out pod IPs from its spec.podCIDR, starting at .2
// (.1 is the bridge), continuing after the last address it gave and skipping addresses in use,
// so freed IPs are reused only after the range wraps — as host-local does.

import type { KubeCluster } from "../cluster";
import { intToIp, ipToInt } from "../api/allocators";
import type { Node, Pod } from "../controllers/model";

export class PodIpam {
  private used?: Map<string, Set<string>>;
  private pods: readonly Pod[] = [];

  constructor(private readonly cluster: KubeCluster) {}

  /** The pods of this kubelet pass: their addresses are indexed when the pass first allocates. */
  beginPass(pods: readonly Pod[]): void {
    this.pods = pods;
    this.used = undefined;
  }

  private inUse(): Map<string, Set<string>> {
    if (this.used) return this.used;
    this.used = new Map();
    for (const p of this.pods) {
      const ip = p.status?.podIP;
      const node = p.spec.nodeName;
      if (!ip || !node || p.spec.hostNetwork) continue;
      let s = this.used.get(node);
      if (!s) this.used.set(node, (s = new Set()));
      s.add(ip);
    }
    return this.used;
  }

  allocate(nodeName: string): string | undefined {
    const node = this.cluster.store.get<Node>("Node", undefined, nodeName);
    const cidr = node?.spec?.podCIDR;
    if (!cidr) return undefined;
    const [base, bits] = cidr.split("/") as [string, string];
    const size = 2 ** (32 - Number(bits));
    const start = ipToInt(base);
    const inUse = this.inUse();
    let used = inUse.get(nodeName);
    if (!used) inUse.set(nodeName, (used = new Set()));
    const last = this.cluster.lastPodIP.get(nodeName) ?? 1;
    for (let i = 1; i < size - 1; i++) {
      const off = ((last - 1 + i) % (size - 2)) + 1;
      if (off < 2) continue;
      const ip = intToIp(start + off);
      if (!used.has(ip)) {
        used.add(ip);
        this.cluster.lastPodIP.set(nodeName, off);
        return ip;
      }
    }
    return undefined;
  }
}
