// The engine's operations (moby daemon API: ImagePull, ContainerCreate/Start/Stop/Remove,
// VolumeCreate, NetworkCreate), shared by `docker run`/`docker rm`/… and `docker compose`.
// Each returns a value (or an error string in the daemon's words) and records timeline events:
//   engine/container-created|started|exited|removed  subject: container name, data {host, id, image, exitCode?}
//   engine/image-pulled  subject: image ref, data {host}
//   engine/volume-created|removed, engine/network-created|removed  subject: name, data {host}

import { resolveImage, type ImageFacts, type CustomImage } from "../../images";
import type { World } from "../../world";
import { startProcess } from "./process";
import {
  engineHost, engineSlot, type Container, type ContainerMount, type LocalNetwork, type PortBinding,
  type VolumeRecord, errPortAllocated,
} from "./state";

const rngOf = (world: World) => world.rng.fork("docker-engine");

export function customImages(world: World): CustomImage[] {
  return ((world.config.images as CustomImage[] | undefined) ?? []);
}

export type PullOutcome = { ok: true; image: ImageFacts; pulled: boolean } | { ok: false; reason: string; message: string; ref?: unknown };

/** Makes the image present locally (pulling it if needed). */
export function ensureImage(world: World, host: string, ref: string, opts: { always?: boolean } = {}): PullOutcome {
  const r = resolveImage(ref, customImages(world));
  if (!r.ok) return { ok: false, reason: r.reason, message: r.message, ref: r.ref };
  const h = engineHost(world, host);
  const key = r.image.ref.familiar;
  const have = h.images.find((i) => i.ref === key);
  if (have && !opts.always) return { ok: true, image: r.image, pulled: false };
  if (!have) {
    h.images.push({
      ref: key, repository: r.image.ref.familiarName, tag: r.image.ref.tag ?? "<none>",
      id: r.image.digest.replace(/^sha256:/, "").slice(0, 64), created: world.now, size: r.image.sizeBytes,
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
  env?: Record<string, string>;
  labels?: Record<string, string>;
  ports?: PortBinding[];
  networks?: string[];
  mounts?: ContainerMount[];
  restart?: string;
}

/** A moby-style random name: adjective_surname. */
const ADJECTIVES = ["admiring", "brave", "clever", "eager", "focused", "gifted", "happy", "jolly", "keen", "modest", "nifty", "quirky", "relaxed", "serene", "vibrant", "zealous"];
const SURNAMES = ["archimedes", "babbage", "curie", "darwin", "einstein", "fermi", "galileo", "hopper", "kepler", "lovelace", "newton", "pascal", "ritchie", "tesla", "turing", "wozniak"];

export function createContainer(world: World, host: string, o: CreateOptions): Container {
  const h = engineHost(world, host);
  const rng = rngOf(world);
  const id = rng.hexId(64);
  let name = o.name;
  while (!name || h.containers.some((c) => c.name === name)) {
    name = `${ADJECTIVES[rng.int(ADJECTIVES.length)]}_${SURNAMES[rng.int(SURNAMES.length)]}`;
  }
  const entrypoint = o.entrypoint ?? o.image.entrypoint;
  const cmd = o.command ?? (o.entrypoint ? [] : o.image.cmd);
  const env = { ...o.image.env, ...(o.env ?? {}) };
  const c: Container = {
    id, name, image: o.imageRef, imageId: o.image.digest, command: [...entrypoint, ...cmd], created: world.now,
    status: "created", exitCode: 0, labels: o.labels ?? {}, env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    ports: o.ports ?? [], networks: o.networks ?? ["bridge"], mounts: o.mounts ?? [], restartPolicy: o.restart ?? "no",
    logs: [],
  };
  h.containers.push(c);
  world.record("engine", "container-created", name, { host, id, image: o.imageRef });
  return c;
}

/** Starts a container; a string is the daemon's error (port already allocated). */
export function startContainer(world: World, host: string, c: Container): string | undefined {
  if (c.status === "running") return undefined;
  const h = engineHost(world, host);
  for (const p of c.ports) {
    if (!p.hostPort) continue;
    const clash = h.containers.find((o) => o !== c && o.status === "running" && o.ports.some((q) => q.hostPort === p.hostPort && q.protocol === p.protocol));
    if (clash) return errPortAllocated(p.hostIp || "0.0.0.0", p.hostPort);
  }
  c.status = "running";
  c.startedAt = world.now;
  c.finishedAt = undefined;
  world.record("engine", "container-started", c.name, { host, id: c.id, image: c.image });
  const facts = resolveImage(c.image, customImages(world));
  const outcome = startProcess(facts.ok ? facts.image : undefined, c.command, c.env);
  for (const l of outcome.logs) c.logs.push({ time: world.now + (l.atMs ?? 0), stream: l.stream ?? "stdout", text: l.text });
  if (outcome.exit) {
    c.exitsAt = world.now + outcome.exit.afterMs;
    c.exitCodeOnEnd = outcome.exit.exitCode;
    if (outcome.exit.afterMs === 0) endProcess(world, host, c);
  } else {
    c.exitsAt = undefined;
  }
  return undefined;
}

/** The main process ended by itself. */
export function endProcess(world: World, host: string, c: Container): void {
  c.status = "exited";
  c.exitCode = c.exitCodeOnEnd ?? 0;
  c.finishedAt = world.now;
  c.exitsAt = undefined;
  world.record("engine", "container-exited", c.name, { host, id: c.id, exitCode: c.exitCode });
}

/** Stop (SIGTERM, then SIGKILL after the timeout): exit code 0 for graceful images, 137 when killed. */
export function stopContainer(world: World, host: string, c: Container, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): void {
  if (c.status !== "running") return;
  const facts = resolveImage(c.image, customImages(world));
  const reaction = facts.ok ? facts.image.programs[0]?.signals?.[signal === "SIGTERM" ? (facts.image.stopSignal ?? "SIGTERM") : "SIGKILL"] : undefined;
  c.exitCodeOnEnd = signal === "SIGKILL" ? 137 : reaction?.exitCode ?? 0;
  endProcess(world, host, c);
}

export function removeContainer(world: World, host: string, c: Container): void {
  const h = engineHost(world, host);
  h.containers = h.containers.filter((x) => x !== c);
  world.record("engine", "container-removed", c.name, { host, id: c.id });
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
  world.record("engine", "volume-removed", name, { host });
}

export function ensureNetwork(world: World, host: string, name: string, labels: Record<string, string> = {}, driver = "bridge"): { network: LocalNetwork; created: boolean } {
  const h = engineHost(world, host);
  const have = h.networks.find((n) => n.name === name);
  if (have) return { network: have, created: false };
  const network: LocalNetwork = { id: rngOf(world).hexId(64), name, driver, labels, created: world.now, subnet: `172.${h.nextSubnet++}.0.0/16` };
  h.networks.push(network);
  world.record("engine", "network-created", name, { host });
  return { network, created: true };
}

export function removeNetwork(world: World, host: string, name: string): void {
  const h = engineHost(world, host);
  h.networks = h.networks.filter((n) => n.name !== name);
  world.record("engine", "network-removed", name, { host });
}

/** Local networks of a host for `docker network ls` (builtins are the network owner's). */
export function localNetworks(world: World, host: string): LocalNetwork[] {
  return [...engineHost(world, host).networks];
}

/** Ends the processes whose time has come (the engine subsystem's timed work). */
export function engineSubsystem() {
  return {
    name: "docker-engine",
    reconcile(world: World): boolean {
      let changed = false;
      const state = world.peekSlot(engineSlot);
      if (!state) return false;
      for (const [host, h] of [...state.hosts.entries()].sort()) {
        for (const c of h.containers) {
          if (c.status === "running" && c.exitsAt !== undefined && c.exitsAt <= world.now) {
            endProcess(world, host, c);
            changed = true;
          }
        }
      }
      return changed;
    },
    nextWake(world: World): number | undefined {
      const state = world.peekSlot(engineSlot);
      let best: number | undefined;
      for (const h of state?.hosts.values() ?? []) {
        for (const c of h.containers) if (c.status === "running" && c.exitsAt !== undefined && (best === undefined || c.exitsAt < best)) best = c.exitsAt;
      }
      return best;
    },
  };
}
