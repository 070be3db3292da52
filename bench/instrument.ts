// Simple timers around a World, without touching the simulator: wraps every registered
// subsystem's reconcile()/nextWake() and World.settle() so a bench can say which subsystem
// costs what, and how many settle passes a command took. Used by `tsx bench/scale.ts … profile=1`
// and handy from a REPL. Bench-only (uses performance.now(); never imported by src/).

import type { Subsystem, World } from "../src/sim/world";

export interface SubsystemCost {
  name: string;
  reconcileCalls: number;
  reconcileMs: number;
  /** Passes in which it reported a change. */
  changed: number;
  nextWakeCalls: number;
  nextWakeMs: number;
}

export interface WorldCost {
  settles: number;
  passes: number;
  subsystems: SubsystemCost[];
}

/** Instruments `world` in place (idempotent per subsystem); returns a live cost record. */
export function instrument(world: World): WorldCost {
  const cost: WorldCost = { settles: 0, passes: 0, subsystems: [] };
  const w = world as unknown as { subsystems: Subsystem[]; settle: () => void; addSubsystem: (s: Subsystem) => void };
  const wrap = (s: Subsystem) => {
    const c: SubsystemCost = { name: s.name, reconcileCalls: 0, reconcileMs: 0, changed: 0, nextWakeCalls: 0, nextWakeMs: 0 };
    cost.subsystems.push(c);
    const rec = s.reconcile.bind(s);
    (s as { reconcile: Subsystem["reconcile"] }).reconcile = (wd) => {
      const t = performance.now();
      const changed = rec(wd);
      c.reconcileMs += performance.now() - t;
      c.reconcileCalls++;
      if (changed) c.changed++;
      return changed;
    };
    if (s.nextWake) {
      const nw = s.nextWake.bind(s);
      (s as { nextWake: NonNullable<Subsystem["nextWake"]> }).nextWake = (wd) => {
        const t = performance.now();
        const r = nw(wd);
        c.nextWakeMs += performance.now() - t;
        c.nextWakeCalls++;
        return r;
      };
    }
  };
  for (const s of w.subsystems) wrap(s);
  const add = w.addSubsystem.bind(world);
  w.addSubsystem = (s) => { wrap(s); add(s); };
  const settle = w.settle.bind(world);
  w.settle = () => {
    cost.settles++;
    const first = cost.subsystems[0];
    const before = first?.reconcileCalls ?? 0;
    settle();
    cost.passes += (first?.reconcileCalls ?? 0) - before;
  };
  return cost;
}

/** The subsystems by total time, heaviest first, as table rows. */
export function costRows(cost: WorldCost): string[][] {
  const byName = new Map<string, SubsystemCost>();
  for (const c of cost.subsystems) {
    const acc = byName.get(c.name) ?? { ...c, reconcileCalls: 0, reconcileMs: 0, changed: 0, nextWakeCalls: 0, nextWakeMs: 0 };
    acc.reconcileCalls += c.reconcileCalls; acc.reconcileMs += c.reconcileMs; acc.changed += c.changed;
    acc.nextWakeCalls += c.nextWakeCalls; acc.nextWakeMs += c.nextWakeMs;
    byName.set(c.name, acc);
  }
  return [...byName.values()]
    .sort((a, b) => b.reconcileMs + b.nextWakeMs - (a.reconcileMs + a.nextWakeMs) || (a.name < b.name ? -1 : 1))
    .map((c) => [c.name, String(c.reconcileCalls), c.reconcileMs.toFixed(3), String(c.changed), String(c.nextWakeCalls), c.nextWakeMs.toFixed(3)]);
}
