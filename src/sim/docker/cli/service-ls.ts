// `docker service ls` and `docker service inspect` (docker/cli cli/command/service/list.go,
// formatter.go).

import { formatGoDuration } from "../../clock";
import { dockerHumanDuration } from "../../cli/format/duration";
import { naturalCompare, type SwarmCluster } from "../swarm/cluster";
import type { Service } from "../swarm/types";
import { serviceStatus } from "../swarm/status";
import { stripDigest } from "./service-ps";
import { prettyLabels } from "./swarm-format";
import { prettyContainerExtras, prettyHealthcheck, prettyLogDriver } from "./service-extras";
import { badFilter, fail, FILTER_VALUE, inspectOutput, labelMatch, listOutput, ok, onManager, parseFilters, short, type SwarmHandler } from "./swarm-common";
import { serviceModeLabel, serviceObject } from "./swarm-inspect";

export type FoundService = { ok: true; service: Service } | { ok: false; ambiguous: boolean };

/**
 * moby's getService: full ID, then name (any case, as swarmkit's index), then a unique ID
 * prefix. `exactName` for the CLI's own matching (service ps's createFilter).
 */
export function findService(c: SwarmCluster, ref: string, opts: { exactName?: boolean } = {}): FoundService {
  const all = [...c.services.values()];
  const hit = all.find((s) => s.id === ref) ?? c.serviceByName(ref, !opts.exactName);
  if (hit) return { ok: true, service: hit };
  const byPrefix = ref ? all.filter((s) => s.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return { ok: true, service: byPrefix[0]! };
  return { ok: false, ambiguous: byPrefix.length > 1 };
}

/** PORTS column: ingress ports, consecutive ranges merged, `*:8080->80/tcp`. */
export function formatServicePorts(s: Service): string {
  // docker/cli serviceContext.Ports: sorted by protocol then published port; a range grows while
  // published and target ports step by at most one (uint32 differences: going down starts a new
  // one), and a target range never takes an overlapping target.
  const ports = [...s.endpointPorts].sort((a, b) => (a.protocol === b.protocol ? a.publishedPort - b.publishedPort : a.protocol < b.protocol ? -1 : 1));
  const gap = (a: number, b: number) => (a >= b ? a - b : Infinity);
  const out: string[] = [];
  let pr = { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: "" };
  const show = (r: typeof pr) =>
    `*:${r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : r.pStart}->${r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : r.tStart}/${r.protocol}`;
  for (const p of ports) {
    if (p.publishMode !== "ingress") continue;
    const isRange = pr.tEnd !== pr.tStart;
    if (p.protocol !== pr.protocol || gap(p.publishedPort, pr.pEnd) > 1 || gap(p.targetPort, pr.tEnd) > 1 || (isRange && p.targetPort <= pr.tEnd)) {
      if (pr.pStart > 0) out.push(show(pr));
      pr = { pStart: p.publishedPort, pEnd: p.publishedPort, tStart: p.targetPort, tEnd: p.targetPort, protocol: p.protocol };
      continue;
    }
    pr.pEnd = p.publishedPort;
    pr.tEnd = p.targetPort;
  }
  if (pr.tStart > 0) out.push(show(pr));
  return out.join(", ");
}

/** serviceContext.Replicas over the daemon's ServiceStatus. */
export function replicasText(c: SwarmCluster, s: Service): string {
  const n = serviceStatus(c, s);
  const m = s.spec.mode;
  // Jobs show their progress; a global job's total is what is still to complete plus what did.
  if (m.kind === "replicated-job") return `${n.running}/${n.desired} (${n.completed}/${m.replicas} completed)`;
  if (m.kind === "global-job") return `${n.running}/${n.desired} (${n.completed}/${n.desired + n.completed} completed)`;
  const base = `${n.running}/${n.desired}`;
  return m.kind === "replicated" && s.spec.maxReplicas > 0 ? `${base} (max ${s.spec.maxReplicas} per node)` : base;
}

const HEADERS = { ID: "ID", Name: "NAME", Mode: "MODE", Replicas: "REPLICAS", Image: "IMAGE", Ports: "PORTS" };

export function serviceRows(c: SwarmCluster, services: Service[]) {
  return services.map((s) => ({
    ID: short(s.id), Name: s.spec.name, Mode: serviceModeLabel(s), Replicas: replicasText(c, s),
    Image: stripDigest(s.spec.image), Ports: formatServicePorts(s),
  }));
}

export function filterServices(c: SwarmCluster, filters: ReturnType<typeof parseFilters>): Service[] {
  return [...c.services.values()]
    .filter((s) => !filters.has("id") || filters.get("id")!.some((p) => s.id.startsWith(p)))
    // swarmkit matches name prefixes on its lowercased name index.
    .filter((s) => !filters.has("name") || filters.get("name")!.some((p) => s.spec.name.toLowerCase().startsWith(p.toLowerCase())))
    .filter((s) => !filters.has("mode") || filters.get("mode")!.some((m) => (m === "global" ? s.spec.mode.kind === "global" : s.spec.mode.kind === m)))
    .filter((s) => labelMatch(filters.get("label"), s.spec.labels))
    .sort((a, b) => naturalCompare(a.spec.name, b.spec.name) || (a.id < b.id ? -1 : 1));
}

export const serviceLsHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  values: { filter: FILTER_VALUE },
  run(ctx, inv) {
    return onManager(ctx, (c) => {
      const filters = parseFilters(inv.flags.list("filter"));
      const bad = badFilter(filters, ["id", "label", "mode", "name"]);
      if (bad) return bad;
      const services = filterServices(c, filters);
      const rows = serviceRows(c, services);
      return listOutput(ctx, {
    rootType: "*service.serviceContext",
        // -q is the "{{.ID}}" template on serviceContext, whose ID is always the short one.
        quiet: inv.flags.bool("quiet"), format: inv.flags.str("format"), ids: services.map((s) => short(s.id)), rows, headers: HEADERS,
        defaultTable: [Object.values(HEADERS), ...rows.map((r) => [r.ID, r.Name, r.Mode, r.Replicas, r.Image, r.Ports])],
      });
    });
  },
};

const dur = (ms: number) => formatGoDuration(ms);

function prettyService(c: SwarmCluster, s: Service, now: number): string {
  const sp = s.spec;
  let o = `\nID:\t\t${s.id}\nName:\t\t${sp.name}\n`;
  const labels = Object.keys(sp.labels).sort();
  if (labels.length) o += `Labels:\n${prettyLabels(sp.labels, " ")}`;
  // The template knows Global and Replicated only: a job's mode line is left empty.
  if (sp.mode.kind === "global") o += "Service Mode:\tGlobal\n";
  else if (sp.mode.kind === "replicated") o += `Service Mode:\tReplicated\n Replicas:\t${sp.mode.replicas}\n`;
  else o += "Service Mode:\n";
  if (s.updateStatus) {
    // units.HumanDuration(time.Since(t)) + " ago", as docker/cli's pretty template prints them.
    o += `UpdateStatus:\n State:\t\t${s.updateStatus.state}\n Started:\t${dockerHumanDuration(now - s.updateStatus.startedAt)} ago\n`;
    // UpdateIsCompleted: only the state "completed" (not rollback_completed) shows the line.
    if (s.updateStatus.state === "completed" && s.updateStatus.completedAt !== undefined) o += ` Completed:\t${dockerHumanDuration(now - s.updateStatus.completedAt)} ago\n`;
    o += ` Message:\t${s.updateStatus.message}\n`;
  }
  // `service inspect` asks for defaults (InsertDefaults), so Placement, UpdateConfig,
  // RollbackConfig and Resources are always there, possibly empty.
  o += "Placement:\n";
  if (sp.constraints.length) o += ` Constraints:\t[${sp.constraints.join(" ")}]\n`;
  if (sp.preferences.length) o += ` Preferences:   [${sp.preferences.map((p) => `spread=${p}`).join(" ")}]\n`;
  if (sp.maxReplicas) o += ` Max Replicas Per Node:   ${sp.maxReplicas}\n`;
  const u = sp.update;
  o += `UpdateConfig:\n Parallelism:\t${u.parallelism}\n`;
  if (u.delayMs) o += ` Delay:\t\t${dur(u.delayMs)}\n`;
  o += ` On failure:\t${u.failureAction}\n${u.monitorMs > 0 ? ` Monitoring Period: ${dur(u.monitorMs)}\n` : ""} Max failure ratio: ${u.maxFailureRatio}\n Update order:      ${u.order}\n`;
  const r = sp.rollback;
  o += `RollbackConfig:\n Parallelism:\t${r.parallelism}\n`;
  if (r.delayMs) o += ` Delay:\t\t${dur(r.delayMs)}\n`;
  o += ` On failure:\t${r.failureAction}\n${r.monitorMs > 0 ? ` Monitoring Period: ${dur(r.monitorMs)}\n` : ""} Max failure ratio: ${r.maxFailureRatio}\n Rollback order:    ${r.order}\n`;
  o += `ContainerSpec:\n Image:\t\t${sp.image}\n`;
  if (sp.args.length) o += ` Args:\t\t${sp.args.join(" ")} \n`;
  if (sp.env.length) o += ` Env:\t\t${sp.env.join(" ")} \n`;
  if (sp.workdir) o += ` Dir:\t\t${sp.workdir}\n`;
  // HasContainerInit: set for every service the CLI created (false unless --init).
  if (sp.init !== undefined) o += ` Init:\t\t${sp.init}\n`;
  if (sp.user) o += ` User: ${sp.user}\n`;
  o += prettyContainerExtras(sp);
  if (sp.mounts.length) o += `Mounts:\n${sp.mounts.map((m) => ` Target:\t${m.target}\n  Source:\t${m.source}\n  ReadOnly:\t${m.readOnly}\n  Type:\t\t${m.type}\n`).join("")}`;
  // The template lists Configs before Secrets.
  if (sp.configs.length) o += `Configs:\n${sp.configs.map((x) => ` Target:\t${x.target}\n  Source:\t${x.name}\n`).join("")}`;
  if (sp.secrets.length) o += `Secrets:\n${sp.secrets.map((x) => ` Target:\t${x.target}\n  Source:\t${x.name}\n`).join("")}`;
  o += prettyLogDriver(sp);
  o += "Resources:\n";
  {
    if (sp.reservations.nanoCPUs || sp.reservations.memoryBytes) {
      o += " Reservations:\n";
      if (sp.reservations.nanoCPUs) o += `  CPU:\t\t${sp.reservations.nanoCPUs / 1e9}\n`;
      if (sp.reservations.memoryBytes) o += `  Memory:\t${bytes(sp.reservations.memoryBytes)}\n`;
    }
    if (sp.limits.nanoCPUs || sp.limits.memoryBytes || sp.limits.pids) {
      o += " Limits:\n";
      if (sp.limits.nanoCPUs) o += `  CPU:\t\t${sp.limits.nanoCPUs / 1e9}\n`;
      if (sp.limits.memoryBytes) o += `  Memory:\t${bytes(sp.limits.memoryBytes)}\n`;
    }
  }
  if (sp.limits.pids > 0) o += `  PIDs:\t\t${sp.limits.pids}\n`;
  if (sp.networks.length) o += `Networks: ${sp.networks.map((id) => c.networks.get(id)?.name ?? id).join(" ")} \n`;
  o += `Endpoint Mode:\t${sp.endpointMode}\n`;
  if (s.endpointPorts.length) {
    o += `Ports:\n${s.endpointPorts.map((p) => ` PublishedPort = ${p.publishedPort}\n  Protocol = ${p.protocol}\n  TargetPort = ${p.targetPort}\n  PublishMode = ${p.publishMode}\n`).join("")}`;
    o = o.replace(/\n$/, " \n");
  }
  return o + prettyHealthcheck(sp);
}

function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

export const serviceInspectHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    const format = inv.flags.str("format");
    const isPretty = inv.flags.bool("pretty");
    if (isPretty && format) return fail("--format is incompatible with human friendly format");
    if (format.startsWith("pretty") && format !== "pretty") return fail("Cannot supply extra formatting options to the pretty template");
    return onManager(ctx, (c) => {
      const found: Service[] = [];
      const errors: string[] = [];
      // inspect.go's getRef turns the daemon's NotFound into its own message.
      for (const ref of inv.args) {
        const r = findService(c, ref);
        if (r.ok) found.push(r.service);
        else errors.push(`Error: no such service: ${ref}`);
      }
      if (isPretty || format === "pretty") {
        // formatter.Context buffers every record (each followed by a newline) and writes nothing
        // when a reference fails.
        if (errors.length) return fail(errors[0]!);
        return ok(found.map((s) => prettyService(c, s, ctx.world.now) + "\n").join(""));
      }
      return inspectOutput(found.map((s) => serviceObject(ctx.world, c, s)), format, errors);
    });
  },
};
