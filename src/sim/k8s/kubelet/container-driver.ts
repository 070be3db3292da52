// Mirrors kuberuntime_container.go for one container of a pod on the virtual clock: start it
// (volumes' files, EnsureImageExists, env from ConfigMaps/Secrets, Created/Started, postStart),
// follow its process (exit → restart per restartPolicy — sidecars always — with CrashLoopBackOff
// back-off 10 s → 300 s, OOMKilled), run its probes, and kill it (preStop, SIGTERM, SIGKILL after
// the grace period). pod-worker.ts decides which containers run when.

import { kubeletManagedFiles } from "./pod-files";
import { PodNetworkHooks } from "./pod-network";
import type { KubeCluster } from "../cluster";
import { COMPONENT, event } from "../controllers/client";
import type { Container, ContainerStateTerminated, Node, Pod } from "../controllers/model";
import { iso, parseTime } from "../controllers/pods";
import { Backoff, POD_WORKER_BACKOFF_MS } from "./backoff";
import { runtimeSecurity } from "./security-context";
import { nodeVolumeMounts } from "./host-path";
import { withHostMounts } from "../../runtime/fs";
import { containerEnv, verifyRunAsNonRoot } from "./container-env";
import { containerTrees } from "./volume-manager";
import type { ContainerRuntime, ExitInfo } from "./cri";
import type { ImageManager, KubeletEvent } from "./image-manager";
import { hookOf, POST_START_HOOK_FAILED, PRE_STOP_HOOK_FAILED, runHook, terminationMessage } from "./lifecycle";
import { failedProbeKillMessage, newProbeState, probeFailedMessage, recordOutcome, runProbe, type ProbeState } from "./prober";
import { NO_PROBES, type ContainerRecord, type PodRecord } from "./records";
import { markSteady } from "./probe-deferral";
import { units } from "../scheduler/resources";
import {
  backOffRestartEvent, CONTAINER_CREATING, crashLoopMessage, CRASH_LOOP_BACK_OFF, CREATE_CONTAINER_CONFIG_ERROR,
  PLEG_RELIST_MS, POD_INITIALIZING, RUN_CONTAINER_ERROR, sidecarKillMessage, startErrorEvent,
} from "./reasons";

const MAX_STEPS = 200;
/** A regular init container that exited 0 for good. */
export const completed = (c: ContainerRecord): boolean => c.terminated?.exitCode === 0 && !c.restarting && !c.proc;
/** A pod whose container config cannot be built is synced again after the pod worker's back-off. */
const CONFIG_RETRY_MS = POD_WORKER_BACKOFF_MS;

export interface WorkerDeps {
  cluster: KubeCluster;
  images: ImageManager;
  runtime: ContainerRuntime;
  restartBackoff: Backoff;
  newContainerId(): string;
}

export abstract class ContainerDriver {
  constructor(protected readonly deps: WorkerDeps, protected readonly pod: Pod, protected readonly rec: PodRecord) {}

  protected get now(): number {
    return this.deps.cluster.world.now;
  }

  protected emit(c: ContainerRecord | undefined, e: KubeletEvent): void {
    const field = c ? `spec.${c.init ? "initContainers" : "containers"}{${c.name}}` : undefined;
    // The kubelet's recorder names its node as the source host: `get events -o wide` shows
    // "kubelet, node01" (describe shows the component only).
    event(this.deps.cluster, this.pod, e.type, e.reason, e.message, { component: COMPONENT.kubelet, host: this.rec.node }, field);
  }

  protected spec(c: ContainerRecord): Container {
    const list = c.init ? this.pod.spec.initContainers ?? [] : this.pod.spec.containers;
    return list.find((x) => x.name === c.name)!;
  }

  protected drive(c: ContainerRecord): void {
    for (let step = 0; step < MAX_STEPS; step++) {
      if (c.proc) {
        c.proc.advance(this.now);
        const exit = this.dueExit(c);
        if (exit) {
          this.onExit(c, exit);
          continue;
        }
        if (c.specImage !== this.spec(c).image && c.killDeadline === undefined) {
          this.kill(c, c.restartable ? sidecarKillMessage(c.name, "definition changed") : `Container ${c.name} definition changed, will be restarted`);
          continue;
        }
        if (this.runDueProbes(c)) continue;
        return;
      }
      if (c.terminated && !c.restarting) return;
      // Back-offs are keyed by the container's spec (image): a new image is tried at once.
      if (c.retryAt !== undefined && c.attemptImage !== this.spec(c).image) c.retryAt = undefined;
      if (c.retryAt !== undefined && this.now < c.retryAt) {
        this.resyncBackOff(c);
        return;
      }
      if (!this.start(c)) return;
    }
  }

  /**
   * A sync while a restart backs off fails again with CrashLoopBackOff (doBackOff's event), and
   * the pod worker requeues it 10 s later: the BackOff event comes back every 10 s until the
   * restart (kubernetes#123602 describes this 1.30 behaviour).
   */
  private resyncBackOff(c: ContainerRecord): void {
    if (c.waiting?.reason !== CRASH_LOOP_BACK_OFF || c.backOffSyncAt === undefined) return;
    if (this.now < c.backOffSyncAt) return;
    this.emit(c, { type: "Warning", reason: "BackOff", message: backOffRestartEvent(c.name, this.pod) });
    while (c.backOffSyncAt <= this.now) c.backOffSyncAt += POD_WORKER_BACKOFF_MS;
  }

  protected dueExit(c: ContainerRecord): ExitInfo | undefined {
    const proc = c.proc!;
    if (c.sigtermAt !== undefined && c.sigtermAt <= this.now) {
      // The preStop hook is over: SIGTERM now, unless the process ended by itself meanwhile.
      const own = proc.nextExit();
      if (own && own.at <= c.sigtermAt) return own;
      proc.signal("stop", c.sigtermAt);
      c.sigtermAt = undefined;
    }
    if (c.killDeadline !== undefined && this.now >= c.killDeadline) {
      const e = proc.nextExit();
      if (!e || e.at > c.killDeadline) return proc.signal("SIGKILL", c.killDeadline);
    }
    const e = proc.nextExit();
    return e && e.at <= this.now ? e : undefined;
  }

  /** Tries to start a container; true if it is now running (or exited at once). */
  protected start(c: ContainerRecord): boolean {
    const { cluster, images } = this.deps;
    const spec = this.spec(c);
    c.attemptImage = spec.image;
    // Volumes are mounted before anything runs (a missing source: FailedMount, no pull).
    const files = containerTrees(cluster, this.pod, spec, this.rec, this.now);
    if (files.error) return this.block(c, this.rec.initContainers.length ? POD_INITIALIZING : CONTAINER_CREATING, undefined, { type: "Warning", reason: "FailedMount", message: files.error });
    c.blockedOnConfig = undefined;
    // startContainer: step 1 pulls the image, step 2 generates the container's config (env from
    // ConfigMaps and Secrets) — so a missing key fails after the pull, and again on every retry.
    const pulled = images.ensure(this.rec.node, this.pod.metadata.uid, spec, this.now, (e) => this.emit(c, e));
    if (!pulled.ok) {
      c.waiting = { reason: pulled.reason, message: pulled.message };
      c.retryAt = pulled.retryAt;
      if (pulled.retryAt === undefined) c.blockedOnConfig = pulled.reason;
      return false;
    }
    const env = containerEnv(cluster, this.pod, spec);
    // generateContainerConfig: the environment, then the runAsNonRoot check against the image's user.
    const configError = env.error ?? verifyRunAsNonRoot(this.pod, spec, pulled.image.user);
    if (configError) {
      this.emit(c, { type: "Warning", reason: "Failed", message: `Error: ${configError}` });
      c.blockedOnConfig = configError;
      c.retryAt = this.now + CONFIG_RETRY_MS;
      if (!c.everStarted || c.waiting) c.waiting = { reason: CREATE_CONTAINER_CONFIG_ERROR, message: configError };
      return false;
    }
    c.blockedOnConfig = undefined;
    c.image = pulled.image;
    const limit = spec.resources?.limits?.["memory"];
    const startAt = this.firstStartAt(c);
    // hostPath and emptyDir volumes are windows on the node's files (handed to the container's filesystem as it is made).
    const proc = withHostMounts(nodeVolumeMounts(cluster, this.pod, spec), () => this.deps.runtime.start({
      image: pulled.image, command: spec.command, args: spec.args, env: env.env ?? {}, workingDir: spec.workingDir,
      files: kubeletManagedFiles(cluster, this.pod, this.rec.podIP), trees: files.trees,
      hostname: this.pod.spec.hostname ?? this.pod.metadata.name, podIP: this.rec.podIP ?? "", probeClient: this.probeClient(),
      network: new PodNetworkHooks(cluster, this.pod.metadata.namespace ?? "default", this.pod.metadata.name, this.pod.metadata.uid, this.rec.podIP),
      memoryLimit: limit !== undefined ? units(limit) : undefined, tty: spec.tty, stdin: spec.stdin,
      declaredPorts: (spec.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol === "UDP" ? "udp" : "tcp" })),
      security: runtimeSecurity(this.pod, spec, pulled.image.user ?? ""),
    }, startAt));
    if (c.everStarted) {
      c.restartCount++;
      const finished = parseTime(c.lastTerminated?.finishedAt) ?? this.now;
      this.deps.restartBackoff.next(this.backoffKey(c), finished, this.now);
    }
    c.everStarted = true;
    c.specImage = spec.image;
    c.waiting = undefined;
    c.retryAt = undefined;
    c.restarting = false;
    c.terminated = undefined;
    c.containerID = `containerd://${this.deps.newContainerId()}`;
    c.startedAt = startAt;
    c.killDeadline = undefined;
    c.sigtermAt = undefined;
    this.emit(c, { type: "Normal", reason: "Created", message: `Created container ${c.name}` });
    if (proc.startError) {
      this.emit(c, { type: "Warning", reason: "Failed", message: startErrorEvent(proc.startError.message) });
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${proc.startError.message}: unknown`;
      this.onExit(c, { at: this.now, exitCode: proc.startError.exitCode }, "StartError", message);
      // The sync failed with RunContainerError (the reason cache shows it while nothing else is
      // known); unless the restart already backs off, the next sync — PLEG seeing the container
      // exited — starts it again, and that attempt begins the back-off.
      if (c.restarting && c.retryAt === undefined) {
        c.waiting = { reason: RUN_CONTAINER_ERROR, message };
        c.retryAt = this.now + PLEG_RELIST_MS;
      }
      return false;
    }
    this.emit(c, { type: "Normal", reason: "Started", message: `Started container ${c.name}` });
    c.proc = proc;
    const probes: ProbeState[] = [];
    if (spec.startupProbe) probes.push(newProbeState("Startup", spec.startupProbe, startAt));
    if (spec.livenessProbe) probes.push(newProbeState("Liveness", spec.livenessProbe, startAt));
    if (spec.readinessProbe) probes.push(newProbeState("Readiness", spec.readinessProbe, startAt));
    c.probes = probes.length ? probes : NO_PROBES;
    c.started = !spec.startupProbe;
    c.ready = c.started && !spec.readinessProbe;
    const postStart = hookOf(spec, "postStart");
    if (postStart) {
      // Run as the container starts (instant here); a failure kills the container.
      const r = runHook(postStart, this.pod, spec, proc, this.now, 30_000);
      if (!r.ok) {
        this.emit(c, { type: "Warning", reason: "FailedPostStartHook", message: POST_START_HOOK_FAILED });
        this.kill(c, "FailedPostStartHook");
      }
    }
    return true;
  }

  /** The node's address its probes come from: its pod subnet's gateway (x.x.N.1), or its own for hostNetwork. */
  private probeClient(): string | undefined {
    if (this.pod.spec.hostNetwork) return this.rec.podIP;
    const cidr = this.deps.cluster.store.get<Node>("Node", undefined, this.rec.node)?.spec?.podCIDR;
    const m = cidr && /^(\d+\.\d+\.\d+\.)(\d+)\//.exec(cidr);
    return m ? `${m[1]}${Number(m[2]) + 1}` : undefined;
  }

  /**
   * When a container starts: now, but a static pod's first start is when its kubelet first saw
   * the manifest (config.seen), which may precede the mirror pod — kubeadm's control plane ran
   * from its manifests before the API server it includes could show it (bootstrap-system.ts).
   */
  private firstStartAt(c: ContainerRecord): number {
    const a = this.pod.metadata.annotations;
    if (c.everStarted || a?.["kubernetes.io/config.source"] !== "file") return this.now;
    const seen = parseTime(a["kubernetes.io/config.seen"]);
    return seen !== undefined && seen < this.now ? seen : this.now;
  }

  protected block(c: ContainerRecord, reason: string, message: string | undefined, e: KubeletEvent): boolean {
    if (c.blockedOnConfig !== e.message) this.emit(c, e);
    c.blockedOnConfig = e.message;
    if (!c.everStarted || c.waiting) c.waiting = { reason, ...(message ? { message } : {}) };
    return false;
  }

  protected backoffKey(c: ContainerRecord): string {
    // getStableKey: the pod, the container's name and its spec hash (here: its image).
    return `${this.pod.metadata.uid}/${c.init ? "init/" : ""}${c.name}/${this.spec(c).image ?? ""}`;
  }

  protected onExit(c: ContainerRecord, exit: ExitInfo, reason?: string, message?: string, final = false): void {
    const at = (t: number) => iso(this.deps.cluster.world, t);
    if (c.proc && reason !== "StartError") {
      const written = terminationMessage(this.spec(c), c.proc, exit.exitCode);
      if (written) message = message ? `${message}: ${written}` : written;
    }
    const term: ContainerStateTerminated = {
      exitCode: exit.exitCode,
      reason: reason ?? (exit.oomKilled ? "OOMKilled" : exit.exitCode === 0 ? "Completed" : "Error"),
      ...(message ? { message } : {}),
      startedAt: at(c.startedAt ?? exit.at),
      finishedAt: at(exit.at),
      containerID: c.containerID,
    };
    if (c.proc) c.previousLogs = c.proc.logs();
    c.proc = undefined;
    c.probes = NO_PROBES;
    c.ready = false;
    c.started = false;
    c.killDeadline = undefined;
    c.sigtermAt = undefined;
    c.terminated = term;
    c.lastTerminated = term;
    const policy = this.pod.spec.restartPolicy ?? "Always";
    // A sidecar is restarted whatever the pod's restartPolicy; a regular init container only
    // after a failure (unless Never).
    const restart = !final && (c.restartable || (c.init ? exit.exitCode !== 0 && policy !== "Never" : policy === "Always" || (policy === "OnFailure" && exit.exitCode !== 0)));
    c.restarting = restart;
    c.retryAt = undefined;
    c.backOffSyncAt = undefined;
    if (!restart) return;
    const key = this.backoffKey(c);
    const bo = this.deps.restartBackoff;
    if (bo.inBackOffSince(key, exit.at, exit.at)) {
      const delay = bo.get(key);
      c.retryAt = exit.at + delay;
      c.waiting = { reason: CRASH_LOOP_BACK_OFF, message: crashLoopMessage(delay, c.name, this.pod) };
      this.emit(c, { type: "Warning", reason: "BackOff", message: backOffRestartEvent(c.name, this.pod) });
      c.backOffSyncAt = exit.at + POD_WORKER_BACKOFF_MS;
    }
  }

  /** Runs every probe tick due by now; true if the container was killed. */
  protected runDueProbes(c: ContainerRecord): boolean {
    for (let i = 0; i < 1000; i++) {
      // The earliest due probe (the first of equals): a scan, as this runs at every probe tick.
      let due: ProbeState | undefined;
      for (const p of c.probes) if (p.nextAt <= this.now && (due === undefined || p.nextAt < due.nextAt)) due = p;
      if (!due || !c.proc) return false;
      if (due.type !== "Startup" && !c.started) {
        due.nextAt += Math.max(1, due.spec.periodSeconds ?? 10) * 1000;
        continue;
      }
      const [ok, output] = runProbe(due.spec, this.spec(c), this.rec.podIP ?? "", c.proc, due.nextAt);
      if (!ok) this.emit(c, { type: "Warning", reason: "Unhealthy", message: probeFailedMessage(due.type, output) });
      const outcome = recordOutcome(due, ok);
      if (ok) markSteady(due, c, this.now);
      if (due.type === "Readiness") c.ready = due.result === true;
      if (due.type === "Startup" && outcome === "succeeded") {
        c.started = true;
        c.probes = c.probes.filter((p) => p !== due);
        if (!c.probes.some((p) => p.type === "Readiness")) c.ready = true;
      }
      if (outcome === "failed" && due.type !== "Readiness") {
        const kind = due.type === "Liveness" ? "liveness" : "startup";
        this.kill(c, c.restartable ? sidecarKillMessage(c.name, `failed ${kind} probe`) : failedProbeKillMessage(c.name, kind), due.spec.terminationGracePeriodSeconds);
        return true;
      }
    }
    return false;
  }

  /**
   * killContainer: the Killing event, the preStop hook (it eats into the grace period, leaving 2 s
   * at least), then SIGTERM — later if the hook took time — and SIGKILL when the grace period ends.
   */
  protected kill(c: ContainerRecord, message: string, graceSeconds?: number): void {
    if (!c.proc || c.killDeadline !== undefined) return;
    this.emit(c, { type: "Normal", reason: "Killing", message });
    let grace = graceSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    const preStop = hookOf(this.spec(c), "preStop");
    let hookMs = 0;
    if (preStop && grace > 0) {
      const r = runHook(preStop, this.pod, this.spec(c), c.proc, this.now, grace * 1000);
      if (!r.ok) this.emit(c, { type: "Warning", reason: "FailedPreStopHook", message: PRE_STOP_HOOK_FAILED });
      hookMs = r.durationMs;
      grace = Math.max(2, grace - Math.floor(hookMs / 1000));
    }
    c.killDeadline = this.now + hookMs + grace * 1000;
    if (hookMs > 0) c.sigtermAt = this.now + hookMs;
    else c.proc.signal("stop", this.now);
    // Liveness and startup workers stop (on hold until a new container, or the pod's deletion
    // ends them); the readiness worker keeps probing the container until it has stopped.
    c.probes = c.probes.filter((p) => p.type === "Readiness");
  }
}
