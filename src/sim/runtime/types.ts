// The runtime's public shapes: how a container is started, what its status is, what a signal did.

import type { ImageFacts, PortSpec, SignalName } from "../images/types";
import type { HttpResult } from "./http";
import type { FsTree, MountPoint } from "./fs-access";
import type { ContainerFs } from "./fs";

/**
 * What a client inside a container gets for a connection: the engines' answer, "timeout" included
 * (an address that nobody owns drops the SYN). One shape with HttpResult, kept under this name.
 */
export type NetResult = HttpResult;

/** Hooks into the simulated network, for programs that talk to other containers. */
export interface NetworkHooks {
  /** Whether a name resolves from this container (Service DNS, Swarm service names, links). */
  resolves?(host: string): boolean;
  /**
   * An HTTP request from this container to another (`wget -qO- http://web`, `curl -I`); undefined:
   * does not resolve. `request` is the client's method and User-Agent, for the server's answer and
   * access log (a HEAD logs no bytes; curl and wget say who they are).
   */
  http?(url: string, request?: { method?: string; userAgent?: string }): HttpResult | undefined;
  /** DNS as `nslookup NAME` sees it from this container (cluster DNS, Docker's embedded DNS). */
  lookup?(name: string): DnsAnswer;
  /** Whether anything answers ICMP echo at an address (a Kubernetes ClusterIP is virtual: nothing does). */
  echoes?(address: string): boolean;
  /**
   * A TCP connect from this container (`nc -z`), without sending anything: accepted, refused,
   * unanswered, or the name does not resolve; undefined where the address is not this network's.
   */
  connect?(host: string, port: number): ConnectResult | undefined;
}

/** "timeout": nothing answers the SYN (an address nobody has, a ClusterIP port kube-proxy has no rule for). */
export type ConnectResult = { kind: "open" | "refused" | "timeout"; address: string } | { kind: "unresolved" };

/** The resolver's answer for a name: who answered, and the records when the name exists. */
export interface DnsAnswer {
  /** The nameserver's address ("10.96.0.10", "127.0.0.11") and, when it has one, its own name. */
  server: string;
  serverName?: string;
  /** The fully qualified name that matched (after search domains) and its addresses; absent: NXDOMAIN. */
  found?: { fqdn: string; addresses: string[] };
}

export interface StartContainerOptions {
  image: ImageFacts;
  /** Replaces ENTRYPOINT (Kubernetes `command`, `docker run --entrypoint`); also drops CMD unless `args` is given. */
  command?: string[];
  /** Replaces CMD (Kubernetes `args`, `docker run IMAGE ARGS…`). */
  args?: string[];
  /** Environment on top of the image's ENV. */
  env?: Record<string, string>;
  /** Mounted files (ConfigMaps, Secrets, volumes, bind mounts) by absolute path. */
  files?: Record<string, string>;
  /** Mount points that are read-only (ConfigMap/Secret volumes, `:ro`). */
  readOnlyPaths?: string[];
  /** Volumes and bind mounts: their directories exist, with their mode, owner and read-only flag. */
  mounts?: MountPoint[];
  /** What volume plugins wrote, with modes and symlinks (the kubelet's ConfigMap/Secret layouts, subPath files). */
  trees?: FsTree[];
  /** readOnlyRootFilesystem, `docker run --read-only`: writes outside the mounts fail (EROFS). */
  readOnlyRootFilesystem?: boolean;
  /**
   * Who the processes run as: "UID", "UID:GID", "NAME[:GROUP]" (`docker run --user`, Kubernetes
   * runAsUser[:runAsGroup]); default the image's USER.
   */
  user?: string;
  /** Extra supplementary groups (Kubernetes fsGroup and supplementalGroups, `--group-add`). */
  supplementalGroups?: number[];
  /** Virtual time of the start, ms since the epoch. */
  startTime: number;
  memoryLimitBytes?: number;
  hostname?: string;
  ip?: string;
  workingDir?: string;
  /** A terminal (`docker run -t`, `kubectl run -it`): TERM is set; shells and REPLs wait instead of reading EOF. */
  tty?: boolean;
  /** stdin held open without a terminal (`docker run -d -i`, Compose's stdin_open): shells and REPLs wait too. */
  stdinOpen?: boolean;
  /** What PID 1 reads on stdin before EOF (an attached `docker run -i` given piped input). */
  stdin?: string;
  /** The container's filesystem from its previous start: a restarted container keeps what it wrote. */
  rootfs?: ContainerFs;
  /** Ports the spec declares (`containerPort`, `-p`): generic images listen on these. */
  declaredPorts?: PortSpec[];
  privileged?: boolean;
  /** `docker run --init`: tini as PID 1 forwards signals. */
  init?: boolean;
  network?: NetworkHooks;
}

/** Kubernetes' terminated reasons; Docker shows the exit code. StartError: the kubelet reports exit 128. */
export type ExitReason = "Completed" | "Error" | "OOMKilled" | "StartError";

export type ContainerStatus =
  | { state: "running"; startedAt: number }
  | { state: "exited"; exitCode: number; reason: ExitReason; startedAt: number; finishedAt: number; message?: string };

export type SignalOutcome =
  /** The process will exit at `exitAt` with `exitCode` (a handler, or a forwarding init). */
  | { outcome: "exits"; exitAt: number; exitCode: number }
  /** A shell trap will run after the current foreground command: advance time and look again. */
  | { outcome: "trapped" }
  /** PID 1 has no handler: the caller kills it after the grace period (exit 137). */
  | { outcome: "ignored" }
  | { outcome: "not-running" };

export const SIGNAL_NUMBERS: Partial<Record<SignalName, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGTERM: 15, SIGWINCH: 28,
};
