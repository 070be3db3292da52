// docker/cli's container list, exec, inspect and image commands (cli/command/container/list.go,
// exec.go, inspect; cli/command/image/list.go, remove.go) and `docker version`, over the
// engine slot. --format goes through the shared docker formatter.

import { goJsonMarshal } from "../../cli/format/go-json";
import { volumeJson } from "./volume-commands";
import { goMap } from "../../cli/format/go-value";
import type { Invocation } from "../../cli/command";
import { dockerFormat, dockerInspectFormat } from "../../cli/format/docker-format";
import { dockerAgo } from "../../cli/format/duration";
import { compileGoTemplate, renderGoTemplate } from "../../cli/format/gotemplate";
import { renderTable } from "../../cli/format/tabwriter";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { ociExecFailed } from "../../runtime";
import { containerNetworks } from "../network/attach";
import { engineNetworks } from "../network/local";
import { containerStatus, listedCommand, quoteCommand } from "../compose/commands";
import { envFromFlags } from "./env-flags";
import { checkEnv } from "../cli/service-flag-values";
import { execAndWait } from "./exec-wait";
import { containerConfigJson } from "./inspect-config";
import { hostPid } from "./top-command";
import { hostConfigPortBindings, networkSettingsPorts, psPorts } from "./ports";
import { createdAtText, listedPorts, localVolumesText, mountsText, psImageText } from "./container-summary";
import { inspectNetworkRef, inspectSwarmRef } from "../cli/inspect-objects";
import { managerAccess } from "../swarm/state";
import { ERR_DAEMON, engineHost, errNoSuchContainer, errNoSuchVolume, findContainer, type Container, type ContainerMount } from "./state";
import { volumeDataDir } from "./volume-mounts";
import { findImage, imageReferences } from "./image-delete";
import { containerSizeRw } from "./container-size";
import { rename } from "./rename";
import { foldPsFilter, psIncluded } from "./ps-filters";

const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
const fail = (stderr: string, exitCode = 1): ExecResult => ({ exitCode, stdout: "", stderr: stderr.endsWith("\n") ? stderr : stderr + "\n" });

export const ENGINE_VERSION = "28.2.2";
export const API_VERSION = "1.50";

type Handle = (path: string, h: {
  args?: { min?: number; max?: number }; interspersed?: boolean; values?: Record<string, (v: string) => string | undefined>;
  run: (ctx: ProgramContext, inv: Invocation) => ExecResult;
}) => void;

const isUp = (c: Container) => c.status === "running" || c.status === "restarting" || c.status === "paused";
const goTime = (ms: number | undefined) => (ms === undefined ? "0001-01-01T00:00:00Z" : new Date(ms).toISOString().replace(/\.\d+Z$/, (m) => (m === ".000Z" ? "Z" : m)));

const PS_HEADERS: Record<string, string> = {
  ID: "CONTAINER ID", Image: "IMAGE", Command: "COMMAND", CreatedAt: "CREATED AT", RunningFor: "CREATED", Ports: "PORTS",
  State: "STATE", Status: "STATUS", Names: "NAMES", Labels: "LABELS", Mounts: "MOUNTS", Networks: "NETWORKS", Size: "SIZE",
};

/**
 * buildContainerListOptions: a --format is parsed and run on an empty ContainerContext before
 * anything is listed, so a bad template fails even with no containers.
 */
function psFormatError(format: string): string | undefined {
  const compiled = compileGoTemplate(format);
  if (!compiled.ok) return `failed to parse template: ${compiled.error}`;
  const empty: Record<string, unknown> = {
    ID: "", Image: "", Command: '""', CreatedAt: "", RunningFor: "", Ports: "", State: "", Status: "", Names: "",
    Labels: "", Mounts: "", Networks: "", Size: "", LocalVolumes: "0", Label: () => "",
  };
  const r = renderGoTemplate(compiled.tpl, empty, { objects: "struct", rootType: "*formatter.ContainerContext" });
  return r.ok ? undefined : `failed to execute template: ${r.error}`;
}

function ps(ctx: ProgramContext, inv: Invocation): ExecResult {
  const formatErr = inv.flags.str("format") ? psFormatError(inv.flags.str("format")) : undefined;
  if (formatErr) return { exitCode: 1, stdout: "", stderr: formatErr + "\n" };
  const now = ctx.world.now;
  const h = engineHost(ctx.world, ctx.host.name);
  const filter = foldPsFilter(h, inv.flags.list("filter"));
  if ("error" in filter) return fail(filter.error);
  // A limit (-n N, -l) lists stopped containers too, as -a and a status filter do.
  const limited = inv.flags.bool("latest") || (inv.flags.changed("last") && inv.flags.int("last") > 0);
  const all = inv.flags.bool("all") || filter.all || limited;
  const containers = h.containers;
  // Newest first; containers made in the same virtual instant in reverse order of creation (the
  // host's list is in creation order), as the real nanosecond timestamps would order them.
  const seq = new Map(containers.map((c, i) => [c, i]));
  let list = containers.filter((c) => all || isUp(c)).filter((c) => psIncluded(h, c, filter));
  list.sort((a, b) => b.created - a.created || seq.get(b)! - seq.get(a)!);
  if (inv.flags.bool("latest")) list = list.slice(0, 1);
  else if (inv.flags.changed("last") && inv.flags.int("last") >= 0) list = list.slice(0, inv.flags.int("last"));
  const noTrunc = inv.flags.bool("no-trunc");
  const format = inv.flags.str("format");
  if (inv.flags.bool("quiet") && !format) return ok(list.map((c) => (noTrunc ? c.id : c.id.slice(0, 12)) + "\n").join(""));
  // The daemon measures sizes only when asked: --size, or a template that uses .Size.
  const withSize = inv.flags.bool("size") || /\.Size\b/.test(format);
  /** ContainerContext.Size: SizeRw, and SizeRootFs (the image's and the layer's) as "virtual". */
  const sizeText = (c: Container) => {
    const rw = containerSizeRw(ctx.world, ctx.host.name, c);
    const image = h.images.find((i) => c.imageId.endsWith(i.id))?.size ?? 0;
    return image + rw > 0 ? `${humanSize(rw)} (virtual ${humanSize(image + rw)})` : humanSize(rw);
  };
  const rows = list.map((c) => ({
    ID: noTrunc ? c.id : c.id.slice(0, 12), Image: psImageText(h, c, !noTrunc), Command: noTrunc ? JSON.stringify(listedCommand(c.command)) : quoteCommand(c.command),
    CreatedAt: createdAtText(c), RunningFor: dockerAgo(now - c.created),
    Ports: psPorts(c), State: c.status, Status: containerStatus(c, now), Names: c.name,
    Labels: Object.keys(c.labels).sort().map((k) => `${k}=${c.labels[k]}`).join(","),
    Mounts: mountsText(c, !noTrunc), LocalVolumes: localVolumesText(c), Networks: c.networks.join(","), Size: withSize ? sizeText(c) : "0B",
    /** docker's ContainerContext.Label(name). */
    Label: (name: unknown) => c.labels[String(name)] ?? "",
  }));
  if (format && format !== "table") {
    const r = dockerFormat(format, rows, { headers: PS_HEADERS });
    return r.ok ? ok(r.stdout) : { exitCode: 1, stdout: "", stderr: r.stderr };
  }
  const sizeColumn = (r: { Size: string }) => (withSize ? [r.Size] : []);
  return ok(renderTable([["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES", ...(withSize ? ["SIZE"] : [])],
    ...rows.map((r) => [r.ID, r.Image, r.Command, r.RunningFor, r.Status, r.Ports, r.Names, ...sizeColumn(r)])]));
}

function exec(ctx: ProgramContext, inv: Invocation): ExecResult {
  const [ref, ...argv] = inv.args as [string, ...string[]];
  // parseExec reads --env-file and -e before it asks the daemon for the container.
  const envFlags = envFromFlags(ctx, inv);
  if (!envFlags.ok) return fail(envFlags.error);
  const c = findContainer(engineHost(ctx.world, ctx.host.name), ref);
  if (!c || c === "ambiguous") return fail(errNoSuchContainer(ref));
  // daemon/errors.go errExecPaused: a frozen container takes no new process.
  if (c.status === "paused") return fail(`Error response from daemon: Container ${c.id} is paused, unpause the container before exec`);
  if (c.status !== "running" || !c.process) return fail(`Error response from daemon: container ${c.id} is not running`);
  const options = { env: envFlags.env, stdin: inv.flags.bool("interactive") ? ctx.stdin : "", ...(inv.flags.str("workdir") ? { workingDir: inv.flags.str("workdir") } : {}),
    ...(inv.flags.str("user") ? { user: inv.flags.str("user") } : {}) };
  // -d: the CLI returns once the daemon started the command, printing nothing; its effects are
  // made at once and its waits do not hold the shell. Attached, the CLI waits for its end.
  const detach = inv.flags.bool("detach");
  const r = detach ? c.process.exec(argv, options) : execAndWait(ctx.world, c.process, argv, options);
  if (r.userError) return { exitCode: 126, stdout: "", stderr: `Error response from daemon: ${r.userError}\n` };
  if (r.error) return { exitCode: r.error.includes("executable file not found") || r.error.includes("no such file") ? 127 : 126, stdout: "", stderr: ociExecFailed(r.error) + "\n" };
  if (detach) return ok("");
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ...(r.combined !== undefined ? { combined: r.combined } : {}) };
}

/** `size`: inspect --size asked the daemon for SizeRw and SizeRootFs (left out otherwise). */
function containerJson(ctx: ProgramContext, c: Container, size = false): Record<string, unknown> {
  const [policy, max] = c.restartPolicy.split(":");
  const nets: Record<string, unknown> = {};
  const attached = containerNetworks(ctx.world, ctx.host, c);
  // API 1.48 still fills the deprecated top-level fields from the default bridge's endpoint only.
  const bridge = isUp(c) ? attached.find((n) => n.name === "bridge") : undefined;
  for (const n of attached) {
    nets[n.name] = { Aliases: n.aliases.length ? n.aliases : null, NetworkID: n.id, Gateway: n.gateway, IPAddress: isUp(c) ? n.ipv4 : "", IPPrefixLen: n.prefixLen };
  }
  return {
    Id: c.id, Created: goTime(c.created), Path: c.command[0] ?? "", Args: c.command.slice(1),
    State: {
      Status: c.status, Running: isUp(c), Paused: c.status === "paused", Restarting: c.status === "restarting", OOMKilled: c.oomKilled, Dead: false,
      Pid: c.status === "running" ? hostPid(c) : 0, ExitCode: c.exitCode, Error: c.startError ?? "",
      StartedAt: goTime(c.startedAt), FinishedAt: goTime(c.finishedAt),
      ...(c.health ? { Health: { Status: c.health.status, FailingStreak: c.health.failingStreak, Log: c.health.log.map((l) => ({ Start: goTime(l.start), End: goTime(l.end), ExitCode: l.exitCode, Output: l.output })) } } : {}),
    },
    Image: c.imageId, Name: `/${c.name}`, RestartCount: c.restartCount,
    HostConfig: { NetworkMode: c.networks[0] ?? "bridge", PortBindings: hostConfigPortBindings(c), RestartPolicy: { Name: policy, MaximumRetryCount: Number(max ?? 0) }, Memory: c.memoryLimitBytes ?? 0, NanoCpus: c.nanoCpus ?? 0, GroupAdd: c.groupAdd ? [...c.groupAdd] : null, PublishAllPorts: !!c.publishAll, AutoRemove: !!c.autoRemove, ReadonlyRootfs: !!c.readOnlyRootfs, ...(c.init ? { Init: true } : {}) },
    ...(size ? sizeFields(ctx, c) : {}),
    Mounts: c.mounts.map(mountPointJson),
    Config: containerConfigJson(ctx.world, ctx.host.name, c),
    NetworkSettings: { Ports: networkSettingsPorts(c), Gateway: bridge?.gateway ?? "", IPAddress: bridge?.ipv4 ?? "", IPPrefixLen: bridge?.prefixLen ?? 0, Networks: nets },
  };
}

/**
 * api/types/container.MountPoint: a volume's Source is where the local driver keeps its data; the
 * Mode is what a `-v` spec said (registerMountPoints gives a local volume named with -v "z"); a
 * bind propagates rprivate.
 */
function mountPointJson(m: ContainerMount): Record<string, unknown> {
  if (m.type === "volume") {
    return { Type: "volume", Name: m.source, Source: volumeDataDir(m.source), Destination: m.target, Driver: "local", Mode: m.mode ?? "", RW: !m.readOnly, Propagation: "" };
  }
  return { Type: m.type, Source: m.source, Destination: m.target, Mode: m.mode ?? "", RW: !m.readOnly, Propagation: m.type === "bind" ? "rprivate" : "" };
}

type InspectEntry = { value: unknown } | { error: string };
type InspectKind = "any" | "container" | "image";

/** `docker inspect` looks a reference up as any object; `docker container|image inspect` as one kind. */
function inspectOne(ctx: ProgramContext, ref: string, kind: InspectKind, size: boolean): InspectEntry {
  const h = engineHost(ctx.world, ctx.host.name);
  if (kind !== "image") {
    const c = findContainer(h, ref);
    if (c && c !== "ambiguous") return { value: containerJson(ctx, c, size) };
    if (kind === "container") return { error: errNoSuchContainer(ref) };
  }
  const found = findImage(h, ref);
  if ("image" in found) {
    const refs = imageReferences(h, found.image.id);
    const { id, created, size } = found.image;
    return { value: { Id: `sha256:${id}`, RepoTags: refs.filter((r) => !r.canonical).map((r) => r.text), RepoDigests: refs.filter((r) => r.canonical).map((r) => r.text), Created: goTime(created), Size: size } };
  }
  if (kind === "image") return { error: `${ERR_DAEMON}${found.error}` };
  // inspectAll's order: container, image, network, volume, then the swarm kinds (on a manager).
  const net = inspectNetworkRef(ctx, ref);
  if (net) return { value: net };
  const vol = h.volumes.find((v) => v.name === ref);
  if (vol) return { value: volumeJson(vol) };
  const swarmObject = inspectSwarmRef(ctx, ref);
  if (swarmObject) return { value: swarmObject };
  return { error: `Error: No such object: ${ref}` };
}

const inspectAs = (kind: InspectKind) => (ctx: ProgramContext, inv: Invocation): ExecResult =>
  inspectEntries(inv, inv.args.map((ref) => inspectOne(ctx, ref, kind, inv.spec.flags.some((f) => f.name === "size") && inv.flags.bool("size"))));

/** ContainerJSONBase.SizeRw / SizeRootFs: the writable layer, and it with the image's size. */
function sizeFields(ctx: ProgramContext, c: Container): Record<string, number> {
  const rw = containerSizeRw(ctx.world, ctx.host.name, c);
  const image = engineHost(ctx.world, ctx.host.name).images.find((i) => c.imageId.endsWith(i.id))?.size ?? 0;
  return { SizeRw: rw, SizeRootFs: rw + image };
}

/** docker/cli inspect.go's object types (`--type`), in its error's order. */
const INSPECT_TYPES = ["config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"];

/**
 * `docker inspect [--type T]`: a type tries only its own inspector, whose API error is printed
 * as it is (not inspectAll's "No such object"); a type it does not know is refused first.
 */
function inspect(ctx: ProgramContext, inv: Invocation): ExecResult {
  const type = inv.flags.str("type");
  if (!type) return inspectAs("any")(ctx, inv);
  if (!INSPECT_TYPES.includes(type)) return fail(`unknown type: "${type}": must be one of ${INSPECT_TYPES.map((t) => `"${t}"`).join(", ")}`);
  if (type === "container" || type === "image") return inspectAs(type)(ctx, inv);
  return inspectEntries(inv, inv.args.map((ref): InspectEntry => {
    if (type === "network") {
      const net = inspectNetworkRef(ctx, ref);
      return net ? { value: net } : { error: `${ERR_DAEMON}network ${ref} not found` };
    }
    if (type === "volume") {
      const vol = engineHost(ctx.world, ctx.host.name).volumes.find((v) => v.name === ref);
      return vol ? { value: volumeJson(vol) } : { error: errNoSuchVolume(ref) };
    }
    if (type === "plugin") return { error: `${ERR_DAEMON}plugin ${JSON.stringify(ref)} not found` };
    const acc = managerAccess(ctx.world, ctx.host);
    if (!acc.ok) return { error: acc.error };
    const found = inspectSwarmRef(ctx, ref);
    return found ? { value: found } : { error: `${ERR_DAEMON}${type} ${ref} not found` };
  }));
}

function inspectEntries(inv: Invocation, entries: InspectEntry[]): ExecResult {
  const format = inv.flags.str("format");
  if (format) {
    const r = dockerInspectFormat(format, entries);
    return r.ok ? ok(r.stdout) : { exitCode: 1, stdout: r.stdout, stderr: r.stderr };
  }
  const values = entries.filter((e): e is { value: unknown } => "value" in e).map((e) => e.value);
  const errors = entries.filter((e): e is { error: string } => "error" in e).map((e) => e.error + "\n").join("");
  // Go's encoding of the daemon's JSON: <, >, & escaped ("sh -c 'a && b'" shows \u0026\u0026).
  return { exitCode: errors ? 1 : 0, stdout: goJsonMarshal(values, { indent: "    ", objects: "struct" }) + "\n", stderr: errors };
}

/** go-units HumanSizeWithPrecision(size, precision): decimal units (`docker images` uses 3, HumanSize 4). */
export function humanSize(bytes: number, precision = 3): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes, i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${Number(v.toPrecision(precision))}${units[i]}`;
}

function version(ctx: ProgramContext, inv: Invocation): ExecResult {
  const data = {
    Client: { Platform: { Name: "Docker Engine - Community" }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, GoVersion: "go1.24.3", Os: "linux", Arch: "amd64", Context: "default" },
    Server: { Platform: { Name: "Docker Engine - Community" }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: "1.24", GoVersion: "go1.24.3", Os: "linux", Arch: "amd64", Experimental: false },
  };
  const format = inv.flags.str("format");
  if (format) {
    const r = dockerInspectFormat(format, [{ value: data }]);
    return r.ok ? ok(r.stdout) : { exitCode: 1, stdout: r.stdout, stderr: r.stderr };
  }
  void ctx;
  return ok(`Client: Docker Engine - Community
 Version:           ${ENGINE_VERSION}
 API version:       ${API_VERSION}
 Go version:        go1.24.3
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          ${ENGINE_VERSION}
  API version:      ${API_VERSION} (minimum version 1.24)
  Go version:       go1.24.3
  OS/Arch:          linux/amd64
  Experimental:     false
`);
}

export function registerMoreEngineCommands(handle: Handle): void {
  for (const path of ["docker ps", "docker container ls"]) {
    handle(path, { args: { max: 0 }, values: { filter: (v) => (v === "" || v.includes("=") ? undefined : "bad format of filter (expected name=value)") }, run: ps });
  }
  // -e is an opts.ValidateEnv list, as for run.
  for (const path of ["docker exec", "docker container exec"]) handle(path, { args: { min: 2 }, interspersed: false, values: { env: checkEnv }, run: exec });
  handle("docker inspect", { args: { min: 1 }, run: inspect });
  handle("docker container inspect", { args: { min: 1 }, run: inspectAs("container") });
  handle("docker image inspect", { args: { min: 1 }, run: inspectAs("image") });
  handle("docker version", { args: { max: 0 }, run: version });
  for (const path of ["docker rename", "docker container rename"]) handle(path, { args: { min: 2, max: 2 }, run: rename });
}
