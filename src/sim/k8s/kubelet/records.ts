// What a kubelet knows about its pods beyond the API object: the runtime's containers (process,
// restart back-off, probe workers, logs) — the CRI's and the prober's state, which the real
// kubelet also keeps in memory and reports through the pod's status.

import type { ImageFacts } from "../../images/types";
import type { ContainerStateTerminated, Pod } from "../controllers/model";
import type { WrittenVolume } from "./atomic-writer";
import type { ContainerProcess } from "./cri";
import type { ProbeState } from "./prober";

export interface ContainerRecord {
  name: string;
  init: boolean;
  /** An init container with `restartPolicy: Always` (a sidecar): kept running beside the app. */
  restartable: boolean;
  image?: ImageFacts;
  /** The spec image the running container was started from (a changed image restarts it). */
  specImage?: string;
  /** The spec image of the last start attempt (its back-off does not hold a new image back). */
  attemptImage?: string;
  /** Waiting reason/message while not running (ContainerCreating, ErrImagePull, CrashLoopBackOff…). */
  waiting?: { reason: string; message?: string };
  /** When the kubelet tries to start it again (pull or crash back-off). */
  retryAt?: number;
  /** Backing off a restart: the pod worker's next resync, which reports the back-off again. */
  backOffSyncAt?: number;
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
  probes: readonly ProbeState[];
  started: boolean;
  ready: boolean;
  /** SIGTERM sent: SIGKILL at this deadline if still running. */
  killDeadline?: number;
  /** Being killed, its preStop hook running: SIGTERM at this moment. */
  sigtermAt?: number;
  previousLogs?: string;
  everStarted: boolean;
  /** A sidecar told to stop, waiting for the regular containers and later sidecars to stop first. */
  awaitingTurn?: boolean;
  /** That sidecar's preStop hook (run at once) ends then: no SIGTERM before. */
  preStopDoneAt?: number;
}

export interface PodRecord {
  uid: string;
  node: string;
  sandbox: boolean;
  podIP?: string;
  startTime?: number;
  containers: readonly ContainerRecord[];
  initContainers: readonly ContainerRecord[];
  /** `kubectl debug`'s ephemeral containers, once the kubelet saw one (kubelet/ephemeral.ts). */
  ephemeralContainers?: ContainerRecord[];
  /** Pod resourceVersion after the kubelet's last sync. */
  lastRv?: string;
  nextAt?: number;
  bootSeen: number;
  /** Every init container has run (sidecars started): the regular containers were started. */
  initialized?: boolean;
  /** How many init containers have done their part (exited 0, or started for a sidecar). */
  initFrontier?: number;
  /** The kubelet killed the pod without a deletion (its app is done): containers stop by then. */
  killDeadline?: number;
  /** The volume manager: per volume, the mount's retry back-off while its source is missing. */
  mounts?: Record<string, MountBackoff>;
  /** Each volume as the kubelet last wrote it (atomic-writer.ts; it stays if the source is deleted later). */
  mountedFiles?: Record<string, WrittenVolume>;
  /** A mounted volume follows a ConfigMap/Secret: the kubelet remounts it when the source changes. */
  followsConfig?: boolean;
  /** The pending remount of changed ConfigMap/Secret volumes (the pod's next periodic sync). */
  volumeRemountAt?: number;
  /** When the pod worker first waited for the pod's volumes (its 2-minute waits are counted from it). */
  mountWaitSince?: number;
  /** When the pod's termination started (sidecars stop after the regular containers). */
  terminatingSince?: number;
  /** The pod failed as a whole (kubelet admission, or a Never pod's init container failed). */
  failed?: { reason: string; message: string };
  /** writeStatus's inputs (pod version, host, record state) when the stored status last matched them. */
  statusInputs?: readonly unknown[];
}

export interface MountBackoff {
  /** durationBeforeRetry of the last failure (ms). */
  durationMs: number;
  lastErrorAt: number;
  /** The last failure's message (FailedMount event). */
  error: string;
  mounted: boolean;
}

/**
 * The empty lists records start with (and return to): shared and frozen, so copies of the world
 * do not copy them; a record's list is replaced, never pushed to once made.
 */
export const NO_PROBES: readonly ProbeState[] = Object.freeze([]);
export const NO_RECORDS: readonly ContainerRecord[] = Object.freeze([]);

export function newContainerRecord(name: string, init: boolean, restartable = false): ContainerRecord {
  return {
    name, init, restartable, restarting: false, restartCount: 0, probes: NO_PROBES, started: false, ready: false, everStarted: false,
  };
}

/** The pod's container records, made once from its spec (sidecars marked). */
export function ensureContainerRecords(rec: PodRecord, pod: Pod): void {
  if (rec.containers.length === 0) rec.containers = pod.spec.containers.map((c) => newContainerRecord(c.name, false));
  if (rec.initContainers.length === 0 && pod.spec.initContainers?.length) {
    rec.initContainers = pod.spec.initContainers.map((c) => newContainerRecord(c.name, true, c.restartPolicy === "Always"));
  }
}
