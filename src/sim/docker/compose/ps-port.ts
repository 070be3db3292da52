// `docker compose ps` and `docker compose port` (Compose v2.36: cmd/compose/ps.go, port.go,
// cmd/formatter/container.go, pkg/compose/ps.go, port.go). Both read the engine's container list
// as Compose does: PORTS is docker/cli's DisplayablePorts over the container's published ports
// (the same column `docker ps` shows, allocator-chosen host ports included), and `port` answers
// the first of them for the private port asked.

import type { Invocation } from "../../cli/command";
import { dockerFormat } from "../../cli/format/docker-format";
import { dockerAgo } from "../../cli/format/duration";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { createdAtText, listedPorts, localVolumesText, mountsText, portPublishers } from "../engine/container-summary";
import { psPorts } from "../engine/ports";
import type { Container } from "../engine/state";
import { LABEL_NUMBER, LABEL_ONEOFF, LABEL_SERVICE, projectContainers, type Project } from "./project";
import { containerStatus, listedCommand, quoteCommand } from "./commands";

const out = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
const err = (msg: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: msg + "\n" });

/** formatter.NewContainerFormat's default table. */
const DEFAULT_TABLE = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}";
const HEADERS: Record<string, string> = {
  ID: "CONTAINER ID", Name: "NAME", Project: "PROJECT", Service: "SERVICE", Image: "IMAGE", Command: "COMMAND", CreatedAt: "CREATED AT",
  RunningFor: "CREATED", Ports: "PORTS", State: "STATE", Status: "STATUS", Size: "SIZE", Labels: "LABELS",
};

/** The ContainerContext of one container (api.ContainerSummary plus the formatter's methods). */
function containerContext(c: Container, project: string, now: number, trunc: boolean): Record<string, unknown> {
  const command = listedCommand(c.command);
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id, Name: c.name, Names: c.name, Image: c.image,
    Command: trunc ? quoteCommand(c.command) : JSON.stringify(command), Project: project, Service: c.labels[LABEL_SERVICE] ?? "",
    CreatedAt: createdAtText(c), RunningFor: dockerAgo(now - c.created), State: c.status, Status: containerStatus(c, now),
    // pkg/compose/ps.go reads Health only while running and ExitCode only once exited or dead.
    Health: c.status === "running" && c.health ? c.health.status : "", ExitCode: c.status === "exited" || c.status === "dead" ? c.exitCode : 0,
    Ports: psPorts(c), Publishers: portPublishers(c), Labels: Object.keys(c.labels).sort().map((k) => `${k}=${c.labels[k]}`).join(","),
    Mounts: mountsText(c, trunc), LocalVolumes: localVolumesText(c), Networks: c.networks.join(","), Size: "0B",
    Label: (name: unknown) => c.labels[String(name)] ?? "",
  };
}

/** psOptions.parseFilter: `--filter status=X` adds to --status. */
function statuses(inv: Invocation): string[] | string {
  const list = [...inv.flags.list("status")];
  const filter = inv.flags.str("filter");
  if (!filter) return list;
  const eq = filter.indexOf("=");
  if (eq < 0) return "arguments to --filter should be in form KEY=VAL";
  const key = filter.slice(0, eq);
  if (key === "status") return [...list, filter.slice(eq + 1)];
  return key === "source" ? "not implemented" : `unknown filter ${key}`;
}

/** `docker compose ps [SERVICE…]`: the project's containers, by name. */
export function composePs(ctx: ProgramContext, inv: Invocation, p: Project): ExecResult {
  const wanted = statuses(inv);
  if (typeof wanted === "string") return err(wanted);
  for (const s of inv.args) if (!p.model.services.some((x) => x.name === s)) return err(`no such service: ${s}`);
  // Backend.Ps lists stopped containers (and one-off ones) with --all or a status filter.
  const all = inv.flags.bool("all") || wanted.length > 0;
  let list = projectContainers(ctx.world, ctx.host.name, p.name);
  if (all) list = [...list, ...projectContainers(ctx.world, ctx.host.name, p.name, true)];
  else list = list.filter((c) => c.status === "running" || c.status === "paused" || c.status === "restarting");
  if (inv.args.length) list = list.filter((c) => inv.args.includes(c.labels[LABEL_SERVICE]!));
  if (wanted.length) list = list.filter((c) => wanted.includes(c.status));
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (inv.flags.bool("quiet")) return out(list.map((c) => c.id + "\n").join(""));
  if (inv.flags.bool("services")) return out([...new Set(list.map((c) => c.labels[LABEL_SERVICE]!))].join("\n") + "\n");
  const format = inv.flags.str("format");
  const rows = list.map((c) => containerContext(c, p.name, ctx.world.now, !inv.flags.bool("no-trunc")));
  const r = dockerFormat(!format || format === "table" ? DEFAULT_TABLE : format, rows, { headers: HEADERS, rootType: "*formatter.ContainerContext" });
  return r.ok ? out(r.stdout) : { exitCode: 1, stdout: "", stderr: r.stderr };
}

/**
 * getSpecifiedContainer: the service's running containers (one-off ones included), by container
 * number with one-off containers last; `--index N` asks for number N.
 */
function specifiedContainer(ctx: ProgramContext, p: Project, service: string, index: number): Container | string {
  const list = [...projectContainers(ctx.world, ctx.host.name, p.name), ...projectContainers(ctx.world, ctx.host.name, p.name, true)]
    .filter((c) => c.labels[LABEL_SERVICE] === service && (c.status === "running" || c.status === "paused" || c.status === "restarting"))
    .filter((c) => index <= 0 || c.labels[LABEL_NUMBER] === String(index));
  if (!list.length) return index > 0 ? `service "${service}" is not running container #${index}` : `service "${service}" is not running`;
  const num = (c: Container) => Number(c.labels[LABEL_NUMBER]) || 0;
  const oneOff = (c: Container) => (c.labels[LABEL_ONEOFF] === "True" ? 1 : 0);
  return [...list].sort((a, b) => num(a) - num(b) || oneOff(a) - oneOff(b))[0]!;
}

/** strconv.ParseUint(s, 10, 16)'s error, as Go words it. */
function parseUint16Error(s: string): string | undefined {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s) > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : undefined;
}

/** PreRunE of `docker compose port`: arguments and the private port, checked before the project loads. */
export function composePortArgsError(inv: Invocation): ExecResult | undefined {
  // cobra.MinimumNArgs(2), reported by the plugin as a bare error (usage silenced).
  if (inv.args.length < 2) return err(`requires at least 2 arg(s), only received ${inv.args.length}`);
  const e = parseUint16Error(inv.args[1]!);
  return e ? err(e) : undefined;
}

/** `docker compose port SERVICE PRIVATE_PORT`: `IP:PORT` of the first binding of that port. */
export function composePort(ctx: ProgramContext, inv: Invocation, p: Project): ExecResult {
  const [service, raw] = inv.args as [string, string];
  const port = Number(raw);
  const protocol = (inv.flags.changed("protocol") ? inv.flags.str("protocol") : "tcp").toLowerCase();
  const c = specifiedContainer(ctx, p, service, inv.flags.changed("index") ? inv.flags.int("index") : 0);
  if (typeof c === "string") return err(c);
  const ports = listedPorts(c);
  const b = ports.find((x) => x.containerPort === port && x.protocol === protocol);
  if (b) return out(`${b.hostIp}:${Number(b.hostPort) || 0}\n`);
  // portNotFoundError lists the container's published ports (0 for an exposed-only one).
  const listed = ports.map((x) => `${Number(x.hostPort) || 0}/${x.protocol}`).join(", ");
  return err(`no port ${port}/${protocol} for container ${c.name}: ${listed}`);
}
