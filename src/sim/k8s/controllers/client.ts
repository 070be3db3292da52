// What the control loops use in place of client-go: pod create/delete through the API server,
// status writes that bump resourceVersion, and events through the shared recorder.

import type { KubeCluster } from "../cluster";
import type { EventSource, EventType } from "../api/events";
import { recordThroughAggregator } from "./event-aggregation";
import type { KObject, Pod } from "./model";
import { StatusError } from "../api/errors";

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
export const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

/** Event source components, as `kubectl describe` prints them in the From column. */
export const COMPONENT = {
  deployment: "deployment-controller",
  replicaset: "replicaset-controller",
  replication: "replication-controller",
  daemonset: "daemonset-controller",
  job: "job-controller",
  cronjob: "cronjob-controller",
  hpa: "horizontal-pod-autoscaler",
  statefulset: "statefulset-controller",
  scheduler: "default-scheduler",
  kubelet: "kubelet",
  node: "node-controller",
  taintEviction: "taint-eviction-controller",
  endpoints: "endpoint-controller",
  endpointSlice: "endpointslice-controller",
} as const;

export function event(cluster: KubeCluster, obj: KObject, type: EventType, reason: string, message: string, component: string | EventSource, fieldPath?: string, host?: string): void {
  const src: EventSource = typeof component === "string" ? (host ? { component, host } : { component }) : component;
  recordThroughAggregator(cluster, obj, type, reason, message, src, fieldPath);
}

/**
 * Creates a pod through the API server (generateName, defaulting, admission, validation), as a
 * controller's client does. Returns the API error's message when the server refuses it.
 */
export function createPod(cluster: KubeCluster, pod: Pod): { pod?: Pod; error?: string; retryNow?: boolean } {
  for (let attempt = 0; ; attempt++) {
    // The server names the pod from generateName on every attempt (it writes into this object).
    if (attempt > 0 && pod.metadata.generateName) delete (pod.metadata as { name?: string }).name;
    try {
      return { pod: cluster.api.create(pod, pod.metadata.namespace, { fromController: true }).obj as Pod };
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      // A generateName collision (v1.30 has no server-side retry): the controller's requeue
      // tries again at once with a new random suffix.
      if (e.reason === "AlreadyExists" && pod.metadata.generateName && attempt < 5) continue;
      return { error: e.message };
    }
  }
}

/** Graceful deletion through the API server (deletionTimestamp; the kubelet finishes it). */
export function deletePod(cluster: KubeCluster, pod: Pod, gracePeriodSeconds?: number): void {
  if (pod.metadata.deletionTimestamp) return;
  cluster.api.deletePod(pod, gracePeriodSeconds);
}

/** Marks an in-place status change. */
export function touch(cluster: KubeCluster, obj: KObject): void {
  cluster.store.touch(obj);
}
