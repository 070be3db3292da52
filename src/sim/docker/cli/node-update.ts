// `docker node update | promote | demote | rm` (docker/cli cli/command/node; swarmkit
// controlapi/node.go for the raft checks).

import type { World } from "../../world";
import type { SwarmCluster } from "../swarm/cluster";
import {
  DAEMON, ERR_DEMOTE_LAST_MANAGER, ERR_DEMOTE_NOT_MEMBER, ERR_DEMOTE_QUORUM, errLabelMissing, errNodeIsManager, errNodeNotDown,
} from "../swarm/errors";
import { orphanNodeTasks } from "../swarm/orchestrator/common";
import { removalKeepsQuorum } from "../swarm/raft";
import { swarmOf } from "../swarm/state";
import type { SwarmNode } from "../swarm/types";
import { findNode } from "./node-ls";
import { fail, ok, onManager, type SwarmHandler } from "./swarm-common";

/**
 * Changes a node's role as the control API's UpdateNode does. Its demotion checks, in order: the
 * last node whose role is manager (the store's role index, not the raft); a manager that is no
 * raft member (promoted while down, or cut off by --force-new-cluster) cannot be demoted; the
 * raft must keep quorum without it.
 */
export function setRole(world: World, c: SwarmCluster, node: SwarmNode, role: "manager" | "worker"): string | undefined {
  if (node.role === role) return undefined;
  if (role === "worker") {
    const managers = [...c.nodes.values()].filter((n) => n.role === "manager");
    if (managers.length === 1 && managers[0] === node) return DAEMON + ERR_DEMOTE_LAST_MANAGER;
    if (!c.members.includes(node.id)) return DAEMON + ERR_DEMOTE_NOT_MEMBER;
    if (!removalKeepsQuorum(c, node.id)) return DAEMON + ERR_DEMOTE_QUORUM;
    c.members = c.members.filter((id) => id !== node.id);
    if (c.leaderId === node.id) c.leaderId = undefined;
    node.role = "worker";
    node.managerAddr = undefined;
  } else {
    node.role = "manager";
    node.managerAddr = `${node.addr}:2377`;
    if (node.state === "ready" && !c.members.includes(node.id)) c.members.push(node.id);
  }
  node.updatedAt = world.now;
  world.record("swarm", "node-role", `node/${node.host}`, { role });
  return undefined;
}

export const nodeUpdateHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    const f = inv.flags;
    return onManager(ctx, (c, self) => {
      const r = findNode(c, self, inv.args[0]!);
      if (!r.ok) return fail(r.error);
      const node = r.node;
      const labels = { ...node.labels };
      for (const l of f.list("label-add")) {
        const i = l.indexOf("=");
        if (i < 0) labels[l] = "";
        else labels[l.slice(0, i)] = l.slice(i + 1);
      }
      for (const k of f.list("label-rm")) {
        if (!(k in labels)) return fail(errLabelMissing(k));
        delete labels[k];
      }
      let availability = node.availability;
      if (f.changed("availability")) {
        const a = f.str("availability").toLowerCase();
        if (a !== "active" && a !== "pause" && a !== "drain") return fail(DAEMON + `invalid Availability: "${f.str("availability")}"`);
        availability = a;
      }
      if (f.changed("role")) {
        const role = f.str("role").toLowerCase();
        if (role !== "manager" && role !== "worker") return fail(DAEMON + `invalid Role: "${f.str("role")}"`);
        const err = setRole(ctx.world, c, node, role);
        if (err) return fail(err);
      }
      node.labels = labels;
      if (availability !== node.availability) {
        node.availability = availability;
        ctx.world.record("swarm", "node-availability", `node/${node.host}`, { availability });
      }
      node.updatedAt = ctx.world.now;
      ctx.world.settle();
      return ok(`${inv.args[0]}\n`);
    });
  },
};

function roleChange(role: "manager" | "worker"): SwarmHandler {
  return {
    args: { min: 1 },
    run(ctx, inv) {
      return onManager(ctx, (c, self) => {
        let stdout = "";
        let stderr = "";
        for (const ref of inv.args) {
          const r = findNode(c, self, ref);
          if (!r.ok) { stderr += r.error + "\n"; break; }
          if (r.node.role === role) { stdout += `Node ${r.node.id} is already a ${role}.\n`; continue; }
          const err = setRole(ctx.world, c, r.node, role);
          if (err) { stderr += err + "\n"; break; }
          stdout += role === "manager" ? `Node ${ref} promoted to a manager in the swarm.\n` : `Manager ${ref} demoted in the swarm.\n`;
        }
        ctx.world.settle();
        return { exitCode: stderr ? 1 : 0, stdout, stderr };
      });
    },
  };
}

export const nodePromoteHandler = roleChange("manager");
export const nodeDemoteHandler = roleChange("worker");

export const nodeRmHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    const force = inv.flags.bool("force");
    return onManager(ctx, (c, self) => {
      let stdout = "";
      let stderr = "";
      for (const ref of inv.args) {
        const r = findNode(c, self, ref);
        if (!r.ok) { stderr += r.error + "\n"; continue; }
        const node = r.node;
        if (c.members.includes(node.id)) { stderr += DAEMON + errNodeIsManager(node.id) + "\n"; continue; }
        if (node.state !== "down" && !force) { stderr += DAEMON + errNodeNotDown(node.id) + "\n"; continue; }
        orphanNodeTasks(ctx.world, c, node.id);
        c.nodes.delete(node.id);
        const st = swarmOf(ctx.world);
        const m = st.membership.get(node.host);
        if (m && m.clusterId === c.id && m.nodeId === node.id) st.membership.delete(node.host);
        ctx.world.record("swarm", "node-remove", `node/${node.host}`, {});
        stdout += `${ref}\n`;
      }
      ctx.world.settle();
      return { exitCode: stderr ? 1 : 0, stdout, stderr };
    });
  },
};
