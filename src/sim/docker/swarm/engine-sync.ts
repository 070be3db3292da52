// Task containers on each machine's engine, as moby's swarm executor (daemon/cluster/executor/
// container) runs them: when a task starts, a container named <service>.<slot|nodeID>.<taskID>
// (labels com.docker.swarm.*) is created on its node and PID 1 runs on the shared process model
// (src/sim/runtime) exactly as `docker run` would — so `docker ps`, `docker logs`, `docker service
// logs`, exits and OOM kills are the same container's. The task follows its container: exit 0 →
// Complete "finished", else Failed "task: non-zero exit (N)" (with a healthcheck, also its health:
// task-health.ts); a user stopping or removing a task's
// container makes the task end likewise, and swarm replaces it. Shut-down tasks stop their
// container; reaped tasks take it with them.

import { SideTable } from "../../clone";
import { dockerStartErrorMessage, startContainer as startProcess } from "../../runtime";
import type { World } from "../../world";
import { beginStop, groupIds, observe, removeContainer, removeVolume } from "../engine/ops";
import { releasableVolumes } from "../engine/container-volumes";
import { engineImageId } from "../engine/image-delete";
import { EngineNetworkHooks } from "../network/embedded-dns";
import { containerEtcFiles } from "../network/etc-files";
import { bindPorts } from "../engine/ports";
import { engineHost, freezeCreated, errAllPortsAllocated, errPortAllocated, type Container, type PortBinding } from "../engine/state";
import type { ImageFacts } from "../../images";
import type { SwarmCluster } from "./cluster";
import { setState } from "./orchestrator/common";
import { isTerminal } from "./task-state";
import { imageFacts, taskArgv, taskEnv } from "./task-runtime";
import { taskMounts } from "./task-mounts";
import { engineHostMounts } from "../engine/volume-mounts";
import { withHostMounts } from "../../runtime/fs";
import type { ObjectRef, Task } from "./types";
import type { FsTree } from "../../runtime/fs-access";
import { initHealth } from "../engine/health";
import { ERR_CONTAINER_UNHEALTHY, taskHealthConfig } from "./task-health";
import { processEnv } from "../engine/env-flags";

/**
 * The container's mounts: the task's rendered ones (volumes were created when it was prepared);
 * a volume the spec gave no source is anonymous (removed with the task's container).
 */
const containerMounts = (t: Task): Container["mounts"] => taskMounts(t).map((m, i) => {
  const type = m.type === "bind" || m.type === "tmpfs" ? m.type : "volume";
  const anonymous = type === "volume" && !t.spec.mounts[i]?.source;
  return { type, source: m.source, target: m.target, readOnly: m.readOnly, ...(anonymous ? { anonymous } : {}) };
});

export const errNonZeroExit = (code: number): string => `task: non-zero exit (${code})`;
export const errStartingContainer = (msg: string): string => `starting container failed: ${msg}`;

const records = new SideTable<Task, { host: string; container: Container; unhealthy?: boolean }>();
const known = new SideTable<SwarmCluster, Set<Task>>();

/** The task container's ID: 64 hex derived from the task ID (stable, deterministic). */
export function taskContainerId(t: Task): string {
  let h = "";
  for (let i = 0; h.length < 64; i++) h += ((t.id.charCodeAt(i % t.id.length) * 31 + i * 17) % 256).toString(16).padStart(2, "0");
  return h.slice(0, 64);
}

/** The container a task ran (or runs), with the machine it is on. */
export function taskContainer(t: Task): { host: string; container: Container } | undefined {
  return records.get(t);
}

export const taskContainerName = (c: SwarmCluster, t: Task): string =>
  `${c.services.get(t.serviceId)?.spec.name ?? t.spec.name}.${t.slot > 0 ? t.slot : t.nodeId}.${t.id}`;

function makeContainer(world: World, c: SwarmCluster, t: Task): Container {
  const svc = c.services.get(t.serviceId);
  const svcName = svc?.spec.name ?? t.spec.name;
  const name = taskContainerName(c, t);
  const facts = imageFacts(world, t.spec.image);
  const health = taskHealthConfig(t.spec.healthcheck);
  return freezeCreated({
    id: taskContainerId(t), name, image: t.spec.image, imageId: facts ? `sha256:${engineImageId(facts.digest)}` : "",
    command: facts ? taskArgv(t.spec, facts) : [...t.spec.command, ...t.spec.args],
    created: world.now, status: "created", exitCode: 0,
    labels: {
      "com.docker.swarm.node.id": t.nodeId, "com.docker.swarm.service.id": t.serviceId,
      "com.docker.swarm.service.name": svcName, "com.docker.swarm.task": "", "com.docker.swarm.task.id": t.id,
      "com.docker.swarm.task.name": name, ...t.spec.containerLabels,
    },
    env: taskEnv(facts, t.env), ports: taskPorts(t, facts),
    networks: t.spec.networks.map((id) => c.networks.get(id)?.name ?? id), mounts: containerMounts(t), restartPolicy: "no", logs: [], restartCount: 0,
    stoppedByUser: false, oomKilled: false, hostname: t.hostname || taskContainerId(t).slice(0, 12), tty: false,
    ...(t.spec.workdir ? { workingDir: t.spec.workdir } : {}),
    // ContainerSpec.User, ReadOnly and Groups become the container's Config.User,
    // HostConfig.ReadonlyRootfs and HostConfig.GroupAdd.
    ...(t.spec.user ? { user: t.spec.user } : {}), ...(t.spec.readOnly ? { readOnlyRootfs: true } : {}),
    ...(t.spec.groups?.length ? { groupAdd: [...t.spec.groups] } : {}),
    // ContainerSpec.StopSignal is the container's Config.StopSignal (else the image's applies).
    ...(t.spec.stopSignal ? { stopSignal: t.spec.stopSignal } : {}),
    ...(health ? { healthcheck: health } : {}),
    // Config.Entrypoint/Cmd: the spec's command and args, merged with the image's as the daemon does.
    ...(facts ? configCommand(t.spec.command, t.spec.args, facts) : {}),
  });
}

/**
 * The executor's portBindings()/exposedPorts(): host-mode ports only, bound on every address, a
 * published port of 0 left to the engine's allocator. Ingress ports are not the container's (the
 * routing mesh reaches it through the ingress network), so an nginx task shows `80/tcp` in
 * `docker ps`: the daemon merges the image's EXPOSE into Config.ExposedPorts.
 */
function taskPorts(t: Task, facts: ImageFacts | undefined): PortBinding[] {
  const ports: PortBinding[] = t.spec.ports.filter((p) => p.publishMode === "host").map((p) => ({
    hostIp: "0.0.0.0", hostPort: p.publishedPort ? String(p.publishedPort) : "", containerPort: p.targetPort, protocol: p.protocol,
  }));
  for (const e of facts?.exposedPorts ?? []) {
    const protocol = e.protocol ?? "tcp";
    if (!ports.some((p) => p.containerPort === e.port && p.protocol === protocol)) ports.push({ hostIp: "", hostPort: "", containerPort: e.port, protocol });
  }
  return ports;
}

function configCommand(command: string[], args: string[], img: { entrypoint: string[]; cmd: string[] }): Pick<Container, "configEntrypoint" | "configCmd"> {
  const entry = command.length ? command : img.entrypoint;
  const cmd = args.length ? args : command.length ? [] : img.cmd;
  return { configEntrypoint: entry.length ? [...entry] : null, configCmd: cmd.length ? [...cmd] : null };
}

/**
 * Secrets and configs as the executor mounts them: each a read-only file (/run/secrets/<target>,
 * /<target>) owned by the reference's uid and gid with its mode (0444 unless given), as moby's
 * container/secrets and configs set them up.
 */
function mountedObjects(c: SwarmCluster, t: Task): { trees: FsTree[]; readOnlyPaths: string[] } {
  const trees: FsTree[] = [];
  const add = (r: ObjectRef, data: string | undefined, path: string) => {
    if (data === undefined) return;
    const id = (v: string) => (/^\d+$/.test(v) ? Number(v) : 0);
    trees.push({ path, entries: { "": { type: "file", content: data, mode: r.mode & 0o7777, uid: id(r.uid), gid: id(r.gid) } } });
  };
  for (const r of t.spec.secrets) add(r, c.secrets.get(r.id)?.data, r.target.startsWith("/") ? r.target : `/run/secrets/${r.target}`);
  for (const r of t.spec.configs) add(r, c.configs.get(r.id)?.data, r.target.startsWith("/") ? r.target : `/${r.target}`);
  return { trees, readOnlyPaths: trees.map((x) => x.path) };
}

/**
 * The address the container's hostname has in its /etc/hosts (`hostname -i`): its first network
 * other than ingress — the routing mesh's endpoint is left out (moby#34376, moby#32149).
 */
function ownAddress(c: SwarmCluster, t: Task): string | undefined {
  const id = Object.keys(t.addresses).find((n) => !c.networks.get(n)?.ingress);
  return id ? t.addresses[id]!.split("/")[0] : undefined;
}

/**
 * The executor's create + start of a task's container (the task is "starting"). Returns the
 * task's error when PID 1 cannot start (runc's message, wrapped as the executor wraps it).
 */
export function launchTaskContainer(world: World, c: SwarmCluster, t: Task): string | undefined {
  const node = c.nodes.get(t.nodeId);
  const facts = imageFacts(world, t.spec.image);
  if (!node || !facts) return undefined;
  const container = makeContainer(world, c, t);
  // The engine binds the host-mode ports at start; a port something else on the machine holds
  // (a `docker run -p`) fails the start as it fails `docker start`.
  const bindFailure = bindPorts(world, node.host, container);
  engineHost(world, node.host).containers.push(container);
  records.set(t, { host: node.host, container });
  let seen = known.get(c);
  if (!seen) known.set(c, (seen = new Set()));
  seen.add(t);
  world.record("engine", "container-created", container.name, { host: node.host, id: container.id, image: container.image });
  if (bindFailure) {
    const endpoint = world.rng.fork("docker-engine").hexId(64);
    container.exitCode = 128;
    container.finishedAt = world.now;
    return errStartingContainer("allAllocated" in bindFailure ? errAllPortsAllocated(container.name, endpoint) : errPortAllocated(container.name, endpoint, bindFailure.ip, bindFailure.port));
  }
  const mem = t.spec.limits.memoryBytes;
  // As `docker run` starts a container (engine/ops.ts): libnetwork's /etc/hosts and resolv.conf
  // (a task's networks are swarm-scoped, so the embedded DNS at 127.0.0.11), its user and groups, the
  // read-only root and the mounts with their flags (a tmpfs is 1777 and writable under it).
  container.process = withHostMounts(engineHostMounts(world, node.host, container.mounts, facts), () => startProcess({
    // Config.Env already holds the image's ENV after the task's (taskEnv): the process gets PATH,
    // HOSTNAME, then Config.Env in its order (moby's CreateDaemonEnvironment), as for docker run.
    image: { ...facts, env: {} }, command: container.command, args: [], env: processEnv(container.env), startTime: world.now,
    hostname: container.hostname, files: { ...containerEtcFiles(world, node.host, container), "/etc/hostname": `${container.hostname}\n` },
    ...mountedObjects(c, t),
    declaredPorts: t.spec.ports.map((p) => ({ port: p.targetPort, protocol: p.protocol as "tcp" })),
    ...(mem > 0 ? { memoryLimitBytes: mem } : {}), ...(t.spec.workdir ? { workingDir: t.spec.workdir } : {}),
    ...(ownAddress(c, t) ? { ip: ownAddress(c, t)! } : {}),
    ...(container.user ? { user: container.user } : {}), ...(container.readOnlyRootfs ? { readOnlyRootFilesystem: true } : {}),
    ...(container.groupAdd ? { supplementalGroups: groupIds(facts, container.groupAdd) } : {}),
    mounts: container.mounts.map((m) => ({ path: m.target, readOnly: m.readOnly, ...(m.type === "tmpfs" ? { mode: 0o1777 } : {}) })),
    network: new EngineNetworkHooks(world, node.host, container.id),
  }));
  container.startedAt = world.now;
  const startError = container.process.startError;
  if (startError) {
    container.exitCode = 127;
    container.finishedAt = world.now;
    container.startError = startError;
    // The daemon resolves the user itself before runc (getUser): its error is not runc's.
    return errStartingContainer(startError.startsWith("unable to find ") ? startError : dockerStartErrorMessage(startError));
  }
  container.status = "running";
  initHealth(container, world.now);
  world.record("engine", "container-started", container.name, { host: node.host, id: container.id, image: container.image });
  observe(world, node.host, container);
  return undefined;
}

/** The executor's Start returns at once without a healthcheck; with one, it waits (task-health.ts). */
export const startAwaitsHealth = (t: Task): boolean => !!records.get(t)?.container.healthcheck;

/**
 * Stops a shut-down task's container with its stop signal (ContainerSpec.StopSignal, else the
 * image's STOPSIGNAL, else SIGTERM), and the exit code the program gives it (137 if it ignores it).
 */
function stopTaskContainer(world: World, host: string, container: Container): void {
  const p = container.process;
  if (p) {
    p.advanceTo(world.now);
    const signal = container.stopSignal ?? imageFacts(world, container.image)?.stopSignal ?? "SIGTERM";
    const outcome = p.signal(signal as Parameters<typeof p.signal>[0]);
    if (outcome.outcome !== "exits") p.kill();
    container.exitCode = outcome.outcome === "exits" ? outcome.exitCode : 137;
  } else container.exitCode = 137;
  container.status = "exited";
  container.finishedAt = world.now;
  world.record("engine", "container-exited", container.name, { host, id: container.id, exitCode: container.exitCode });
}

/**
 * moby's Cluster.Leave: once the node has stopped, every container of its tasks is force-removed
 * (killed if running). Nothing is reported to the managers, which only see the node go down: its
 * tasks keep the state last reported.
 */
export function removeNodeTaskContainers(world: World, c: SwarmCluster, nodeId: string): void {
  for (const t of known.get(c) ?? []) {
    const rec = records.get(t);
    if (t.nodeId !== nodeId || !rec) continue;
    const ctr = rec.container;
    if (ctr.status === "running" && ctr.process) {
      ctr.process.advanceTo(world.now);
      ctr.process.kill();
      ctr.status = "exited";
      ctr.exitCode = 137;
      ctr.finishedAt = world.now;
    }
    // The executor removes a task's container with RemoveVolumes (its anonymous volumes go too).
    removeContainer(world, rec.host, ctr, { volumes: true });
  }
}

/** The agents' view of task containers: ended containers end their tasks; ended tasks stop theirs. */
export function syncTaskContainers(world: World, c: SwarmCluster): boolean {
  let changed = false;
  const seen = known.get(c) ?? new Set<Task>();
  for (const t of seen) {
    const rec = records.get(t)!;
    const node = c.nodes.get(t.nodeId);
    if (t.state === "running" || (t.state === "starting" && rec.container.healthcheck)) {
      if (!node || node.state !== "ready") continue;
      const list = engineHost(world, rec.host).containers;
      const present = list.includes(rec.container);
      if (present) observe(world, rec.host, rec.container);
      if (present && rec.container.status === "running") {
        const health = rec.container.health?.status;
        if (t.state === "starting" && health === "healthy") {
          setState(world, t, "running", "started");
          changed = true;
        }
        if (health === "unhealthy" && !rec.unhealthy) {
          // Shutdown: the task ends when the container has exited (task-health.ts).
          rec.unhealthy = true;
          beginStop(world, rec.host, rec.container, rec.container.stopSignal ?? imageFacts(world, t.spec.image)?.stopSignal ?? "SIGTERM", t.spec.stopGracePeriodMs);
          changed = true;
        }
        if (rec.container.status === "running") continue;
      }
      const code = present ? rec.container.exitCode : 137;
      t.exitCode = code;
      // An exit 0 while starting is a start (then, at once, a completion).
      if (code === 0) setState(world, t, "complete", "finished");
      else setState(world, t, "failed", t.state === "starting" ? "starting" : "started", errNonZeroExit(code) + (rec.unhealthy ? `: ${ERR_CONTAINER_UNHEALTHY}` : ""));
      changed = true;
    } else if (isTerminal(t.state) && rec.container.status === "running" && node) {
      // (A deleted node's orphaned tasks have no agent left to stop their containers.)
      stopTaskContainer(world, rec.host, rec.container);
      if (t.exitCode === undefined) t.exitCode = rec.container.exitCode;
    }
  }
  // Reaped tasks take their containers with them.
  for (const t of [...seen]) {
    if (c.tasks.get(t.id) === t) continue;
    const rec = records.get(t);
    if (rec) {
      const h = engineHost(world, rec.host);
      // RemoveVolumes: the container's anonymous volumes (an image's VOLUME) go with it.
      const volumes = releasableVolumes(world, rec.host, rec.container);
      h.containers = h.containers.filter((x) => x !== rec.container);
      for (const v of volumes) removeVolume(world, rec.host, v);
    }
    seen.delete(t);
  }
  return changed;
}
