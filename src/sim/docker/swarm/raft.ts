// The managers' Raft group as far as users can see it: members, which are reachable, whether a
// majority is (quorum ⌊N/2⌋+1), and who leads. Election is deterministic: the reachable member
// that joined earliest (real Raft picks whoever times out first).

import type { SwarmCluster } from "./cluster";

export interface QuorumView {
  managers: number;
  reachable: number;
  quorum: number;
  hasQuorum: boolean;
  leader: string | undefined;
}

export const quorumOf = (n: number): number => Math.floor(n / 2) + 1;
export const faultTolerance = (n: number): number => Math.floor((n - 1) / 2);

export function isReachable(c: SwarmCluster, nodeId: string): boolean {
  const n = c.nodes.get(nodeId);
  return !!n && n.state === "ready";
}

export function quorumView(c: SwarmCluster): QuorumView {
  const managers = c.members.length;
  const reachable = c.members.filter((id) => isReachable(c, id)).length;
  const quorum = quorumOf(managers);
  return { managers, reachable, quorum, hasQuorum: managers > 0 && reachable >= quorum, leader: c.leaderId };
}

/** Re-elects when needed; returns true if leadership changed. */
export function electLeader(c: SwarmCluster): boolean {
  const q = quorumView(c);
  const before = c.leaderId;
  if (!q.hasQuorum) c.leaderId = undefined;
  else if (!c.leaderId || !c.members.includes(c.leaderId) || !isReachable(c, c.leaderId)) {
    const candidates = c.members
      .filter((id) => isReachable(c, id))
      .sort((a, b) => c.nodes.get(a)!.joinIndex - c.nodes.get(b)!.joinIndex);
    c.leaderId = candidates[0];
  }
  return before !== c.leaderId;
}

/** Would removing `nodeId` from the raft leave a majority of the remaining members reachable? */
export function removalKeepsQuorum(c: SwarmCluster, nodeId: string): boolean {
  const rest = c.members.filter((id) => id !== nodeId);
  const reachable = rest.filter((id) => isReachable(c, id)).length;
  return rest.length > 0 && reachable >= quorumOf(rest.length);
}

/**
 * A leader whose machine restarts is gone for longer than the election timeout (swarmkit: 10
 * ticks of 1 s): the other managers elect one of themselves if they are a majority of the
 * members, and the old leader comes back a follower. Returns true if leadership moved.
 */
export function leaderRestarted(c: SwarmCluster, nodeId: string): boolean {
  if (c.leaderId !== nodeId) return false;
  const others = c.members
    .filter((id) => id !== nodeId && isReachable(c, id))
    .sort((a, b) => c.nodes.get(a)!.joinIndex - c.nodes.get(b)!.joinIndex);
  if (others.length < quorumOf(c.members.length)) return false;
  c.leaderId = others[0];
  return true;
}
