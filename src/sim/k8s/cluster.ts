// One Kubernetes cluster per world, kept in the "kubernetes" slot: the store, plus the control
// plane components (controllers, scheduler) and a kubelet per node, all registered as world
// subsystems so they reconcile after every command and on the virtual clock.

import { defineSlot, type World } from "../world";
import { Store, type KObject } from "./store";

export class KubeCluster {
  readonly store: Store;

  constructor(readonly world: World) {
    this.store = new Store(world);
  }

  /** State for query checks: every kind as a list under its lowercase plural resource name. */
  snapshot(): Record<string, KObject[]> {
    const out: Record<string, KObject[]> = {};
    for (const kind of this.store.kindsPresent()) out[resourceName(kind)] = this.store.list(kind);
    return out;
  }
}

/** "Deployment" → "deployments", "Ingress" → "ingresses", "Endpoints" → "endpoints". */
export function resourceName(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith("s")) return lower.endsWith("ss") ? lower + "es" : lower;
  if (lower.endsWith("y")) return lower.slice(0, -1) + "ies";
  return lower + "s";
}

export const KUBE = defineSlot("kubernetes", (w) => new KubeCluster(w), (c) => c.snapshot());

/** The cluster of a world, if it has one (kubectl without one cannot connect). */
export function kubeOf(world: World): KubeCluster | undefined {
  return world.peekSlot(KUBE);
}
