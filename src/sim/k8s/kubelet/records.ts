// What a kubelet knows about its pods beyond the API object: the runtime's containers (process,
// restart back-off, probe workers, logs) — the CRI's and the prober's state, which the real
// kubelet also keeps in memory and reports through the pod's status.

import type { ImageFacts } from "../../images/types";
import type { ContainerStateTerminated } from "../controllers/model";
import type { ContainerProcess } from "./cri";
import type { ProbeState } from "./prober";

export interface ContainerRecord {
  name: string;
  init: boolean;
  image?: ImageFacts;
  /** The spec image the running container was started from (a changed image restarts it). */
  specImage?: string;
  /** Waiting reason/message while not running (ContainerCreating, ErrImagePull, CrashLoopBackOff…). */
  waiting?: { reason: string; message?: string };
  /** When the kubelet tries to start it again (pull or crash back-off). */
  retryAt?: number;
  /** Why it is waiting on cluster state (config error / failed mount): retried when the store changes. */
  blockedOnConfig?: string;
  proc?: ContainerProcess;
  containerID?: string;
  startedAt?: number;
  /** Terminated and not restarting (restartPolicy), or the last exit while backing off. */
  terminated?: ContainerStateTerminated;
  lastTerminated?: ContainerStateTerminated;
  /** Whether the current state is the back-off wait after `terminated`. */
  restarting: boolean;
  restartCount: number;
  probes: ProbeState[];
  started: boolean;
  ready: boolean;
  /** SIGTERM sent: SIGKILL at this deadline if still running. */
  killDeadline?: number;
  previousLogs?: string;
  everStarted: boolean;
}

export interface PodRecord {
  uid: string;
  node: string;
  sandbox: boolean;
  podIP?: string;
  startTime?: number;
  containers: ContainerRecord[];
  initContainers: ContainerRecord[];
  /** Pod resourceVersion after the kubelet's last sync. */
  lastRv?: string;
  nextAt?: number;
  bootSeen: number;
  /** The pod failed as a whole (kubelet admission, or a Never pod's init container failed). */
  failed?: { reason: string; message: string };
  /** writeStatus's inputs (pod version, host, record state) when the stored status last matched them. */
  statusInputs?: string;
}

export function newContainerRecord(name: string, init: boolean): ContainerRecord {
  return {
    name, init, restarting: false, restartCount: 0, probes: [], started: false, ready: false, everStarted: false,
  };
}
