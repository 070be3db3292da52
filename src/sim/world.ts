// The simulated world: machines, the virtual clock, seeded randomness, each machine's files,
// the event log, and the slots where the Docker and Kubernetes simulators keep their state.
//
// Model: subsystems (a swarm manager, the Kubernetes control plane, kubelets, …) register
// themselves and are reconciled level-by-level after every command until the world is quiet
// ("settle"). Time moves only through `advance`: the clock jumps to the earliest moment at which
// some subsystem has something to do (`nextWake`), that subsystem acts, the world settles again.
// Every loop has a budget, so no input can make the simulator spin forever.

import { markShallow, markShared } from "./clone";
import { VirtualClock } from "./clock";
import { VirtualFs } from "./fs";
import { Rng } from "./rng";

export interface NetworkInterface {
  name: string;
  ip: string;
}

export interface HostSpec {
  name: string;
  ip: string;
  cpus: number;
  /** Bytes. */
  memory: number;
  labels: Record<string, string>;
  os: "linux" | "windows";
  arch: string;
  /** Extra interfaces of a multi-homed machine; `ip` is on the first (eth0). */
  interfaces: NetworkInterface[];
}

export interface Host extends HostSpec {
  /** Powered on and reachable. */
  up: boolean;
  /** Incremented by every restart, so subsystems can tell a rebooted daemon. */
  boots: number;
  fs: VirtualFs;
}

export type HostEvent = "added" | "down" | "up" | "restart";

/** Something that reconciles desired against observed state, level-triggered. */
export interface Subsystem {
  readonly name: string;
  /** One pass: make the minimal changes; return true if anything changed. */
  reconcile(world: World): boolean;
  /** The earliest virtual time (ms) at which this subsystem has timed work, if any. */
  nextWake?(world: World): number | undefined;
  onHostEvent?(world: World, host: Host, event: HostEvent): void;
}

/** A record on the timeline: what happened, when, to what. Timeline checks read these. */
export interface SimEvent {
  time: number;
  source: string;
  type: string;
  subject: string;
  data?: Record<string, unknown>;
}

/** One simple command the shell ran (inside pipelines and `$(…)` too), for history checks. */
export interface CommandRecord {
  step: number;
  host: string;
  argv: string[];
  /** The resolved command path, aliases expanded (e.g. "docker service rm"), when known. */
  path?: string;
  exitCode: number;
  time: number;
}

export interface SlotKey<T> {
  readonly name: string;
  create(world: World): T;
  /** A JSON-ready view for the state snapshot (query checks, POST /v1/simulate). */
  snapshot?(value: T, world: World): unknown;
}

export function defineSlot<T>(
  name: string,
  create: (world: World) => T,
  snapshot?: (value: T, world: World) => unknown,
): SlotKey<T> {
  return { name, create, snapshot };
}

export const BUDGET = {
  /** Reconcile passes in one settle. */
  settlePasses: 2_000,
  /**
   * Timed wake-ups handled in one advance (one `sleep`, one waiting command). Real waits of
   * interest (a rollout, probe cycles, back-off over hours) need far fewer; the rest of the wait
   * is skipped and reported.
   */
  wakeups: 20_000,
  /**
   * Timed wake-ups over the world's whole life (setup, the submission, checks): bounds a loop of
   * long sleeps (`while true; do sleep 86400; done`) next to busy timers (a probe every second).
   */
  totalWakeups: 50_000,
  /** Events kept on the timeline. */
  events: 200_000,
};

export class World {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly hosts: Host[] = [];
  private readonly hostsByName = new Map<string, Host>();
  /** Append-only: records are never changed once added (forks share them, src/sim/clone.ts). */
  readonly events: SimEvent[] = markShallow([]);
  /** Append-only, like events (a record is complete once its command has run). */
  readonly commands: CommandRecord[] = markShallow([]);
  /** Timed wake-ups handled so far (BUDGET.totalWakeups). */
  private wakeupsUsed = 0;
  /** Budget overruns and other simulator notes, reported in the transcript. */
  readonly warnings: string[] = [];
  private readonly subsystems: Subsystem[] = [];
  private readonly slots = new Map<string, { key: SlotKey<unknown>; value: unknown }>();
  /** Free-form configuration from the cluster spec (custom images, …), read by subsystems. */
  readonly config: Record<string, unknown>;

  constructor(opts: { startTime: number; seed: string; config?: Record<string, unknown> }) {
    this.clock = new VirtualClock(opts.startTime);
    this.rng = new Rng(opts.seed);
    // Fixed for the world's life: copies share it (and caches keyed by it keep working).
    this.config = markShared(opts.config ?? {});
  }

  get now(): number {
    return this.clock.now;
  }

  // ---- machines -------------------------------------------------------------------------

  host(name: string): Host | undefined {
    return this.hostsByName.get(name);
  }

  /** Finds a machine by name or by any of its addresses. */
  hostByAddress(addr: string): Host | undefined {
    return this.hosts.find(
      (h) => h.name === addr || h.ip === addr || h.interfaces.some((i) => i.ip === addr),
    );
  }

  addHost(spec: HostSpec, files?: Record<string, string>): Host {
    const host: Host = { ...spec, up: true, boots: 1, fs: new VirtualFs(files) };
    this.hosts.push(host);
    this.hostsByName.set(host.name, host);
    this.hostEvent(host, "added");
    return host;
  }

  hostEvent(host: Host, event: HostEvent): void {
    if (event === "down") host.up = false;
    if (event === "up") host.up = true;
    if (event === "restart") {
      host.up = true;
      host.boots++;
    }
    this.record("sim", `host-${event}`, host.name);
    for (const s of this.subsystems) s.onHostEvent?.(this, host, event);
    this.settle();
  }

  // ---- state slots ----------------------------------------------------------------------

  slot<T>(key: SlotKey<T>): T {
    let entry = this.slots.get(key.name);
    if (!entry) {
      entry = { key: key as SlotKey<unknown>, value: undefined };
      this.slots.set(key.name, entry);
      entry.value = key.create(this);
    }
    return entry.value as T;
  }

  peekSlot<T>(key: SlotKey<T>): T | undefined {
    return this.slots.get(key.name)?.value as T | undefined;
  }

  /** JSON-ready state of every slot that has a snapshot, keyed by slot name (sorted). */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      clock: this.clock.iso(),
      hosts: this.hosts.map((h) => ({
        name: h.name, ip: h.ip, cpus: h.cpus, memory: h.memory, labels: h.labels,
        os: h.os, arch: h.arch, up: h.up,
      })),
    };
    for (const name of [...this.slots.keys()].sort()) {
      const { key, value } = this.slots.get(name)!;
      if (key.snapshot) out[name] = key.snapshot(value, this);
    }
    return out;
  }

  // ---- reconciliation and time ----------------------------------------------------------

  addSubsystem(s: Subsystem): void {
    this.subsystems.push(s);
  }

  record(source: string, type: string, subject: string, data?: Record<string, unknown>): void {
    if (this.events.length >= BUDGET.events) return;
    this.events.push(data ? { time: this.now, source, type, subject, data } : { time: this.now, source, type, subject });
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** Reconciles every subsystem until none changes anything (bounded). */
  settle(): void {
    for (let pass = 0; pass < BUDGET.settlePasses; pass++) {
      let changed = false;
      for (const s of this.subsystems) if (s.reconcile(this)) changed = true;
      if (!changed) return;
    }
    this.warn(`reconcile budget exhausted at ${this.clock.iso()}: the cluster did not settle`);
  }

  /** The earliest pending wake-up strictly after now, if any. */
  private nextWake(): number | undefined {
    let best: number | undefined;
    for (const s of this.subsystems) {
      const t = s.nextWake?.(this);
      if (t !== undefined && t > this.now && (best === undefined || t < best)) best = t;
    }
    return best;
  }

  /** Lets `ms` of virtual time pass, handling every timed event on the way. */
  advance(ms: number): void {
    this.advanceUntil(() => false, ms);
  }

  /**
   * Lets time pass until `done()` holds (checked after every event) or `timeoutMs` elapsed.
   * Returns true if `done()` held. This is how waiting commands (`rollout status`, `service
   * create` without -d) and `sleep` move time.
   */
  advanceUntil(done: () => boolean, timeoutMs: number): boolean {
    const deadline = this.now + Math.max(0, timeoutMs);
    this.settle();
    if (done()) return true;
    for (let i = 0; ; i++) {
      const wake = this.nextWake();
      if (wake === undefined || wake > deadline) break;
      if (this.wakeupsUsed >= BUDGET.totalWakeups) {
        this.warn(`wake-up budget of the whole run exhausted at ${this.clock.iso()}: later waits were skipped`);
        return done();
      }
      this.wakeupsUsed++;
      if (i >= BUDGET.wakeups) {
        // Stop here rather than jump to an absurd deadline (ages of "11415y").
        this.warn(`wake-up budget exhausted at ${this.clock.iso()}: the rest of the wait was skipped`);
        return done();
      }
      this.clock.now = wake;
      this.settle();
      if (done()) return true;
    }
    if (this.now < deadline) {
      this.clock.now = deadline;
      this.settle();
    }
    return done();
  }
}
