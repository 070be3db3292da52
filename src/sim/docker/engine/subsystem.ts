// The engine's timed work, level-triggered: containers whose PID 1 has ended become exited (and
// are scheduled for restart under their policy); restarts whose back-off is over happen. A power
// cycle of the machine (`sim node down`/`up`, `restart`, `reboot`) is the daemon's restore().

import type { Host, HostEvent, Subsystem, World } from "../../world";
import { runDueProbes } from "./health";
import { beginStop, DEFAULT_STOP_TIMEOUT_S, imageFactsOf, observe, removeContainer, restartNow, startContainer } from "./ops";
import { engineSlot, type Container } from "./state";

/**
 * The machine loses power: every container's processes die with it, no signal, no exit event
 * (nothing is left to record one). What the daemon makes of them is decided when it starts again.
 */
function powerOff(world: World, host: string): void {
  for (const c of world.peekSlot(engineSlot)?.hosts.get(host)?.containers ?? []) {
    if (c.status !== "running" && c.status !== "restarting" && c.status !== "paused") continue;
    c.process?.advanceTo(world.now);
    c.process?.kill();
    c.lostPower = true;
  }
}

/**
 * daemon.restore(): a container the state said was up has no process any more, so it is stopped
 * with exit code 255 (FinishedAt: now) and, with --rm, removed; then the restart manager's
 * ShouldRestart decides who starts at once — `always` (even one stopped by hand), `unless-stopped`
 * unless stopped by hand; never `on-failure` (not on a daemon start) nor `no`.
 */
function powerOn(world: World, host: string): void {
  const list = world.peekSlot(engineSlot)?.hosts.get(host)?.containers ?? [];
  for (const c of [...list]) {
    if (!c.lostPower) continue;
    c.lostPower = undefined;
    c.status = "exited";
    c.exitCode = 255;
    c.finishedAt = world.now;
    c.stopDeadline = undefined;
    c.restartAt = undefined;
    c.health = undefined;
    world.record("engine", "container-exited", c.name, { host, id: c.id, exitCode: 255 });
    if (c.autoRemove) removeContainer(world, host, c, { volumes: true });
  }
  for (const c of [...list]) if (c.status === "exited" && restartsWithDaemon(c)) startContainer(world, host, c);
}

/**
 * A daemon that shuts down (`systemctl restart docker`, live-restore off) first stops its
 * containers, all at once, each with its stop signal and timeout (shutdownContainer), so they end
 * with their own exit codes, not 255; the restart manager is cancelled meanwhile, and a stop by
 * the daemon is no stop by hand (unless-stopped ones come back). Swarm tasks' containers are left
 * to the power-cycle path (the agent deals with them).
 */
export function shutdownDaemon(world: World, host: string): void {
  const list = (world.peekSlot(engineSlot)?.hosts.get(host)?.containers ?? [])
    .filter((c) => c.status === "running" && !("com.docker.swarm.task.id" in c.labels));
  let longest = 0;
  for (const c of list) {
    const graceMs = (c.stopTimeoutS ?? DEFAULT_STOP_TIMEOUT_S) * 1000;
    longest = Math.max(longest, graceMs);
    c.stoppedByUser = true;
    beginStop(world, host, c, c.stopSignal ?? imageFactsOf(world, c.image, host)?.stopSignal ?? "SIGTERM", graceMs);
  }
  world.advanceUntil(() => list.every((c) => c.status !== "running"), longest);
  for (const c of list) {
    if (c.status === "running") {
      c.process?.advanceTo(world.now);
      c.process?.kill();
    }
    observe(world, host, c);
    c.stopDeadline = undefined;
    c.stoppedByUser = false;
  }
}

const restartsWithDaemon = (c: Container): boolean => {
  // A swarm task's container is the agent's to deal with (restart policy "no" on the engine).
  if (c.startedAt === undefined) return false;
  const policy = c.restartPolicy.split(":")[0];
  return policy === "always" || (policy === "unless-stopped" && !c.stoppedByUser);
};

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
          if (c.status === "running" && c.stopDeadline !== undefined && c.stopDeadline <= world.now) {
            // At the deadline's time, not where PID 1's clock last stood.
            c.process?.advanceTo(c.stopDeadline);
            c.process?.kill();
          }
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
    onHostEvent(world: World, host: Host, event: HostEvent): void {
      if (event === "down" || event === "restart") powerOff(world, host.name);
      if (event === "up" || event === "restart") powerOn(world, host.name);
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
