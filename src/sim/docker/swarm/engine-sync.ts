// Task containers on each machine's engine: a task that started has a container named
// <service>.<slot|nodeID>.<taskID> in that node's `docker ps` (labels com.docker.swarm.*), exited
// once the task ends, gone once the task is reaped. A user stopping or removing a running task's
// container makes the task fail, and swarm replaces it — as the real agent reports it.

import type { World } from "../../world";
import { engineHost, type Container } from "../engine/state";
import type { SwarmCluster } from "./cluster";
import { setState } from "./orchestrator/common";
import { isTerminal } from "./task-state";
import { imageFacts, taskArgv } from "./task-runtime";
import type { Task } from "./types";

const records = new WeakMap<Task, { host: string; container: Container }>();
const known = new WeakMap<SwarmCluster, Set<Task>>();

/** The task container's ID: 64 hex derived from the task ID (stable, deterministic). */
export function taskContainerId(t: Task): string {
  let h = "";
  for (let i = 0; h.length < 64; i++) h += ((t.id.charCodeAt(i % t.id.length) * 31 + i * 17) % 256).toString(16).padStart(2, "0");
  return h.slice(0, 64);
}

function makeContainer(world: World, c: SwarmCluster, t: Task): Container {
  const svc = c.services.get(t.serviceId);
  const svcName = svc?.spec.name ?? t.spec.name;
  const name = `${svcName}.${t.slot > 0 ? t.slot : t.nodeId}.${t.id}`;
  const facts = imageFacts(world, t.spec.image);
  return {
    id: taskContainerId(t), name, image: t.spec.image.replace(/@sha256:[0-9a-f]+$/, ""), imageId: facts?.digest ?? "",
    command: facts ? taskArgv(t.spec, facts) : [...t.spec.command, ...t.spec.args],
    created: world.now, status: "running", startedAt: world.now, exitCode: 0,
    labels: {
      "com.docker.swarm.node.id": t.nodeId, "com.docker.swarm.service.id": t.serviceId,
      "com.docker.swarm.service.name": svcName, "com.docker.swarm.task": "", "com.docker.swarm.task.id": t.id,
      "com.docker.swarm.task.name": name, ...t.spec.containerLabels,
    },
    env: t.env, ports: t.spec.ports.filter((p) => p.publishMode === "host").map((p) => ({ hostIp: "0.0.0.0", hostPort: String(p.publishedPort), containerPort: p.targetPort, protocol: p.protocol })),
    networks: t.spec.networks.map((id) => c.networks.get(id)?.name ?? id), mounts: [], restartPolicy: "no", logs: [], restartCount: 0,
    stoppedByUser: false, oomKilled: false, hostname: t.hostname || taskContainerId(t).slice(0, 12), tty: false,
  } as Container;
}

export function syncTaskContainers(world: World, c: SwarmCluster): boolean {
  let changed = false;
  let seen = known.get(c);
  if (!seen) known.set(c, (seen = new Set()));
  for (const t of c.tasks.values()) {
    const node = c.nodes.get(t.nodeId);
    if (!node) continue;
    let rec = records.get(t);
    if (!rec) {
      if (t.state !== "running") continue;
      rec = { host: node.host, container: makeContainer(world, c, t) };
      records.set(t, rec);
      seen.add(t);
      engineHost(world, node.host).containers.push(rec.container);
      continue;
    }
    const list = engineHost(world, rec.host).containers;
    if (t.state === "running") {
      if (node.state !== "ready") continue;
      const present = list.includes(rec.container);
      if (!present || rec.container.status !== "running") {
        const code = present ? rec.container.exitCode || 137 : 137;
        t.exitCode = code;
        setState(world, t, "failed", "started", `task: non-zero exit (${code})`);
        changed = true;
      }
    } else if (isTerminal(t.state) && rec.container.status === "running") {
      rec.container.status = "exited";
      rec.container.exitCode = t.exitCode ?? (t.state === "shutdown" ? 0 : 1);
      rec.container.finishedAt = world.now;
    }
  }
  // Reaped tasks take their containers with them.
  for (const t of [...seen]) {
    if (c.tasks.get(t.id) === t) continue;
    const rec = records.get(t);
    if (rec) {
      const h = engineHost(world, rec.host);
      h.containers = h.containers.filter((x) => x !== rec.container);
    }
    seen.delete(t);
  }
  return changed;
}
