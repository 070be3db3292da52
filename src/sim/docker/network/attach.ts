// Standalone containers on swarm networks (libnetwork's attachable overlays): `docker run
// --network NET` / `docker network connect` on any swarm node may name an attachable overlay even
// where it is not instantiated yet — the daemon asks the managers for it (a network attachment),
// and the overlay then appears on that node (`network ls`, `network inspect` Containers) while a
// container uses it. A non-attachable overlay is refused with the manager's PermissionDenied.

import type { Host, World } from "../../world";
import { engineHost, type Container } from "../engine/state";
import type { SwarmCluster, SwarmNetwork } from "../swarm/cluster";
import { swarmOf } from "../swarm/state";
import { hostAddress, ipToInt } from "./ipam";
import { engineNetworks } from "./local";
import { errNetworkNotFound, errNotAttachable, findNetwork, type Found } from "./index";

/** The running containers of `host` attached to a swarm network. */
export function standaloneOn(world: World, host: string, net: SwarmNetwork): Container[] {
  const att = net.attachments;
  if (!att) return [];
  return engineHost(world, host).containers.filter((c) => c.id in att && c.status === "running" && c.networks.includes(net.name));
}

/** Lookup for attaching: what the engine sees, then (on a swarm node) the swarm's networks. */
export function findForAttach(world: World, host: Host, ref: string): Found {
  const local = findNetwork(world, host, ref);
  if (local.ok) return local;
  const st = swarmOf(world).of(host);
  if (!st || st.membership.locked) return local;
  const all = [...st.cluster.networks.values()].filter((n) => !n.ingress);
  const hit = all.find((n) => n.id === ref) ?? all.find((n) => n.name === ref) ?? (ref ? onlyOne(all.filter((n) => n.id.startsWith(ref))) : undefined);
  return hit ? { ok: true, network: { scope: "swarm", net: hit, cluster: st.cluster } } : { ok: false, error: errNetworkNotFound(ref) };
}

const onlyOne = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

/** An address on the overlay for a standalone container (after the services' virtual IPs). */
export function attachToOverlay(c: SwarmCluster, net: SwarmNetwork, containerId: string): string {
  net.attachments ??= {};
  const have = net.attachments[containerId];
  if (have) return have;
  const used = new Set<number>([ipToInt(net.gateway) ?? -1]);
  for (const s of c.services.values()) {
    const vip = s.virtualIPs[net.id];
    if (vip) used.add(ipToInt(vip.split("/")[0]!) ?? -1);
  }
  for (const a of Object.values(net.attachments)) used.add(ipToInt(a) ?? -1);
  for (const t of c.tasks.values()) if (t.addresses[net.id]) used.add(ipToInt(t.addresses[net.id]!.split("/")[0]!) ?? -1);
  let ip = "";
  for (let i = 2; i < 65_534; i++) {
    ip = hostAddress(net.subnet, i);
    if (!used.has(ipToInt(ip) ?? -1)) break;
  }
  net.attachments[containerId] = ip;
  return ip;
}

export interface ContainerNetwork {
  name: string;
  id: string;
  gateway: string;
  ipv4: string;
  prefixLen: number;
  aliases: string[];
}

/** Every network a container is attached to, local and swarm, in its own order (`docker inspect`). */
export function containerNetworks(world: World, host: Host, c: Container): ContainerNetwork[] {
  const out: ContainerNetwork[] = [];
  const local = engineNetworks(world).of(host.name);
  const st = swarmOf(world).of(host);
  for (const name of c.networks) {
    const n = local.find((x) => x.name === name);
    if (n) {
      const ep = n.endpoints.find((e) => e.containerId === c.id);
      out.push({ name, id: n.id, gateway: n.gateway, ipv4: ep?.ipv4 ?? "", prefixLen: Number(n.subnet.split("/")[1] ?? 0), aliases: ep?.aliases ?? [] });
      continue;
    }
    const s = st ? [...st.cluster.networks.values()].find((x) => x.name === name && x.attachments && c.id in x.attachments) : undefined;
    if (s) out.push({ name, id: s.id, gateway: s.gateway, ipv4: s.attachments![c.id]!, prefixLen: Number(s.subnet.split("/")[1] ?? 0), aliases: [c.id.slice(0, 12)] });
  }
  return out;
}

const PREDEFINED = new Set(["", "default", "bridge", "host", "none"]);

/** The daemon's refusal of `docker run --network NET`, if any (not found / not attachable). */
export function runNetworkError(world: World, host: Host, ref: string): string | undefined {
  if (PREDEFINED.has(ref) || ref.startsWith("container:")) return undefined;
  const found = findForAttach(world, host, ref);
  if (!found.ok) return found.error;
  if (found.network.scope === "swarm" && !found.network.net.attachable) return errNotAttachable(found.network.net.name);
  return undefined;
}

/** Attaches a new container to a swarm network named in its --network (local ones are the engine's). */
export function attachSwarmByName(world: World, hostName: string, name: string, containerId: string): void {
  const host = world.host(hostName);
  if (!host) return;
  const found = findForAttach(world, host, name);
  if (found.ok && found.network.scope === "swarm" && found.network.net.attachable) attachToOverlay(found.network.cluster, found.network.net, containerId);
}
