// The engine's operations (moby daemon API: ImagePull, ContainerCreate/Start/Stop/Kill/Remove,
// VolumeCreate, NetworkCreate), shared by `docker run`/`docker rm`/… and `docker compose`.
// PID 1 runs in the shared runtime model (src/sim/runtime); local networks are the network
// module's (src/sim/docker/network/local.ts). Each operation returns a value (or an error in the
// daemon's words) and records timeline events:
//   engine/container-created|started|exited|restarting|removed  subject: container name,
//        data {host, id, image, exitCode?, oomKilled?}
//   engine/image-pulled|image-built  subject: image ref, data {host}
//   engine/volume-created|removed, engine/network-created|removed  subject: name, data {host}

import { layerIds, resolveImage, type ImageFacts } from "../../images";
import { addImageRecord, engineImageId, findImage } from "./image-delete";
import { builtImage } from "./built-images";
import { dockerStartErrorMessage, startContainer as startProcess, type LogEntry } from "../../runtime";
import type { World } from "../../world";
import type { FsTree } from "../../runtime/fs-access";
import { attachSwarmByName } from "../network/attach";
import { containerAddress, EngineNetworkHooks } from "../network/embedded-dns";
import { engineNetworks, type LocalNetwork } from "../network/local";
import { customImages } from "../swarm/task-runtime";
import { containerEtcFiles } from "../network/etc-files";
import { initHealth, type HealthConfig } from "./health";
import {
  engineHost, freezeCreated, type Container, type ContainerMount, type PortBinding, type VolumeRecord, errAllPortsAllocated, errPortAllocated,
} from "./state";
import { bindPorts } from "./ports";
import { engineHostMounts, volumeDataDir } from "./volume-mounts";
import { withHostMounts } from "../../runtime/fs";
import { releasableVolumes, withAnonymousVolumes } from "./container-volumes";
import { stopPaused } from "./pause";
import { processEnv } from "./env-flags";

export { customImages };
export { addBuiltImage, builtImage } from "./built-images";

const rngOf = (world: World) => world.rng.fork("docker-engine");

export type PullOutcome = { ok: true; image: ImageFacts; pulled: boolean } | { ok: false; reason: string; message: string; ref?: unknown };

export function imageFactsOf(world: World, ref: string, host?: string): ImageFacts | undefined {
  // `docker run 3b2c47eae839`: GetImage tries a name first, then an image ID or a unique prefix.
  const h = host ? engineHost(world, host) : undefined;
  const found = h && /^[a-f0-9]+$/.test(ref) && !h.images.some((i) => i.ref === ref || i.ref === `${ref}:latest`) ? findImage(h, ref) : undefined;
  const named = found && "image" in found ? h!.images.find((i) => i.id === found.image.id && i.ref !== "") : undefined;
  if (named) return imageFactsOf(world, named.ref, host);
  const local = host ? builtImage(world, host, ref) : undefined;
  if (local) return local;
  const r = resolveImage(ref, customImages(world));
  return r.ok ? r.image : undefined;
}

/** Makes the image present locally (pulling it if needed). */
export function ensureImage(world: World, host: string, ref: string, opts: { always?: boolean } = {}): PullOutcome {
  const local = builtImage(world, host, ref);
  if (local) return { ok: true, image: local, pulled: false };
  const r = resolveImage(ref, customImages(world));
  if (!r.ok) return { ok: false, reason: r.reason, message: r.message, ref: r.ref };
  const h = engineHost(world, host);
  const key = r.image.ref.familiar;
  const have = h.images.find((i) => i.ref === key);
  if (have && !opts.always) return { ok: true, image: r.image, pulled: false };
  if (!have) {
    addImageRecord(h, {
      ref: key, repository: r.image.ref.familiarName, tag: r.image.ref.tag ?? "<none>", id: engineImageId(r.image.digest), created: world.now,
      size: r.image.sizeBytes, layers: layerIds(r.image.digest, r.image.layers).length, ...(r.image.ref.digest ? {} : { repoDigest: r.image.digest }),
    });
    world.record("engine", "image-pulled", key, { host });
  }
  return { ok: true, image: r.image, pulled: !have };
}

export interface CreateOptions {
  name?: string;
  image: ImageFacts;
  imageRef: string;
  entrypoint?: string[];
  command?: string[];
  /** Config.Env as sent, in order; a bare KEY (`-e KEY`, unset on the client) hides the image's KEY. */
  env?: Record<string, string> | string[];
  /** Files copied in before each start (Compose's content/environment secrets and configs). */
  injected?: FsTree[];
  labels?: Record<string, string>;
  ports?: PortBinding[];
  networks?: string[];
  /** Extra DNS names per network (compose: the service name). */
  aliases?: string[];
  mounts?: ContainerMount[];
  readOnlyRootfs?: boolean;
  groupAdd?: string[];
  tmpfs?: string[];
  restart?: string;
  hostname?: string;
  tty?: boolean;
  /** `-i` with nothing attached / stdin_open: Config.OpenStdin (a shell PID 1 then waits for input). */
  stdinOpen?: boolean;
  /** An attached `docker run -i`: the input piped to it, PID 1's stdin at its first start (then EOF). */
  stdin?: string;
  workingDir?: string;
  memoryLimitBytes?: number;
  nanoCpus?: number;
  stopSignal?: string;
  stopTimeoutS?: number;
  user?: string;
  healthcheck?: HealthConfig;
  /** `-P`: every exposed port published on an ephemeral host port at start. */
  publishAll?: boolean;
  /** Config's stdio fields (run/create). */
  stdio?: Container["stdio"];
  /** `--init`: HostConfig.Init, docker-init (tini) as PID 1 forwarding signals to the command. */
  init?: boolean;
  /** `--rm`: HostConfig.AutoRemove. */
  autoRemove?: boolean;
  /** `--expose`: ports added to the image's EXPOSE. */
  expose?: { port: number; protocol: string }[];
}

/** A moby-style random name: adjective_surname. */
const ADJECTIVES = ["admiring", "brave", "clever", "eager", "focused", "gifted", "happy", "jolly", "keen", "modest", "nifty", "quirky", "relaxed", "serene", "vibrant", "zealous"];
const SURNAMES = ["archimedes", "babbage", "curie", "darwin", "einstein", "fermi", "galileo", "hopper", "kepler", "lovelace", "newton", "pascal", "ritchie", "tesla", "turing", "wozniak"];

export function createContainer(world: World, host: string, o: CreateOptions): Container {
  const h = engineHost(world, host);
  const rng = rngOf(world);
  const id = rng.hexId(64);
  let name = o.name;
  for (let guard = 0; (!name || h.containers.some((c) => c.name === name)) && guard < 1000; guard++) {
    name = `${ADJECTIVES[rng.int(ADJECTIVES.length)]}_${SURNAMES[rng.int(SURNAMES.length)]}`;
    if (guard > 200) name += String(guard);
  }
  // moby's merge(): an entrypoint given drops the image's CMD; arguments given replace it.
  const entrypoint = o.entrypoint ?? o.image.entrypoint;
  const cmd = o.command ?? (o.entrypoint ? [] : o.image.cmd);
  // moby's merge(): the variables given for the container first, in their order, then the image's
  // ENV entries whose key none of them has (so `inspect` shows ["A=1","PATH=…",…]).
  const given = Array.isArray(o.env) ? [...o.env] : Object.entries(o.env ?? {}).map(([k, v]) => `${k}=${v}`);
  const keyOf = (e: string) => (e.includes("=") ? e.slice(0, e.indexOf("=")) : e);
  const givenKeys = new Set(given.map(keyOf));
  const env = [...given, ...Object.entries(o.image.env).filter(([k]) => !givenKeys.has(k)).map(([k, v]) => `${k}=${v}`)];
  // EXPOSE'd ports show in `docker ps` (as 80/tcp) when not published.
  const ports = [...(o.ports ?? [])];
  for (const e of [...o.image.exposedPorts, ...(o.expose ?? [])]) {
    if (!ports.some((p) => p.containerPort === e.port && p.protocol === (e.protocol ?? "tcp"))) ports.push({ hostIp: "", hostPort: "", containerPort: e.port, protocol: e.protocol ?? "tcp" });
  }
  // In the host's network namespace the container also takes the host's name (moby sets
  // Config.Hostname to os.Hostname() for --network host when none is given).
  const hostname = o.hostname ?? (o.networks?.[0] === "host" ? host : id.slice(0, 12));
  const c: Container = {
    id, name: name!, image: o.imageRef, imageId: `sha256:${engineImageId(o.image.digest)}`, command: [...entrypoint, ...cmd], created: world.now,
    status: "created", exitCode: 0, labels: o.labels ?? {}, env,
    ports, ...(o.publishAll ? { publishAll: true } : {}), networks: o.networks ?? ["bridge"], ...(o.injected ? { injected: o.injected } : {}),
    configEntrypoint: entrypoint.length ? [...entrypoint] : null, configCmd: cmd.length ? [...cmd] : null,
    mounts: withAnonymousVolumes(world, host, o.mounts ?? [], o.image, (n, labels) => ensureVolume(world, host, n, labels)), restartPolicy: o.restart ?? "no",
    logs: [], restartCount: 0, stoppedByUser: false, oomKilled: false, hostname,
    tty: !!o.tty, ...(o.init ? { init: true } : {}), ...(o.stdinOpen ? { stdinOpen: true } : {}), ...(o.stdin !== undefined ? { stdinOnce: o.stdin } : {}), ...(o.workingDir ? { workingDir: o.workingDir } : {}),
    ...(o.memoryLimitBytes ? { memoryLimitBytes: o.memoryLimitBytes } : {}), ...(o.nanoCpus ? { nanoCpus: o.nanoCpus } : {}),
    ...(o.stopSignal ? { stopSignal: o.stopSignal } : {}), ...(o.stopTimeoutS !== undefined ? { stopTimeoutS: o.stopTimeoutS } : {}),
    ...(o.healthcheck ? { healthcheck: o.healthcheck } : {}), ...(o.autoRemove ? { autoRemove: true } : {}),
    ...(o.stdio ? { stdio: o.stdio } : {}), ...(o.user ? { user: o.user } : {}),
    ...(o.readOnlyRootfs ? { readOnlyRootfs: true } : {}), ...(o.groupAdd?.length ? { groupAdd: [...o.groupAdd] } : {}),
    ...(o.tmpfs?.length ? { tmpfs: [...o.tmpfs] } : {}),
  };
  h.containers.push(freezeCreated(c));
  const nets = engineNetworks(world);
  for (const n of c.networks) {
    const net = nets.of(host).find((x) => x.name === n);
    if (net && net.driver !== "host" && net.driver !== "null") {
      nets.attach(net, c.id, c.name, o.aliases ?? []);
      if (!net.builtin) c.networkIds = { ...c.networkIds, [n]: net.id };
    }
    else if (!net) attachSwarmByName(world, host, n, c.id);
  }
  world.record("engine", "container-created", c.name, { host, id, image: o.imageRef });
  return c;
}

/** --group-add values as gids: numbers as they are, names looked up in the image's /etc/group. */
export function groupIds(image: ImageFacts, groups: string[]): number[] {
  const table = image.files["/etc/group"] ?? "";
  return groups.flatMap((g) => {
    if (/^\d+$/.test(g)) return [Number(g)];
    const line = table.split("\n").find((l) => l.split(":")[0] === g);
    return line ? [Number(line.split(":")[2])] : [];
  });
}

/** Starts a container; a string is the daemon's error (port already allocated, runc start error). */
export function startContainer(world: World, host: string, c: Container): string | undefined {
  if (c.status === "running") return undefined;
  // The endpoint settings name the network by ID: one removed meanwhile (`network prune` takes
  // a stopped container's) is not found, even if another of the same name exists now.
  for (const id of Object.values(c.networkIds ?? {})) {
    if (!engineNetworks(world).of(host).some((n) => n.id === id)) return `network ${id} not found`;
  }
  const bindFailure = bindPorts(world, host, c);
  if (bindFailure) return "allAllocated" in bindFailure ? errAllPortsAllocated(c.name, rngOf(world).hexId(64)) : errPortAllocated(c.name, rngOf(world).hexId(64), bindFailure.ip, bindFailure.port);
  const image = imageFactsOf(world, c.image, host);
  if (!image) return `No such image: ${c.image}`;
  if (c.process) c.logs.push(...c.process.logs());
  // The image's ENV is already in c.env (after the container's own variables, as moby merges
  // them): PID 1 gets PATH, HOSTNAME, then Config.Env in its order (CreateDaemonEnvironment).
  // The runtime takes the full command line as ENTRYPOINT. PID 1 and exec'd programs see the
  // container's address and Docker's networking (embedded DNS, other containers).
  const ip = containerAddress(world, host, c);
  // Volumes and binds show the machine's files (volume-mounts.ts), handed to the runtime aside.
  c.process = withHostMounts(engineHostMounts(world, host, c.mounts, image), () => startProcess({
    image: { ...image, env: {} }, command: c.command, args: [], env: processEnv(c.env), startTime: world.now, hostname: c.hostname,
    // Started again (docker start/restart, a restart policy): the same rootfs, what it wrote kept.
    ...(c.process ? { rootfs: c.process.fs } : {}),
    tty: c.tty, ...(c.init ? { init: true } : {}), ...(c.stdinOpen ? { stdinOpen: true } : {}), ...(c.stdinOnce !== undefined ? { stdin: c.stdinOnce } : {}), files: { "/etc/hostname": `${c.hostname}\n`, ...containerEtcFiles(world, host, c) }, declaredPorts: c.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol as "tcp" })),
    ...(c.workingDir ? { workingDir: c.workingDir } : {}), ...(c.injected ? { trees: c.injected } : {}),
    ...(c.memoryLimitBytes ? { memoryLimitBytes: c.memoryLimitBytes } : {}),
    ...(ip ? { ip } : {}), network: new EngineNetworkHooks(world, host, c.id),
    // The user (-u, else the image's USER) and the mounts' read-only flags; mount points exist.
    ...(c.user ? { user: c.user } : {}), ...(c.readOnlyRootfs ? { readOnlyRootFilesystem: true } : {}),
    ...(c.groupAdd ? { supplementalGroups: groupIds(image, c.groupAdd) } : {}),
    // A tmpfs is world-writable with the sticky bit (mode 1777), volumes and binds root's 0755.
    mounts: [...c.mounts.map((m) => ({ path: m.target, readOnly: m.readOnly, ...(m.type === "tmpfs" ? { mode: 0o1777 } : {}) })),
      ...(c.tmpfs ?? []).map((path) => ({ path, mode: 0o1777 }))],
  }));
  c.startedAt = world.now;
  c.stdinOnce = undefined;
  c.finishedAt = undefined;
  c.restartAt = undefined;
  c.stoppedByUser = false;
  c.oomKilled = false;
  c.startError = c.process.startError;
  if (c.startError) {
    c.status = "created";
    c.exitCode = c.process.status(world.now).state === "exited" ? (c.process.status(world.now) as { exitCode: number }).exitCode : 127;
    c.finishedAt = world.now;
    world.record("engine", "container-exited", c.name, { host, id: c.id, exitCode: c.exitCode });
    // The daemon resolves the user itself (getUser) before runc: its error is not runc's.
    return c.startError.startsWith("unable to find ") ? c.startError : dockerStartErrorMessage(c.startError);
  }
  c.status = "running";
  initHealth(c, world.now);
  world.record("engine", "container-started", c.name, { host, id: c.id, image: c.image });
  observe(world, host, c);
  return undefined;
}

/** Reads PID 1's status at the current time; an ended process makes the container exit. True if it changed. */
export function observe(world: World, host: string, c: Container): boolean {
  if (c.status !== "running" || !c.process) return false;
  const st = c.process.status(world.now);
  if (st.state !== "exited") return false;
  c.status = "exited";
  c.stopDeadline = undefined;
  c.exitCode = st.exitCode;
  c.finishedAt = st.finishedAt;
  c.oomKilled = st.reason === "OOMKilled";
  world.record("engine", "container-exited", c.name, { host, id: c.id, exitCode: c.exitCode, ...(c.oomKilled ? { oomKilled: true } : {}) });
  // AutoRemove (the client refuses --rm with a restart policy): gone as soon as it has exited.
  if (c.autoRemove) removeContainer(world, host, c, { volumes: true });
  else scheduleRestart(world, host, c);
  return true;
}

/** moby's restart manager: always / unless-stopped / on-failure[:N], back-off 100 ms doubling (max 1 min). */
function scheduleRestart(world: World, host: string, c: Container): void {
  const [policy, max] = c.restartPolicy.split(":") as [string, string | undefined];
  if (c.stoppedByUser) return;
  const wants = policy === "always" || policy === "unless-stopped" || (policy === "on-failure" && c.exitCode !== 0 && (!max || c.restartCount < Number(max)));
  if (!wants) return;
  const delay = Math.min(60_000, 100 * 2 ** Math.min(c.restartCount, 20));
  c.restartAt = world.now + delay;
  c.status = "restarting";
  world.record("engine", "container-restarting", c.name, { host, id: c.id, restartCount: c.restartCount + 1 });
}

/** The restart policy's time has come. */
export function restartNow(world: World, host: string, c: Container): void {
  c.restartCount++;
  c.status = "exited";
  startContainer(world, host, c);
}

export const DEFAULT_STOP_TIMEOUT_S = 10;

/**
 * `docker stop`: the stop signal, then SIGKILL after the timeout. Time passes only when the
 * process takes time to exit (a handler's delay, or the whole timeout when PID 1 ignores it).
 */
export function stopContainer(world: World, host: string, c: Container, opts: { timeoutS?: number; signal?: string } = {}): void {
  if (c.status === "restarting") {
    c.restartAt = undefined;
    c.status = "exited";
    c.stoppedByUser = true;
    return;
  }
  if (c.status === "paused") return stopPaused(world, host, c, (opts.timeoutS ?? c.stopTimeoutS ?? DEFAULT_STOP_TIMEOUT_S) * 1000);
  if (c.status !== "running" || !c.process) return;
  c.stoppedByUser = true;
  const image = imageFactsOf(world, c.image, host);
  const sig = (opts.signal ?? c.stopSignal ?? image?.stopSignal ?? "SIGTERM") as Parameters<NonNullable<Container["process"]>["signal"]>[0];
  const timeoutMs = (opts.timeoutS ?? c.stopTimeoutS ?? DEFAULT_STOP_TIMEOUT_S) * 1000;
  const outcome = c.process.signal(sig);
  if (outcome.outcome !== "not-running") {
    const exited = () => c.status !== "running" || c.process?.status(world.now).state === "exited";
    const done = world.advanceUntil(exited, outcome.outcome === "exits" ? Math.min(timeoutMs, Math.max(0, outcome.exitAt - world.now)) : timeoutMs);
    if (!done) c.process.kill();
  }
  observe(world, host, c);
}

/**
 * ContainerStop without waiting (the swarm executor's shutdown): the stop signal now, and SIGKILL
 * at the end of the grace period if PID 1 is still there (the engine subsystem keeps that time).
 */
export function beginStop(world: World, host: string, c: Container, signal: string, graceMs: number): void {
  if (c.status !== "running" || !c.process || c.stopDeadline !== undefined) return;
  c.process.advanceTo(world.now);
  const outcome = c.process.signal(signal as Parameters<NonNullable<Container["process"]>["signal"]>[0]);
  if (graceMs <= 0) c.process.kill();
  else c.stopDeadline = world.now + graceMs;
  if (outcome.outcome === "not-running" || graceMs <= 0) observe(world, host, c);
}

/** `docker kill` (SIGKILL by default): 137 at once. */
export function killContainer(world: World, host: string, c: Container): void {
  if (c.status !== "running" || !c.process) return;
  c.stoppedByUser = true;
  c.process.kill();
  observe(world, host, c);
}

/** ContainerRemove; with `volumes` (RemoveVolumes: `rm -v`, AutoRemove) its anonymous volumes go too. */
export function removeContainer(world: World, host: string, c: Container, opts: { volumes?: boolean } = {}): void {
  const h = engineHost(world, host);
  if (!h.containers.includes(c)) return;
  const volumes = opts.volumes ? releasableVolumes(world, host, c) : [];
  h.containers = h.containers.filter((x) => x !== c);
  for (const v of volumes) removeVolume(world, host, v);
  const nets = engineNetworks(world);
  for (const n of nets.of(host)) nets.detach(n, c.id);
  world.record("engine", "container-removed", c.name, { host, id: c.id });
}

/** Every log line the container wrote, earlier runs first. */
export function containerLogs(c: Container): LogEntry[] {
  return [...c.logs, ...(c.process?.logs() ?? [])];
}

export function ensureVolume(world: World, host: string, name: string, labels: Record<string, string> = {}, driver = "local"): { volume: VolumeRecord; created: boolean } {
  const h = engineHost(world, host);
  const have = h.volumes.find((v) => v.name === name);
  if (have) return { volume: have, created: false };
  const volume: VolumeRecord = { name, driver, labels, created: world.now };
  h.volumes.push(volume);
  world.record("engine", "volume-created", name, { host });
  return { volume, created: true };
}

export function removeVolume(world: World, host: string, name: string): void {
  const h = engineHost(world, host);
  h.volumes = h.volumes.filter((v) => v.name !== name);
  // The local driver removes the volume's directory, data and all.
  world.host(host)?.fs.remove(volumeDataDir(name).replace(/\/_data$/, ""));
  world.record("engine", "volume-removed", name, { host });
}

/** A user-defined bridge network on this engine (compose's project networks), reused when present. */
export function ensureNetwork(world: World, host: string, name: string, labels: Record<string, string> = {}, driver = "bridge"): { network: LocalNetwork; created: boolean } {
  const nets = engineNetworks(world);
  const list = nets.of(host);
  const have = list.find((n) => n.name === name);
  if (have) return { network: have, created: false };
  const network = nets.make(name, driver, nets.freeSubnet(host), false, { labels, engineOwned: true });
  list.push(network);
  world.record("engine", "network-created", name, { host });
  return { network, created: true };
}

export function removeNetwork(world: World, host: string, name: string): void {
  const list = engineNetworks(world).of(host);
  const i = list.findIndex((n) => n.name === name && !n.builtin);
  if (i >= 0) list.splice(i, 1);
  world.record("engine", "network-removed", name, { host });
}

/** The shape the network module's `visibleNetworks` merges in (legacy: engine-kept networks). */
export interface LegacyEngineNetwork {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  created: number;
  subnet: string;
}

/** Kept for the network module: engine networks now live in its own list, so nothing extra. */
export function localNetworks(_world: World, _host: string): LegacyEngineNetwork[] {
  return [];
}

/** The engine's user-defined networks with a label (compose's project networks). */
export function labelledNetworks(world: World, host: string, key: string, value: string): LocalNetwork[] {
  return engineNetworks(world).of(host).filter((n) => n.labels[key] === value);
}
