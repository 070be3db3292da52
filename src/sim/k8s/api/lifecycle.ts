// The API server's and kube-controller-manager's housekeeping that every other component relies
// on, as one world subsystem: the garbage collector (dependents whose owner is gone are deleted,
// background cascade), the namespace controller (a Terminating namespace is emptied, then
// removed), the resourcequota controller's status upkeep and graceful-deletion expiry (a pod whose deletionTimestamp has passed is removed;
// the kubelet may remove it sooner once its containers have stopped), and Events expiring an hour
// after their last write (--event-ttl).
//
// Timeline events: ("kubernetes", "deleted", "<ns>/<name>", {kind}) for each removal.

import type { KubeCluster } from "../cluster";
import { ensureKubernetesService } from "../bootstrap-system";
import { syncResourceQuotaStatus } from "./resource-quota";
import { EVENT_TTL_MS } from "./events";
import type { KObject } from "../store";
import type { Subsystem, World } from "../../world";

export class ApiHousekeeping implements Subsystem {
  readonly name = "kube-housekeeping";
  private lastRevision = -1;
  private lastClock = -1;
  private lastRemovals = -1;
  /** No stored Event expires before this (recomputed by each sweep, lowered when Events are written). */
  private eventsExpireAt = -Infinity;
  /** The Event revision and clock when the Events were last looked at. */
  private eventsSeen = { rev: -1, at: -Infinity };

  constructor(private readonly cluster: KubeCluster) {}

  reconcile(world: World): boolean {
    const store = this.cluster.store;
    // Level-triggered, but nothing can have changed if neither the store nor the clock moved.
    if (store.resourceVersion === this.lastRevision && world.now === this.lastClock) return false;
    const changed = this.pass(world);
    this.lastRevision = store.resourceVersion;
    this.lastClock = world.now;
    return changed;
  }

  private pass(world: World): boolean {
    let changed = ensureKubernetesService(this.cluster) || false;
    if (this.expireEvents(world)) changed = true;
    // The resourcequota controller: quotas' status follows the pods.
    if (syncResourceQuotaStatus(this.cluster.store, world.now)) changed = true;
    const store = this.cluster.store;
    // store.view's arrays stay safe to walk while this pass removes objects: a write drops the
    // store's cached array, it never changes one.
    // Graceful deletion expiry.
    for (const pod of store.view("Pod")) {
      const ts = pod.metadata.deletionTimestamp;
      if (ts && Date.parse(ts) <= world.now) {
        store.remove("Pod", pod.metadata.namespace, pod.metadata.name);
        world.record("kubernetes", "deleted", `${pod.metadata.namespace}/${pod.metadata.name}`, { kind: "Pod" });
        changed = true;
      }
    }
    // Garbage collector: background cascade. Owners only vanish by removal, so it sleeps until one.
    const kinds = store.kindsPresent();
    const uids = new Set<string>();
    const collect = store.removals !== this.lastRemovals;
    this.lastRemovals = store.removals;
    if (collect) for (const kind of kinds) for (const o of store.view(kind)) uids.add(o.metadata.uid);
    for (const kind of collect ? kinds : []) {
      for (const o of store.view(kind)) {
        const refs = o.metadata.ownerReferences;
        if (!refs?.length || refs.some((r) => uids.has(r.uid))) continue;
        if (kind === "Pod") {
          if (!o.metadata.deletionTimestamp) {
            this.cluster.api.deletePod(o);
            changed = true;
          }
        } else {
          store.remove(kind, o.metadata.namespace, o.metadata.name);
          world.record("kubernetes", "deleted", `${o.metadata.namespace ?? ""}/${o.metadata.name}`, { kind, by: "garbage-collector" });
          changed = true;
        }
      }
    }
    // Namespace controller.
    for (const ns of store.view("Namespace")) {
      if ((ns.status as { phase?: string }).phase !== "Terminating") continue;
      let remaining = 0;
      for (const kind of kinds) {
        if (kind === "Namespace" || kind === "Node") continue;
        for (const o of store.view(kind, ns.metadata.name)) {
          remaining++;
          if (kind === "Pod") {
            if (!o.metadata.deletionTimestamp) {
              this.cluster.api.deletePod(o);
              changed = true;
            }
          } else {
            store.remove(kind, o.metadata.namespace, o.metadata.name);
            changed = true;
          }
        }
      }
      if (remaining === 0) {
        store.remove("Namespace", undefined, ns.metadata.name);
        world.record("kubernetes", "deleted", ns.metadata.name, { kind: "Namespace" });
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Removes the Events whose hour has passed. Swept only when the clock reaches the earliest
   * possible expiry: an Event written since the last look expires an hour after that look at the
   * earliest, so only such writes bring the next sweep forward.
   */
  private expireEvents(world: World): boolean {
    const store = this.cluster.store;
    if (store.revisionOf("Event") !== this.eventsSeen.rev) this.eventsExpireAt = Math.min(this.eventsExpireAt, this.eventsSeen.at + EVENT_TTL_MS);
    let removed = false;
    if (world.now >= this.eventsExpireAt) {
      let next = Infinity;
      for (const e of store.view("Event")) {
        const expires = Date.parse((e as KObject & { lastTimestamp?: string }).lastTimestamp ?? e.metadata.creationTimestamp) + EVENT_TTL_MS;
        if (expires <= world.now) {
          store.remove("Event", e.metadata.namespace, e.metadata.name);
          removed = true;
        } else if (expires < next) next = expires;
      }
      this.eventsExpireAt = next;
    }
    this.eventsSeen = { rev: store.revisionOf("Event"), at: world.now };
    return removed;
  }

  nextWake(world: World): number | undefined {
    let best: number | undefined;
    for (const pod of this.cluster.store.view("Pod")) {
      const ts = pod.metadata.deletionTimestamp;
      if (!ts) continue;
      const t = Date.parse(ts);
      if (t > world.now && (best === undefined || t < best)) best = t;
    }
    return best;
  }
}

export type { KObject };
