// The Docker Swarm simulator, shaped like swarmkit's manager: a store per swarm (cluster.ts),
// Raft membership and quorum (raft.ts), one orchestrator per service mode (orchestrator/
// replicated.ts, global.ts) plus the restart supervisor, the rolling updater and the task
// reaper, a scheduler that runs a filter pipeline which explains its rejections
// (scheduler/), and the agents' side moving tasks through the real task states
// (dispatcher.ts), whose task containers run on the shared process model (src/sim/runtime) and
// appear in each engine's `docker ps` (engine-sync.ts): a task ends when its container's PID 1
// does (Complete on exit 0, Failed "task: non-zero exit (N)" otherwise, OOM 137), and `docker
// service logs` reads those containers' logs.
// All of it is level-triggered: subsystem.ts re-derives node states and
// re-runs every role after each command and on the virtual clock.
//
// Timing choices: a machine going down (`sim node down`) is seen at once (real swarm waits for
// missed heartbeats, ~5–15 s); task state changes up to running take no time; the restart delay
// (5 s by default), --update-delay and the monitor period do.
//
// Timeline events (world.record, source "swarm"):
//   init / join / leave / force-new-cluster   subject node/<host>
//   quorum        cluster           {managers, reachable, hasQuorum, leader}
//   node          node/<host>       {state, availability, role}   (on change)
//   node-role / node-availability / node-remove   node/<host>
//   service-create / service-update / service-rollback / service-remove   service/<name>
//   service-tasks service/<name>    {running, desired}  (whenever either changes)
//   secret-create / config-create   secret/<name>, config/<name>
//   swarm-update cluster {autolock}; unlock node/<host>
// Task containers record the engine's events (source "engine"): container-created /
// container-started / container-exited {host, id, image?, exitCode?}, subject the container name
// <service>.<slot|nodeID>.<taskID>.
//
// State for query checks: the "swarm" slot's snapshot (snapshot.ts) — cluster, nodes,
// services, tasks, networks, secrets, configs, membership.

import type { ClusterSpec } from "../../cluster-spec";
import type { World } from "../../world";
import { swarmInit, swarmJoin } from "./membership";
import { swarmOf } from "./state";

export { SWARM, swarmOf, managerAccess, type SwarmState } from "./state";
export type { SwarmCluster, SwarmNetwork } from "./cluster";
export type { Service, ServiceSpec, SwarmNode, Task } from "./types";
export { quorumView } from "./raft";
export { serviceCounts } from "./status";
export { createService, updateService, removeService } from "./services";

/** Forms a scenario's starting swarm: the first manager inits with its address, the others join. */
export function initSwarm(world: World, spec: NonNullable<ClusterSpec["swarm"]>): void {
  const [first, ...managers] = spec.managers;
  const leader = world.host(first!);
  if (!leader) return;
  const r = swarmInit(world, leader, {
    advertiseAddr: leader.ip, listenAddr: "", autolock: spec.autolock, forceNewCluster: false, availability: "active",
  });
  if (!r.ok) {
    world.warn(`swarm init on ${leader.name} failed: ${r.error}`);
    return;
  }
  const remote = `${leader.ip}:2377`;
  const join = (name: string, token: string) => {
    const host = world.host(name);
    if (!host || swarmOf(world).of(host)) return;
    const j = swarmJoin(world, host, { token, remote, advertiseAddr: host.ip, listenAddr: "", availability: "active" });
    if (!j.ok) world.warn(`swarm join on ${name} failed: ${j.error}`);
  };
  for (const m of managers) join(m, r.cluster.managerToken);
  for (const w of spec.workers) join(w, r.cluster.workerToken);
}
