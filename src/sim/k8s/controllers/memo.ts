// Skipping a per-object sync whose inputs stood still. A loop describes what one object's sync
// reads as a string of versions (the object's resourceVersion, the store's revision of each kind
// and namespace it lists, the clock when it reads time). When a sync found nothing to do, its
// inputs are recorded; while they stay the same the sync would again find nothing and is
// skipped. A sync that acted is not recorded: it runs again next pass and sees its own writes
// (a Deployment cleans up old ReplicaSets on the pass after its status says it is complete).
// The records belong to the cluster (a SideTable), so a forked world keeps them: its first pass
// does not redo every sync.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { KObject } from "./model";

export class SyncMemo {
  /** Per cluster: object uid → the inputs its last idle sync saw. */
  private readonly idle = new SideTable<KubeCluster, Map<string, string>>();

  /** Runs `sync` unless it last found nothing to do with the same `inputs()`; returns what sync returned. */
  run(cluster: KubeCluster, obj: KObject, inputs: () => string, sync: () => boolean): boolean {
    let idle = this.idle.get(cluster);
    if (!idle) this.idle.set(cluster, (idle = new Map()));
    const uid = obj.metadata.uid;
    const before = inputs();
    if (idle.get(uid) === before) return false;
    const changed = sync();
    if (changed) idle.delete(uid);
    else idle.set(uid, before);
    return changed;
  }
}
