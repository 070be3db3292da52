// Mirrors swarmkit's network allocator (manager/allocator/network.go): addresses on swarm networks
// come from each network's pool in order — a service's virtual IPs when it is created, then each
// new task's attachments (ingress first when the service publishes there, then its networks)
// before the task goes to PENDING. Addresses are handed out serially and not reused; a standalone
// container's attachment (network/attach.ts) takes one no VIP or task holds.

import { SideTable } from "../../clone";
import { hostAddress, ipToInt } from "../network/ipam";
import type { SwarmCluster } from "./cluster";
import type { Service, Task } from "./types";

const counters = new SideTable<SwarmCluster, Map<string, number>>();

/** The next free address of a swarm network, as "IP/prefix" ("" for an unknown network). */
export function allocateAddress(c: SwarmCluster, netId: string): string {
  let m = counters.get(c);
  if (!m) counters.set(c, (m = new Map()));
  const net = c.networks.get(netId);
  if (!net) return "";
  const taken = new Set(Object.values(net.attachments ?? {}).map((a) => ipToInt(a)));
  let n = m.get(netId) ?? 1;
  do n++; while (taken.has(ipToInt(hostAddress(net.subnet, n))) && n < 65_534);
  m.set(netId, n);
  return `${hostAddress(net.subnet, n)}/${net.subnet.split("/")[1]}`;
}

/** The networks a service's endpoint and tasks are on: ingress first when it publishes there. */
export function endpointNetworks(c: SwarmCluster, svc: Service): string[] {
  const nets = [...svc.spec.networks];
  const ingress = [...c.networks.values()].find((n) => n.ingress);
  if (ingress && svc.endpointPorts.some((p) => p.publishMode === "ingress")) nets.unshift(ingress.id);
  return nets;
}

/** A new task's network attachments (NetworksAttachments in `docker inspect`). */
export function allocateTaskAddresses(c: SwarmCluster, t: Task): void {
  const svc = c.services.get(t.serviceId);
  if (!svc) return;
  for (const id of endpointNetworks(c, svc)) {
    if (t.addresses[id]) continue;
    const a = allocateAddress(c, id);
    if (a) t.addresses[id] = a;
  }
}
