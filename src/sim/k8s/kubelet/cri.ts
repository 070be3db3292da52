// The kubelet's side of the CRI: what it asks of a container runtime. The process model itself
// (what the image's program does on the virtual clock: exits, listens, answers HTTP, runs exec
// commands, uses memory) lives in src/sim/runtime; runtime-adapter.ts binds it to this interface.

import type { FsTree } from "../../runtime/fs-access";
import type { HttpRequest, HttpResult } from "../../runtime/http";
import type { NetworkHooks } from "../../runtime/types";
import type { ImageFacts } from "../../images/types";
import type { RuntimeSecurity } from "./security-context";

export interface ContainerConfig {
  image: ImageFacts;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  workingDir?: string;
  /** Files the kubelet and the runtime put in every container (/etc/hosts, /etc/resolv.conf, /etc/hostname). */
  files: Record<string, string>;
  /** What ConfigMap, Secret, downwardAPI and projected volumes hold (atomic-writer.ts), subPath files included. */
  trees?: FsTree[];
  hostname: string;
  podIP: string;
  /**
   * Where the kubelet's HTTP probes come from, as the probed program logs it: the node's address
   * on its pod subnet (flannel's cni0, x.x.N.1), or the node's own address for a hostNetwork pod.
   */
  probeClient?: string;
  /** Memory limit in bytes (OOM kill above it). */
  memoryLimit?: number;
  tty?: boolean;
  stdin?: boolean;
  /** The container's declared ports (generic images listen on them). */
  declaredPorts?: { port: number; protocol: "tcp" | "udp" }[];
  /** What the container reaches: the cluster's DNS, Services and pods. */
  network?: NetworkHooks;
  /** The user, groups, mounts and read-only root its security context and volumeMounts ask for. */
  security?: RuntimeSecurity;
}

export interface ExitInfo {
  at: number;
  exitCode: number;
  oomKilled?: boolean;
}

/** What an HTTP request to the container got (the kubelet turns it into probe messages). */
export type HttpOutcome =
  | { kind: "response"; status: number }
  | { kind: "refused" }
  | { kind: "closed" }
  | { kind: "timeout" };

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Virtual time the command took (a lifecycle hook's `sleep 5` delays what follows it). */
  durationMs?: number;
  /** It ran past the given timeoutMs (an exec probe's timeoutSeconds). */
  timedOut?: boolean;
  /** The command could not start: runc's error (`exec: "bash": executable file not found in $PATH`). */
  startError?: string;
}

/** One started container process. */
export interface ContainerProcess {
  /** Set when the runtime could not start it (exec not found…): StartError, exit 128. */
  readonly startError?: { message: string; exitCode: number };
  /** When the process will exit by itself (or be OOM-killed), if it will. */
  nextExit(): ExitInfo | undefined;
  /** The next moment something inside happens (log line, listen), for wake-ups. */
  nextEvent(): number | undefined;
  /**
   * The earliest moment after `now` at which its answers to HTTP and TCP could change by
   * themselves (its next event, or a route that answers differently from some uptime on);
   * Infinity if never. Optional: without it every probe tick is run when it falls due.
   */
  answersSteadyUntil?(now: number): number;
  /** Moves the process's own clock to `now` (logs, files, listening). */
  advance(now: number): void;
  /**
   * Delivers a signal; returns when it exits if it reacts, undefined if PID 1 ignores it. "stop"
   * is the image's STOPSIGNAL (SIGTERM by default: nginx's is SIGQUIT, postgres's SIGINT), as
   * containerd's StopContainer sends it.
   */
  signal(sig: "stop" | "SIGKILL", now: number): ExitInfo | undefined;
  /** An HTTP GET from the node to the container's port (httpGet probes). */
  httpGet(port: number, path: string, now: number): HttpOutcome;
  /**
   * An HTTP request from another pod (through a Service, a pod IP or a nodePort): the full answer,
   * and the server's access log line as the real program writes it.
   */
  serve?(port: number, request: HttpRequest, now: number): HttpResult;
  /** Whether a TCP connection to the port would be accepted now (tcpSocket probes). */
  listening(port: number, now: number): boolean;
  /**
   * Runs a command in the container (exec probes, kubectl exec): `stdin` for `kubectl exec -i`,
   * `network` for what the container reaches (the cluster's Services and DNS), per command.
   */
  exec(argv: string[], now: number, options?: { stdin?: string; network?: NetworkHooks; timeoutMs?: number }): ExecResult;
  /** Everything written to stdout/stderr so far, in order. */
  logs(): string;
  /** The kubelet wrote a mounted volume anew (a ConfigMap/Secret changed): the container sees the new tree. */
  updateTree?(tree: FsTree): void;
  /** A file's content (the termination message), undefined if there is none. */
  readFile?(path: string): string | undefined;
}

export interface ContainerRuntime {
  start(config: ContainerConfig, now: number): ContainerProcess;
}
