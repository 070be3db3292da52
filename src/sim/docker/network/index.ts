// Docker networks, local and swarm-scoped, behind one API that the docker CLI handlers, Compose
// and stacks use: list what an engine sees, find by name/ID/prefix, create, remove, and attach or
// detach containers. Local networks live per engine (./local.ts); overlay networks live in the
// swarm (./overlay.ts) and are visible on managers, and on workers once a task — or a standalone
// container on an attachable overlay (./attach.ts) — uses them.

import type { Host, World } from "../../world";
import type { SwarmCluster, SwarmNetwork } from "../swarm/cluster";
import { annotationsError, DAEMON, ERR_NO_SWARM, ERR_OVERLAY_FROM_WORKER, rpc } from "../swarm/errors";
import { swarmOf } from "../swarm/state";
import { cidrContains, gatewayOf, overlaps } from "./ipam";
import { engineNetworks, type Endpoint, type LocalNetwork } from "./local";
import { engineHost } from "../engine/state";
import { attachToOverlay, findForAttach, standaloneOn } from "./attach";
import { createOverlay } from "./overlay";
import { localNetworks, removeNetwork as removeEngineNetwork } from "../engine/ops";

export { engineNetworks, type LocalNetwork, type Endpoint } from "./local";
export { createOverlay, ingressOf, isEncrypted, INGRESS_NAME } from "./overlay";
export { attachSwarmByName, containerNetworks, findForAttach, runNetworkError, standaloneOn, type ContainerNetwork } from "./attach";

export type AnyNetwork =
  | { scope: "local"; net: LocalNetwork }
  | { scope: "swarm"; net: SwarmNetwork; cluster: SwarmCluster };

export const networkName = (n: AnyNetwork): string => n.net.name;
export const networkId = (n: AnyNetwork): string => n.net.id;

export const errNetworkNotFound = (ref: string): string => `network ${ref} not found`;
export const errNetworkExists = (name: string): string => `network with name ${name} already exists`;
export const errNotAttachable = (name: string): string =>
  `Could not attach to network ${name}: ${rpc("PermissionDenied", `network ${name} not manually attachable`)}`;
export const ERR_POOL_OVERLAP = "invalid pool request: Pool overlaps with other one on this address space";

/** Every network the engine on `host` lists (`docker network ls`). */
export function visibleNetworks(world: World, host: Host): AnyNetwork[] {
  const engines = engineNetworks(world);
  const out: AnyNetwork[] = engines.of(host.name).map((net) => ({ scope: "local" as const, net }));
  // Networks the engine/Compose side created (project_default bridges) appear as local ones.
  for (const n of localNetworks(world, host.name)) {
    if (out.some((o) => o.net.name === n.name)) continue;
    out.push({ scope: "local", net: {
      id: n.id, name: n.name, driver: n.driver, scope: "local", subnet: n.subnet, gateway: gatewayOf(n.subnet),
      internal: false, attachable: false, ipv6: false, labels: n.labels, options: {}, createdAt: n.created,
      builtin: false, endpoints: [], nextHost: 2, engineOwned: true,
    } });
  }
  const st = swarmOf(world).of(host);
  if (st) {
    const isManager = st.cluster.members.includes(st.node.id) && !st.membership.locked;
    const used = new Set<string>();
    if (!isManager) {
      for (const t of st.cluster.tasks.values()) {
        if (t.nodeId === st.node.id && t.state === "running") for (const id of t.spec.networks) used.add(id);
      }
      // An attachable overlay is instantiated on a worker while a standalone container uses it.
      for (const net of st.cluster.networks.values()) if (standaloneOn(world, host.name, net).length > 0) used.add(net.id);
    }
    for (const net of st.cluster.networks.values()) {
      if (isManager || net.ingress || used.has(net.id)) out.push({ scope: "swarm", net, cluster: st.cluster });
    }
  }
  return out;
}

export type Found = { ok: true; network: AnyNetwork } | { ok: false; error: string };

/** Exact ID, exact name, then unique ID prefix, as the daemon resolves network references. */
export function findNetwork(world: World, host: Host, ref: string): Found {
  const all = visibleNetworks(world, host);
  const hit = all.find((n) => n.net.id === ref) ?? all.find((n) => n.net.name === ref);
  if (hit) return { ok: true, network: hit };
  const byPrefix = ref ? all.filter((n) => n.net.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return { ok: true, network: byPrefix[0]! };
  if (byPrefix.length > 1) return { ok: false, error: `network ${ref} is ambiguous (${byPrefix.length} matches found)` };
  return { ok: false, error: errNetworkNotFound(ref) };
}

export interface CreateOptions {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  attachable?: boolean;
  internal?: boolean;
  ingress?: boolean;
  ipv6?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  /** `--scope`: "swarm" makes a local driver's network the swarm's; "local" cannot hold an overlay. */
  scope?: string;
}

/** libnetwork NewNetwork's scope checks (Forbidden errors). */
export const errDowngradeScope = (driver: string): string => `cannot downgrade network scope for ${driver} networks`;
export const ERR_SWARM_SCOPE_INACTIVE = "cannot create a swarm scoped network when swarm is not active";

/** The built-in drivers a local network may use. */
const LOCAL_DRIVERS = ["bridge", "macvlan", "ipvlan"];

export type Created = { ok: true; network: AnyNetwork } | { ok: false; error: string };

/** `docker network create`: errors are daemon messages with the "Error response from daemon: " prefix. */
export function createNetwork(world: World, host: Host, o: CreateOptions): Created {
  const all = visibleNetworks(world, host);
  if (all.some((n) => n.net.name === o.name)) return { ok: false, error: DAEMON + errNetworkExists(o.name) };
  if (o.driver === "overlay" || o.ingress || o.scope === "swarm") {
    const st = swarmOf(world).of(host);
    // daemon.createNetwork refuses an overlay off a swarm first; then libnetwork's NewNetwork
    // checks the scope asked against the driver's, then where a swarm-scoped network may be made.
    if (o.driver === "overlay" && (!st || st.membership.locked)) return { ok: false, error: DAEMON + ERR_NO_SWARM };
    if (o.driver === "overlay" && o.scope === "local") return { ok: false, error: DAEMON + errDowngradeScope(o.driver) };
    if (!st) return { ok: false, error: DAEMON + ERR_SWARM_SCOPE_INACTIVE };
    if (st.membership.locked) return { ok: false, error: DAEMON + ERR_NO_SWARM };
    if (!st.cluster.members.includes(st.node.id)) return { ok: false, error: DAEMON + ERR_OVERLAY_FROM_WORKER };
    // swarmkit's validateNetworkSpec, in its order, then CreateNetwork's one-ingress rule.
    if (o.ingress && o.attachable) return { ok: false, error: DAEMON + rpc("InvalidArgument", "ingress network cannot be attachable") };
    const badName = annotationsError(o.name);
    if (badName) return { ok: false, error: DAEMON + badName };
    const existingIngress = [...st.cluster.networks.values()].find((n) => n.ingress);
    if (o.ingress && existingIngress) {
      return { ok: false, error: DAEMON + rpc("AlreadyExists", `ingress network (${existingIngress.id}) is already present`) };
    }
    const net = createOverlay(st.cluster, world.now, o);
    return { ok: true, network: { scope: "swarm", net, cluster: st.cluster } };
  }
  // libnetwork's driver lookup: a name no built-in driver has is a plugin nobody installed; the
  // host and null drivers hold their one network already.
  if (o.driver === "host" || o.driver === "null") return { ok: false, error: DAEMON + `only one instance of "${o.driver}" network is allowed` };
  if (!LOCAL_DRIVERS.includes(o.driver)) return { ok: false, error: DAEMON + `plugin ${JSON.stringify(o.driver)} not found` };
  const engines = engineNetworks(world);
  const local = engines.of(host.name);
  if (o.subnet && local.some((n) => n.subnet && overlaps(n.subnet, o.subnet!))) return { ok: false, error: DAEMON + ERR_POOL_OVERLAP };
  const sub = o.subnet ? { subnet: o.subnet, gateway: o.gateway || gatewayOf(o.subnet) } : engines.freeSubnet(host.name, localNetworks(world, host.name).map((n) => n.subnet));
  const net = engines.make(o.name, o.driver, sub, false, {
    internal: !!o.internal, attachable: !!o.attachable, ipv6: !!o.ipv6, labels: o.labels ?? {}, options: o.options ?? {},
  });
  local.push(net);
  return { ok: true, network: { scope: "local", net } };
}

/** Who uses a network (for `network rm`): service/task IDs for swarm networks, containers for local. */
export function networkUsers(n: AnyNetwork): { services: string[]; containers: string[] } {
  if (n.scope === "local") return { services: [], containers: n.net.endpoints.map((e) => e.containerId) };
  const services = [...n.cluster.services.values()].filter((s) => s.spec.networks.includes(n.net.id)).map((s) => s.id).sort();
  return { services, containers: [] };
}

/**
 * The endpoints libnetwork holds: a running (or paused) container's. The engine keeps a stopped
 * container's attachment (its address reserved) but its sandbox, and so its endpoint, is gone.
 */
export function activeEndpoints(world: World, host: string, net: LocalNetwork): Endpoint[] {
  const up = new Set(engineHost(world, host).containers.filter((c) => c.status === "running" || c.status === "paused").map((c) => c.id));
  return net.endpoints.filter((e) => up.has(e.containerId));
}

export type Removed = { ok: true } | { ok: false; error: string };

export function removeNetwork(world: World, host: Host, ref: string): Removed {
  const found = findNetwork(world, host, ref);
  if (!found.ok) return { ok: false, error: DAEMON + found.error };
  const n = found.network;
  if (n.scope === "local") {
    if (n.net.builtin) return { ok: false, error: DAEMON + `${n.net.name} is a pre-defined network and cannot be removed` };
    if (activeEndpoints(world, host.name, n.net).length > 0) {
      return { ok: false, error: DAEMON + `error while removing network: network ${n.net.name} id ${n.net.id} has active endpoints` };
    }
    // A stopped container's attachment is no endpoint: it goes with the network (its next start
    // then fails: network … not found).
    for (const e of [...n.net.endpoints]) engineNetworks(world).detach(n.net, e.containerId);
    if (n.net.engineOwned) {
      removeEngineNetwork(world, host.name, n.net.name);
      return { ok: true };
    }
    const list = engineNetworks(world).of(host.name);
    list.splice(list.indexOf(n.net), 1);
    return { ok: true };
  }
  const st = swarmOf(world).of(host);
  if (!st || !st.cluster.members.includes(st.node.id)) return { ok: false, error: DAEMON + ERR_OVERLAY_FROM_WORKER };
  const users = networkUsers(n);
  if (n.net.ingress && users.services.length === 0) {
    const publishing = [...n.cluster.services.values()].find((s) => s.endpointPorts.some((p) => p.publishMode === "ingress"));
    if (publishing) return { ok: false, error: DAEMON + rpc("FailedPrecondition", `ingress network cannot be removed because service ${publishing.id} depends on it`) };
  }
  if (users.services.length > 0) {
    return { ok: false, error: DAEMON + rpc("FailedPrecondition", `network ${n.net.id} is in use by service ${users.services[0]}`) };
  }
  n.cluster.networks.delete(n.net.id);
  return { ok: true };
}

/** Attaches a standalone container (docker run --network, compose) to a network on `host`. */
export function connectContainer(
  world: World, host: Host, ref: string, container: { id: string; name: string }, aliases: string[] = [],
): { ok: true; ipv4: string; network: AnyNetwork } | { ok: false; error: string } {
  const found = findForAttach(world, host, ref);
  if (!found.ok) return { ok: false, error: found.error };
  const n = found.network;
  if (n.scope === "swarm") {
    if (!n.net.attachable) return { ok: false, error: errNotAttachable(n.net.name) };
    return { ok: true, ipv4: attachToOverlay(n.cluster, n.net, container.id), network: n };
  }
  const ep = engineNetworks(world).attach(n.net, container.id, container.name, aliases);
  return { ok: true, ipv4: ep.ipv4, network: n };
}

export function disconnectContainer(world: World, host: Host, ref: string, containerId: string): { ok: true } | { ok: false; error: string } {
  const found = findNetwork(world, host, ref);
  if (!found.ok) return { ok: false, error: found.error };
  if (found.network.scope === "local") engineNetworks(world).detach(found.network.net, containerId);
  else delete found.network.net.attachments?.[containerId];
  return { ok: true };
}

export const gatewayMatches = (subnet: string, gateway: string): boolean => cidrContains(subnet, gateway);
