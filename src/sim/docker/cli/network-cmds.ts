// `docker network create | ls | inspect | rm | connect | disconnect` (docker/cli
// cli/command/network) over the network API in ../network.

import type { World } from "../../world";
import {
  activeEndpoints, connectContainer, networkUsers, standaloneOn, createNetwork, disconnectContainer, findNetwork, removeNetwork, visibleNetworks, type AnyNetwork,
} from "../network";
import { cidrContains } from "../network/ipam";
import { naturalCompare } from "../swarm/cluster";
import { DAEMON, ERR_NO_LEADER } from "../swarm/errors";
import { managerAccess, swarmOf } from "../swarm/state";
import { badFilter, fail, FILTER_VALUE, inspectOutput, keyValues, labelMatch, listOutput, ok, parseFilters, short, type SwarmHandler } from "./swarm-common";
import { GoTime } from "../../cli/format/go-value";
import { asMap } from "./swarm-format";
import { withZero } from "./swarm-inspect";
import { engineHost } from "../engine/state";
import { taskContainerId } from "../swarm/engine-sync";
import { stableHex } from "../../images/digest";

const BUILTIN = new Set(["bridge", "host", "none"]);

/**
 * A swarm network is created and removed through the managers' control API; a manager whose
 * raft has no leader gets swarmkit's refusal from it (moby relays it), as for services.
 */
function leaderless(ctx: Parameters<SwarmHandler["run"]>[0]): string | undefined {
  const acc = managerAccess(ctx.world, ctx.host);
  return !acc.ok && acc.error === DAEMON + ERR_NO_LEADER ? acc.error : undefined;
}
const scopeOf = (n: AnyNetwork): string => (n.scope === "swarm" ? "swarm" : "local");
const isBuiltin = (n: AnyNetwork): boolean => (n.scope === "local" && BUILTIN.has(n.net.name)) || (n.scope === "swarm" && n.net.ingress);

export const networkCreateHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    const f = inv.flags;
    const subnets = f.list("subnet");
    const gateways = f.list("gateway");
    if (gateways.length > subnets.length || f.list("ip-range").length > subnets.length) return fail("every ip-range or gateway must have a corresponding subnet");
    // consolidateIpam: subnets may not contain one another's address, then each gateway needs one.
    const base = (c: string) => c.split("/")[0]!;
    for (let i = 0; i < subnets.length; i++) {
      for (let j = 0; j < i; j++) {
        if (cidrContains(subnets[i]!, base(subnets[j]!)) || cidrContains(subnets[j]!, base(subnets[i]!))) return fail("multiple overlapping subnet configuration is not supported");
      }
    }
    for (const r of f.list("ip-range")) if (!subnets.some((s) => cidrContains(s, base(r)))) return fail(`no matching subnet for range ${r}`);
    for (const g of gateways) if (!subnets.some((s) => cidrContains(s, g))) return fail(`no matching subnet for gateway ${g}`);
    // --aux-address is a map flag (name=address): each address must be in one of the subnets.
    for (const a of f.list("aux-address")) {
      const addr = a.includes("=") ? a.slice(a.indexOf("=") + 1) : "";
      if (!subnets.some((s) => cidrContains(s, base(addr)))) return fail(`no matching subnet for aux-address ${addr}`);
    }
    const driver = f.str("driver") || "bridge";
    const noLeader = driver === "overlay" || f.bool("ingress") ? leaderless(ctx) : undefined;
    if (noLeader) return fail(noLeader);
    const r = createNetwork(ctx.world, ctx.host, {
      name: inv.args[0]!, driver, subnet: subnets[0], gateway: gateways[0], attachable: f.bool("attachable"),
      internal: f.bool("internal"), ingress: f.bool("ingress"), ipv6: f.bool("ipv6"), labels: keyValues(f.list("label")),
      // (--opt is a map flag whose default "map[]" is not an option)
      options: keyValues(f.changed("opt") ? f.list("opt") : []), ...(f.str("scope") ? { scope: f.str("scope") } : {}),
    });
    if (!r.ok) return fail(r.error);
    ctx.world.record("docker", "network-create", `network/${inv.args[0]}`, { driver, host: ctx.host.name });
    return ok(`${r.network.net.id}\n`);
  },
};

/** filters.Args.Match: the exact value, or a regular expression found in it (one that does not compile never matches). */
function argsMatch(pattern: string, s: string): boolean {
  if (s === pattern) return true;
  try {
    return new RegExp(pattern).test(s);
  } catch {
    return false;
  }
}

const HEADERS = { ID: "NETWORK ID", Name: "NAME", Driver: "DRIVER", Scope: "SCOPE", IPv4: "IPV4", IPv6: "IPV6", Internal: "INTERNAL", Labels: "LABELS", CreatedAt: "CREATED AT" };

export const networkLsHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { filter: FILTER_VALUE },
  run(ctx, inv) {
    const filters = parseFilters(inv.flags.list("filter"));
    const bad = badFilter(filters, ["driver", "id", "label", "name", "scope", "type", "dangling"]);
    if (bad) return bad;
    // daemon/network/filter.go FilterNetworks: dangling takes one boolean, type builtin|custom.
    const dangling = filters.get("dangling") ?? [];
    if (dangling.length > 1) return fail(`${DAEMON}got more than one value for filter key "dangling"`);
    if (dangling.length && !["0", "1", "true", "false"].includes(dangling[0]!)) {
      return fail(`${DAEMON}invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`);
    }
    const badType = (filters.get("type") ?? []).find((t) => t !== "builtin" && t !== "custom");
    if (badType !== undefined) return fail(`${DAEMON}invalid filter: 'type'='${badType}'`);
    const noTrunc = inv.flags.bool("no-trunc");
    // A predefined network is never dangling; another is while nothing runs on it and no service uses it.
    const used = (n: AnyNetwork) => isBuiltin(n) || (n.scope === "local" ? activeEndpoints(ctx.world, ctx.host.name, n.net).length > 0 : networkUsers(n).services.length > 0);
    const nets = visibleNetworks(ctx.world, ctx.host)
      .filter((n) => !filters.has("driver") || filters.get("driver")!.includes(n.net.driver))
      .filter((n) => !filters.has("id") || filters.get("id")!.some((p) => argsMatch(p, n.net.id)))
      .filter((n) => !filters.has("name") || filters.get("name")!.some((p) => argsMatch(p, n.net.name)))
      .filter((n) => !filters.has("scope") || filters.get("scope")!.includes(scopeOf(n)))
      .filter((n) => !dangling.length || used(n) === (dangling[0] === "0" || dangling[0] === "false"))
      .filter((n) => !filters.has("type") || filters.get("type")!.some((t) => (t === "builtin") === isBuiltin(n)))
      .filter((n) => labelMatch(filters.get("label"), n.net.labels))
      .sort((a, b) => naturalCompare(a.net.name, b.net.name) || (a.net.id < b.net.id ? -1 : 1));
    const rows = nets.map((n) => ({
      ID: noTrunc ? n.net.id : short(n.net.id), Name: n.net.name, Driver: n.net.driver, Scope: scopeOf(n),
      // networkContext.IPv4/IPv6: the network's EnableIPv4 (always on here) and EnableIPv6.
      IPv4: "true", IPv6: String(n.scope === "local" && n.net.ipv6), Internal: String(n.net.internal),
      Labels: Object.entries(n.net.labels).map(([k, v]) => `${k}=${v}`).join(","), CreatedAt: new GoTime(n.net.createdAt).toString(),
      // networkContext.Label(name): `{{.Label "key"}}`.
      Label: (name: unknown) => n.net.labels[String(name)] ?? "",
    }));
    return listOutput(ctx, {
    rootType: "*network.networkContext",
      quiet: inv.flags.bool("quiet"), format: inv.flags.str("format"), ids: rows.map((r) => r.ID), rows, headers: HEADERS,
      defaultTable: [["NETWORK ID", "NAME", "DRIVER", "SCOPE"], ...rows.map((r) => [r.ID, r.Name, r.Driver, r.Scope])],
    });
  },
};

/**
 * One entry of a network's Containers map (libnetwork's EndpointResource), keyed by container ID.
 * EndpointID and MAC are the endpoint's own random values: stand-ins derived from the network and
 * container IDs (a locally administered unicast MAC, as netutils.GenerateRandomMAC makes).
 */
function endpointResource(netId: string, containerId: string, name: string, ipv4: string): Record<string, string> {
  const h = stableHex(`${netId}/${containerId}`, 74);
  const mac = [((parseInt(h.slice(64, 66), 16) & 0xfe) | 0x02).toString(16).padStart(2, "0"), ...[66, 68, 70, 72].map((i) => h.slice(i, i + 2)), h.slice(0, 2)];
  return { Name: name, EndpointID: h.slice(0, 64), MacAddress: mac.join(":"), IPv4Address: ipv4, IPv6Address: "" };
}

export function networkObject(world: World, host: string, n: AnyNetwork): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  const prefix = n.net.subnet.split("/")[1];
  if (n.scope === "local") {
    // The daemon lists the endpoints of running containers only.
    for (const c of engineHost(world, host).containers) {
      if (!c.networks.includes(n.net.name) || c.status !== "running") continue;
      const ip = n.net.endpoints.find((e) => e.containerId === c.id)?.ipv4;
      containers[c.id] = endpointResource(n.net.id, c.id, c.name, ip ? `${ip}/${prefix}` : "");
    }
  } else {
    // A swarm network shows this node's endpoints: its running tasks' containers (named
    // service.slot-or-node.task) and attached standalone containers.
    const st = swarmOf(world).of(host);
    for (const t of n.cluster.tasks.values()) {
      // Attachments, not the spec: a task publishing on the routing mesh is on ingress too.
      if (t.nodeId !== st?.node.id || t.state !== "running" || !(t.addresses[n.net.id] || t.spec.networks.includes(n.net.id))) continue;
      const svc = n.cluster.services.get(t.serviceId);
      const id = taskContainerId(t);
      // The allocator's attachment address is already in CIDR form ("10.0.1.3/24").
      containers[id] = endpointResource(n.net.id, id, `${svc?.spec.name}.${t.slot || t.nodeId}.${t.id}`, t.addresses[n.net.id] ?? "");
    }
    for (const c of standaloneOn(world, host, n.net)) {
      containers[c.id] = endpointResource(n.net.id, c.id, c.name, `${n.net.attachments![c.id]}/${prefix}`);
    }
  }
  // A swarm network this node has no endpoint on is not instantiated here: the manager answers
  // from the cluster's copy (convert.BasicNetworkFromGRPC), without Containers or Peers.
  const local = n.scope === "local" || n.net.ingress || Object.keys(containers).length > 0;
  const obj: Record<string, unknown> = {
    Name: n.net.name,
    Id: n.net.id,
    Created: new GoTime(n.net.createdAt),
    Scope: scopeOf(n),
    Driver: n.net.driver,
    EnableIPv4: true,
    EnableIPv6: n.scope === "local" ? n.net.ipv6 : false,
    // The CLI sends its --ipam-opt map even when empty; the daemon's own networks and swarm's have none.
    IPAM: { Driver: "default", Options: n.scope === "swarm" || n.net.builtin ? null : {}, Config: n.net.subnet ? [{ Subnet: n.net.subnet, Gateway: n.net.gateway }] : [] },
    Internal: n.net.internal,
    Attachable: n.net.attachable,
    Ingress: n.scope === "swarm" ? n.net.ingress : false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: local ? asMap(containers) : null,
    Options: asMap({ ...n.net.options }),
    Labels: local || Object.keys(n.net.labels).length ? asMap({ ...n.net.labels }) : null,
  };
  if (n.scope === "swarm" && local) {
    // The network's gossip peers: the nodes it is instantiated on (every node for ingress),
    // named after the host and a random ID libnetwork gave the node.
    const withEndpoints = (x: { id: string; host: string }) =>
      n.net.ingress || [...n.cluster.tasks.values()].some((t) => t.nodeId === x.id && t.state === "running" && !!t.addresses[n.net.id]) ||
      standaloneOn(world, x.host, n.net).length > 0;
    obj.Peers = n.cluster.sortedNodes().filter((x) => x.state === "ready" && withEndpoints(x)).map((x) => ({ Name: `${x.host}-${stableHex(x.id, 12)}`, IP: x.addr }));
  }
  // network.Inspect's omitempty fields still exist for templates (`{{.Peers}}` is nil, not an error).
  return withZero(obj, { Peers: null, Services: null });
}

export const networkInspectHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    const objs: unknown[] = [];
    const errors: string[] = [];
    for (const ref of inv.args) {
      const r = findNetwork(ctx.world, ctx.host, ref);
      if (!r.ok) errors.push(`Error response from daemon: ${r.error}`);
      else objs.push(networkObject(ctx.world, ctx.host.name, r.network));
    }
    return inspectOutput(objs, inv.flags.str("format"), errors);
  },
};

// docker/cli network/remove.go asks before removing the routing mesh (PromptForConfirmation).
const INGRESS_WARNING = `WARNING! Before removing the routing-mesh network, make sure all the nodes
in your swarm run the same docker engine version. Otherwise, removal may not
be effective and functionality of newly created ingress networks will be
impaired.
Are you sure you want to continue? [y/N] `;

export const networkRmHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    let stdout = "";
    let stderr = "";
    // Each prompt reads one line of stdin; anything but y/Y (an empty stdin too) skips the network.
    const answers = ctx.stdin.split("\n");
    for (const ref of inv.args) {
      const found = findNetwork(ctx.world, ctx.host, ref);
      if (found.ok && found.network.scope === "swarm" && found.network.net.ingress) {
        stdout += INGRESS_WARNING;
        if ((answers.shift() ?? "").trim().toLowerCase() !== "y") continue;
      }
      const noLeader = found.ok && found.network.scope === "swarm" ? leaderless(ctx) : undefined;
      const r = noLeader ? { ok: false as const, error: noLeader } : removeNetwork(ctx.world, ctx.host, ref);
      if (r.ok) stdout += `${ref}\n`;
      else if (!(inv.flags.bool("force") && r.error.endsWith(" not found"))) stderr += r.error + "\n";
    }
    return { exitCode: stderr ? 1 : 0, stdout, stderr };
  },
};

function findContainerId(ctx: Parameters<SwarmHandler["run"]>[0], ref: string): { id: string; name: string } | undefined {
  const c = engineHost(ctx.world, ctx.host.name).containers.find((x) => x.id === ref || x.name === ref || x.id.startsWith(ref));
  return c ? { id: c.id, name: c.name } : undefined;
}

export const networkConnectHandler: SwarmHandler = {
  args: { min: 2, max: 2 },
  run(ctx, inv) {
    const [net, ref] = inv.args as [string, string];
    const found = findNetwork(ctx.world, ctx.host, net);
    if (!found.ok) return fail(`Error response from daemon: ${found.error}`);
    const c = findContainerId(ctx, ref);
    if (!c) return fail(`Error response from daemon: No such container: ${ref}`);
    const r = connectContainer(ctx.world, ctx.host, net, c, inv.flags.list("alias"));
    if (!r.ok) return fail(`Error response from daemon: ${r.error}`);
    const container = engineHost(ctx.world, ctx.host.name).containers.find((x) => x.id === c.id);
    if (container && !container.networks.includes(found.network.net.name)) container.networks.push(found.network.net.name);
    return ok();
  },
};

export const networkDisconnectHandler: SwarmHandler = {
  args: { min: 2, max: 2 },
  run(ctx, inv) {
    const [net, ref] = inv.args as [string, string];
    const found = findNetwork(ctx.world, ctx.host, net);
    if (!found.ok) return fail(`Error response from daemon: ${found.error}`);
    const c = findContainerId(ctx, ref);
    if (!c) return fail(`Error response from daemon: No such container: ${ref}`);
    const r = disconnectContainer(ctx.world, ctx.host, net, c.id);
    if (!r.ok) return fail(`Error response from daemon: ${r.error}`);
    const container = engineHost(ctx.world, ctx.host.name).containers.find((x) => x.id === c.id);
    if (container) container.networks = container.networks.filter((n) => n !== found.network.net.name);
    return ok();
  },
};
