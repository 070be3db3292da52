// ContainerPause/Unpause and a kill with any signal (moby daemon/pause.go, unpause.go, kill.go;
// the errors are daemon/errors.go's errNotRunning, errNotPaused):
// a paused container keeps its PID 1 frozen by the cgroup freezer — still "Up", shown
// "Up … (Paused)", State.Paused — and the engine does not watch it until it is unpaused.

import type { World } from "../../world";
import { killContainer, observe } from "./ops";
import { ERR_DAEMON, type Container } from "./state";

/** ContainerPause: the daemon's errors for a container that is not running or already paused. */
export function pauseContainer(world: World, host: string, c: Container): string | undefined {
  if (c.status === "paused") return `${ERR_DAEMON}Container ${c.id} is already paused`;
  if (c.status !== "running") return `${ERR_DAEMON}Container ${c.id} is not running`;
  c.process?.advanceTo(world.now);
  c.status = "paused";
  world.record("engine", "container-paused", c.name, { host, id: c.id });
  return undefined;
}

export function unpauseContainer(world: World, host: string, c: Container): string | undefined {
  if (c.status !== "paused") return `${ERR_DAEMON}Container ${c.id} is not paused`;
  c.status = "running";
  world.record("engine", "container-unpaused", c.name, { host, id: c.id });
  observe(world, host, c);
  return undefined;
}

/**
 * A stop of a paused container: the frozen PID 1 cannot take the stop signal, so the daemon waits
 * the whole timeout, then SIGKILLs and thaws it (137).
 */
export function stopPaused(world: World, host: string, c: Container, timeoutMs: number): void {
  c.stoppedByUser = true;
  world.advance(timeoutMs);
  c.status = "running";
  c.process?.advanceTo(world.now);
  c.process?.kill();
  observe(world, host, c);
}

/** ContainerKill with a signal: SIGKILL ends PID 1 at once; another is PID 1's to handle (no time passes). */
export function signalContainer(world: World, host: string, c: Container, signal: string): string | undefined {
  // A paused container is killed too (the signal is delivered once it is thawed).
  if (c.status === "paused" && signal.toUpperCase().replace(/^SIG/, "") === "KILL") c.status = "running";
  if (c.status !== "running") return `${ERR_DAEMON}cannot kill container: ${c.id}: container ${c.id} is not running`;
  const sig = /^\d+$/.test(signal) ? ({ "9": "SIGKILL", "15": "SIGTERM", "2": "SIGINT", "1": "SIGHUP", "3": "SIGQUIT" } as Record<string, string>)[signal] ?? "SIGKILL" : signal.toUpperCase().startsWith("SIG") ? signal.toUpperCase() : `SIG${signal.toUpperCase()}`;
  if (sig === "SIGKILL") {
    killContainer(world, host, c);
    return undefined;
  }
  c.process?.advanceTo(world.now);
  c.process?.signal(sig as Parameters<NonNullable<Container["process"]>["signal"]>[0]);
  observe(world, host, c);
  return undefined;
}
