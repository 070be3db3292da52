// The swarm's objects, shaped like swarmkit's api types (Node, Service, Task, Secret, Config)
// but holding only what the simulator models. Times are virtual milliseconds.

import type { TaskState } from "./task-state";

export type Role = "manager" | "worker";
export type Availability = "active" | "pause" | "drain";
export type NodeState = "ready" | "down" | "unknown" | "disconnected";

export interface SwarmNode {
  id: string;
  /** The machine (world host) this node runs on. */
  host: string;
  role: Role;
  availability: Availability;
  labels: Record<string, string>;
  /** The node's address (the advertise address without port). */
  addr: string;
  /** Manager listen/advertise address with port (managers only). */
  managerAddr?: string;
  /** The port of its --listen-addr when not 2377: where joining nodes must call a manager. */
  listenPort?: number;
  /** Observed by the dispatcher: ready while the daemon runs, unlocked and in this swarm. */
  state: NodeState;
  /** When the dispatcher saw it go down, until its tasks are orphaned (a day later). */
  downSince?: number;
  createdAt: number;
  updatedAt: number;
  /** Order of joining (raft tie-breaks, leader election). */
  joinIndex: number;
  /** The root CA generation this node last took (a node down during a rotation keeps the old one). */
  caGeneration?: number;
}

export type PublishMode = "ingress" | "host";

export interface PortConfig {
  protocol: "tcp" | "udp" | "sctp";
  targetPort: number;
  /** 0 when not given (ingress then allocates one from 30000–32767). */
  publishedPort: number;
  publishMode: PublishMode;
}

export interface MountSpec {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  /** VolumeOptions.DriverConfig.Name (`volume-driver=`, a stack volume's `driver:`); unset: local. */
  volumeDriver?: string;
  /**
   * The rest of VolumeOptions, present when the request carried one: the CLI's `volume-*` keys
   * (which always make Labels and DriverConfig), a stack's named volume (its labels plus the
   * namespace label; DriverConfig when it names a driver or driver_opts). Labels and driver
   * options are templates, expanded per task; they label the volume the task creates.
   */
  volumeOptions?: {
    noCopy?: boolean;
    labels?: Record<string, string>;
    subpath?: string;
    /** DriverConfig is set (with or without a name). */
    driverConfig?: boolean;
    driverOpts?: Record<string, string>;
  };
}

export interface ObjectRef {
  /** Secret/config ID. */
  id: string;
  name: string;
  target: string;
  /** The file's owner, group (as the API carries them: strings) and permission bits (default 0444). */
  uid: string;
  gid: string;
  mode: number;
}

/** SecretReferenceFileTarget's defaults (docker/cli SecretOpt, ConfigOpt; stack convert). */
export const DEFAULT_FILE_REF = { uid: "0", gid: "0", mode: 0o444 } as const;

export interface UpdateConfig {
  parallelism: number;
  delayMs: number;
  failureAction: string;
  monitorMs: number;
  maxFailureRatio: number;
  order: "stop-first" | "start-first";
}

export interface RestartPolicy {
  condition: "none" | "on-failure" | "any";
  delayMs: number;
  /** 0 = unlimited. */
  maxAttempts: number;
  windowMs: number;
}

export type ServiceMode =
  | { kind: "replicated"; replicas: number }
  | { kind: "global" }
  | { kind: "replicated-job"; replicas: number; maxConcurrent: number }
  | { kind: "global-job" };

export interface ServiceSpec {
  name: string;
  labels: Record<string, string>;
  /** As stored by the daemon (the CLI may have pinned a digest). */
  image: string;
  command: string[];
  args: string[];
  env: string[];
  hostname: string;
  workdir: string;
  user: string;
  /** ContainerSpec.ReadOnly (`--read-only`, a stack's `read_only:`): the task containers' root is read-only. */
  readOnly?: boolean;
  /**
   * ContainerSpec.Groups (`--group`, `--group-add`/`--group-rm`): the task containers' extra
   * supplementary groups, names or gids (the executor's HostConfig.GroupAdd). Unset when none.
   */
  groups?: string[];
  /** ContainerSpec.StopSignal (`--stop-signal`, a stack's `stop_signal:`): what stops a task's container. */
  stopSignal?: string;
  /** ContainerSpec.TTY (`--tty`, a stack's `tty:`); shown by inspect. */
  tty?: boolean;
  containerLabels: Record<string, string>;
  mounts: MountSpec[];
  mode: ServiceMode;
  constraints: string[];
  /** Spread descriptors, e.g. "node.labels.zone". */
  preferences: string[];
  maxReplicas: number;
  reservations: { nanoCPUs: number; memoryBytes: number };
  limits: { nanoCPUs: number; memoryBytes: number; pids: number };
  restart: RestartPolicy;
  update: UpdateConfig;
  rollback: UpdateConfig;
  /** Network IDs. */
  networks: string[];
  ports: PortConfig[];
  endpointMode: "vip" | "dnsrr";
  secrets: ObjectRef[];
  configs: ObjectRef[];
  stopGracePeriodMs: number;
  /**
   * ContainerSpec.Init: the CLI always sends it (`Init: &options.init`, false without --init);
   * a stack leaves it unset unless the compose file says `init:`.
   */
  init?: boolean;
  /** The task containers' healthcheck (task-health.ts); the fields below it are for inspection only. */
  healthcheck?: { test: string[]; intervalMs: number; timeoutMs: number; startPeriodMs: number; startIntervalMs: number; retries: number };
  logDriver?: { name: string; options: Record<string, string> };
  capAdd?: string[];
  capDrop?: string[];
  sysctls?: Record<string, string>;
  ulimits?: { name: string; soft: number; hard: number }[];
  /** Bumped by `update --force`. */
  forceUpdate: number;
}

export interface UpdateStatus {
  state: "updating" | "paused" | "completed" | "rollback_started" | "rollback_paused" | "rollback_completed";
  startedAt: number;
  completedAt?: number;
  message: string;
}

export interface Service {
  id: string;
  spec: ServiceSpec;
  previousSpec?: ServiceSpec;
  /** Incremented on every spec change; tasks remember the version they were made from. */
  version: number;
  /** Version of the spec the tasks must run (bumped on a change that needs new tasks). */
  specVersion: number;
  createdAt: number;
  updatedAt: number;
  /** Ports with published ports allocated. */
  endpointPorts: PortConfig[];
  /** Virtual IPs per network ID. */
  virtualIPs: Record<string, string>;
  updateStatus?: UpdateStatus;
  /** Set while a rolling update waits its delay before touching the next batch. */
  updateNextAt?: number;
}

export interface Task {
  id: string;
  serviceId: string;
  /** Replicated: 1-based slot; global: 0 (keyed by node). */
  slot: number;
  nodeId: string;
  desiredState: TaskState;
  state: TaskState;
  /** When the current state was reached. */
  stateAt: number;
  message: string;
  err: string;
  createdAt: number;
  /** Creation order within the swarm (breaks ties between tasks created at the same instant). */
  seq: number;
  /** The spec the task runs (copied: rolling updates compare it). */
  spec: ServiceSpec;
  specVersion: number;
  /** Rendered per task when assigned (templates). */
  hostname: string;
  env: string[];
  /** The spec's mounts with their templates rendered (set when prepared on its node). */
  mounts?: MountSpec[];
  /** Container exit code once the task ended. */
  exitCode?: number;
  /** Task waits (desired "ready") until this time before it may run: restart delay. */
  restartAt?: number;
  /** Ended, not restarted (restart policy), desired shutdown: still its slot's task. */
  holdsSlot?: boolean;
  /** Network attachments: network ID → address. */
  addresses: Record<string, string>;
}

export interface SecretOrConfig {
  id: string;
  name: string;
  labels: Record<string, string>;
  data: string;
  driver: string;
  templateDriver: string;
  createdAt: number;
  updatedAt: number;
}
