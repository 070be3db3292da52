// What a container's programs see of the network (libnetwork's sandbox resolver and the bridge/
// overlay data path): the runtime's NetworkHooks for an engine container (standalone, compose, or
// a swarm task's).
//
// Docker's embedded DNS server (127.0.0.11) serves containers attached to a user-defined network
// (a user-defined bridge, an attachable overlay): on each network the container shares with
// another, that container's name, its network aliases (compose: the service name) and its short
// ID resolve to its address there, as does `NAME.NETWORK`; on a swarm network, a service's name
// resolves to its virtual IP (dnsrr: its tasks' addresses) and `tasks.SERVICE` to every task's
// address. Only running containers have endpoints. A container that is on the
// default bridge only (or host/none) does not use it: its resolv.conf is the host's, container
// names do not resolve there (links are not modelled), so no resolver is simulated for it.
// Traffic goes to the container behind the address — by IP also on the default bridge (ICC) —
// and a service's virtual IP is balanced over its running tasks in turn (IPVS round robin).
//
// The hooks are a class instance holding the world, not closures: a container's start options
// live in the world, and a copied world (grading forks) must reach its own containers.

import type { HttpResult } from "../../runtime/http";
import type { ConnectResult, DnsAnswer, NetworkHooks } from "../../runtime/types";
import { SideTable } from "../../clone";
import { hostHttp } from "../../programs/host-network";
import type { World } from "../../world";
import { engineSlot, type Container } from "../engine/state";
import { SWARM } from "../swarm/state";
import type { Service } from "../swarm/types";
import { engineNetworks } from "./local";

/** Connections made to each service's virtual IP so far (the next goes to the next task). */
const balancer = new SideTable<Service, number>();

/** The embedded DNS server's address, as nslookup shows it. */
export const EMBEDDED_DNS = "127.0.0.11";

/** Someone reachable on a network: a container's endpoint or a service's virtual IP. */
interface Peer {
  names: string[];
  address: string;
  /** A virtual IP's service (connections are balanced over its tasks). */
  service?: Service;
  /** The container behind the address; for a virtual IP, the service's running task containers. */
  targets: () => Container[];
}

interface Attachment {
  network: string;
  /** User-defined (embedded DNS); the default bridge is reachable by address only. */
  dns: boolean;
  peers: Peer[];
}

const isRunning = (c: Container | undefined): c is Container => c?.status === "running";
/**
 * Containers a client starts at once (compose's start phase runs a wave's services concurrently):
 * while the simulator starts them one by one, each already sees the others' names, as the real
 * ones do by the time their programs look (an nginx resolving its upstream after its entrypoint).
 */
let startingTogether: ReadonlySet<Container> = new Set();
export function withStartingTogether<T>(containers: readonly Container[], fn: () => T): T {
  const saved = startingTogether;
  startingTogether = new Set(containers);
  try { return fn(); } finally { startingTogether = saved; }
}
/** Only running containers have endpoints; the asking container is there while it starts. */
const present = (c: Container | undefined, self: Container): c is Container =>
  c === self || isRunning(c) || (c !== undefined && startingTogether.has(c) && startingTogether.has(self));
const namesOf = (c: Container, aliases: string[] = []): string[] => [c.name, ...aliases, c.id.slice(0, 12)];

/** The first container of any engine that matches (an overlay spans the swarm's machines). */
function findContainer(world: World, match: (c: Container) => boolean): Container | undefined {
  for (const h of world.peekSlot(engineSlot)?.hosts.values() ?? []) {
    const c = h.containers.find(match);
    if (c) return c;
  }
  return undefined;
}

/** A task's container, by the label the executor gives it. */
const TASK_LABEL = "com.docker.swarm.task.id";
const taskContainer = (world: World, taskId: string): Container | undefined =>
  findContainer(world, (x) => x.labels[TASK_LABEL] === taskId);

/**
 * A service's names on its networks: its own and, for a stack's service, the compose service key
 * (the stack's convertServiceNetworks gives it as the alias on every network).
 */
function serviceNames(svc: Service): string[] {
  const ns = svc.spec.labels[STACK_NAMESPACE];
  return ns && svc.spec.name.startsWith(`${ns}_`) ? [svc.spec.name, svc.spec.name.slice(ns.length + 1)] : [svc.spec.name];
}
const STACK_NAMESPACE = "com.docker.stack.namespace";

/** The networks `c` is attached to, in its order, with who can be reached on each. */
function attachments(world: World, host: string, c: Container): Attachment[] {
  const out: Attachment[] = [];
  const local = engineNetworks(world).of(host);
  const swarm = world.peekSlot(SWARM)?.of(host);
  const engine = world.peekSlot(engineSlot)?.hosts.get(host);
  for (const name of c.networks) {
    const n = local.find((x) => x.name === name);
    if (n) {
      if (n.driver === "host" || n.driver === "null" || !n.endpoints.some((e) => e.containerId === c.id)) continue;
      const peers = n.endpoints.flatMap((e): Peer[] => {
        const peer = engine?.containers.find((x) => x.id === e.containerId);
        return present(peer, c) && e.ipv4 ? [{ names: namesOf(peer, e.aliases), address: e.ipv4, targets: () => [peer] }] : [];
      });
      out.push({ network: name, dns: !n.builtin, peers });
      continue;
    }
    const cluster = swarm?.cluster;
    const s = cluster ? [...cluster.networks.values()].find((x) => x.name === name) : undefined;
    if (!s || !cluster) continue;
    const ownTask = cluster.tasks.get(c.labels[TASK_LABEL] ?? "");
    if (!(s.attachments && c.id in s.attachments) && !ownTask?.addresses[s.id]) continue;
    const peers: Peer[] = [];
    for (const [id, address] of Object.entries(s.attachments ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const peer = findContainer(world, (x) => x.id === id);
      if (present(peer, c) && peer.networks.includes(name)) peers.push({ names: namesOf(peer), address, targets: () => [peer] });
    }
    const services = [...cluster.services.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
    for (const svc of services) {
      const svcNames = serviceNames(svc);
      const tasks = [...cluster.tasks.values()].filter((t) => t.serviceId === svc.id && t.addresses[s.id])
        .sort((a, b) => a.slot - b.slot || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0) || a.seq - b.seq);
      // Each task's container: its name, `tasks.SERVICE` and, without a virtual IP (dnsrr), the service name.
      for (const t of tasks) {
        const tc = taskContainer(world, t.id);
        if (!present(tc, c)) continue;
        const names = [...namesOf(tc), ...svcNames.map((n) => `tasks.${n}`), ...(svc.spec.endpointMode === "dnsrr" ? svcNames : [])];
        peers.push({ names, address: t.addresses[s.id]!.split("/")[0]!, targets: () => [tc] });
      }
      const vip = svc.virtualIPs[s.id];
      if (!vip || !svc.spec.networks.includes(s.id)) continue;
      const backends = () => tasks.filter((t) => t.state === "running").map((t) => taskContainer(world, t.id)).filter(isRunning);
      peers.push({ names: svcNames, address: vip.split("/")[0]!, targets: backends, service: svc });
    }
    out.push({ network: name, dns: true, peers });
  }
  return out;
}

/** The addresses a name has from `c` (first network that knows it), or undefined. */
function resolve(world: World, host: string, c: Container, name: string): string[] | undefined {
  const q = name.toLowerCase().replace(/\.$/, "");
  for (const a of attachments(world, host, c)) {
    if (!a.dns) continue;
    // `NAME.NETWORK` asks one network by name.
    const suffix = `.${a.network.toLowerCase()}`;
    const wanted = q.endsWith(suffix) ? [q, q.slice(0, -suffix.length)] : [q];
    const hits = a.peers.filter((p) => p.names.some((n) => wanted.includes(n.toLowerCase()))).map((p) => p.address);
    if (hits.length) return [...new Set(hits)];
  }
  return undefined;
}

/** The runtime's network hooks for an engine container (see the header). */
export class EngineNetworkHooks implements NetworkHooks {
  constructor(readonly world: World, readonly host: string, readonly containerId: string) {}

  private self(): Container | undefined {
    return this.world.peekSlot(engineSlot)?.hosts.get(this.host)?.containers.find((x) => x.id === this.containerId);
  }

  /** Whether the container uses the embedded DNS server (a user-defined network). */
  private usesEmbeddedDns(c: Container): boolean {
    return attachments(this.world, this.host, c).some((a) => a.dns);
  }

  // Getters, not methods: the runtime reads them off the object (`{ lookup: network.lookup }`).
  get resolves(): ((name: string) => boolean) | undefined {
    const c = this.self();
    if (!c || !this.usesEmbeddedDns(c)) return undefined;
    return (name) => resolve(this.world, this.host, c, name) !== undefined;
  }

  get lookup(): ((name: string) => DnsAnswer) | undefined {
    const c = this.self();
    if (!c || !this.usesEmbeddedDns(c)) return undefined;
    return (name) => {
      const addresses = resolve(this.world, this.host, c, name);
      return { server: EMBEDDED_DNS, ...(addresses ? { found: { fqdn: name, addresses } } : {}) };
    };
  }

  /** A TCP connect (`nc -z`): the container behind the name or address accepts if it listens. */
  get connect(): (host: string, port: number) => ConnectResult | undefined {
    return (target, port) => {
      const c = this.self();
      if (!c || c.networks[0] === "host") return undefined;
      const byIp = /^\d+\.\d+\.\d+\.\d+$/.test(target);
      const address = byIp ? target : resolve(this.world, this.host, c, target)?.[0];
      if (address === undefined) return byIp ? undefined : { kind: "unresolved" };
      const peer = attachments(this.world, this.host, c).flatMap((a) => a.peers).find((p) => p.address === address);
      if (!peer) return undefined;
      return { kind: peer.targets().some((t) => t.process?.tcpConnect(port)) ? "open" : "refused", address };
    };
  }

  get http(): (url: string) => HttpResult | undefined {
    return (url) => {
      const c = this.self();
      return c ? httpFrom(this.world, this.host, c, url) : undefined;
    };
  }
}

/**
 * An HTTP request from `c` to another container (by name or address) or to a machine's address
 * (its published ports, the routing mesh: what the machine itself would answer); undefined: not
 * ours to answer. A container in the host's network namespace sees what its machine sees.
 */
function httpFrom(world: World, host: string, c: Container, url: string): HttpResult | undefined {
  const m = /^([a-z]+):\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(url);
  if (!m) return undefined;
  const target = m[2]!;
  const machine = world.host(host);
  if (c.networks[0] === "host") return machine ? hostHttp(world, machine, url) : undefined;
  // Loopback is the container's own: nothing else shares it (no --network container:).
  if (target === "localhost" || target.startsWith("127.")) return undefined;
  const port = m[3] ? Number(m[3]) : m[1]!.toLowerCase() === "https" ? 443 : 80;
  const byIp = /^\d+\.\d+\.\d+\.\d+$/.test(target);
  const address = byIp ? target : resolve(world, host, c, target)?.[0];
  if (address === undefined) return byIp ? undefined : { kind: "unresolved" };
  const peer = attachments(world, host, c).flatMap((a) => a.peers).find((p) => p.address === address);
  if (!peer) return byIp && machine && world.hostByAddress(address) ? hostHttp(world, machine, url) : undefined;
  const self = attachments(world, host, c).flatMap((a) => a.peers).find((p) => p.targets().includes(c));
  const targets = peer.targets();
  let backend = targets[0];
  if (peer.service && targets.length > 1) {
    const turn = balancer.get(peer.service) ?? 0;
    balancer.set(peer.service, turn + 1);
    backend = targets[turn % targets.length];
  }
  if (!backend?.process) return { kind: "refused", address };
  const r = backend.process.httpGet(port, m[4] ?? "/", { client: self?.address ?? address, host: m[3] ? `${target}:${m[3]}` : target });
  return r.kind === "unresolved" ? r : { ...r, address };
}

/**
 * What libnetwork's sandbox writes /etc/hosts and /etc/resolv.conf from: the container's
 * addresses on its networks (in order), and whether one of them is user-defined (embedded DNS).
 */
export function sandboxAddresses(world: World, host: string, c: Container): { addresses: string[]; embeddedDns: boolean } {
  const addresses: string[] = [];
  let embeddedDns = false;
  for (const a of attachments(world, host, c)) {
    embeddedDns ||= a.dns;
    const mine = a.peers.find((p) => p.targets().includes(c) && p.names[0] === c.name);
    if (mine && !addresses.includes(mine.address)) addresses.push(mine.address);
  }
  return { addresses, embeddedDns };
}

/** The address the container's processes see as their own (`hostname -i`): its first network's. */
export function containerAddress(world: World, host: string, c: Container): string | undefined {
  for (const a of attachments(world, host, c)) {
    const mine = a.peers.find((p) => p.targets().includes(c) && p.names[0] === c.name);
    if (mine) return mine.address;
  }
  return undefined;
}
