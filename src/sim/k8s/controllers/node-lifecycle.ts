// Mirrors pkg/controller/nodelifecycle (node_lifecycle_controller.go): a node whose kubelet
// stopped posting status for nodeMonitorGracePeriod (40 s) gets Ready=Unknown ("Kubelet stopped
// posting node status."), the node.kubernetes.io/unreachable NoSchedule + NoExecute taints and its
// pods marked not Ready; when the kubelet is back, Ready=True and the taints go. It also keeps the
// node.kubernetes.io/unschedulable:NoSchedule taint in step with spec.unschedulable (cordon).

import { SideTable, thaw } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { Host, HostEvent } from "../../world";
import { COMPONENT, UNREACHABLE_TAINT, UNSCHEDULABLE_TAINT, event } from "./client";
import type { ControllerLoop } from "./controller";
import type { Condition, Node, Pod, Taint } from "./model";
import { editableStatus, iso, setCondition } from "./pods";

export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
export const NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
export const MSG_KUBELET_STOPPED = "Kubelet stopped posting node status.";
export const nodeStatusEvent = (node: string, status: "NodeNotReady" | "NodeReady" | "NodeSchedulable" | "NodeNotSchedulable"): string =>
  `Node ${node} status is now: ${status}`;

const KUBELET_CONDITIONS: Record<string, [string, string, string]> = {
  MemoryPressure: ["False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
  DiskPressure: ["False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
  PIDPressure: ["False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
  Ready: ["True", "KubeletReady", "kubelet is posting ready status"],
};

/** When each machine went down (per world; a host event, not API state). */
const downSince = new SideTable<KubeCluster, Map<string, number>>();

function downMap(cluster: KubeCluster): Map<string, number> {
  let m = downSince.get(cluster);
  if (!m) downSince.set(cluster, (m = new Map()));
  return m;
}

export const nodeLifecycleController: ControllerLoop = {
  name: "node-lifecycle-controller",
  onHostEvent(cluster: KubeCluster, host: Host, ev: HostEvent) {
    const m = downMap(cluster);
    if (ev === "down") m.set(host.name, cluster.world.now);
    if (ev === "up" || ev === "restart") m.delete(host.name);
  },
  sync(cluster) {
    let changed = false;
    const now = cluster.world.now;
    const down = downMap(cluster);
    for (const node of cluster.store.view<Node>("Node")) {
      const host = cluster.world.host(node.metadata.name);
      const since = down.get(node.metadata.name);
      const lost = host !== undefined && !host.up && since !== undefined && now >= since + NODE_MONITOR_GRACE_PERIOD_MS;
      // The conditions are replaced as a whole (stored frozen): edits go to a copy.
      const conds = thaw(node.status.conditions ?? []);
      const ready = conds.find((c) => c.type === "Ready");
      let nodeChanged = false;
      if (lost && ready?.status !== "Unknown") {
        markUnknown(cluster, node, conds);
        node.status.conditions = conds;
        markPodsNotReady(cluster, node.metadata.name);
        event(cluster, node, "Normal", "NodeNotReady", nodeStatusEvent(node.metadata.name, "NodeNotReady"), COMPONENT.node);
        nodeChanged = true;
      } else if (host?.up && ready && ready.status !== "True") {
        for (const [type, [status, reason, message]] of Object.entries(KUBELET_CONDITIONS)) {
          setCondition(conds, { type, status: status as Condition["status"], reason, message, lastHeartbeatTime: iso(cluster.world) } as Condition, iso(cluster.world));
        }
        node.status.conditions = conds;
        event(cluster, node, "Normal", "NodeReady", nodeStatusEvent(node.metadata.name, "NodeReady"), COMPONENT.kubelet);
        nodeChanged = true;
      }
      if (host?.up) recordSchedulableEvent(cluster, node);
      if (syncTaints(cluster, node)) nodeChanged = true;
      if (nodeChanged) {
        cluster.store.update(node);
        changed = true;
      }
    }
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    for (const [name, since] of downMap(cluster)) {
      const node = cluster.store.get<Node>("Node", undefined, name);
      if (node?.status.conditions?.find((c) => c.type === "Ready")?.status === "Unknown") continue;
      const at = since + NODE_MONITOR_GRACE_PERIOD_MS;
      if (t === undefined || at < t) t = at;
    }
    return t;
  },
};

/** What each node's kubelet last saw of spec.unschedulable (kubelet.lastNodeUnschedulable, false at start). */
const lastUnschedulable = new SideTable<KubeCluster, Map<string, boolean>>();

/**
 * The kubelet's recordNodeSchedulableEvent (a node status setter): when spec.unschedulable
 * changes — kubectl cordon / uncordon / drain — its node gets "Node <n> status is now:
 * NodeNotSchedulable" (or NodeSchedulable), from the kubelet. A kubelet that is down sees the
 * change when it is back.
 */
function recordSchedulableEvent(cluster: KubeCluster, node: Node): void {
  let m = lastUnschedulable.get(cluster);
  if (!m) lastUnschedulable.set(cluster, (m = new Map()));
  const now = !!node.spec?.unschedulable;
  if ((m.get(node.metadata.name) ?? false) === now) return;
  m.set(node.metadata.name, now);
  const reason = now ? "NodeNotSchedulable" : "NodeSchedulable";
  event(cluster, node, "Normal", reason, nodeStatusEvent(node.metadata.name, reason), { component: COMPONENT.kubelet, host: node.metadata.name });
}

function markUnknown(cluster: KubeCluster, node: Node, conds: Condition[]): void {
  const now = iso(cluster.world);
  for (const c of conds) {
    if (!(c.type in KUBELET_CONDITIONS)) continue;
    c.status = "Unknown";
    c.reason = NODE_STATUS_UNKNOWN;
    c.message = MSG_KUBELET_STOPPED;
    c.lastTransitionTime = now;
  }
}

/** MarkPodsNotReady: the pods on a lost node stop being Ready (endpoints drop them). */
function markPodsNotReady(cluster: KubeCluster, nodeName: string): void {
  const now = iso(cluster.world);
  for (const pod of cluster.store.view<Pod>("Pod")) {
    if (pod.spec.nodeName !== nodeName) continue;
    if (pod.status?.conditions?.find((c) => c.type === "Ready")?.status !== "True") continue;
    const ready = editableStatus(pod).conditions.find((c) => c.type === "Ready")!;
    ready.status = "False";
    ready.lastTransitionTime = now;
    cluster.store.touch(pod);
    cluster.world.record("kubernetes", "pod-status", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, {
      node: nodeName, phase: pod.status.phase, ready: false, restarts: 0, reason: "NodeLost",
    });
  }
}

/** The taints the controller owns, from the Ready condition and spec.unschedulable. */
function desiredTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  const ready = node.status.conditions?.find((c) => c.type === "Ready")?.status;
  if (ready === "Unknown") out.push({ key: UNREACHABLE_TAINT, effect: "NoSchedule" }, { key: UNREACHABLE_TAINT, effect: "NoExecute" });
  if (ready === "False") out.push({ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" }, { key: "node.kubernetes.io/not-ready", effect: "NoExecute" });
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" });
  return out;
}

const OWNED = new Set([UNREACHABLE_TAINT, "node.kubernetes.io/not-ready", UNSCHEDULABLE_TAINT]);

function syncTaints(cluster: KubeCluster, node: Node): boolean {
  const want = desiredTaints(node);
  const have = node.spec.taints ?? [];
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const kept = have.filter((t) => !OWNED.has(t.key) || want.some((w) => same(w, t)));
  const added = want.filter((w) => !have.some((t) => same(t, w)))
    .map((w) => (w.effect === "NoExecute" ? { ...w, timeAdded: iso(cluster.world) } : w));
  if (kept.length === have.length && added.length === 0) return false;
  const taints = [...kept, ...added];
  if (taints.length) node.spec.taints = taints;
  else delete node.spec.taints;
  return true;
}
