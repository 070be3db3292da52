// Mirrors pkg/controller/podgc (gc_controller.go gcOrphaned): pods bound to a Node that no
// longer exists are force-deleted once the node has been gone for the quarantine time (40 s).

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { ControllerLoop } from "./controller";
import type { Node, Pod } from "./model";

export const QUARANTINE_MS = 40_000;

const missingSince = new SideTable<KubeCluster, Map<string, number>>();

function missing(cluster: KubeCluster): Map<string, number> {
  let m = missingSince.get(cluster);
  if (!m) missingSince.set(cluster, (m = new Map()));
  return m;
}

export const podGcController: ControllerLoop = {
  name: "pod-garbage-collector",
  sync(cluster) {
    const nodes = new Set(cluster.store.view<Node>("Node").map((n) => n.metadata.name));
    const gone = missing(cluster);
    const now = cluster.world.now;
    const seen = new Set<string>();
    let changed = false;
    for (const pod of cluster.store.view<Pod>("Pod")) {
      const node = pod.spec.nodeName;
      if (!node || nodes.has(node)) continue;
      seen.add(node);
      if (!gone.has(node)) gone.set(node, now);
      if (now < gone.get(node)! + QUARANTINE_MS) continue;
      cluster.store.remove("Pod", pod.metadata.namespace, pod.metadata.name);
      cluster.world.record("kubernetes", "pod-deleted", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { node, reason: "orphaned" });
      changed = true;
    }
    for (const n of [...gone.keys()]) if (!seen.has(n)) gone.delete(n);
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    for (const since of missing(cluster).values()) {
      const at = since + QUARANTINE_MS;
      if (at > cluster.world.now && (t === undefined || at < t)) t = at;
    }
    return t;
  },
};
