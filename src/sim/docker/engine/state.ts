// Per-host Docker Engine state (moby's daemon: containers, images, volumes), kept in the
// "docker.engine" slot keyed by host name. Containers move through moby's states
// created → running → exited (→ restarting under a restart policy); PID 1 is a process of the
// shared runtime model (src/sim/runtime). Local networks live in src/sim/docker/network/local.ts.

import type { ImageFacts } from "../../images";
import type { ContainerProcess } from "../../runtime";
import type { FsTree } from "../../runtime/fs-access";
import type { HealthConfig, HealthState } from "./health";
import type { BoundPort } from "./ports";
import { freezeData } from "../../clone";
import { defineSlot, type World } from "../../world";
import { engineSubsystem } from "./subsystem";

/**
 * A port of the container's configuration: a -p binding (hostIp "0.0.0.0" when none was written,
 * hostPort "" for an ephemeral port or "8000-8010" for the first free one of a range), or an
 * EXPOSEd port only (hostIp and hostPort both ""). What is bound at start is Container.bound.
 */
export interface PortBinding {
  hostIp: string;
  hostPort: string;
  containerPort: number;
  protocol: string;
  /** The address was written out (`-p 0.0.0.0:80:80` binds IPv4 only; without one, both stacks). */
  hostIpGiven?: boolean;
}

export interface ContainerMount {
  type: "volume" | "bind" | "tmpfs";
  source: string;
  target: string;
  readOnly: boolean;
  /**
   * A volume the daemon named itself (`-v /data`, an image's VOLUME, a mount without source):
   * moby's mount spec had no Source, so `docker rm -v`, `run --rm` and Compose's down -v remove it.
   */
  anonymous?: boolean;
  /** MountPoint.Mode: a `-v` spec's mode ("ro"); a volume named with -v gets the local driver's "z". */
  mode?: string;
}

export interface LogEntry {
  time: number;
  stream: "stdout" | "stderr";
  text: string;
}

export type ContainerStatus = "created" | "running" | "exited" | "restarting" | "removing" | "paused" | "dead";

export interface Container {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string[];
  created: number;
  status: ContainerStatus;
  startedAt?: number;
  finishedAt?: number;
  exitCode: number;
  labels: Record<string, string>;
  env: string[];
  ports: PortBinding[];
  /** HostConfig.PublishAllPorts (`-P`): every exposed port gets an ephemeral host port at start. */
  publishAll?: boolean;
  /** NetworkSettings.Ports bindings made at the last start (ports.ts); undefined before any. */
  bound?: BoundPort[];
  /** Config.Entrypoint and Config.Cmd as the daemon merged them with the image's (null: none). */
  configEntrypoint?: string[] | null;
  configCmd?: string[] | null;
  networks: string[];
  /** NetworkSettings.Networks[name].NetworkID of the user-defined local networks it was attached to. */
  networkIds?: Record<string, string>;
  mounts: ContainerMount[];
  /** Files a client copies in before each start (Compose's content/environment secrets and configs). */
  injected?: FsTree[];
  restartPolicy: string;
  /** Log lines of earlier runs (before a restart); the current run's are the process's. */
  logs: LogEntry[];
  /** PID 1 of the current (or last) run. */
  process?: ContainerProcess;
  restartCount: number;
  /** Under a restart policy: when the daemon starts it again (moby's back-off: 100 ms doubling). */
  restartAt?: number;
  /** It was up when its machine lost power: the daemon's restore() stops it (255) when it starts again. */
  lostPower?: boolean;
  /** A `docker stop`/`kill` ended it: restart policies other than `always` leave it down. */
  stoppedByUser: boolean;
  oomKilled: boolean;
  /** runc's start error of the last start, if PID 1 could not start. */
  startError?: string;
  hostname: string;
  tty: boolean;
  /** Config.OpenStdin with nothing attached (`-d -i`, `create -i`, stdin_open): PID 1's stdin stays open. */
  stdinOpen?: boolean;
  /** `--init`: docker-init as PID 1. */
  init?: boolean;
  /** An attached `docker run -i`'s piped input, until the first start reads it. */
  stdinOnce?: string;
  workingDir?: string;
  stopSignal?: string;
  stopTimeoutS?: number;
  /** Config's stdio fields as the CLI set them (run/create; absent: all false). */
  stdio?: { Tty: boolean; OpenStdin: boolean; StdinOnce: boolean; AttachStdin: boolean; AttachStdout: boolean; AttachStderr: boolean };
  /** Config.User given with -u (else the image's). */
  user?: string;
  /** HostConfig.ReadonlyRootfs (`--read-only`): only the mounts take writes. */
  readOnlyRootfs?: boolean;
  /** HostConfig.GroupAdd (`--group-add`): extra supplementary groups, names or numbers. */
  groupAdd?: string[];
  /** HostConfig.Tmpfs (`--tmpfs PATH`): writable tmpfs directories, not listed among Mounts. */
  tmpfs?: string[];
  /** HostConfig.AutoRemove (`--rm`): the daemon removes the container once it has exited. */
  autoRemove?: boolean;
  /** A stop under way (ops.beginStop): SIGKILL at this time unless PID 1 has exited by then. */
  stopDeadline?: number;
  /** HostConfig.Memory (bytes; 0 = unlimited): over it, PID 1 is OOM-killed (137, OOMKilled). */
  memoryLimitBytes?: number;
  /** HostConfig.NanoCpus. */
  nanoCpus?: number;
  /** Config.Healthcheck and State.Health (./health.ts). */
  healthcheck?: HealthConfig;
  health?: HealthState;
}

/**
 * One reference of a local image (image-delete.ts): records sharing `id` are one image with
 * several tags; ref "" is an image left without any (<none>:<none>).
 */
export interface ImageRecord {
  ref: string;
  repository: string;
  tag: string;
  /** The image ID (64 hex, no "sha256:"). */
  id: string;
  created: number;
  size: number;
  /** The registry's manifest digest ("sha256:…") of a pull by tag: RepoDigests `repository@digest`. */
  repoDigest?: string;
  /** How many layers (one "Deleted: sha256:<chain ID>" each when the image goes); default by ID. */
  layers?: number;
}

export interface VolumeRecord {
  name: string;
  driver: string;
  labels: Record<string, string>;
  created: number;
  /** Driver options as created (`docker volume create -o`); absent: the daemon's null. */
  options?: Record<string, string>;
}

export interface EngineHost {
  containers: Container[];
  images: ImageRecord[];
  volumes: VolumeRecord[];
  /** Images built on this engine (compose build), by familiar reference "root-web:latest". */
  built: Map<string, ImageFacts>;
  /** portallocator's last port handed out, per "proto/begin-end" range (ports.ts). */
  portLast?: Record<string, number>;
}

export interface EngineState {
  hosts: Map<string, EngineHost>;
}

export const engineSlot = defineSlot<EngineState>(
  "docker.engine",
  (w) => {
    w.addSubsystem(engineSubsystem());
    return { hosts: new Map() };
  },
  (s) => {
    const out: Record<string, unknown> = {};
    for (const name of [...s.hosts.keys()].sort()) {
      const h = s.hosts.get(name)!;
      out[name] = {
        containers: h.containers.map((c) => ({
          id: c.id, name: c.name, image: c.image, status: c.status, exitCode: c.exitCode,
          labels: sortKeys(c.labels), ports: c.ports, networks: c.networks,
          mounts: c.mounts, restartPolicy: c.restartPolicy, restartCount: c.restartCount, env: c.env,
          oomKilled: c.oomKilled, health: c.health?.status ?? null, memoryLimitBytes: c.memoryLimitBytes ?? 0,
        })),
        images: h.images.map((i) => ({ ref: i.ref, id: i.id })),
        volumes: h.volumes.map((v) => ({ name: v.name, driver: v.driver, labels: sortKeys(v.labels) })),
      };
    }
    return out;
  },
);

function sortKeys(o: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k]!;
  return out;
}

export function engineHost(world: World, host: string): EngineHost {
  const state = world.slot(engineSlot);
  let h = state.hosts.get(host);
  if (!h) {
    h = { containers: [], images: [], volumes: [], built: new Map() };
    state.hosts.set(host, h);
  }
  return h;
}

/** moby's reference lookup: full ID, exact name, then unique ID prefix. */
export function findContainer(h: EngineHost, ref: string): Container | undefined | "ambiguous" {
  const r = ref.startsWith("/") ? ref.slice(1) : ref;
  const exact = h.containers.find((c) => c.id === r || c.name === r);
  if (exact) return exact;
  const byPrefix = h.containers.filter((c) => c.id.startsWith(r));
  if (byPrefix.length > 1) return "ambiguous";
  return byPrefix[0];
}

export const ERR_DAEMON = "Error response from daemon: ";
export const errNoSuchContainer = (ref: string) => `${ERR_DAEMON}No such container: ${ref}`;
export const errNameInUse = (name: string, id: string) =>
  `${ERR_DAEMON}Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`;
export const errRemoveRunning = (id: string) =>
  `${ERR_DAEMON}cannot remove container "${id}": container is running: stop the container before removing or force remove`;
/**
 * libnetwork names the endpoint: the container's name and the endpoint's 64-hex ID. Unprefixed,
 * like startContainer's other errors: each command adds "Error response from daemon: ".
 */
export const errPortAllocated = (container: string, endpointId: string, ip: string, port: string) =>
  `failed to set up container networking: driver failed programming external connectivity on endpoint ${container} (${endpointId}): Bind for ${ip}:${port} failed: port is already allocated`;
export const errAllPortsAllocated = (container: string, endpointId: string) =>
  `failed to set up container networking: driver failed programming external connectivity on endpoint ${container} (${endpointId}): all ports are allocated`;
/** The label moby (API ≥ 1.42) puts on the volumes it makes for containers: `volume prune` removes only these. */
export const ANONYMOUS_VOLUME_LABEL = "com.docker.volume.anonymous";

export const errNoSuchVolume = (name: string) => `${ERR_DAEMON}get ${name}: no such volume`;
export const errVolumeInUse = (name: string, ids: string[]) =>
  `${ERR_DAEMON}remove ${name}: volume is in use - [${ids.join(", ")}]`;

/**
 * Freezes what a container was created with and never changes — its command, labels, env,
 * ports, mounts and Config.Entrypoint/Cmd — so copies of the world share them.
 */
export function freezeCreated(c: Container): Container {
  freezeData(c.command);
  freezeData(c.labels);
  freezeData(c.env);
  freezeData(c.ports);
  freezeData(c.mounts);
  freezeData(c.configEntrypoint);
  freezeData(c.configCmd);
  return c;
}
