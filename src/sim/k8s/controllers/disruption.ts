// Mirrors pkg/controller/disruption/disruption.go (v1.30): each PodDisruptionBudget's status from
// the pods its selector picks in its namespace. desiredHealthy is minAvailable (an integer, with
// every selected pod expected) or comes from the pods' controllers' scale (a percentage, or
// maxUnavailable: the sum of the Deployments', ReplicaSets', StatefulSets' and
// ReplicationControllers' replicas); currentHealthy counts the Ready pods that are neither being
// deleted nor recently evicted (status.disruptedPods, written by the Eviction API, kept two
// minutes); disruptionsAllowed = currentHealthy - desiredHealthy, never negative and 0 while no
// pod is expected. The DisruptionAllowed condition says SufficientPods or InsufficientPods; a
// budget whose expected count cannot be computed (a DaemonSet's pods under a percentage) is made
// safe: no disruption allowed, SyncFailed. Cheap when there are no budgets: it then reads nothing
// else.

import type { KubeCluster } from "../cluster";
import { deepClone, sameJson } from "../api/json";
import { labelSelectorMatches, type LabelSelector } from "../api/selectors";
import { event } from "./client";
import { earliest, type ControllerLoop } from "./controller";
import type { KObject, Pod } from "./model";
import { controllerRef, isPodReady, iso, parseTime } from "./pods";

const COMPONENT = "controllermanager";
/** How long an evicted pod may take to go before it counts again (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

interface PdbCondition {
  type: string;
  status: "True" | "False";
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Pdb extends KObject {
  spec: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector | null };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    conditions?: PdbCondition[];
  };
}

type Status = NonNullable<Pdb["status"]>;

/** The pods a budget's selector picks (a missing selector picks none, an empty one all). */
export function podsForPdb(cluster: KubeCluster, pdb: Pdb): Pod[] {
  if (!pdb.spec?.selector) return [];
  return cluster.store.view<Pod>("Pod", pdb.metadata.namespace).filter((p) => labelSelectorMatches(pdb.spec.selector, p.metadata.labels));
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaled(v: number | string, total: number): number {
  if (typeof v === "number") return v;
  return Math.ceil((parseInt(v, 10) * total) / 100);
}

/** getExpectedScale: the summed scale of the pods' controllers (unmanaged pods left out). */
function expectedScale(cluster: KubeCluster, pods: Pod[]): { count: number; unmanaged: string[] } | { error: string } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = controllerScale(cluster, ref, pod.metadata.namespace!);
    if (typeof found === "string") return { error: found };
    if (!found) return { error: `found no controllers for pod "${pod.metadata.name}"` };
    scales.set(found.uid, found.scale);
  }
  let count = 0;
  for (const s of scales.values()) count += s;
  return { count, unmanaged };
}

type Scaled = KObject & { spec?: { replicas?: number } };

/** The finders in their order: RC, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet, then /scale. */
function controllerScale(cluster: KubeCluster, ref: { kind: string; name: string; uid: string }, ns: string): { uid: string; scale: number } | string | undefined {
  const get = (kind: string, name: string) => cluster.store.get<Scaled>(kind, ns, name);
  const owned = (o: Scaled | undefined, uid: string) => (o && o.metadata.uid === uid ? o : undefined);
  const scaleOf = (o: Scaled) => ({ uid: o.metadata.uid, scale: o.spec?.replicas ?? 1 });
  if (ref.kind === "ReplicationController" || ref.kind === "StatefulSet") {
    const o = owned(get(ref.kind, ref.name), ref.uid);
    return o ? scaleOf(o) : undefined;
  }
  if (ref.kind === "ReplicaSet") {
    const rs = owned(get("ReplicaSet", ref.name), ref.uid);
    if (!rs) return undefined;
    const dref = controllerRef(rs);
    if (dref?.kind === "Deployment") {
      const d = owned(get("Deployment", dref.name), dref.uid);
      if (d) return scaleOf(d);
    }
    return scaleOf(rs);
  }
  if (ref.kind === "Deployment") return undefined;
  // getScaleController: a kind without the scale subresource is an error.
  const resource = ({ DaemonSet: "daemonsets.apps", Job: "jobs.batch", CronJob: "cronjobs.batch", Node: "nodes" } as Record<string, string>)[ref.kind];
  return resource ? `${resource} does not implement the scale subresource` : undefined;
}

/** apimeta.SetStatusCondition: the transition time moves only when the status does. */
function setCondition(conds: PdbCondition[], next: Omit<PdbCondition, "lastTransitionTime">, now: string): void {
  const i = conds.findIndex((c) => c.type === next.type);
  const prev = conds[i];
  const lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : now;
  const c = { type: next.type, status: next.status, observedGeneration: next.observedGeneration, lastTransitionTime, reason: next.reason, message: next.message };
  if (i >= 0) conds[i] = c;
  else conds.push(c);
}

/** pdbhelper.UpdateDisruptionAllowedCondition. */
export function updateDisruptionAllowedCondition(status: Status, now: string): void {
  const conds = (status.conditions ??= []);
  const allowed = status.disruptionsAllowed > 0;
  setCondition(conds, {
    type: "DisruptionAllowed", status: allowed ? "True" : "False", observedGeneration: status.observedGeneration,
    reason: allowed ? "SufficientPods" : "InsufficientPods", message: "",
  }, now);
}

function syncPdb(cluster: KubeCluster, pdb: Pdb): boolean {
  const now = cluster.world.now;
  const nowIso = iso(cluster.world);
  const pods = podsForPdb(cluster, pdb);
  const events: [type: "Normal" | "Warning", reason: string, message: string][] = [];
  if (!pods.length) events.push(["Normal", "NoPods", "No matching pods found"]);
  const spec = pdb.spec ?? {};
  let expected = 0;
  let desired = 0;
  let error: string | undefined;
  let notDeleted: Pod[] = [];
  const isInt = (v: unknown) => typeof v === "number";
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null || (spec.minAvailable !== undefined && spec.minAvailable !== null && !isInt(spec.minAvailable))) {
    const r = expectedScale(cluster, pods);
    if ("error" in r) error = r.error;
    else {
      expected = r.count;
      if (r.unmanaged.length) {
        events.push(["Warning", "UnmanagedPods", `Pods selected by this PodDisruptionBudget (selector: ${goSelector(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`]);
      }
      desired = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null
        ? Math.max(0, expected - scaled(spec.maxUnavailable, expected))
        : scaled(spec.minAvailable!, expected);
    }
  } else if (isInt(spec.minAvailable)) {
    desired = spec.minAvailable as number;
    expected = pods.length;
  }
  const old = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  const next: Status = deepClone(old);
  if (error) {
    // failSafe: nothing may be disrupted until the budget can be computed again.
    events.push(["Warning", "CalculateExpectedPodCountFailed", `Failed to calculate the number of expected pods: ${error}`]);
    next.disruptionsAllowed = 0;
    setCondition((next.conditions ??= []), { type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message: error, observedGeneration: old.observedGeneration }, nowIso);
  } else {
    const disrupted: Record<string, string> = {};
    for (const p of pods) {
      const t = old.disruptedPods?.[p.metadata.name];
      if (p.metadata.deletionTimestamp || t === undefined) continue;
      if ((parseTime(t) ?? 0) + DELETION_TIMEOUT_MS >= now) disrupted[p.metadata.name] = t;
      else notDeleted.push(p);
    }
    let healthy = 0;
    for (const p of pods) if (!p.metadata.deletionTimestamp && disrupted[p.metadata.name] === undefined && isPodReady(p)) healthy++;
    const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    next.disruptionsAllowed = allowed;
    next.currentHealthy = healthy;
    next.desiredHealthy = desired;
    next.expectedPods = expected;
    if (Object.keys(disrupted).length) next.disruptedPods = disrupted;
    else delete next.disruptedPods;
    next.observedGeneration = pdb.metadata.generation;
    updateDisruptionAllowedCondition(next, nowIso);
  }
  if (sameJson(old, next)) return false;
  for (const [type, reason, message] of events) event(cluster, pdb, type, reason, message, COMPONENT);
  // buildDisruptedPodMap's event names the budget's namespace twice, as the real one does.
  const ns = pdb.metadata.namespace;
  for (const p of notDeleted) event(cluster, p, "Warning", "NotDeleted", `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`, COMPONENT);
  const stored = cluster.store.editable(pdb);
  stored.status = next;
  cluster.store.touch(stored);
  // A timeline check can ask how many disruptions a budget allowed during a run.
  if (old.disruptionsAllowed !== next.disruptionsAllowed || old.currentHealthy !== next.currentHealthy || old.desiredHealthy !== next.desiredHealthy || old.expectedPods !== next.expectedPods) {
    cluster.world.record("kubernetes", "pdb-status", `poddisruptionbudget/${pdb.metadata.namespace}/${pdb.metadata.name}`, {
      allowed: next.disruptionsAllowed, current: next.currentHealthy, desired: next.desiredHealthy, expected: next.expectedPods,
    });
  }
  return true;
}

/** The generated LabelSelector.String() the UnmanagedPods event prints. */
function goSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return "nil";
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels![k]},`).join("");
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],}`).join(",");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export const disruptionController: ControllerLoop = {
  name: "disruption-controller",
  sync(cluster) {
    let changed = false;
    for (const pdb of cluster.store.view<Pdb>("PodDisruptionBudget")) {
      if (pdb.metadata.deletionTimestamp) continue;
      if (syncPdb(cluster, pdb)) changed = true;
    }
    return changed;
  },
  /** When an evicted pod's entry expires (buildDisruptedPodMap's recheck time). */
  nextWake(cluster) {
    let t: number | undefined;
    const now = cluster.world.now;
    for (const pdb of cluster.store.view<Pdb>("PodDisruptionBudget")) {
      for (const at of Object.values(pdb.status?.disruptedPods ?? {})) {
        const expiry = (parseTime(at) ?? 0) + DELETION_TIMEOUT_MS + 1000;
        if (expiry > now) t = earliest(t, expiry);
      }
    }
    return t;
  },
};
