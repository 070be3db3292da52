// The shape every control loop shares: a level-triggered sync over the whole store, skipped
// when none of the kinds its last sync read (recorded by the store) was written and the clock did
// not move — a cache of "nothing to do", not state — plus an optional next timed wake-up
// (minReadySeconds, progress deadlines, tolerationSeconds, node grace periods).

import type { KubeCluster } from "../cluster";
import type { Host, HostEvent, Subsystem, World } from "../../world";

export interface ControllerLoop {
  readonly name: string;
  /** One pass; returns true if it changed anything. */
  sync(cluster: KubeCluster): boolean;
  /** The earliest virtual time this loop must run again even if nothing changes. */
  nextWake?(cluster: KubeCluster): number | undefined;
  onHostEvent?(cluster: KubeCluster, host: Host, event: HostEvent): void;
}

export class ControllerSubsystem implements Subsystem {
  private lastClock = -1;
  private dirty = true;
  /**
   * The kinds the last sync read (its informers, in effect) with their store revisions after it,
   * flat (kind, revision, kind, revision…): while none of them moves, a write elsewhere (an
   * Event, a ConfigMap) cannot change its view.
   */
  private readRevisions: readonly (string | number)[] = [];
  /** The loop's own next wake-up, as of the last pass (valid while the revision stands). */
  private wake?: number;
  private wakeRevision = -1;

  constructor(private readonly cluster: KubeCluster, private readonly loop: ControllerLoop) {}

  get name(): string {
    return this.loop.name;
  }

  reconcile(world: World): boolean {
    const store = this.cluster.store;
    const rev = store.resourceVersion;
    if (!this.dirty && !this.readsMoved() && (world.now === this.lastClock || !this.due(world.now))) return false;
    this.dirty = false;
    const outer = store.reads;
    const reads = (store.reads = new Set<string>());
    let changed: boolean;
    try {
      changed = this.loop.sync(this.cluster) || store.resourceVersion !== rev;
    } finally {
      store.reads = outer;
    }
    const revisions: (string | number)[] = [];
    reads.forEach((k) => {
      outer?.add(k);
      revisions.push(k, store.revisionOf(k));
    });
    // Replaced, never edited: frozen, so copies of the world share it.
    this.readRevisions = Object.freeze(revisions);
    this.lastClock = world.now;
    this.wakeRevision = -1;
    // A loop that acted looks again next pass (it may have another step to take).
    if (changed) this.dirty = true;
    return changed;
  }

  private readsMoved(): boolean {
    const store = this.cluster.store;
    const r = this.readRevisions;
    for (let i = 0; i < r.length; i += 2) if (store.revisionOf(r[i] as string) !== r[i + 1]) return true;
    return false;
  }

  /**
   * Whether time alone can change this loop's view: the loop depends on the clock only through
   * the wake-ups it declares (minReadySeconds, deadlines, grace periods), so a wake-up that is
   * someone else's (a kubelet probe tick) skips the pass when the store did not move.
   */
  private due(now: number): boolean {
    // Without a wake-up computed at this revision (the world asks after every settle), run.
    if (this.wakeRevision !== this.cluster.store.resourceVersion) return true;
    return this.wake !== undefined && this.wake <= now;
  }

  nextWake(): number | undefined {
    const rev = this.cluster.store.resourceVersion;
    if (this.wakeRevision !== rev || this.dirty) {
      this.wake = this.loop.nextWake?.(this.cluster);
      this.wakeRevision = this.dirty ? -1 : rev;
    }
    return this.wake;
  }

  onHostEvent(_world: World, host: Host, event: HostEvent): void {
    this.dirty = true;
    this.loop.onHostEvent?.(this.cluster, host, event);
  }
}

/** Smallest defined time. */
export function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
