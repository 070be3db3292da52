// The shape every control loop shares: a level-triggered sync over the whole store, skipped
// when neither the store (its revision) nor the clock moved since the last pass — a cache of
// "nothing to do", not state — plus an optional next timed wake-up (minReadySeconds, progress
// deadlines, tolerationSeconds, node grace periods).

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
  private lastRevision = -1;
  private lastClock = -1;
  private dirty = true;
  /** The loop's own next wake-up, as of the last pass (valid while the revision stands). */
  private wake?: number;
  private wakeRevision = -1;

  constructor(private readonly cluster: KubeCluster, private readonly loop: ControllerLoop) {}

  get name(): string {
    return this.loop.name;
  }

  reconcile(world: World): boolean {
    const rev = this.cluster.store.resourceVersion;
    if (!this.dirty && rev === this.lastRevision && (world.now === this.lastClock || !this.due(world.now))) return false;
    this.dirty = false;
    const changed = this.loop.sync(this.cluster) || this.cluster.store.resourceVersion !== rev;
    this.lastRevision = this.cluster.store.resourceVersion;
    this.lastClock = world.now;
    this.wakeRevision = -1;
    // A loop that acted looks again next pass (it may have another step to take).
    if (changed) this.dirty = true;
    return changed;
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
