// Mirrors pkg/controller/statefulset (stateful_set_control.go, stateful_set_utils.go, v1.30):
// pods with a stable identity <set>-<ordinal> (hostname = pod name, subdomain = serviceName,
// labels statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and
// controller-revision-hash = the revision's name), a PersistentVolumeClaim per
// volumeClaimTemplate and ordinal (<template>-<set>-<ordinal>, created before the pod and kept).
// OrderedReady (the default) creates ordinals in order, each once the one before is Running and
// Ready, and removes surplus ordinals from the highest, one at a time; Parallel does both at once.
// A failed pod is deleted and recreated. RollingUpdate replaces pods whose revision is not the
// update revision from the highest ordinal down to the partition, one at a time, each after the
// one above is healthy again; OnDelete waits for pods to be deleted by hand. Revisions are
// ControllerRevisions named <set>-<hash>; currentRevision becomes updateRevision once every pod is
// updated and ready. Events (From statefulset-controller):
//   SuccessfulCreate "create Pod web-0 in StatefulSet web successful"
//   SuccessfulCreate "create Claim www-web-0 Pod web-0 in StatefulSet web success"
//   SuccessfulDelete "delete Pod web-2 in StatefulSet web successful"

import type { KubeCluster } from "../cluster";
import { COMPONENT, createPod, deletePod, event } from "./client";
import type { ControllerLoop } from "./controller";
import { computeOwnerHash } from "./hash";
import { CONTROLLER_REVISION_HASH_LABEL, type Condition, type KObject, type LabelSelector, type Pod, type PodTemplateSpec } from "./model";
import { PodIndex } from "./pod-index";
import { claimPods } from "./replicaset";
import { controllerRef, deepClone, isPodAvailable, isPodReady, isTerminal, newControllerRef, sameJson, nextAvailableAt } from "./pods";

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

export interface StatefulSet extends KObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: "OrderedReady" | "Parallel";
    updateStrategy?: { type?: "RollingUpdate" | "OnDelete"; rollingUpdate?: { partition?: number } };
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    ordinals?: { start?: number };
    volumeClaimTemplates?: { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> }[];
  };
  status?: {
    replicas: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas: number;
    currentRevision?: string;
    updateRevision?: string;
    collisionCount: number;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

type Revision = KObject & { revision: number; data: unknown };

export const statefulSetController: ControllerLoop = {
  name: "statefulset-controller",
  sync(cluster) {
    const sets = cluster.store.list<StatefulSet>("StatefulSet");
    if (!sets.length) return false; // pods are not looked at, so their changes do not wake this loop
    const index = PodIndex.of(cluster);
    let changed = false;
    for (const set of sets) {
      if (set.metadata.deletionTimestamp) continue;
      if (syncStatefulSet(cluster, set, index)) changed = true;
    }
    return changed;
  },
  // minReadySeconds: a Ready pod becomes available later, with no write in between.
  nextWake: (cluster) => nextAvailableAt(cluster, cluster.store.view<StatefulSet>("StatefulSet")),
};

const ordinalOf = (set: StatefulSet, pod: Pod): number | undefined => {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name);
  return m && m[1] === set.metadata.name ? Number(m[2]) : undefined;
};

function syncStatefulSet(cluster: KubeCluster, set: StatefulSet, index: PodIndex): boolean {
  const now = cluster.world.now;
  const component = COMPONENT.statefulset;
  const { revisions, changed: revChanged } = syncRevisions(cluster, set);
  let changed = revChanged;
  const updateRevision = revisions.update.metadata.name;
  const currentRevision = revisions.current.metadata.name;
  // isMemberOf: a StatefulSet adopts only orphans named like its own ordinals.
  const claimed = claimPods(cluster, set, index, (p) => ordinalOf(set, p) !== undefined);
  if (claimed.changed) changed = true;
  const replicas = set.spec.replicas ?? 1;
  const start = set.spec.ordinals?.start ?? 0;
  const monotonic = set.spec.podManagementPolicy !== "Parallel";
  const min = set.spec.minReadySeconds ?? 0;
  const healthy = (p: Pod) => !isTerminal(p) && !p.metadata.deletionTimestamp && p.status?.phase === "Running" && isPodReady(p) && isPodAvailable(p, min, now);
  const slots = new Map<number, Pod>();
  const condemned: Pod[] = [];
  for (const p of claimed.pods) {
    const ord = ordinalOf(set, p);
    if (ord !== undefined && ord >= start && ord < start + replicas) slots.set(ord, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => (ordinalOf(set, a) ?? -1) - (ordinalOf(set, b) ?? -1));

  const act = (): boolean => {
    for (let ord = start; ord < start + replicas; ord++) {
      const pod = slots.get(ord);
      if (pod && isTerminal(pod)) {
        // A failed (or completed) pod is deleted; its replacement comes on a later pass.
        deletePod(cluster, pod, 0);
        event(cluster, set, "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, component);
        return true;
      }
      if (!pod) {
        const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
        const useCurrent = set.spec.updateStrategy?.type !== "OnDelete" && ord < start + partition && revisions.current !== revisions.update;
        createOrdinal(cluster, set, ord, useCurrent ? revisions.current : revisions.update);
        if (monotonic) return true;
        continue;
      }
      if (monotonic && (pod.metadata.deletionTimestamp || !healthy(pod))) return false;
    }
    if (monotonic && condemned.length) {
      const target = condemned[condemned.length - 1]!;
      if (target.metadata.deletionTimestamp) return false;
      deleteOrdinal(cluster, set, target);
      return true;
    }
    let acted = false;
    for (const p of condemned) if (!p.metadata.deletionTimestamp) { deleteOrdinal(cluster, set, p); acted = true; }
    if (acted) return true;
    if (set.spec.updateStrategy?.type === "OnDelete") return false;
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let ord = start + replicas - 1; ord >= start + partition; ord--) {
      const pod = slots.get(ord);
      if (!pod) return false;
      if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== updateRevision && !pod.metadata.deletionTimestamp) {
        deleteOrdinal(cluster, set, pod);
        return true;
      }
      if (!healthy(pod)) return false;
    }
    return false;
  };
  if (!set.metadata.deletionTimestamp && act()) changed = true;
  // Status from the pods this sync saw; a sync that acted runs again next pass and counts its own work.
  return updateStatus(cluster, set, claimed.pods, currentRevision, updateRevision, min) || changed;
}

function createOrdinal(cluster: KubeCluster, set: StatefulSet, ord: number, revision: Revision): void {
  const component = COMPONENT.statefulset;
  const ns = set.metadata.namespace ?? "default";
  const name = `${set.metadata.name}-${ord}`;
  const template = (revision.data as { spec: { template: PodTemplateSpec } }).spec.template;
  const spec = deepClone(template.spec);
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const volumes = (spec.volumes ?? []).filter((v) => !(set.spec.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name));
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const claimName = `${t.metadata?.name}-${name}`;
    volumes.push({ name: t.metadata?.name ?? "", persistentVolumeClaim: { claimName } });
    if (cluster.store.get("PersistentVolumeClaim", ns, claimName)) continue;
    const claim = {
      apiVersion: "v1", kind: "PersistentVolumeClaim",
      metadata: {
        name: claimName, namespace: ns,
        labels: { ...(t.metadata?.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      },
      spec: deepClone(t.spec ?? {}),
    };
    try {
      cluster.api.create(claim, ns, { fromController: true });
      event(cluster, set, "Normal", "SuccessfulCreate", `create Claim ${claimName} Pod ${name} in StatefulSet ${set.metadata.name} success`, component);
    } catch (e) {
      event(cluster, set, "Warning", "FailedCreate", `create Claim ${claimName} for Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${(e as Error).message}`, component);
      return;
    }
  }
  if (volumes.length) spec.volumes = volumes;
  const meta = template.metadata ?? {};
  const pod = {
    apiVersion: "v1", kind: "Pod",
    metadata: {
      name, namespace: ns,
      labels: { ...(meta.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: revision.metadata.name, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ord) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    spec,
  } as unknown as Pod;
  const { pod: made, error } = createPod(cluster, pod);
  if (made) event(cluster, set, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${set.metadata.name} successful`, component);
  else event(cluster, set, "Warning", "FailedCreate", `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${error ?? ""}`, component);
}

function deleteOrdinal(cluster: KubeCluster, set: StatefulSet, pod: Pod): void {
  deletePod(cluster, pod);
  event(cluster, set, "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT.statefulset);
}

/**
 * The set's ControllerRevisions: the update revision (the current template; created, or an older
 * one with the same template raised to the highest number, as a rollback does) and the current
 * revision (status.currentRevision while it still exists). History beyond revisionHistoryLimit goes.
 */
function syncRevisions(cluster: KubeCluster, set: StatefulSet): { revisions: { current: Revision; update: Revision }; changed: boolean } {
  const ns = set.metadata.namespace;
  const mine = () => cluster.store.list<Revision>("ControllerRevision", ns).filter((r) => controllerRef(r)?.uid === set.metadata.uid);
  let list = mine();
  const name = `${set.metadata.name}-${computeOwnerHash(set, set.status?.collisionCount ?? 0)}`;
  const max = list.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  let changed = false;
  let update = list.find((r) => r.metadata.name === name);
  if (!update) {
    update = cluster.store.create({
      apiVersion: "apps/v1", kind: "ControllerRevision",
      metadata: {
        name, namespace: ns, uid: "", resourceVersion: "", creationTimestamp: "",
        labels: { ...(set.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: name },
        ownerReferences: [newControllerRef(set)],
      },
      data: { spec: { template: { ...deepClone(set.spec.template), $patch: "replace" } } },
      revision: max + 1,
    }) as Revision;
    changed = true;
    list = mine();
  } else if (update.revision !== max) {
    update = cluster.store.update({ ...update, revision: max + 1, metadata: { ...update.metadata } });
    changed = true;
    list = mine();
  }
  const current = list.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  const limit = set.spec.revisionHistoryLimit ?? 10;
  const live = new Set(cluster.store.view<Pod>("Pod", ns).map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]));
  const old = list.filter((r) => r !== update && r !== current && !live.has(r.metadata.name)).sort((a, b) => a.revision - b.revision);
  for (const r of old.slice(0, Math.max(0, old.length - limit))) {
    cluster.store.remove("ControllerRevision", ns, r.metadata.name);
    changed = true;
  }
  return { revisions: { current, update }, changed };
}

function updateStatus(cluster: KubeCluster, set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string, min: number): boolean {
  const now = cluster.world.now;
  let replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  for (const p of pods) {
    if (isTerminal(p)) continue;
    replicas++;
    if (isPodReady(p) && !p.metadata.deletionTimestamp) ready++;
    if (isPodAvailable(p, min, now) && !p.metadata.deletionTimestamp) available++;
    const rev = p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    if (rev === currentRevision && !p.metadata.deletionTimestamp) current++;
    if (rev === updateRevision && !p.metadata.deletionTimestamp) updated++;
  }
  const want = set.spec.replicas ?? 1;
  // completeRollingUpdate: every pod at the update revision and ready → it becomes current.
  let cur = currentRevision;
  if (set.spec.updateStrategy?.type !== "OnDelete" && updated === replicas && ready === replicas && replicas === want) {
    cur = updateRevision;
    current = updated;
  }
  const next: NonNullable<StatefulSet["status"]> = {
    availableReplicas: available,
    collisionCount: set.status?.collisionCount ?? 0,
    ...(current ? { currentReplicas: current } : {}),
    currentRevision: cur,
    observedGeneration: set.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas,
    updateRevision,
    ...(updated ? { updatedReplicas: updated } : {}),
  };
  if (sameJson(set.status ?? {}, next)) return false;
  set.status = next;
  cluster.store.touch(set);
  cluster.world.record("kubernetes", "statefulset-status", `statefulset/${set.metadata.namespace}/${set.metadata.name}`, {
    desired: want, replicas, ready, updated, available,
  });
  return true;
}
