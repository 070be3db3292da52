// `docker node ls` and `docker node inspect` (docker/cli cli/command/node).

import { naturalCompare } from "../swarm/cluster";
import { lookup } from "../swarm/cluster";
import { DAEMON, errNodeNotFound } from "../swarm/errors";
import { managerStatus } from "../swarm/status";
import type { SwarmNode } from "../swarm/types";
import { pretty } from "../swarm/task-state";
import { badFilter, enumFilter, fail, FILTER_VALUE, inspectOutput, labelMatch, listOutput, ok, onManager, parseFilters, type Ctx, type SwarmHandler } from "./swarm-common";
import type { SwarmCluster } from "../swarm/cluster";
import { ENGINE_VERSION, goTimeString, nodeObject } from "./swarm-inspect";
import { prettyLabels } from "./swarm-format";
import { nodeRootGeneration, rootCA } from "../swarm/ca-cert";

/**
 * The daemon's getNode: full ID, hostname, ID prefix. "self" is not a daemon reference: only the
 * commands whose CLI maps it through node.Reference (node inspect, node ps, service ps's node
 * filter) accept it (findNodeOrSelf); node update/promote/demote/rm get "node self not found".
 */
export function findNode(c: SwarmCluster, _self: SwarmNode, ref: string): { ok: true; node: SwarmNode } | { ok: false; error: string } {
  const r = lookup("node", c.nodes.values(), ref, (n) => n.host);
  if (r.ok) return { ok: true, node: r.value };
  return { ok: false, error: DAEMON + (r.error === "not-found" ? errNodeNotFound(ref) : r.error) };
}

/** docker/cli node.Reference: "self" is the node `docker info` reports, anything else the daemon resolves. */
export function findNodeOrSelf(c: SwarmCluster, self: SwarmNode, ref: string): ReturnType<typeof findNode> {
  return ref === "self" ? { ok: true, node: self } : findNode(c, self, ref);
}

const HEADERS = {
  ID: "ID", Hostname: "HOSTNAME", Status: "STATUS", Availability: "AVAILABILITY", ManagerStatus: "MANAGER STATUS",
  EngineVersion: "ENGINE VERSION", TLSStatus: "TLS STATUS",
  // docker/cli's selfHeader is empty: a table with {{.Self}} has a blank heading there.
  Self: "",
};

export const nodeLsHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { filter: FILTER_VALUE },
  run(ctx, inv) {
    return onManager(ctx, (c, self) => {
      const filters = parseFilters(inv.flags.list("filter"));
      const bad = badFilter(filters, ["id", "label", "node.label", "membership", "name", "role"]) ?? enumFilter(filters, "role", ["worker", "manager"]) ?? enumFilter(filters, "membership", ["pending", "accepted"]);
      if (bad) return bad;
      const nodes = [...c.nodes.values()]
        .filter((n) => !filters.has("id") || filters.get("id")!.some((p) => n.id.startsWith(p)))
        .filter((n) => !filters.has("name") || filters.get("name")!.some((p) => n.host.toLowerCase().startsWith(p.toLowerCase())))
        .filter((n) => !filters.has("role") || filters.get("role")!.some((r) => r.toLowerCase() === n.role))
        .filter((n) => !filters.has("membership") || filters.get("membership")!.some((m) => m.toLowerCase() === "accepted"))
        .filter((n) => labelMatch(filters.get("node.label"), n.labels))
        .filter((n) => labelMatch(filters.get("label"), ctx.world.host(n.host)?.labels ?? {}))
        .sort((a, b) => naturalCompare(a.host, b.host) || (a.id < b.id ? -1 : 1));
      const rows = nodes.map((n) => ({
        ID: n.id, Self: n.id === self.id, Hostname: n.host, Status: pretty(n.state), Availability: pretty(n.availability),
        ManagerStatus: managerStatus(c, n), EngineVersion: ENGINE_VERSION,
        // nodeContext.TLSStatus: the node's TLS info against the cluster's.
        TLSStatus: nodeRootGeneration(c, n) === c.caGeneration ? "Ready" : "Needs Rotation",
      }));
      return listOutput(ctx, {
    rootType: "*node.nodeContext",
        quiet: inv.flags.bool("quiet"), format: inv.flags.str("format"), ids: nodes.map((n) => n.id), rows, headers: HEADERS,
        defaultTable: [
          ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"],
          ...rows.map((r) => [`${r.ID} ${r.Self ? "*" : " "}`, r.Hostname, r.Status, r.Availability, r.ManagerStatus, r.EngineVersion]),
        ],
      });
    });
  },
};

function bytesSize(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

function prettyNode(ctx: Ctx, c: SwarmCluster, n: SwarmNode): string {
  const o = nodeObject(ctx.world, c, n) as { CreatedAt: string };
  const host = ctx.world.host(n.host);
  let s = `ID:\t\t\t${n.id}\n`;
  const labels = Object.keys(n.labels).sort();
  if (labels.length) s += `Labels:\n${prettyLabels(n.labels)}`;
  s += `Hostname:              \t${n.host}\n`;
  // PrettyPrint(time.Time): its String() with the first letter up and the rest lowered ("utc").
  s += `Joined at:             \t${goTimeString(n.createdAt).toLowerCase()}\n`;
  s += `Status:\n State:\t\t\t${pretty(n.state)}\n`;
  // HasStatusMessage: a down node's "heartbeat failure", PrettyPrint'ed.
  if (n.state === "down") s += " Message:              \tHeartbeat failure\n";
  s += ` Availability:         \t${pretty(n.availability)}\n Address:\t\t${n.addr}\n`;
  const ms = managerStatus(c, n);
  if (ms) s += `Manager Status:\n Address:\t\t${n.managerAddr}\n Raft Status:\t\t${ms === "Unreachable" ? "Unreachable" : "Reachable"}\n Leader:\t\t${ms === "Leader" ? "Yes" : "No"}\n`;
  s += `Platform:\n Operating System:\t${host?.os ?? "linux"}\n Architecture:\t\t${host?.arch ?? "x86_64"}\n`;
  s += `Resources:\n CPUs:\t\t\t${host?.cpus ?? 0}\n Memory:\t\t${bytesSize(host?.memory ?? 0)}\n`;
  s += "Plugins:\n Log:\t\tawslogs, fluentd, gcplogs, gelf, journald, json-file, local, splunk, syslog\n Network:\t\tbridge, host, ipvlan, macvlan, null, overlay\n Volume:\t\tlocal\n";
  s += `Engine Version:\t\t${ENGINE_VERSION}\n`;
  const el = Object.keys(host?.labels ?? {}).sort();
  if (el.length) s += `Engine Labels:\n${prettyLabels(host!.labels)}`;
  // Every node has TLS info: the trust root PEM (ending in a newline, hence the blank line).
  const tls = rootCA(c, nodeRootGeneration(c, n));
  s += `TLS Info:\n TrustRoot:\n${tls.trustRoot}\n Issuer Subject:\t${tls.certIssuerSubject}\n Issuer Public Key:\t${tls.certIssuerPublicKey}\n`;
  void o;
  return s;
}

export const nodeInspectHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    const format = inv.flags.str("format");
    const isPretty = inv.flags.bool("pretty");
    if (!isPretty && format.startsWith("pretty")) return fail("cannot supply extra formatting options to the pretty template");
    return onManager(ctx, (c, self) => {
      const objs: unknown[] = [];
      const errors: string[] = [];
      const found: SwarmNode[] = [];
      for (const ref of inv.args) {
        const r = findNodeOrSelf(c, self, ref);
        if (!r.ok) { errors.push(r.error); continue; }
        found.push(r.node);
        objs.push(nodeObject(ctx.world, c, r.node));
      }
      if (isPretty || format === "pretty") {
        // The pretty template has no trailing newline; formatter.Context adds one per node, and
        // writes nothing when a reference fails.
        if (errors.length) return fail(errors[0]!);
        return ok(found.map((n) => prettyNode(ctx, c, n)).join(""));
      }
      return inspectOutput(objs, format, errors);
    });
  },
};
