// A per-pass view of the pods, indexed the ways the controllers look them up (by controller
// owner uid, by namespace, by node), so no controller scans every pod per object. Built from
// one store.list per pass; never kept between passes (level-triggered). PodIndex.of shares one
// index among the loops while no pod was written (any pod write, including an adoption recorded
// with adopted(), moves the store's Pod revision), instead of each loop re-reading every pod.

import type { KubeCluster } from "../cluster";
import type { Pod } from "./model";
import { controllerRef } from "./pods";

const shared = new WeakMap<KubeCluster, { revision: number; index: PodIndex }>();

export class PodIndex {
  /** The index of the pods as they are now (built once per Pod revision). */
  static of(cluster: KubeCluster): PodIndex {
    cluster.store.reads?.add("Pod"); // a cached index is still a read of the pods
    const revision = cluster.store.revisionOf("Pod");
    const hit = shared.get(cluster);
    if (hit && hit.revision === revision) return hit.index;
    const index = new PodIndex(cluster);
    shared.set(cluster, { revision, index });
    return index;
  }

  readonly all: readonly Pod[];
  private readonly byOwner = new Map<string, Pod[]>();
  private readonly byNamespace = new Map<string, Pod[]>();
  private readonly orphansByNamespace = new Map<string, Pod[]>();
  private nodeIndex?: Map<string, Pod[]>;

  constructor(cluster: KubeCluster) {
    this.all = cluster.store.view<Pod>("Pod");
    for (const p of this.all) {
      const ns = p.metadata.namespace ?? "default";
      push(this.byNamespace, ns, p);
      const ref = controllerRef(p);
      if (ref) push(this.byOwner, ref.uid, p);
      else push(this.orphansByNamespace, ns, p);
    }
  }

  owned(uid: string): Pod[] {
    return this.byOwner.get(uid) ?? [];
  }

  inNamespace(ns: string): Pod[] {
    return this.byNamespace.get(ns) ?? [];
  }

  orphans(ns: string): Pod[] {
    return this.orphansByNamespace.get(ns) ?? [];
  }

  onNode(node: string): Pod[] {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      for (const p of this.all) if (p.spec.nodeName) push(this.nodeIndex, p.spec.nodeName, p);
    }
    return this.nodeIndex.get(node) ?? [];
  }

  /** Records a change made during the pass so later controllers in it see it. */
  adopted(pod: Pod, ownerUid: string): void {
    const ns = pod.metadata.namespace ?? "default";
    const list = this.orphansByNamespace.get(ns);
    if (list) this.orphansByNamespace.set(ns, list.filter((p) => p !== pod));
    push(this.byOwner, ownerUid, pod);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
