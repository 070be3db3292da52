// Probe ticks that cannot change anything are run late, in a batch, instead of waking the world.
//
// A probe that succeeds, on a container whose answers cannot change before some moment (its
// process's next event: an exit, a log line, a file written; or the next boundary of a route that
// answers differently with uptime), will succeed at every tick until then. Such a tick changes no
// status and records no event; its only trace is what the probed program does with the request
// (nginx's access-log line). So the world need not wake for it: the kubelet wakes for the first tick
// at or after that moment, and the ticks before it are run later, each at its own time, against the
// same process (which nothing else has moved meanwhile), before anything else touches the
// container:
//   - at the pod's next sync (before the process is moved on: ticks strictly before now);
//   - when something outside reaches the container — kubectl exec/logs, a request from another pod,
//     the node going down (ticks up to now: in a world that woke for each tick, the tick of this
//     very instant ran before the command).
// Only HTTP, TCP and gRPC probes are deferred: an exec probe runs a command, which may write files.
// A deferred tick that fails after all (which would be a bug in the horizon) is left to the usual
// path, at the next sync. `withoutProbeDeferral` turns this off: a test grades every library
// answer both ways and compares the reports.

import type { Container, Pod } from "../controllers/model";
import { recordOutcome, runProbe, type ProbeState } from "./prober";
import type { ContainerRecord, PodRecord } from "./records";

let deferring = true;

/** Runs `fn` with every probe tick waking the world (tests compare the two ways). */
export function withoutProbeDeferral<T>(fn: () => T): T {
  const before = deferring;
  deferring = false;
  try {
    return fn();
  } finally {
    deferring = before;
  }
}

/**
 * A real `sleep 86400` next to a probe every second runs 86,400 ticks; a catch-up runs the latest
 * this many per container (as the world's wake-up budget would have cut the wait short).
 */
const MAX_CATCH_UP = 20_000;

const periodOf = (p: ProbeState): number => Math.max(1, p.spec.periodSeconds ?? 10) * 1000;

/** After a successful run of `p` at `now`: its later ticks are deferred while the container's answers stand. */
export function markSteady(p: ProbeState, c: ContainerRecord, now: number): void {
  if (!deferring || p.result !== true || p.spec.exec || !c.proc?.answersSteadyUntil) return;
  const until = c.proc.answersSteadyUntil(now);
  // Less than one period ahead: nothing to defer.
  if (until > p.nextAt) p.steadyUntil = until;
}

/** The tick the world must wake for: the first at or after the end of its steady stretch. */
export function probeWake(p: ProbeState): number | undefined {
  const until = p.steadyUntil;
  if (until === undefined || until <= p.nextAt) return p.nextAt;
  if (until === Infinity) return undefined;
  const period = periodOf(p);
  return p.nextAt + Math.ceil((until - p.nextAt) / period) * period;
}

/** Whether any of the pod's containers has ticks waiting to be run. */
export function hasDeferredTicks(rec: Readonly<PodRecord>): boolean {
  return rec.containers.some(hasDeferred) || rec.initContainers.some(hasDeferred);
}

const hasDeferred = (c: ContainerRecord): boolean => c.probes.some((p) => p.steadyUntil !== undefined);

/**
 * Runs the deferred ticks due by `until` (up to and including it when `inclusive`), each at its own
 * time, then ends every steady stretch of the pod: whatever comes next (a command, a file
 * written, a request) may change the answers, so the next tick wakes the world again.
 */
export function catchUpProbes(pod: Pod, rec: PodRecord, until: number, inclusive: boolean): void {
  // Run at every pod sync: most pods have nothing deferred.
  if (!hasDeferredTicks(rec)) return;
  for (const c of [...rec.initContainers, ...rec.containers]) {
    if (!hasDeferred(c)) continue;
    const spec = (c.init ? pod.spec.initContainers : pod.spec.containers)?.find((x) => x.name === c.name);
    if (c.proc && spec) runDeferred(c, spec, rec.podIP ?? "", until, inclusive);
    for (const p of c.probes) p.steadyUntil = undefined;
  }
}

function runDeferred(c: ContainerRecord, spec: Container, podIP: string, until: number, inclusive: boolean): void {
  const due = (p: ProbeState) => p.steadyUntil !== undefined && p.nextAt < p.steadyUntil && (inclusive ? p.nextAt <= until : p.nextAt < until);
  // Beyond the budget, the oldest ticks are dropped unrun.
  for (const p of c.probes) {
    if (!due(p)) continue;
    const last = Math.min(p.steadyUntil! - 1, inclusive ? until : until - 1);
    const period = periodOf(p);
    const pending = Math.floor((last - p.nextAt) / period) + 1;
    if (pending > MAX_CATCH_UP) p.nextAt += (pending - MAX_CATCH_UP) * period;
  }
  for (let i = 0; i < MAX_CATCH_UP * 3; i++) {
    let next: ProbeState | undefined;
    for (const p of c.probes) if (due(p) && (next === undefined || p.nextAt < next.nextAt)) next = p;
    if (!next || !c.proc) return;
    const [ok] = runProbe(next.spec, spec, podIP, c.proc, next.nextAt);
    if (!ok) return;
    recordOutcome(next, true);
  }
}
