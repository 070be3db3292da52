// The engine's timed work, level-triggered: containers whose PID 1 has ended become exited (and
// are scheduled for restart under their policy); restarts whose back-off is over happen.

import type { Subsystem, World } from "../../world";
import { runDueProbes } from "./health";
import { observe, restartNow } from "./ops";
import { engineSlot } from "./state";

export function engineSubsystem(): Subsystem {
  return {
    name: "docker-engine",
    reconcile(world: World): boolean {
      const state = world.peekSlot(engineSlot);
      if (!state) return false;
      let changed = false;
      for (const host of [...state.hosts.keys()].sort()) {
        if (world.host(host)?.up === false) continue;
        for (const c of [...state.hosts.get(host)!.containers]) {
          // A stop's grace period is over: SIGKILL.
          if (c.status === "running" && c.stopDeadline !== undefined && c.stopDeadline <= world.now) c.process?.kill();
          if (observe(world, host, c)) changed = true;
          if (runDueProbes(world, host, c)) changed = true;
          if (c.status === "restarting" && c.restartAt !== undefined && c.restartAt <= world.now) {
            restartNow(world, host, c);
            changed = true;
          }
        }
      }
      return changed;
    },
    nextWake(world: World): number | undefined {
      const state = world.peekSlot(engineSlot);
      let best: number | undefined;
      const consider = (t: number | undefined) => {
        if (t !== undefined && t > world.now && (best === undefined || t < best)) best = t;
      };
      for (const h of state?.hosts.values() ?? []) {
        for (const c of h.containers) {
          if (c.status === "running") consider(c.process?.nextEventTime(world.now));
          if (c.status === "running" && c.health) consider(c.health.nextCheckAt);
          if (c.status === "running") consider(c.stopDeadline);
          if (c.status === "restarting") consider(c.restartAt);
        }
      }
      return best;
    },
  };
}
