// The Kubernetes control plane's loops, installed into the world in kube-controller-manager's
// order, followed by the scheduler and the kubelets (one subsystem for every node). Each loop is
// level-triggered: it compares desired and observed state in the store and makes the smallest
// change; a loop runs again whenever the store or the clock moved (controller.ts). The garbage
// collector, namespace controller and graceful-deletion expiry are the API side's
// (api/lifecycle.ts).
//
//   deployment-controller       deployment/        rolling update, recreate, scaling, revisions
//   replicaset-controller       replicaset.ts      pods per RS, adoption, deletion ranking
//   replicationcontroller       replication.ts     the ReplicaSet controller over ReplicationControllers
//   daemonset-controller        daemonset.ts       one pod per eligible node, rolling update
//   statefulset-controller      statefulset.ts     ordinal pods, claims per ordinal, ordered/parallel, rolling update with partition
//   cronjob-controller          cronjob.ts         a Job per scheduled time, concurrency policy, history limits
//   horizontal-pod-autoscaler   hpa.ts             min/max bounds every 15 s; no metrics API (FailedGetResourceMetric)
//   job-controller              job.ts             pods to completion, backoff, deadlines, TTL after finished
//   endpoint-controller         endpoints.ts       Endpoints + EndpointSlices from ready pods
//   disruption-controller       disruption.ts      PodDisruptionBudget status (healthy, desired, allowed disruptions)
//   clusterrole-aggregation     clusterrole-aggregation.ts  an aggregating ClusterRole's rules from the roles it selects
//   node-lifecycle-controller   node-lifecycle.ts  NotReady after 40 s, unreachable/unschedulable taints
//   taint-eviction-controller   taint-eviction.ts  NoExecute eviction, tolerationSeconds
//   pod-garbage-collector       pod-gc.ts          pods of deleted nodes, after 40 s
//   persistentvolume-binder     persistentvolume.ts  static PV/PVC binding, Released volumes, FailedBinding
//   pvc/pv-protection           storage-protection.ts  a claim in use / a bound volume stays Terminating
//   kube-scheduler              ../scheduler       filter + score plugins, FailedScheduling
//   kubelet                     ../kubelet         images, containers, probes, restarts, status
//
// Timeline events (world.record, source "kubernetes"), each when the counts change:
//   deployment-status  "deployment/<ns>/<name>"  {desired, replicas, updated, ready, available, unavailable}
//   replicaset-status  "replicaset/<ns>/<name>"  {desired, replicas, ready, available}
//   statefulset-status "statefulset/<ns>/<name>" {desired, replicas, ready, updated, available}
//   job-status         "job/<ns>/<name>"         {active, succeeded, failed}
//   daemonset-status   "daemonset/<ns>/<name>"   {desired, current, ready, updated, available, unavailable, misscheduled}
//   endpoints          "service/<ns>/<name>"     {ready, notReady}
//   pod-scheduled      "pod/<ns>/<name>"         {node}
//   pod-unschedulable  "pod/<ns>/<name>"         {message}  (the FailedScheduling text, when it changes)
//   pod-status         "pod/<ns>/<name>"         {node, phase, ready, restarts}
//   pod-evicted        "pod/<ns>/<name>"         {node, reason: "NoExecute"}
//   pod-deleted        "pod/<ns>/<name>"         {node}  (the kubelet's final delete)
//   pvc-bound          "persistentvolumeclaim/<ns>/<name>"  {volume}  (the persistentvolume-controller's bind)
//   pdb-status         "poddisruptionbudget/<ns>/<name>"    {allowed, current, desired, expected}
// A check "never fewer than N available during the rollout" is the minimum of `available` over
// the deployment-status events after the rollout began.

import { markShared, SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { Kubelets } from "../kubelet";
import type { ContainerRuntime } from "../kubelet/cri";
import { Scheduler } from "../scheduler";
import { ControllerSubsystem, type ControllerLoop } from "./controller";
import { clusterRoleAggregationController } from "./clusterrole-aggregation";
import { daemonSetController } from "./daemonset";
import { disruptionController } from "./disruption";
import { deploymentController } from "./deployment";
import { endpointsController } from "./endpoints";
import { jobController } from "./job";
import { cronJobController } from "./cronjob";
import { hpaController } from "./hpa";
import { statefulSetController } from "./statefulset";
import { nodeLifecycleController } from "./node-lifecycle";
import { persistentVolumeController } from "./persistentvolume";
import { podGcController } from "./pod-gc";
import { storageProtectionController } from "./storage-protection";
import { replicaSetController } from "./replicaset";
import { replicationController } from "./replication";
import { taintEvictionController } from "./taint-eviction";

/** kube-controller-manager's loops, in the order they run each pass. */
// The loops are constants (names and functions): every copy of a world refers to the same ones.
export const CONTROLLERS: readonly ControllerLoop[] = markShared([
  deploymentController,
  replicaSetController,
  replicationController,
  daemonSetController,
  statefulSetController,
  jobController,
  cronJobController,
  hpaController,
  endpointsController,
  disruptionController,
  clusterRoleAggregationController,
  nodeLifecycleController,
  taintEvictionController,
  podGcController,
  persistentVolumeController,
  storageProtectionController,
]);

export interface ControlPlane {
  scheduler: Scheduler;
  kubelets: Kubelets;
}

const planes = new SideTable<KubeCluster, ControlPlane>();

/** Adds the controllers, the scheduler and the kubelets to the cluster's world (once). */
export function installControlPlane(cluster: KubeCluster, opts: { runtime?: ContainerRuntime } = {}): ControlPlane {
  const existing = planes.get(cluster);
  if (existing) return existing;
  const world = cluster.world;
  for (const loop of CONTROLLERS) world.addSubsystem(new ControllerSubsystem(cluster, loop));
  const plane: ControlPlane = { scheduler: new Scheduler(cluster), kubelets: new Kubelets(cluster, opts.runtime) };
  world.addSubsystem(plane.scheduler);
  world.addSubsystem(plane.kubelets);
  planes.set(cluster, plane);
  return plane;
}

/** The installed control plane (kubectl logs/exec reach the kubelets through it). */
export function controlPlaneOf(cluster: KubeCluster): ControlPlane | undefined {
  return planes.get(cluster);
}

export { deletePod, createPod } from "./client";
export { computeHash, equalIgnoreHash } from "./hash";
export { formatFitError } from "../scheduler";
