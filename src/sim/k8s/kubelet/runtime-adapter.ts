// Binds the kubelet's CRI (cri.ts) to src/sim/runtime's container process model: PID 1 is the
// image's program (a ProgramPlan) or a shell script run by the container shell on the virtual
// clock; it exits, listens, answers HTTP, runs exec commands, reacts to signals and is
// OOM-killed over its memory limit. The kubelet reports a start failure as StartError, exit 128.

import { freezeData } from "../../clone";
import { ociExecFailed } from "../../runtime/exec";
import { logLine } from "../../runtime/logs";
import { startContainer } from "../../runtime/process";
import type { FsTree } from "../../runtime/fs-access";
import type { HttpRequest, HttpResult } from "../../runtime/http";
import type { DaemonRun } from "../../runtime/daemon";
import type { NetworkHooks } from "../../runtime/types";
import type { ContainerProcess as RuntimeProcess } from "../../runtime/process";
import type { ContainerConfig, ContainerProcess, ContainerRuntime, ExecResult, ExitInfo, HttpOutcome } from "./cri";

class CriContainer implements ContainerProcess {
  readonly startError?: { message: string; exitCode: number };
  private killedAt?: ExitInfo;
  /** Read by kubectl exec's bridge (kubectl/exec-runtime.ts): the start config and filesystem. */
  readonly fs: RuntimeProcess["fs"];

  /** The start config without its network hooks (those belong to the world: the process keeps them). */
  readonly config: Omit<ContainerConfig, "network">;

  constructor(private readonly proc: RuntimeProcess, config: ContainerConfig) {
    const { network: _network, ...data } = config;
    this.config = freezeData(data); // never changes once started: shared by copies of the world
    if (proc.startError !== undefined) this.startError = { message: proc.startError, exitCode: 128 };
    this.fs = proc.fs;
  }

  /** The image program's run, if PID 1 is one (kubectl exec's bridge answers HTTP from it). */
  get daemon(): unknown {
    return (this.proc as unknown as { daemon?: unknown }).daemon;
  }

  nextExit(): ExitInfo | undefined {
    if (this.killedAt) return this.killedAt;
    const s = this.proc.status(this.proc.time);
    if (s.state !== "exited") return undefined;
    return { at: s.finishedAt, exitCode: s.exitCode, ...(s.reason === "OOMKilled" ? { oomKilled: true } : {}) };
  }

  nextEvent(): number | undefined {
    return this.proc.nextEventTime(this.proc.time);
  }

  answersSteadyUntil(now: number): number {
    let until = Math.min(this.nextEvent() ?? Infinity, this.nextExit()?.at ?? Infinity);
    // A route that starts or stops answering at some uptime (ready after 30 s, failing after 60 s).
    const d = this.daemon as DaemonRun | undefined;
    if (!d) return until;
    for (const r of d.plan.http?.routes ?? []) {
      for (const ms of [r.fromMs, r.untilMs]) {
        if (ms !== undefined && d.startedAt + ms > now) until = Math.min(until, d.startedAt + ms);
      }
    }
    return until;
  }

  advance(now: number): void {
    this.proc.advanceTo(now);
  }

  signal(sig: "stop" | "SIGKILL", now: number): ExitInfo | undefined {
    this.proc.advanceTo(now);
    if (sig === "SIGKILL") {
      this.proc.kill();
      this.killedAt = { at: now, exitCode: 137 };
      return this.killedAt;
    }
    const r = this.proc.signal(this.config.image.stopSignal ?? "SIGTERM");
    return r.outcome === "exits" ? { at: r.exitAt, exitCode: r.exitCode } : undefined;
  }

  httpGet(port: number, path: string, now: number): HttpOutcome {
    this.proc.advanceTo(now);
    // The prober's URL is http://<pod IP>:<port><path>: Go sends that host:port as Host.
    const r = this.proc.httpGet(port, path, { userAgent: "kube-probe/1.30", client: this.config.probeClient ?? "10.244.0.1", host: `${this.config.podIP}:${port}`, statusOnly: true });
    if (r.kind === "response") return { kind: "response", status: r.status };
    return r.kind === "closed" ? { kind: "closed" } : { kind: "refused" };
  }

  serve(port: number, request: HttpRequest, now: number): HttpResult {
    this.proc.advanceTo(now);
    return this.proc.httpGet(port, request.path, request);
  }

  listening(port: number, now: number): boolean {
    this.proc.advanceTo(now);
    return this.proc.tcpConnect(port);
  }

  exec(argv: string[], now: number, options: { stdin?: string; network?: NetworkHooks; timeoutMs?: number } = {}): ExecResult {
    this.proc.advanceTo(now);
    const r = this.proc.exec(argv, options);
    if (r.error) return { exitCode: r.exitCode || 126, stdout: "", stderr: `${ociExecFailed(r.error)}\n`, startError: r.error };
    return {
      exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr,
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}), ...(r.timedOut ? { timedOut: true } : {}),
    };
  }

  readFile(path: string): string | undefined {
    if (!this.fs.isFile(path)) return undefined;
    const r = this.fs.read(path);
    return typeof r === "string" ? r : undefined;
  }

  updateTree(tree: FsTree): void {
    this.fs.mountTree(tree);
  }

  logs(): string {
    return this.proc.logs().map(logLine).join("");
  }
}

export const defaultRuntime: ContainerRuntime = {
  start(config: ContainerConfig, now: number): ContainerProcess {
    return new CriContainer(startContainer({
      image: config.image, command: config.command, args: config.args, env: config.env, files: config.files, ...(config.trees?.length ? { trees: config.trees } : {}),
      startTime: now, memoryLimitBytes: config.memoryLimit, hostname: config.hostname, ip: config.podIP,
      workingDir: config.workingDir || undefined, tty: !!(config.tty && config.stdin),
      ...(config.declaredPorts?.length ? { declaredPorts: config.declaredPorts } : {}),
      ...(config.network ? { network: config.network } : {}),
      ...(config.security ? {
        mounts: config.security.mounts, readOnlyPaths: config.security.readOnlyPaths,
        ...(config.security.user !== undefined ? { user: config.security.user } : {}),
        ...(config.security.supplementalGroups ? { supplementalGroups: config.security.supplementalGroups } : {}),
        ...(config.security.readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
      } : {}),
    }), config);
  },
};
