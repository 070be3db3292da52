// Mirrors pkg/controller/podautoscaler/horizontal.go (v1.30) on a cluster without metrics-server
// (kubeadm installs none): every 15 s each HorizontalPodAutoscaler reads its target's scale. A
// replica count outside [minReplicas, maxReplicas] is brought inside it ("New size: 2; reason:
// Current number of replicas below Spec.MinReplicas"); within bounds the controller needs
// resource metrics, which the metrics API cannot give, so it records FailedGetResourceMetric /
// FailedComputeMetricsReplicas, sets ScalingActive False and leaves the scale alone — which is
// what `kubectl get hpa` shows as `<unknown>/80%`. A target whose replicas are 0 has scaling
// disabled; a missing target is FailedGetScale.

import { deepClone } from "../api/json";
import { kindInfo } from "../api/kinds";
import { StatusError } from "../api/errors";
import type { KubeCluster } from "../cluster";
import { COMPONENT, event } from "./client";
import { earliest, type ControllerLoop } from "./controller";
import type { Condition, KObject } from "./model";
import { iso, sameJson, setCondition } from "./pods";
import { SideTable } from "../../clone";

/** --horizontal-pod-autoscaler-sync-period. */
const SYNC_PERIOD_MS = 15_000;
const NO_METRICS_API = "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";

interface Hpa extends KObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string } }[];
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: string;
    currentMetrics?: { type: string }[] | null;
    conditions?: Condition[];
    observedGeneration?: number;
  };
}

/** When each HPA was last synced (the real controller keeps this in its work queue). */
const lastSync = new SideTable<Hpa, number>();

export const hpaController: ControllerLoop = {
  name: "horizontal-pod-autoscaler",
  sync(cluster) {
    let changed = false;
    const now = cluster.world.now;
    for (const hpa of cluster.store.list<Hpa>("HorizontalPodAutoscaler")) {
      if (hpa.metadata.deletionTimestamp) continue;
      const last = lastSync.get(hpa);
      if (last !== undefined && now < last + SYNC_PERIOD_MS && hpa.status?.observedGeneration === hpa.metadata.generation) continue;
      if (syncHpa(cluster, hpa)) changed = true;
      lastSync.set(hpa, now);
    }
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    for (const hpa of cluster.store.view<Hpa>("HorizontalPodAutoscaler")) {
      const last = lastSync.get(hpa);
      if (last !== undefined) t = earliest(t, last + SYNC_PERIOD_MS);
    }
    return t;
  },
};

function syncHpa(cluster: KubeCluster, hpa: Hpa): boolean {
  const now = iso(cluster.world);
  const component = COMPONENT.hpa;
  const status = deepClone(hpa.status ?? {});
  const conditions = (status.conditions ??= []);
  const ns = hpa.metadata.namespace;
  const ref = hpa.spec.scaleTargetRef;
  const info = kindInfo(ref.kind);
  const target = info ? cluster.store.get<KObject & { spec: { replicas?: number } }>(ref.kind, ns, ref.name) : undefined;
  if (!target) {
    const msg = info ? `${info.resource}${info.group ? "." + info.group : ""} "${ref.name}" not found` : `no matches for kind "${ref.kind}" in group ""`;
    setCondition(conditions, { type: "AbleToScale", status: "False", reason: "FailedGetScale", message: `the HPA controller was unable to get the target's current scale: ${msg}` }, now);
    event(cluster, hpa, "Warning", "FailedGetScale", msg, component);
    return write(cluster, hpa, status);
  }
  const current = target.spec.replicas ?? 1;
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  status.currentReplicas = current;
  let desired = current;
  let reason = "";
  if (current === 0 && min !== 0) {
    desired = 0;
    setCondition(conditions, { type: "ScalingActive", status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" }, now);
  } else if (current > max) {
    desired = max;
    reason = "Current number of replicas above Spec.MaxReplicas";
  } else if (current < min) {
    desired = min;
    reason = "Current number of replicas below Spec.MinReplicas";
  } else {
    // computeReplicasForMetrics: no metrics API on this cluster.
    setCondition(conditions, { type: "AbleToScale", status: "True", reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" }, now);
    const metrics = hpa.spec.metrics ?? [];
    const first = metrics[0];
    const name = first?.resource?.name ?? "cpu";
    const err = first?.type === "Resource" || !first
      ? `failed to get ${name} utilization: unable to get metrics for resource ${name}: ${NO_METRICS_API}`
      : `unable to get metric ${first.type}: ${NO_METRICS_API}`;
    setCondition(conditions, { type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: `the HPA was unable to compute the replica count: ${err}` }, now);
    event(cluster, hpa, "Warning", "FailedGetResourceMetric", err, component);
    event(cluster, hpa, "Warning", "FailedComputeMetricsReplicas", `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: failed to get ${name} resource metric value: ${err}`, component);
    status.currentMetrics = metrics.map(() => ({ type: "" }));
    return write(cluster, hpa, status);
  }
  if (desired !== current) {
    const u = deepClone(target);
    u.spec.replicas = desired;
    try {
      cluster.api.update(u);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      setCondition(conditions, { type: "AbleToScale", status: "False", reason: "FailedUpdateScale", message: `the HPA controller was unable to update the target scale: ${e.message}` }, now);
      event(cluster, hpa, "Warning", "FailedRescale", `New size: ${desired}; reason: ${reason}; error: ${e.message}`, component);
      return write(cluster, hpa, status);
    }
    setCondition(conditions, { type: "AbleToScale", status: "True", reason: "SucceededRescale", message: `the HPA controller was able to update the target scale to ${desired}` }, now);
    event(cluster, hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`, component);
    status.lastScaleTime = now;
  }
  status.desiredReplicas = desired;
  return write(cluster, hpa, status);
}

function write(cluster: KubeCluster, hpa: Hpa, status: NonNullable<Hpa["status"]>): boolean {
  status.observedGeneration = hpa.metadata.generation;
  if (sameJson(hpa.status ?? {}, status)) return false;
  hpa.status = status;
  cluster.store.touch(hpa);
  return true;
}
