// Timeline events, emitted only when the recorded value changes (one map per swarm).

import { SideTable } from "../../clone";
import type { World } from "../../world";
import type { SwarmCluster } from "./cluster";
import { serviceCounts } from "./status";
import type { Service } from "./types";

const lastRecorded = new SideTable<SwarmCluster, Map<string, string>>();

export function recordIfChanged(world: World, c: SwarmCluster, type: string, subject: string, data: Record<string, unknown>): void {
  let m = lastRecorded.get(c);
  if (!m) lastRecorded.set(c, (m = new Map()));
  const key = `${type} ${subject}`;
  const v = JSON.stringify(data);
  if (m.get(key) === v) return;
  m.set(key, v);
  world.record("swarm", type, subject, data);
}

const lastCounts = new SideTable<Service, string>();

/** `service-tasks` {running, desired}: at every change, so rollouts show their dips. */
export function recordServiceTasks(world: World, _c: SwarmCluster, svc: Service): void {
  const n = serviceCounts(_c, svc);
  const key = `${n.running}/${n.desired}`;
  if (lastCounts.get(svc) === key) return;
  lastCounts.set(svc, key);
  world.record("swarm", "service-tasks", `service/${svc.spec.name}`, { running: n.running, desired: n.desired });
}
