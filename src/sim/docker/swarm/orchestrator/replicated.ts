// Mirrors swarmkit's manager/orchestrator/replicated: keep exactly `replicas` live slots.
// Scale up fills the lowest free slot numbers; scale down removes from the nodes running the most
// tasks of the service, non-running tasks first. Tasks on nodes that are down or drained are
// restarted elsewhere through the restart supervisor.

import type { World } from "../../../world";
import type { SwarmCluster } from "../cluster";
import { rank } from "../task-state";
import type { Service } from "../types";
import { groupBySlot, isLive, newTask, shutdown } from "./common";
import { restartTask } from "./restart";

/**
 * The most tasks the simulator materialises for one service. Real swarmkit would try to create
 * every one of `--replicas 99999999999` and bring the managers down; a simulation must stay
 * bounded, so it stops here and says so.
 */
export const MAX_TASKS_PER_SERVICE = 1_000;

export function reconcileReplicated(world: World, c: SwarmCluster, svc: Service): boolean {
  const mode = svc.spec.mode;
  if (mode.kind !== "replicated" && mode.kind !== "replicated-job") return false;
  const replicas = Math.min(mode.replicas, MAX_TASKS_PER_SERVICE);
  if (mode.replicas > MAX_TASKS_PER_SERVICE) {
    world.warn(`service ${svc.spec.name}: only ${MAX_TASKS_PER_SERVICE} of ${mode.replicas} replicas are simulated`);
  }
  let changed = false;
  const tasks = c.tasksOf(svc.id);
  if (isSteady(c, tasks, replicas)) return false;
  const slots = groupBySlot(tasks);

  // Tasks stranded on nodes that went down, were drained or removed: restart them elsewhere.
  for (const list of slots.values()) {
    for (const t of list) {
      if (!isLive(t) || !t.nodeId) continue;
      const node = c.nodes.get(t.nodeId);
      // Restart() skips the delay only for a drained node; a deleted one (n == nil) waits it.
      if (!node) changed = restartTask(world, c, svc, t, { delay: true }) || changed;
      else if (node.state === "down") changed = restartTask(world, c, svc, t, { delay: true }) || changed;
      else if (node.availability === "drain") changed = restartTask(world, c, svc, t, { delay: false }) || changed;
    }
  }

  const live = [...groupBySlot(c.tasksOf(svc.id)).entries()]
    .map(([, list]) => list.find(isLive))
    .filter((t): t is NonNullable<typeof t> => !!t);

  if (live.length < replicas) {
    const used = new Set(live.map((t) => t.slot));
    let slot = 1;
    for (let n = live.length; n < replicas; n++) {
      while (used.has(slot)) slot++;
      used.add(slot);
      newTask(world, c, svc, { slot });
    }
    changed = true;
  } else if (live.length > replicas) {
    const perNode = new Map<string, number>();
    for (const t of live) perNode.set(t.nodeId, (perNode.get(t.nodeId) ?? 0) + 1);
    const victims = [...live].sort((a, b) => {
      const ra = rank(a.state) === rank("running") ? 1 : 0;
      const rb = rank(b.state) === rank("running") ? 1 : 0;
      if (ra !== rb) return ra - rb;
      const d = (perNode.get(b.nodeId) ?? 0) - (perNode.get(a.nodeId) ?? 0);
      return d !== 0 ? d : b.slot - a.slot;
    });
    for (const t of victims.slice(0, live.length - replicas)) {
      shutdown(t, "remove");
      perNode.set(t.nodeId, (perNode.get(t.nodeId) ?? 1) - 1);
    }
    changed = true;
  }
  return changed;
}

/** Fast path: exactly `replicas` live tasks in distinct slots, none stranded. */
function isSteady(c: SwarmCluster, tasks: readonly import("../types").Task[], replicas: number): boolean {
  let live = 0;
  const seen = new Set<number>();
  for (const t of tasks) {
    if (!isLive(t)) continue;
    live++;
    if (seen.has(t.slot)) return false;
    seen.add(t.slot);
    if (t.nodeId) {
      const node = c.nodes.get(t.nodeId);
      if (!node || node.state === "down" || node.availability === "drain") return false;
    }
  }
  return live === replicas;
}
