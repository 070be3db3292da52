// Joining and leaving a swarm (moby daemon/cluster: Init, Join, Leave, Unlock): the machine's
// daemon gets or loses its membership; managers join the raft. Returned errors are the daemon's
// messages, prefixed "Error response from daemon: " where the CLI shows it so.

import type { Host, World } from "../../world";
import { engineNetworks } from "../network/local";
import { removeNodeTaskContainers } from "./engine-sync";
import { createOverlay, INGRESS_NAME } from "../network/overlay";
import type { SwarmCluster } from "./cluster";
import {
  DAEMON, ERR_ADVERTISE_ADDR, ERR_INVALID_JOIN_TOKEN, ERR_MUST_SPECIFY_LISTEN_ADDR, ERR_JOIN_TIMEOUT, ERR_LEAVE_LAST_MANAGER, ERR_LEAVE_LOCKED,
  ERR_LEAVE_INACTIVE_MANAGER, ERR_LEAVE_MANAGER, ERR_LISTEN_ADDR, ERR_NOT_PART_OF_SWARM, ERR_SWARM_EXISTS, ERR_SWARM_NOT_MANAGER, ERR_WRONG_JOIN_TOKEN,
  errLeaveQuorum, errMultipleAddrsOnInterface, errMultipleInterfaces,
} from "./errors";
import { isWellFormedJoinToken } from "./ids";
import { electLeader, isReachable, quorumView } from "./raft";
import { swarmOf } from "./state";
import type { Availability, Role, SwarmNode } from "./types";

export const SWARM_PORT = 2377;

const IP_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function interfacesOf(host: Host): { name: string; ip: string }[] {
  return [{ name: "eth0", ip: host.ip }, ...host.interfaces];
}

/** `<ip|interface>[:port]` → ip and port, or undefined when it is neither. */
export function resolveAddr(host: Host, text: string, defaultPort: number): { ip: string; port: number } | undefined {
  const m = /^(.*?)(?::(\d+))?$/.exec(text.trim())!;
  const base = m[1]!;
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (IP_RE.test(base)) return { ip: base, port };
  const iface = interfacesOf(host).find((i) => i.name === base);
  return iface ? { ip: iface.ip, port } : undefined;
}

/** Every address the machine answers on (moby's listSystemIPs): loopback and its interfaces. */
function systemIPs(host: Host): string[] {
  return ["127.0.0.1", ...interfacesOf(host).map((i) => i.ip).filter(Boolean)];
}

type Advertised = { ok: true; ip: string; port: number; listenIp: string; listenPort: number } | { ok: false; error: string };

/**
 * The address a manager advertises (moby's resolveListenAddr + resolveAdvertiseAddr): the flag
 * (an IP or an interface, the port defaulting to the listen port), else a specific listen
 * address, else the machine's only address.
 */
export function advertiseAddress(host: Host, advertise: string, listen: string): Advertised {
  const l = resolveAddr(host, listen || `0.0.0.0:${SWARM_PORT}`, SWARM_PORT);
  if (!l) return { ok: false, error: DAEMON + ERR_LISTEN_ADDR };
  const listened = { listenIp: l.ip, listenPort: l.port };
  if (advertise) {
    const a = resolveAddr(host, advertise, l.port);
    if (!a || a.ip === "0.0.0.0") return { ok: false, error: DAEMON + ERR_ADVERTISE_ADDR };
    return { ok: true, ...a, ...listened };
  }
  if (l.ip !== "0.0.0.0") return { ok: true, ...l, ...listened };
  const only = onlySystemAddress(host);
  return only.ok ? { ok: true, ip: only.ip, port: l.port, ...listened } : only;
}

/** moby's resolveSystemAddr: the one address of the machine, or why there is no single one. */
function onlySystemAddress(host: Host): { ok: true; ip: string } | { ok: false; error: string } {
  const ifs = interfacesOf(host).filter((i) => i.ip);
  if (ifs.length > 1) {
    const [a, b] = ifs as [{ name: string; ip: string }, { name: string; ip: string }];
    const msg = a.name === b.name ? errMultipleAddrsOnInterface(a.name, a.ip, b.ip) : errMultipleInterfaces(a.ip, a.name, b.ip, b.name);
    return { ok: false, error: DAEMON + msg };
  }
  return { ok: true, ip: host.ip };
}

function addNode(world: World, c: SwarmCluster, host: Host, role: Role, availability: Availability, ip: string, port: number, listenPort: number): SwarmNode {
  const node: SwarmNode = {
    id: c.newId(), host: host.name, role, availability, labels: {}, addr: ip,
    managerAddr: role === "manager" ? `${ip}:${port}` : undefined,
    ...(listenPort !== SWARM_PORT ? { listenPort } : {}),
    state: "ready", createdAt: world.now, updatedAt: world.now, joinIndex: c.nextJoinIndex(),
  };
  c.nodes.set(node.id, node);
  if (role === "manager") c.members.push(node.id);
  swarmOf(world).membership.set(host.name, { clusterId: c.id, nodeId: node.id, locked: false });
  engineNetworks(world).ensureGwbridge(host.name);
  return node;
}

export interface InitOptions {
  advertiseAddr: string;
  listenAddr: string;
  autolock: boolean;
  forceNewCluster: boolean;
  availability: Availability;
  taskHistoryLimit?: number;
  defaultAddrPool?: string[];
  subnetSize?: number;
  dataPathPort?: number;
}

export type InitResult = { ok: true; cluster: SwarmCluster; node: SwarmNode } | { ok: false; error: string };

export function swarmInit(world: World, host: Host, o: InitOptions): InitResult {
  const st = swarmOf(world);
  const cur = st.of(host);
  // A pending join is a node runner too: no second swarm, and no manager to force a cluster on.
  if (st.pending.has(host.name)) return { ok: false, error: DAEMON + (o.forceNewCluster ? ERR_SWARM_NOT_MANAGER : ERR_SWARM_EXISTS) };
  if (cur && !o.forceNewCluster) return { ok: false, error: DAEMON + ERR_SWARM_EXISTS };
  // moby checks the node is a manager before it resolves any address — a running swarm node with
  // a manager (nodeState.IsManager): a locked manager runs none until it is unlocked.
  if (cur && ((!cur.cluster.members.includes(cur.node.id) && cur.node.role !== "manager") || cur.membership.locked)) {
    return { ok: false, error: DAEMON + ERR_SWARM_NOT_MANAGER };
  }
  const addr = advertiseAddress(host, o.advertiseAddr, o.listenAddr);
  if (!addr.ok) return addr;
  // moby's Init: listening everywhere, the advertised IP must be the machine's own — else the
  // machine's only address is used locally, and with several it gives up.
  if (addr.listenIp === "0.0.0.0" && !systemIPs(host).includes(addr.ip)) {
    const only = onlySystemAddress(host);
    if (!only.ok) return { ok: false, error: DAEMON + ERR_MUST_SPECIFY_LISTEN_ADDR };
  }
  if (cur) {
    return forceNewCluster(world, cur.cluster, cur.node, addr.ip, addr.port);
  }
  const c = st.newCluster();
  if (o.taskHistoryLimit !== undefined) c.settings.taskHistoryLimit = o.taskHistoryLimit;
  if (o.defaultAddrPool?.length) c.settings.defaultAddrPool = o.defaultAddrPool;
  if (o.subnetSize) c.settings.subnetSize = o.subnetSize;
  if (o.dataPathPort) c.settings.dataPathPort = o.dataPathPort;
  if (o.autolock) {
    c.autolock = true;
    c.rotateUnlockKey();
  }
  const node = addNode(world, c, host, "manager", o.availability, addr.ip, addr.port, addr.listenPort);
  c.leaderId = node.id;
  createOverlay(c, world.now, { name: INGRESS_NAME, ingress: true });
  world.record("swarm", "init", `node/${host.name}`, { cluster: c.id });
  world.settle();
  return { ok: true, cluster: c, node };
}

/**
 * Keeps all state, makes this manager the only raft member (and leader). The other managers are
 * out of the raft but still hold their swarm state: they come back Down and unable to manage
 * until `swarm leave --force` (or `node demote` + `node rm` from here) and a fresh join.
 */
function forceNewCluster(world: World, c: SwarmCluster, node: SwarmNode, ip: string, port: number): InitResult {
  const st = swarmOf(world);
  for (const id of c.members) {
    if (id === node.id) continue;
    const other = c.nodes.get(id);
    const m = other ? st.membership.get(other.host) : undefined;
    if (m?.clusterId === c.id && m.nodeId === id) m.evicted = true;
  }
  c.members = [node.id];
  node.addr = ip;
  node.managerAddr = `${ip}:${port}`;
  node.state = "ready";
  c.leaderId = node.id;
  electLeader(c);
  world.record("swarm", "force-new-cluster", `node/${node.host}`, { cluster: c.id });
  world.settle();
  return { ok: true, cluster: c, node };
}

export interface JoinOptions {
  token: string;
  remote: string;
  advertiseAddr: string;
  listenAddr: string;
  availability: Availability;
}

export type JoinResult = { ok: true; role: Role; cluster: SwarmCluster; node: SwarmNode } | { ok: false; error: string };

export function swarmJoin(world: World, host: Host, o: JoinOptions): JoinResult {
  const st = swarmOf(world);
  if (st.of(host) || st.pending.has(host.name)) return { ok: false, error: DAEMON + ERR_SWARM_EXISTS };
  // swarmkit parses a token only when one is given; without one the CA refuses the node
  // (IssueNodeCertificate: no role matches) — the "valid join token" error below.
  if (o.token !== "" && !isWellFormedJoinToken(o.token)) return { ok: false, error: DAEMON + ERR_INVALID_JOIN_TOKEN };
  const listen = resolveAddr(host, o.listenAddr || `0.0.0.0:${SWARM_PORT}`, SWARM_PORT);
  if (!listen) return { ok: false, error: DAEMON + ERR_LISTEN_ADDR };
  const res = attemptJoin(world, host, o, listen.port);
  if (!res) return joinTimedOut(world, host, o);
  if (res.ok) world.settle();
  return res;
}

/**
 * One try of the node runner: undefined when no manager with a leader answers at the remote
 * address, else the managers' answer (the node added, or the token refused).
 */
function attemptJoin(world: World, host: Host, o: JoinOptions, listenPort: number): JoinResult | undefined {
  const st = swarmOf(world);
  // validateAddr: the remote's port defaults to 2377. Only a manager listening on that port
  // answers; anything else leaves the join trying in the background (moby's 20 s
  // swarmConnectTimeout, then the node stays pending).
  const remoteAddr = normalisedRemote(o.remote);
  const [remoteIp, remotePort] = [remoteAddr.replace(/:\d+$/, ""), Number(/:(\d+)$/.exec(remoteAddr)![1])];
  const remoteHost = world.hostByAddress(remoteIp);
  const remote = remoteHost && remoteHost.up ? st.of(remoteHost) : undefined;
  const answers = remote && !remote.membership.locked && remote.cluster.members.includes(remote.node.id) &&
    (remote.node.listenPort ?? SWARM_PORT) === remotePort;
  if (!remote || !answers || !quorumView(remote.cluster).hasQuorum) return undefined;
  const c = remote.cluster;
  const role: Role | undefined = o.token === c.workerToken ? "worker" : o.token === c.managerToken ? "manager" : undefined;
  if (!role) return { ok: false, error: DAEMON + ERR_WRONG_JOIN_TOKEN };
  // For joining an advertise address is optional (the remote sees where the node calls from):
  // moby drops one it cannot resolve instead of failing.
  const a = o.advertiseAddr ? resolveAddr(host, o.advertiseAddr, listenPort) : undefined;
  // Without one, the managers record the address the node calls from: the interface on the
  // manager's network (the machines' prefixes are /24), else the default route's (eth0).
  const net24 = (ip: string) => ip.replace(/\.\d+$/, "");
  const calling = interfacesOf(host).find((i) => i.ip && net24(i.ip) === net24(remoteIp))?.ip ?? host.ip;
  const ip = a && a.ip !== "0.0.0.0" ? a.ip : calling;
  const port = a && a.ip !== "0.0.0.0" ? a.port : listenPort;
  // Rejoining after `swarm leave`: the old entry stays (Down) and a new node is made.
  const node = addNode(world, c, host, role, o.availability, ip, port, listenPort);
  world.record("swarm", "join", `node/${host.name}`, { role });
  return { ok: true, role, cluster: c, node };
}

const normalisedRemote = (remote: string): string => (/:\d+$/.test(remote) ? remote : `${remote}:${SWARM_PORT}`);

/** No manager answered: the CLI gives up after swarmConnectTimeout; the daemon keeps trying. */
function joinTimedOut(world: World, host: Host, o: JoinOptions): JoinResult {
  world.advance(SWARM_CONNECT_TIMEOUT_MS);
  const remote = normalisedRemote(o.remote);
  const { token, advertiseAddr, listenAddr, availability } = o;
  swarmOf(world).pending.set(host.name, { remote, opts: { token, advertiseAddr, listenAddr, availability } });
  world.record("swarm", "join-pending", `node/${host.name}`, { remote });
  return { ok: false, error: DAEMON + ERR_JOIN_TIMEOUT };
}

/**
 * The node runners of timed-out joins keep trying (swarmkit's join loop with back-off): once the
 * manager they call answers with a leader behind it, the node joins. A refused token leaves the
 * runner pending. Returns true if a node joined.
 */
export function retryPendingJoins(world: World): boolean {
  const st = swarmOf(world);
  let joined = false;
  for (const [name, p] of [...st.pending].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const host = world.host(name);
    if (!p.opts || !host?.up) continue;
    const listen = resolveAddr(host, p.opts.listenAddr || `0.0.0.0:${SWARM_PORT}`, SWARM_PORT);
    if (!listen) continue;
    const res = attemptJoin(world, host, { ...p.opts, remote: p.remote }, listen.port);
    if (!res?.ok) continue;
    st.pending.delete(name);
    joined = true;
  }
  return joined;
}

/** moby daemon/cluster: swarmConnectTimeout. */
export const SWARM_CONNECT_TIMEOUT_MS = 20_000;

export type LeaveResult = { ok: true } | { ok: false; error: string };

export function swarmLeave(world: World, host: Host, force: boolean): LeaveResult {
  const st = swarmOf(world);
  const cur = st.of(host);
  if (!cur && st.pending.delete(host.name)) {
    world.record("swarm", "leave", `node/${host.name}`, {});
    return { ok: true };
  }
  if (!cur) return { ok: false, error: DAEMON + ERR_NOT_PART_OF_SWARM };
  const { cluster: c, node, membership } = cur;
  if (!force) {
    if (membership.locked) return { ok: false, error: DAEMON + ERR_LEAVE_LOCKED };
    // Still a manager in its own eyes (IsManager) but with no control API (not IsActiveManager):
    // moby's Leave cannot count the managers and warns that consensus may be lost.
    if (membership.evicted) return { ok: false, error: DAEMON + ERR_LEAVE_INACTIVE_MANAGER };
    if (c.members.includes(node.id)) {
      // Leave counts the managers through ListNodes; without a leader that call fails and the
      // daemon gives the general warning only.
      if (!quorumView(c).hasQuorum) return { ok: false, error: DAEMON + ERR_LEAVE_MANAGER };
      const reachable = c.members.filter((id) => isReachable(c, id)).length;
      const total = c.members.length;
      if (total === 1) return { ok: false, error: DAEMON + ERR_LEAVE_LAST_MANAGER };
      if (reachable - 1 <= total / 2) return { ok: false, error: DAEMON + errLeaveQuorum(reachable - 1, total) };
      return { ok: false, error: DAEMON + ERR_LEAVE_MANAGER };
    }
  }
  st.membership.delete(host.name);
  // The node's task containers go away with the membership; the managers are not told (they
  // see the node go down, its tasks still in the state last reported).
  removeNodeTaskContainers(world, c, node.id);
  if (c.members.length === 1 && c.members[0] === node.id) {
    // The last manager leaving erases the swarm.
    for (const [h, m] of [...st.membership]) if (m.clusterId === c.id) st.membership.delete(h);
    st.clusters.delete(c.id);
  }
  world.record("swarm", "leave", `node/${host.name}`, {});
  world.settle();
  return { ok: true };
}
