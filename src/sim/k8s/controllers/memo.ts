// Skipping a per-object sync whose inputs stood still. A loop describes what one object's sync
// reads as a string of versions (the object's resourceVersion, the store's revision of each kind
// and namespace it lists, the clock when it reads time). When a sync found nothing to do, its
// inputs are recorded; while they stay the same the sync would again find nothing and is
// skipped. A sync that acted is not recorded: it runs again next pass and sees its own writes
// (a Deployment cleans up old ReplicaSets on the pass after its status says it is complete).
// Only a cache: a forked world starts without it (WeakMap) and simply syncs once more.

export class SyncMemo<K extends object> {
  private readonly last = new WeakMap<K, string>();

  /** Runs `sync` unless it last found nothing to do with the same `inputs()`; returns what sync returned. */
  run(key: K, inputs: () => string, sync: () => boolean): boolean {
    const before = inputs();
    if (this.last.get(key) === before) return false;
    const changed = sync();
    if (changed) this.last.delete(key);
    else this.last.set(key, before);
    return changed;
  }
}
