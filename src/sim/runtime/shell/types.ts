// The contract between the container shell and the process running it: the effects a script
// yields (time passing, a foreground program, a background job) and what it may ask its host.

import type { HttpResult } from "../http";
import type { DnsAnswer, NetResult } from "../types";
import type { NetConnect } from "../net-reach";
import type { ContainerFs } from "../fs";
import type { ProcessIdentity } from "../identity";
import { OutcomeError } from "../../outcome-error";

export interface Io {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
}

export type Effect =
  /** Let virtual time pass (Infinity: forever). */
  | { kind: "sleep"; ms: number }
  /** Wait for the background jobs (interrupted by a trapped signal). */
  | { kind: "wait" }
  /** Run an image program in the foreground (`exec`: it replaces the shell as PID 1). */
  | { kind: "run"; argv: string[]; exec: boolean }
  /** Start a background job (`cmd &`). */
  | { kind: "spawn"; thread: Thread };

/** A running script: yields effects, resumes with the foreground program's exit code, returns its status. */
export type Thread = Generator<Effect, number, number | undefined>;

/** Bounds every script: steps between two moments of virtual time, and over a whole life. */
export interface Budget {
  steps: number;
  instantSteps: number;
}
export const MAX_INSTANT_STEPS = 10_000;
/** Over a container's life: a `while true; do echo; sleep 1; done` logger goes quiet after ~14 h. */
export const MAX_TOTAL_STEPS = 200_000;
export const MAX_OUTPUT_BYTES = 1 << 20;

/** Thrown when a script exceeds its budget: a busy loop. The process treats it as spinning forever. */
export class BudgetExceeded extends OutcomeError {}

/** Which executables are on $PATH (a Set, or the image's plus what was installed since). */
export interface ToolLookup {
  has(name: string): boolean;
}

/** What the shell's commands use of a file system (a container's, or a host's through an adapter). */
export type ShellFs = Pick<ContainerFs, "read" | "write" | "isFile" | "isDir" | "exists" | "list" | "mkdir" | "remove"> & Partial<Pick<ContainerFs, "stat" | "executable" | "chmod" | "symlink" | "mountPaths" | "readable">>;

export interface ShellHost {
  fs: ShellFs;
  hostname: string;
  /** The container's address (`hostname -i`), when known. */
  ip?: string;
  now(): number;
  /** Executables on $PATH (basenames). */
  tools: ToolLookup;
  /** Whether argv starts one of the image's programs (a daemon the process must run). */
  isProgram(argv: string[]): boolean;
  /** HTTP from inside the container (wget/curl); undefined when the network is not simulated. */
  http?(url: string, options?: { method?: string; userAgent?: string }): NetResult | undefined;
  /** A TCP connect from this container (nc -z); undefined when the network is not simulated. */
  connect?(host: string, port: number): NetConnect | undefined;
  /** DNS from this container (nslookup), when the network is simulated. */
  lookup?(name: string): DnsAnswer;
  /**
   * A name's address as the container's resolver gives it (ping): the address, null when the
   * simulated network says the name does not resolve, undefined when it cannot tell (no network
   * simulated, or a name of the outside world).
   */
  resolveName?(name: string): string | null | undefined;
  /** Whether a ping to this address gets replies (false for a Kubernetes Service's virtual IP). */
  echoes?(address: string): boolean;
  /** The image's software version ("1.28.4" for busybox: nslookup's output changed in 1.29). */
  imageVersion?: string;
  /** A signal sent to PID 1 from inside the container (`kill 1`); the PID 1 rule still applies. */
  signalPid1?(sig: string): void;
  /** Puts programs on $PATH for the rest of the container's life (apt-get install, apk add). */
  install?(programs: string[]): void;
  /** An image program run as a command, when it ends at once (`nginx -t`, `node --version`); undefined otherwise. */
  runProgram?(argv: string[], env: Record<string, string>): { exitCode: number; stdout: string; stderr: string } | undefined;
  /** Who the commands run as (`id`, `whoami`, file owners); root when absent (a machine's shell). */
  identity?: ProcessIdentity;
  /** The container's processes besides the caller (`ps`): PID 1 at least, when known, and since when (ms). */
  processes?(): { pid: number; user: string; command: string; startedAt?: number }[];
  /** TCP ports of this container that accept connections now (redis-cli, pg_isready…). */
  listening(port: number): boolean;
  budget: Budget;
}
