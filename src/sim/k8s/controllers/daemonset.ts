// Mirrors pkg/controller/daemon (daemon_controller.go, update.go, util): one pod per node that
// should run it — nodeSelector / required node affinity match and every NoSchedule/NoExecute
// taint tolerated, counting the automatic DaemonSet tolerations — created with a node-name
// affinity that the default scheduler honours; pods on nodes that should no longer run them are
// deleted (a later NoSchedule taint does not evict, NoExecute does); RollingUpdate replaces
// outdated pods at most maxUnavailable at a time. ControllerRevisions record the templates.

import type { KubeCluster } from "../cluster";
import { COMPONENT, createPod, deletePod, event } from "./client";
import type { ControllerLoop } from "./controller";
import { computeOwnerHash } from "./hash";
import { CONTROLLER_REVISION_HASH_LABEL, type DaemonSet, type KObject, type Node, type Pod, type Toleration } from "./model";
import { SyncMemo } from "./memo";
import { PodIndex } from "./pod-index";
import { byCreationThenName, controllerRef, deepClone, isPodAvailable, isPodReady, isTerminal, newControllerRef, sameJson, nextAvailableAt } from "./pods";
import { isDaemonPodUpdated, rollingUpdateDeletions, TEMPLATE_GENERATION_LABEL } from "./daemonset-update";
import { templateGeneration } from "../api/daemonset-strategy";
import { claimPods, createdPodMessage, deletedPodMessage, failedCreateMessage } from "./replicaset";
import { podMatchesNode } from "../scheduler/plugins/node-affinity";
import { findUntoleratedTaint } from "../scheduler/plugins/taint-toleration";

export const failedDaemonPodMessage = (pod: Pod, node: string): string =>
  `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`;

/** AddOrUpdateDaemonPodTolerations. */
export function daemonPodTolerations(spec: Pod["spec"]): Toleration[] {
  const auto: Toleration[] = [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
  ];
  if (spec.hostNetwork) auto.push({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  const out = [...(spec.tolerations ?? [])];
  for (const t of auto) {
    const i = out.findIndex((x) => x.key === t.key && x.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/** NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node, fake = daemonPodView(ds)): [boolean, boolean] {
  const spec = fake.spec;
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return [false, false];
  if (!podMatchesNode(fake, node)) return [false, false];
  if (findUntoleratedTaint(node.spec?.taints, spec.tolerations, (t) => t.effect === "NoExecute")) return [false, false];
  if (findUntoleratedTaint(node.spec?.taints, spec.tolerations, (t) => t.effect === "NoSchedule")) return [false, true];
  return [true, true];
}

/** The pod the DaemonSet would create, as the predicates see it (template + automatic tolerations). */
export function daemonPodView(ds: DaemonSet): Pod {
  const spec = { ...ds.spec.template.spec, tolerations: daemonPodTolerations(ds.spec.template.spec) };
  return { metadata: { name: "" }, spec } as unknown as Pod;
}

/** The node a DS pod is for: spec.nodeName, or the metadata.name in its injected affinity. */
function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

function newDaemonPod(ds: DaemonSet, node: string, hash: string): Pod {
  const t = ds.spec.template;
  const spec = deepClone(t.spec);
  spec.tolerations = daemonPodTolerations(spec);
  const affinity = (spec.affinity ??= {});
  const na = (affinity.nodeAffinity ??= {});
  na.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }],
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(templateGeneration(ds)) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds)],
    },
    spec,
  } as unknown as Pod;
}

const memo = new SyncMemo();

export const daemonSetController: ControllerLoop = {
  name: "daemonset-controller",
  sync(cluster) {
    const dss = cluster.store.list<DaemonSet>("DaemonSet");
    if (dss.length === 0) return false;
    const index = PodIndex.of(cluster);
    const nodes = cluster.store.view<Node>("Node");
    let changed = false;
    const store = cluster.store;
    for (const ds of dss) {
      const ns = ds.metadata.namespace;
      // Time matters only through minReadySeconds (when a ready pod counts as available).
      const inputs = () => {
        const time = (ds.spec.minReadySeconds ?? 0) > 0 ? cluster.world.now : "";
        return `${time}|${ds.metadata.resourceVersion}|${store.revisionOf("Node")}|${store.revisionOf("Pod", ns)}|${store.revisionOf("ControllerRevision", ns)}`;
      };
      if (memo.run(cluster, ds, inputs, () => syncDaemonSet(cluster, ds, nodes, index))) changed = true;
    }
    return changed;
  },
  // minReadySeconds: a Ready daemon pod becomes available later, with no write in between.
  nextWake: (cluster) => nextAvailableAt(cluster, cluster.store.view<DaemonSet>("DaemonSet")),
};

function syncDaemonSet(cluster: KubeCluster, ds: DaemonSet, nodes: readonly Node[], index: PodIndex): boolean {
  const claimed = claimPods(cluster, ds, index);
  let changed = claimed.changed;
  const hash = computeOwnerHash(ds, ds.status?.collisionCount);
  if (syncRevisions(cluster, ds, hash)) changed = true;
  // getNodesToDaemonPods: every claimed pod under its target node, pods being deleted included —
  // a node whose pod is still terminating gets no new one until it is gone; only a terminal pod
  // already being deleted is left out.
  const byNode = new Map<string, Pod[]>();
  for (const p of claimed.pods) {
    if (p.metadata.deletionTimestamp && isTerminal(p)) continue;
    const n = targetNode(p);
    if (n) byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  for (const pods of byNode.values()) pods.sort(byCreationTimestampAndPhase);
  const nodeNames = new Set(nodes.map((n) => n.metadata.name));
  const toCreate: string[] = [];
  const toDelete: Pod[] = [];
  const shouldRunOn = new Set<string>();
  const view = daemonPodView(ds);
  for (const node of nodes) {
    // podsShouldBeOnNode
    const name = node.metadata.name;
    const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(ds, node, view);
    if (shouldRun) shouldRunOn.add(name);
    const pods = byNode.get(name) ?? [];
    if (shouldRun && pods.length === 0) toCreate.push(name);
    else if (shouldContinue) {
      const running: Pod[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === "Failed") {
          event(cluster, ds, "Warning", "FailedDaemonPod", failedDaemonPodMessage(p, name), COMPONENT.daemonset);
          toDelete.push(p);
        } else running.push(p);
      }
      // No surge: of several running pods on a node, all but the oldest go.
      toDelete.push(...running.slice(1));
    } else {
      toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    }
  }
  // getUnscheduledPodsWithoutNode: a pod bound to a node that is gone is left to the pod GC.
  for (const [n, pods] of byNode) {
    if (!nodeNames.has(n)) toDelete.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
  }
  if (toDelete.length === 0 && toCreate.length === 0 && (ds.spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
    toDelete.push(...rollingUpdateDeletions(ds, shouldRunOn, byNode, hash, cluster.world.now));
  }
  for (const node of toCreate) {
    const { pod, error } = createPod(cluster, newDaemonPod(ds, node, hash));
    if (!pod) {
      event(cluster, ds, "Warning", "FailedCreate", failedCreateMessage(error ?? ""), COMPONENT.daemonset);
      break;
    }
    event(cluster, ds, "Normal", "SuccessfulCreate", createdPodMessage(pod.metadata.name), COMPONENT.daemonset);
    byNode.set(node, [pod]);
    changed = true;
  }
  for (const pod of toDelete) {
    deletePod(cluster, pod);
    event(cluster, ds, "Normal", "SuccessfulDelete", deletedPodMessage(pod.metadata.name), COMPONENT.daemonset);
    changed = true;
  }
  if (updateStatus(cluster, ds, nodes, shouldRunOn, byNode, hash)) changed = true;
  return changed;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name. */
function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const sa = a.spec.nodeName ? 0 : 1;
  const sb = b.spec.nodeName ? 0 : 1;
  return sa !== sb ? sa - sb : byCreationThenName(a, b);
}

/** One ControllerRevision per template; the current one gets the highest revision. */
function syncRevisions(cluster: KubeCluster, ds: DaemonSet, hash: string): boolean {
  const ns = ds.metadata.namespace;
  const mine = cluster.store.list<KObject & { revision: number }>("ControllerRevision", ns)
    .filter((r) => controllerRef(r)?.uid === ds.metadata.uid);
  const max = mine.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const cur = mine.find((r) => r.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash);
  if (cur) {
    if (cur.revision === max) return false;
    cluster.store.update({ ...cur, revision: max + 1, metadata: { ...cur.metadata } });
    return true;
  }
  cluster.store.create({
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: `${ds.metadata.name}-${hash}`, namespace: ns, uid: "", resourceVersion: "", creationTimestamp: "",
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(ds)],
    },
    data: { spec: { template: { ...deepClone(ds.spec.template), $patch: "replace" } } },
    revision: max + 1,
  });
  return true;
}

function updateStatus(cluster: KubeCluster, ds: DaemonSet, nodes: readonly Node[], shouldRunOn: Set<string>, byNode: Map<string, Pod[]>, hash: string): boolean {
  const now = cluster.world.now;
  const min = ds.spec.minReadySeconds ?? 0;
  let current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
  for (const node of nodes) {
    // updateDaemonSetStatus looks at the oldest pod of each node, terminating or not.
    const pods = byNode.get(node.metadata.name) ?? [];
    if (!shouldRunOn.has(node.metadata.name)) {
      if (pods.length) misscheduled++;
      continue;
    }
    if (pods.length === 0) continue;
    current++;
    const pod = pods[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, min, now)) available++;
    }
    if (isDaemonPodUpdated(pod, hash, ds)) updated++;
  }
  const desired = shouldRunOn.size;
  const next: NonNullable<DaemonSet["status"]> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
  if (!next.updatedNumberScheduled) delete next.updatedNumberScheduled;
  if (!next.numberAvailable) delete next.numberAvailable;
  if (!next.numberUnavailable) delete next.numberUnavailable;
  if (ds.status?.collisionCount !== undefined) next.collisionCount = ds.status.collisionCount;
  if (sameJson(ds.status ?? {}, next)) return false;
  ds.status = next;
  cluster.store.touch(ds);
  cluster.world.record("kubernetes", "daemonset-status", `daemonset/${ds.metadata.namespace}/${ds.metadata.name}`, {
    desired, current, ready, updated, available, unavailable: desired - available, misscheduled,
  });
  return true;
}
