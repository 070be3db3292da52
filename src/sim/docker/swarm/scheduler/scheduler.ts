// Mirrors swarmkit's manager/scheduler: pending tasks are placed one at a time on the least
// loaded node that passes the filter pipeline (fewest tasks of the service, then fewest tasks
// overall; ties by hostname then node ID — deterministic where swarmkit's is arbitrary), spread
// over label groups first when the service has placement preferences. A task that fits nowhere
// stays Pending with the pipeline's explanation as its error, and is retried on every pass.

import type { World } from "../../../world";
import { allocateTaskAddresses } from "../allocator";
import type { SwarmCluster } from "../cluster";
import { naturalCompare } from "../cluster";
import { setState } from "../orchestrator/common";
import { rank } from "../task-state";
import type { Task } from "../types";
import { NODE_LABEL_PREFIX, ENGINE_LABEL_PREFIX } from "./constraint";
import type { NodeInfo } from "./filters";
import { addTask, buildNodeInfos } from "./node-info";
import { Pipeline } from "./pipeline";

export const MSG_PENDING = "pending task scheduling";
export const MSG_ASSIGNED = "scheduler assigned task to node";

/** Tie-break order: hostname (natural), then node ID. */
const order = new WeakMap<NodeInfo, number>();

function leastLoaded(svcId: string, a: NodeInfo, b: NodeInfo): number {
  return (a.activeByService.get(svcId) ?? 0) - (b.activeByService.get(svcId) ?? 0)
    || a.activeTotal - b.activeTotal
    || order.get(a)! - order.get(b)!;
}

function labelValue(info: NodeInfo, descriptor: string): string {
  const d = descriptor.toLowerCase();
  if (d.startsWith(NODE_LABEL_PREFIX)) return info.facts.node.labels[descriptor.slice(NODE_LABEL_PREFIX.length)] ?? "";
  if (d.startsWith(ENGINE_LABEL_PREFIX)) return info.facts.engineLabels[descriptor.slice(ENGINE_LABEL_PREFIX.length)] ?? "";
  return "";
}

/** Spread preferences: narrow the candidates to the group (per level) holding the fewest tasks. */
function spread(svcId: string, prefs: string[], candidates: NodeInfo[], all: NodeInfo[]): NodeInfo[] {
  let pool = candidates;
  let scope = all;
  for (const pref of prefs) {
    const counts = new Map<string, number>();
    for (const n of scope) {
      const v = labelValue(n, pref);
      counts.set(v, (counts.get(v) ?? 0) + (n.activeByService.get(svcId) ?? 0));
    }
    const groups = [...new Set(pool.map((n) => labelValue(n, pref)))].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    const best = groups[0];
    if (best === undefined) break;
    pool = pool.filter((n) => labelValue(n, pref) === best);
    scope = scope.filter((n) => labelValue(n, pref) === best);
  }
  return pool;
}

export function schedule(world: World, c: SwarmCluster): boolean {
  let changed = false;
  const pending: Task[] = [];
  for (const t of c.tasks.values()) {
    if (t.state === "new" && rank(t.desiredState) <= rank("complete")) {
      // The allocator gives the task its network attachments before it is pending.
      allocateTaskAddresses(c, t);
      setState(world, t, "pending", MSG_PENDING);
      changed = true;
    }
    if (t.state === "pending" && rank(t.desiredState) <= rank("complete")) pending.push(t);
  }
  if (pending.length === 0) return changed;
  pending.sort((a, b) => a.createdAt - b.createdAt || (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : a.slot - b.slot) || (a.id < b.id ? -1 : 1));
  const infos = buildNodeInfos(world, c);
  const all = [...infos.values()].sort((a, b) => naturalCompare(a.facts.node.host, b.facts.node.host) || (a.facts.node.id < b.facts.node.id ? -1 : 1));
  all.forEach((n, i) => order.set(n, i));
  const pipeline = new Pipeline();
  for (const t of pending) {
    pipeline.setTask(t);
    const candidates = (t.nodeId ? [infos.get(t.nodeId)].filter((n): n is NodeInfo => !!n) : all).filter((n) => pipeline.process(t, n));
    if (candidates.length === 0) {
      const err = pipeline.noSuitableNode();
      if (t.err !== err) {
        t.err = err;
        changed = true;
      }
      continue;
    }
    const pool = t.spec.preferences.length ? spread(t.serviceId, t.spec.preferences, candidates, all.filter((n) => n.ready)) : candidates;
    const target = pool.reduce((best, n) => (leastLoaded(t.serviceId, n, best) < 0 ? n : best));
    t.nodeId = target.facts.node.id;
    t.err = "";
    setState(world, t, "assigned", MSG_ASSIGNED);
    addTask(target, t);
    changed = true;
  }
  return changed;
}
