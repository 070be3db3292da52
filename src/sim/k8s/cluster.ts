// One Kubernetes cluster per world, kept in the "kubernetes" slot: the store, the API server
// in front of it (validation, defaulting, admission, allocation), plus the control plane
// components (controllers, scheduler) and a kubelet per node, all registered as world
// subsystems so they reconcile after every command and on the virtual clock.

import type { Rng } from "../rng";
import { defineSlot, type World } from "../world";
import { ApiServer } from "./api/server";
import { Store, type KObject } from "./store";
import { renewSystemLeases } from "./bootstrap-leases";

export interface LogSource {
  logs(pod: KObject, container: string, previous: boolean): { logs?: string; waiting?: string; notFound?: boolean };
}

export class KubeCluster {
  readonly store: Store;
  readonly api: ApiServer;
  /** The API server's own random stream (ClusterIPs, NodePorts, generated names). */
  readonly rng: Rng;
  /** host-local IPAM: the last pod-IP offset handed out per node. */
  readonly lastPodIP = new Map<string, number>();
  /**
   * The kubelets' container logs (`kubectl logs`); the kubelet subsystem sets this when it is
   * installed. Returns the text, or why there is none.
   */
  logSource?: LogSource;
  /** Where the API server listens (the first control-plane node's address). */
  apiServerAddress = "10.0.0.11";

  constructor(readonly world: World) {
    this.store = new Store(world);
    this.rng = world.rng.fork("kubernetes-api");
    this.api = new ApiServer(this);
  }

  /**
   * Brings what is a pure function of time and machines up to now, before the cluster is read
   * from outside (kubectl, a snapshot): the system Leases' renewTime. No control loop decides
   * from it, so it is computed when looked at rather than at every virtual instant.
   */
  refreshForRead(): void {
    // Within one instant nothing can have come due since the last look (a machine going down renews first).
    if (this.refreshedAt === this.world.now) return;
    this.refreshedAt = this.world.now;
    renewSystemLeases(this, this.world.now, (name) => this.world.host(name)?.up === true);
  }
  private refreshedAt = Number.NaN;

  /** A machine went down or came back: the next read renews again even at the same instant. */
  machinesChanged(): void {
    this.refreshedAt = Number.NaN;
  }

  /** State for query checks: every kind as a list under its lowercase plural resource name. */
  snapshot(): Record<string, KObject[]> {
    this.refreshForRead();
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
