// The CNI's host-local IPAM: each node hands out pod IPs from its spec.podCIDR, starting at .2
// (.1 is the bridge), continuing after the last address it gave and skipping addresses in use,
// so freed IPs are reused only after the range wraps — as host-local does.

import type { KubeCluster } from "../cluster";
import { intToIp, ipToInt } from "../api/allocators";
import type { Node, Pod } from "../controllers/model";

export class PodIpam {
  private used = new Map<string, Set<string>>();

  constructor(private readonly cluster: KubeCluster) {}

  /** Indexes the addresses in use, once per kubelet pass. */
  beginPass(pods: Pod[]): void {
    this.used = new Map();
    for (const p of pods) {
      const ip = p.status?.podIP;
      const node = p.spec.nodeName;
      if (!ip || !node || p.spec.hostNetwork) continue;
      let s = this.used.get(node);
      if (!s) this.used.set(node, (s = new Set()));
      s.add(ip);
    }
  }

  allocate(nodeName: string): string | undefined {
    const node = this.cluster.store.get<Node>("Node", undefined, nodeName);
    const cidr = node?.spec?.podCIDR;
    if (!cidr) return undefined;
    const [base, bits] = cidr.split("/") as [string, string];
    const size = 2 ** (32 - Number(bits));
    const start = ipToInt(base);
    let used = this.used.get(nodeName);
    if (!used) this.used.set(nodeName, (used = new Set()));
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
