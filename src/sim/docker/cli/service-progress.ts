// Mirrors docker/cli cli/command/service/progress: what `service create|update|scale|rollback`
// print while they wait for convergence, rendered once in its final state (the screen a TTY
// shows at the end). Waiting advances virtual time: until the up-to-date tasks run and any
// update completed, then the monitor period ("verify"). The real CLI waits forever; after
// WAIT_CAP_MS of virtual time the simulator stops as a Ctrl-C would.

import type { World } from "../../world";
import type { SwarmCluster } from "../swarm/cluster";
import { isGlobal, isLive } from "../swarm/orchestrator/common";
import { MSG_ROLLBACK_MANUAL } from "../swarm/orchestrator/update";
import { NUMBERED_STATE, STATE_PROGRESS, isTerminal } from "../swarm/task-state";
import type { Service, Task } from "../swarm/types";
import { short } from "./swarm-common";

export const WAIT_CAP_MS = 60_000;
const MAX_PROGRESS_BARS = 20;
const LONGEST_STATE = 9;

export function truncError(msg: string): string {
  const m = msg.replace(/\n/g, " ");
  return m.length > 75 ? m.slice(0, 74) + "…" : m;
}

function bar(state: string): string {
  const cur = STATE_PROGRESS[state as keyof typeof STATE_PROGRESS] ?? 0;
  const pct = Math.min(50, Math.trunc(Math.trunc((cur / 9) * 100) / 2));
  return `[${"=".repeat(pct)}>${" ".repeat(50 - pct)}]`;
}

function taskLine(id: string, t: Task, job = false): string | undefined {
  if (t.err) return `${id}: ${truncError(t.err)}`;
  if (job && t.state === "complete") return `${id}: ${"complete".padEnd(LONGEST_STATE)} [${"=".repeat(50)}>]`;
  if (isTerminal(t.state)) return undefined;
  return `${id}: ${t.state.padEnd(LONGEST_STATE)} ${bar(t.state)}`;
}

const num = (s: string): number => NUMBERED_STATE[s as keyof typeof NUMBERED_STATE] ?? 0;

/**
 * Per slot (or node), the task the CLI shows, as docker/cli's tasksBySlot picks it: among the
 * up-to-date tasks, the *lowest* desired state wins (a drained node's old task, desired Shutdown,
 * gives way to its replacement, desired Running), then the lowest observed state (start-first
 * updates). `forDisplay`: a TTY keeps the last line written for a slot, so when the chosen task
 * writes nothing (it ended without an error), the slot's latest task that does write is shown.
 */
function pickTasks(c: SwarmCluster, svc: Service, forDisplay = false): Map<string, Task> {
  const out = new Map<string, Task>();
  const fallback = new Map<string, Task>();
  for (const t of c.tasksOf(svc.id)) {
    if (t.specVersion !== svc.specVersion || num(t.desiredState) === 0 || num(t.state) === 0) continue;
    if (t.nodeId && c.nodes.get(t.nodeId)?.state === "down") continue;
    const key = t.slot > 0 ? String(t.slot) : t.nodeId;
    const fb = fallback.get(key);
    if ((t.err || !isTerminal(t.state)) && (!fb || t.createdAt > fb.createdAt)) fallback.set(key, t);
    const cur = out.get(key);
    if (cur && (num(cur.desiredState) < num(t.desiredState) || (num(cur.desiredState) === num(t.desiredState) && num(cur.state) <= num(t.state)))) continue;
    out.set(key, t);
  }
  if (forDisplay) {
    for (const [key, t] of out) if (!t.err && isTerminal(t.state) && fallback.has(key)) out.set(key, fallback.get(key)!);
  }
  return out;
}

export interface Convergence {
  running: number;
  total: number;
  converged: boolean;
}

const isJobMode = (svc: Service): boolean => svc.spec.mode.kind === "replicated-job" || svc.spec.mode.kind === "global-job";

export function convergence(c: SwarmCluster, svc: Service): Convergence {
  const tasks = pickTasks(c, svc);
  let running = 0;
  // Jobs converge when their tasks complete; services when they run.
  const goal = isJobMode(svc) ? "complete" : "running";
  for (const t of tasks.values()) if (t.state === goal && isLive(t)) running++;
  const m = svc.spec.mode;
  const replicated = m.kind === "replicated" || m.kind === "replicated-job";
  const total = replicated ? m.replicas : [...tasks.values()].filter((t) => isLive(t)).length;
  // globalProgressUpdater counts the nodes that have tasks: with none it keeps "waiting for new
  // tasks" and never converges (no eligible node, or the orchestrator has not made them yet).
  return { running, total, converged: running === total && (replicated || tasks.size > 0) };
}

/**
 * The "rollback: …" line as ServiceProgress draws it: written once, with the message of the
 * rollback_started status it first sees, as a new progress line — above everything when the
 * rollback had started before the first poll (`service rollback`), below the task bars when an
 * update turned into a rollback while watched.
 */
interface RollbackLine {
  message: string;
  first: boolean;
}

function renderScreen(c: SwarmCluster, svc: Service, waitedId: string, verify: string | undefined, rb?: RollbackLine): string {
  const conv = convergence(c, svc);
  const rollback = svc.updateStatus?.state?.startsWith("rollback");
  let out = "";
  if (rb?.first) out += `rollback: ${rb.message}\n`;
  const prefix = rollback ? "rolling back update: " : "";
  const tasks = pickTasks(c, svc, true);
  if (isGlobal(svc)) {
    out += conv.total === 0 && conv.running === 0 ? "overall progress: waiting for new tasks\n" : `overall progress: ${prefix}${conv.running} out of ${conv.total} tasks\n`;
    if (conv.total <= MAX_PROGRESS_BARS) {
      const list = [...tasks.values()].sort((a, b) => (c.nodes.get(a.nodeId)?.host ?? "").localeCompare(c.nodes.get(b.nodeId)?.host ?? ""));
      for (const t of list) {
        const line = taskLine(short(t.nodeId), t);
        if (line) out += line + "\n";
      }
    }
  } else {
    out += `overall progress: ${prefix}${conv.running} out of ${conv.total} tasks\n`;
    if (conv.total <= MAX_PROGRESS_BARS) {
      const slots = [...tasks.values()].sort((a, b) => a.slot - b.slot);
      for (let i = 1; i <= conv.total; i++) {
        const t = slots[i - 1];
        const line = t ? taskLine(`${i}/${conv.total}`, t, isJobMode(svc)) : `${i}/${conv.total}:  `;
        if (line) out += line + "\n";
      }
    }
  }
  if (rb && !rb.first) out += `rollback: ${rb.message}\n`;
  if (verify !== undefined) out += `verify: ${verify}\n`;
  void waitedId;
  return out;
}

export type WaitOutcome = { stdout: string; stderr: string; exitCode: number };

/** Waits (in virtual time) for a service to converge and renders the progress display. */
export function waitForService(world: World, c: SwarmCluster, svc: Service, waitedId: string): WaitOutcome {
  const start = world.now;
  const deadline = start + WAIT_CAP_MS;
  const paused = () => svc.updateStatus?.state === "paused" || svc.updateStatus?.state === "rollback_paused";
  let rb: RollbackLine | undefined;
  const watchRollback = (): void => {
    // A requested rollback is under way at the first poll; an automatic one starts after the
    // update's task failed, which the agent reports only after the CLI started polling.
    if (!rb && svc.updateStatus?.state === "rollback_started" && svc.updateStatus.message) rb = { message: svc.updateStatus.message, first: svc.updateStatus.message === MSG_ROLLBACK_MANUAL };
  };
  watchRollback();
  const render = (verify?: string) => renderScreen(c, svc, waitedId, verify, rb);
  for (let round = 0; round < 20; round++) {
    const ok = world.advanceUntil(() => (watchRollback(), convergence(c, svc).converged || paused() || !c.services.has(svc.id)), Math.max(0, deadline - world.now));
    if (!c.services.has(svc.id)) return { stdout: "", stderr: `service ${waitedId} not found\n`, exitCode: 1 };
    if (paused()) {
      const what = svc.updateStatus!.state === "paused" ? "update" : "rollback";
      return { stdout: render(), stderr: `service ${what} paused: ${svc.updateStatus!.message}\n`, exitCode: 1 };
    }
    if (!ok) break;
    if (isJobMode(svc)) return { stdout: render() + "job complete\n", stderr: "", exitCode: 0 };
    // Converged: watch the monitor period for stability.
    const monitor = svc.spec.update.monitorMs;
    const diverged = world.advanceUntil(() => (watchRollback(), !convergence(c, svc).converged), monitor);
    if (!diverged) {
      if (svc.updateStatus?.state === "rollback_completed") svc.updateStatus = { ...svc.updateStatus };
      return { stdout: render(`Service ${waitedId} converged`), stderr: "", exitCode: 0 };
    }
    if (world.now >= deadline) break;
  }
  return {
    stdout: render() + `Operation continuing in background.\nUse \`docker service ps ${waitedId}\` to check progress.\n`,
    stderr: "",
    exitCode: 0,
  };
}
