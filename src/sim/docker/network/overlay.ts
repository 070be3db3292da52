// Swarm-scoped networks (overlay): created through a manager, stored in the swarm, subnets from
// the default address pool, VXLAN IDs from 4097 (ingress 4096). `--opt encrypted` adds IPsec on
// the data path; Windows nodes silently cannot use it (no error, no traffic: see `reachability`).

import type { SwarmCluster, SwarmNetwork } from "../swarm/cluster";
import { gatewayOf, intToIp, overlaps, overlaySubnet, parseCidr } from "./ipam";

export const INGRESS_NAME = "ingress";

export interface OverlayOptions {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  attachable?: boolean;
  internal?: boolean;
  ingress?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

/** The n-th subnet of the swarm's default address pool (`--default-addr-pool`, mask length). */
function poolSubnet(c: SwarmCluster, n: number): { subnet: string; gateway: string } {
  const pool = parseCidr(c.settings.defaultAddrPool[0] ?? "10.0.0.0/8");
  const size = c.settings.subnetSize;
  if (!pool || size < pool.bits || size > 30) return overlaySubnet(n);
  const block = 2 ** (32 - size);
  const start = Math.floor(pool.base / 2 ** (32 - pool.bits)) * 2 ** (32 - pool.bits) + n * block;
  return { subnet: `${intToIp(start)}/${size}`, gateway: intToIp(start + 1) };
}

function allocateSubnet(c: SwarmCluster): { subnet: string; gateway: string } {
  const taken = [...c.networks.values()].map((n) => n.subnet);
  for (let guard = 0; guard < 65_536; guard++) {
    const s = poolSubnet(c, c.nextSubnet++);
    if (!taken.some((t) => overlaps(t, s.subnet))) return s;
  }
  return overlaySubnet(65_535);
}

export function createOverlay(c: SwarmCluster, now: number, o: OverlayOptions): SwarmNetwork {
  const sub = o.subnet ? { subnet: o.subnet, gateway: o.gateway || gatewayOf(o.subnet) } : o.ingress ? poolSubnet(c, 0) : allocateSubnet(c);
  // Only the overlay driver gets a VXLAN (a swarm-scoped bridge network, `--scope swarm`, none).
  const overlay = (o.driver ?? "overlay") === "overlay";
  const vxlan = o.ingress ? 4096 : overlay ? c.nextVxlan++ : 0;
  const net: SwarmNetwork = {
    id: c.newId(),
    name: o.name,
    driver: o.driver ?? "overlay",
    labels: o.labels ?? {},
    options: { ...(overlay ? { "com.docker.network.driver.overlay.vxlanid_list": String(vxlan) } : {}), ...(o.options ?? {}) },
    attachable: !!o.attachable,
    ingress: !!o.ingress,
    internal: !!o.internal,
    subnet: sub.subnet,
    gateway: sub.gateway,
    vxlanId: vxlan,
    createdAt: now,
  };
  c.networks.set(net.id, net);
  return net;
}

export function ingressOf(c: SwarmCluster): SwarmNetwork | undefined {
  for (const n of c.networks.values()) if (n.ingress) return n;
  return undefined;
}

export const isEncrypted = (n: SwarmNetwork): boolean => "encrypted" in n.options;
