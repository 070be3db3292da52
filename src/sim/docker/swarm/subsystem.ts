// The swarm as a world subsystem: each pass derives node states from the machines, elects a
// leader, then (with quorum) runs swarmkit's manager roles in order — orchestrators (replicated,
// global), restart supervisor, updater, constraint enforcer, scheduler — and always the agents (dispatcher) and the
// task reaper. Without quorum nothing is orchestrated, but running tasks keep running.

import { SideTable } from "../../clone";
import type { Host, HostEvent, Subsystem, World } from "../../world";
import type { SwarmCluster } from "./cluster";
import type { Service } from "./types";
import { dispatch, dispatchWake, NODE_DOWN_PERIOD_MS, orphanDownNodeTasks } from "./dispatcher";
import { syncTaskContainers } from "./engine-sync";
import { enforceConstraints } from "./orchestrator/constraint-enforcer";
import { reconcileGlobal } from "./orchestrator/global";
import { reap } from "./orchestrator/reaper";
import { reconcileReplicated } from "./orchestrator/replicated";
import { restartWake, superviseRestarts } from "./orchestrator/restart";
import { reconcileUpdate, updateWake } from "./orchestrator/update";
import { retryPendingJoins } from "./membership";
import { electLeader, leaderRestarted, quorumView } from "./raft";
import { schedule } from "./scheduler/scheduler";
import { SWARM, type SwarmState } from "./state";
import { recordIfChanged, recordServiceTasks } from "./timeline";

const lastNodeSig = new SideTable<object, string>();
const order = new WeakMap<SwarmCluster, { size: number; list: Service[] }>();

/** Services in creation order (cached while the set of services is unchanged). */
function servicesInOrder(c: SwarmCluster): Service[] {
  const cached = order.get(c);
  if (cached && cached.size === c.services.size && cached.list.every((s) => c.services.get(s.id) === s)) return cached.list;
  const list = [...c.services.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  order.set(c, { size: c.services.size, list });
  return list;
}

function deriveNodeStates(world: World, st: SwarmState, c: SwarmCluster): boolean {
  let changed = false;
  for (const node of c.nodes.values()) {
    const host = world.host(node.host);
    const m = st.membership.get(node.host);
    const ready = !!host?.up && !!m && m.clusterId === c.id && m.nodeId === node.id && !m.locked && !m.evicted;
    const state = ready ? "ready" : "down";
    if (node.state !== state) {
      node.state = state;
      node.updatedAt = world.now;
      if (state === "down") node.downSince = world.now;
      else delete node.downSince;
      changed = true;
    }
    // A promoted node joins the raft once it is up.
    if (node.role === "manager" && node.state === "ready" && !c.members.includes(node.id)) {
      c.members.push(node.id);
      changed = true;
    }
    const sig = `${node.state} ${node.availability} ${node.role}`;
    if (lastNodeSig.get(node) !== sig) {
      lastNodeSig.set(node, sig);
      world.record("swarm", "node", `node/${node.host}`, { state: node.state, availability: node.availability, role: node.role });
    }
  }
  return changed;
}

export class SwarmSubsystem implements Subsystem {
  readonly name = "swarm";

  reconcile(world: World): boolean {
    const st = world.peekSlot(SWARM);
    if (!st) return false;
    let changed = st.pending.size > 0 && retryPendingJoins(world);
    for (const c of st.sortedClusters()) {
      changed = deriveNodeStates(world, st, c) || changed;
      changed = electLeader(c) || changed;
      const q = quorumView(c);
      recordIfChanged(world, c, "quorum", "cluster", { managers: q.managers, reachable: q.reachable, hasQuorum: q.hasQuorum, leader: c.leaderId ?? null });
      if (q.hasQuorum) {
        for (const svc of servicesInOrder(c)) {
          changed = reconcileReplicated(world, c, svc) || changed;
          changed = reconcileGlobal(world, c, svc) || changed;
          changed = superviseRestarts(world, c, svc) || changed;
          changed = reconcileUpdate(world, c, svc) || changed;
        }
        changed = enforceConstraints(world, c) || changed;
        changed = schedule(world, c) || changed;
      }
      changed = dispatch(world, c) || changed;
      changed = syncTaskContainers(world, c) || changed;
      if (q.hasQuorum) changed = orphanDownNodeTasks(c, world.now) || changed;
      if (q.hasQuorum) changed = reap(c) || changed;
      for (const svc of c.services.values()) recordServiceTasks(world, c, svc);
    }
    return changed;
  }

  nextWake(world: World): number | undefined {
    const st = world.peekSlot(SWARM);
    if (!st) return undefined;
    let best: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > world.now && (best === undefined || t < best)) best = t;
    };
    for (const c of st.clusters.values()) {
      consider(dispatchWake(c, world.now));
      if (!quorumView(c).hasQuorum) continue;
      for (const n of c.nodes.values()) if (n.downSince !== undefined) consider(n.downSince + NODE_DOWN_PERIOD_MS);
      for (const svc of c.services.values()) {
        consider(restartWake(c, svc, world.now));
        consider(updateWake(svc, world.now));
      }
    }
    return best;
  }

  /**
   * A manager's daemon that starts again (a restart, or power back on after `sim node down`) is
   * locked under autolock, needing the unlock key in force when it stopped. A restarted leader
   * comes back a follower when the others could elect a leader meanwhile.
   */
  onHostEvent(world: World, host: Host, event: HostEvent): void {
    const st = world.peekSlot(SWARM);
    const m = st?.membership.get(host.name);
    if (!st || !m) return;
    const c = st.clusters.get(m.clusterId);
    if (event === "down") {
      m.poweredOff = true;
      if (!m.locked) m.lockedKey = c?.unlockKey;
      return;
    }
    if (event === "up" && !m.poweredOff) return;
    if (event !== "up" && event !== "restart") return;
    m.poweredOff = undefined;
    const node = c?.nodes.get(m.nodeId);
    if (c && node && event === "restart") leaderRestarted(c, node.id);
    if (c?.autolock && node?.role === "manager" && c.members.includes(node.id)) {
      if (!m.locked && event === "restart") m.lockedKey = c.unlockKey;
      m.locked = true;
    } else if (!m.locked) m.lockedKey = undefined;
  }
}
