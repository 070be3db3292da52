// Mirrors pkg/controller/tainteviction (taint_eviction.go): pods on a node with NoExecute taints
// they do not tolerate are deleted at once; pods tolerating them all with tolerationSeconds are
// deleted that long after the taint appeared (the smallest of the matching tolerations);
// tolerations without tolerationSeconds keep the pod forever. The pod first gets the
// DisruptionTarget condition, and an event "Marking for deletion Pod <ns>/<name>".

import { SideTable } from "../../clone";
import { COMPONENT, deletePod, event } from "./client";
import type { ControllerLoop } from "./controller";
import type { KubeCluster } from "../cluster";
import type { Node, Pod, Taint } from "./model";
import { editableStatus, iso, parseTime, setCondition } from "./pods";
import { tolerates } from "../scheduler/plugins/taint-toleration";

export const markingForDeletion = (pod: Pod): string => `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`;
export const DELETION_BY_TAINT_MANAGER = "DeletionByTaintManager";
export const MSG_TAINT_MANAGER_DELETE = "Taint manager: deleting due to NoExecute taint";

/**
 * When a pod on these taints must go: now, at a time, or never (undefined). processPodOnNode:
 * GetMatchingTolerations takes, per NoExecute taint, the first toleration that tolerates it (none:
 * evicted now); getMinTolerationTime is the smallest tolerationSeconds among those (≤ 0: now),
 * tolerations without one not counting, and none at all means forever. The clock starts when
 * the pod first came under the taints (the earliest taint, or the pod's start if later).
 */
export function evictionTime(pod: Pod, taints: Taint[], now: number): number | undefined {
  const noExecute = taints.filter((t) => t.effect === "NoExecute");
  if (noExecute.length === 0) return undefined;
  const tolerations = pod.spec.tolerations ?? [];
  let seconds: number | undefined;
  let since: number | undefined;
  for (const taint of noExecute) {
    const used = tolerations.find((t) => tolerates(t, taint));
    if (!used) return now;
    const s = used.tolerationSeconds;
    if (s !== undefined && s !== null) seconds = seconds === undefined ? s : Math.min(seconds, s);
    const added = parseTime(taint.timeAdded) ?? now;
    if (since === undefined || added < since) since = added;
  }
  if (seconds === undefined) return undefined;
  return Math.max(since ?? now, parseTime(pod.status?.startTime) ?? 0) + Math.max(0, seconds) * 1000;
}

/** When the controller first saw each NoExecute taint without timeAdded (its queue's CreatedAt). */
const firstSeen = new SideTable<KubeCluster, Map<string, string>>();

function nodeTaints(cluster: KubeCluster): Map<string, Taint[]> {
  const m = new Map<string, Taint[]>();
  let seen = firstSeen.get(cluster);
  if (!seen) firstSeen.set(cluster, (seen = new Map()));
  const live = new Set<string>();
  for (const n of cluster.store.view<Node>("Node")) {
    const t = (n.spec?.taints ?? []).filter((x) => x.effect === "NoExecute").map((x) => {
      if (x.timeAdded) return x;
      const key = `${n.metadata.name}/${x.key}=${x.value ?? ""}`;
      live.add(key);
      if (!seen!.has(key)) seen!.set(key, iso(cluster.world));
      return { ...x, timeAdded: seen!.get(key) };
    });
    if (t.length) m.set(n.metadata.name, t);
  }
  for (const k of [...seen.keys()]) if (!live.has(k)) seen.delete(k);
  return m;
}

export const taintEvictionController: ControllerLoop = {
  name: "taint-eviction-controller",
  sync(cluster) {
    const tainted = nodeTaints(cluster);
    if (tainted.size === 0) return false;
    const now = cluster.world.now;
    let changed = false;
    for (const pod of cluster.store.view<Pod>("Pod")) {
      const taints = pod.spec.nodeName ? tainted.get(pod.spec.nodeName) : undefined;
      if (!taints || pod.metadata.deletionTimestamp) continue;
      const at = evictionTime(pod, taints, now);
      if (at === undefined || at > now) continue;
      setCondition(editableStatus(pod).conditions, {
        type: "DisruptionTarget", status: "True", reason: DELETION_BY_TAINT_MANAGER, message: MSG_TAINT_MANAGER_DELETE,
      }, iso(cluster.world));
      cluster.store.touch(pod);
      event(cluster, pod, "Normal", "TaintManagerEviction", markingForDeletion(pod), COMPONENT.taintEviction);
      deletePod(cluster, pod);
      cluster.world.record("kubernetes", "pod-evicted", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { node: pod.spec.nodeName, reason: "NoExecute" });
      changed = true;
    }
    return changed;
  },
  nextWake(cluster) {
    const tainted = nodeTaints(cluster);
    if (tainted.size === 0) return undefined;
    const now = cluster.world.now;
    let t: number | undefined;
    for (const pod of cluster.store.view<Pod>("Pod")) {
      const taints = pod.spec.nodeName ? tainted.get(pod.spec.nodeName) : undefined;
      if (!taints || pod.metadata.deletionTimestamp) continue;
      const at = evictionTime(pod, taints, now);
      if (at !== undefined && at > now && (t === undefined || at < t)) t = at;
    }
    return t;
  },
};
