// Mirrors swarmkit's manager/orchestrator/taskreaper: tasks being removed (scale-down, service rm)
// vanish once stopped; each slot (global: node) keeps at most task-history-limit tasks.

import type { SwarmCluster } from "../cluster";
import { isTerminal, rank } from "../task-state";
import { groupBySlot } from "./common";

export function reap(c: SwarmCluster): boolean {
  let changed = false;
  const limit = Math.max(c.settings.taskHistoryLimit, 1);
  const byService = new Map<string, ReturnType<SwarmCluster["tasksOf"]>>();
  for (const t of c.tasks.values()) {
    if (!c.services.has(t.serviceId) || (t.desiredState === "remove" && (isTerminal(t.state) || rank(t.state) < rank("assigned")))) {
      c.removeTask(t);
      changed = true;
      continue;
    }
    const list = byService.get(t.serviceId);
    if (list) list.push(t);
    else byService.set(t.serviceId, [t]);
  }
  for (const tasks of byService.values()) {
    if (tasks.length <= limit) continue;
    for (const list of groupBySlot(tasks).values()) {
      if (list.length <= limit) continue;
      for (const t of list.slice(limit)) {
        if (rank(t.desiredState) > rank("complete") && (isTerminal(t.state) || rank(t.state) < rank("assigned"))) {
          c.removeTask(t);
          changed = true;
        }
      }
    }
  }
  return changed;
}
