// The kubelet's container waiting reasons and the messages of its restart and kill events
// (kuberuntime_container.go, kubelet_pods.go), kept in one place.

import { formatGoDuration } from "../../clock";
import type { Pod } from "../controllers/model";

export const CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
export const CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
/** A start that failed (kubecontainer.ErrRunContainer): the waiting reason until the next attempt. */
export const RUN_CONTAINER_ERROR = "RunContainerError";
/** The kubelet sees the failed container exit at its next PLEG relist (1 s) and syncs the pod again. */
export const PLEG_RELIST_MS = 1000;
export const CONTAINER_CREATING = "ContainerCreating";
export const POD_INITIALIZING = "PodInitializing";

/** format.Pod: "name_namespace(uid)". */
export const formatPod = (pod: Pod): string => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
export const backOffRestartEvent = (c: string, pod: Pod): string => `Back-off restarting failed container ${c} in pod ${formatPod(pod)}`;
export const crashLoopMessage = (ms: number, c: string, pod: Pod): string =>
  `back-off ${formatGoDuration(ms)} restarting failed container=${c} pod=${formatPod(pod)}`;
export const startErrorEvent = (msg: string): string =>
  `Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${msg}: unknown`;
/** computeInitContainerActions' Killing messages for a sidecar ("Init container proxy failed liveness probe"). */
export const sidecarKillMessage = (c: string, why: string): string => `Init container ${c} ${why}`;
/** active_deadline.go: the reason and message of a pod past spec.activeDeadlineSeconds. */
export const DEADLINE_EXCEEDED = "DeadlineExceeded";
export const DEADLINE_EXCEEDED_MESSAGE = "Pod was active on the node longer than the specified deadline";
