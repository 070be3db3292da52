// The "swarm" slot: every swarm in the world and which one each machine's daemon belongs to.
// A machine's daemon remembers its swarm across power cycles (membership); whether it can act on
// it (up, unlocked, a manager, quorum) is derived each time.

import type { Host, World } from "../../world";
import { defineSlot } from "../../world";
import { SwarmCluster } from "./cluster";
import {
  DAEMON, ERR_MANAGER_UNAVAILABLE, ERR_NO_LEADER, ERR_NO_SWARM, ERR_SWARM_LOCKED, ERR_SWARM_NOT_MANAGER,
} from "./errors";
import { quorumView } from "./raft";
import { snapshotSwarm } from "./snapshot";
import { SwarmSubsystem } from "./subsystem";
import type { SwarmNode } from "./types";

export interface Membership {
  clusterId: string;
  nodeId: string;
  /** Autolock: a restarted manager stays locked until `docker swarm unlock`. */
  locked: boolean;
  /**
   * The unlock key its raft key was encrypted with when it locked: a manager locked before an
   * `unlock-key --rotate` elsewhere still needs the old key (it never received the new one).
   */
  lockedKey?: string;
  /** The machine is powered off (`sim node down`): its daemon starts afresh when it is back. */
  poweredOff?: boolean;
  /**
   * A manager dropped from the raft by another manager's `--force-new-cluster`: it keeps its
   * swarm state (so `swarm join` says it is already in a swarm and `swarm leave --force` works)
   * but can neither manage nor rejoin until it leaves or is removed.
   */
  evicted?: boolean;
}

/**
 * A `docker swarm join` that timed out (nothing answered at the address): moby keeps the node
 * runner trying in the background, so the daemon is "pending" — neither free to init or join
 * again nor a member — until `docker swarm leave`, or until the manager answers (it comes back
 * up, is unlocked, or its swarm regains a leader) and the join completes.
 */
export interface PendingJoin {
  /** The address the join was sent to, as validateAddr normalised it (host:port). */
  remote: string;
  /** The join's flags, for the background retry (absent: never retried). */
  opts?: {
    token: string;
    advertiseAddr: string;
    listenAddr: string;
    availability: "active" | "pause" | "drain";
  };
}

export class SwarmState {
  readonly clusters = new Map<string, SwarmCluster>();
  readonly membership = new Map<string, Membership>();
  readonly pending = new Map<string, PendingJoin>();
  readonly rng;

  constructor(readonly world: World) {
    this.rng = world.rng.fork("swarm");
  }

  newCluster(): SwarmCluster {
    const id = this.rng.swarmId();
    const c = new SwarmCluster(id, this.rng.fork(id), this.world.now);
    this.clusters.set(id, c);
    return c;
  }

  /** The swarm this machine's daemon is part of, with its node. */
  of(host: Host | string): { cluster: SwarmCluster; node: SwarmNode; membership: Membership } | undefined {
    const m = this.membership.get(typeof host === "string" ? host : host.name);
    if (!m) return undefined;
    const cluster = this.clusters.get(m.clusterId);
    const node = cluster?.nodes.get(m.nodeId);
    if (!cluster || !node) return undefined;
    return { cluster, node, membership: m };
  }

  sortedClusters(): SwarmCluster[] {
    return [...this.clusters.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }
}

export const SWARM = defineSlot(
  "swarm",
  (w) => {
    w.addSubsystem(new SwarmSubsystem());
    return new SwarmState(w);
  },
  (s, w) => snapshotSwarm(s, w),
);

export const swarmOf = (world: World): SwarmState => world.slot(SWARM);

export type ManagerAccess =
  | { ok: true; cluster: SwarmCluster; node: SwarmNode }
  | { ok: false; error: string };

/**
 * What a manager-only API call on this machine reaches: the cluster (a manager with quorum), or
 * the daemon's refusal, already prefixed "Error response from daemon: ".
 */
export function managerAccess(world: World, host: Host, opts: { needQuorum?: boolean } = {}): ManagerAccess {
  const sw = swarmOf(world);
  const st = sw.of(host);
  // A pending join has a swarm node but no manager: errNoManager's worker message.
  if (!st && sw.pending.has(host.name)) return { ok: false, error: DAEMON + ERR_SWARM_NOT_MANAGER };
  if (!st) return { ok: false, error: DAEMON + ERR_NO_SWARM };
  if (st.membership.locked) return { ok: false, error: DAEMON + ERR_SWARM_LOCKED };
  if (st.membership.evicted) return { ok: false, error: DAEMON + ERR_MANAGER_UNAVAILABLE };
  if (st.node.role !== "manager" || !st.cluster.members.includes(st.node.id)) {
    return { ok: false, error: DAEMON + ERR_SWARM_NOT_MANAGER };
  }
  if (opts.needQuorum !== false && !quorumView(st.cluster).hasQuorum) return { ok: false, error: DAEMON + ERR_NO_LEADER };
  return { ok: true, cluster: st.cluster, node: st.node };
}
