// A container's process tree on the virtual clock. PID 1 is either an image program (a DaemonRun
// of its ProgramPlan) or a shell/tool run by the container shell interpreter, whose threads yield
// when time must pass. The process answers what the engines ask: status, next event time, logs,
// files, exec, HTTP, TCP, signals, memory (OOMKilled when over the limit).

import type { PortSpec, SignalName } from "../images/types";
import { freezeData } from "../clone";
import { containerEnv, frozenCopy } from "./start-options";
import { DaemonRun } from "./daemon";
import { execAs, type ExecOptions, type ExecResult } from "./exec";
import { ContainerFs, normalizePath, withFiles } from "./fs";
import { accountName, containerIdentity, type ProcessIdentity } from "./identity";
import { connectFrom, fetchFrom, resolveName } from "./net-reach";
import type { HttpRequest, HttpResult } from "./http";
import { LogBuffer, type LogEntry } from "./logs";
import { classifyLaunch, effectiveArgv, findProgram, imageTools, PathTools, type Launch } from "./programs";
import { BudgetExceeded, Shell } from "./shell/interpreter";
import { sleeperDuration } from "./sleeper";
import type { Budget, Effect, Io, ShellHost, Thread } from "./shell/types";
import { SIGNAL_NUMBERS, type ContainerStatus, type ExitReason, type NetResult, type SignalOutcome, type StartContainerOptions, type NetworkHooks } from "./types";

interface ShellThread {
  /** The interpreter's thread; undefined for a sleeping PID 1 (src/sim/runtime/sleeper.ts), which exits 0 at wakeAt. */
  gen?: Thread;
  /** When it resumes: a time, Infinity (never), or undefined while waiting on a program or jobs. */
  wakeAt: number | undefined;
  waiting?: "child" | "jobs";
  main: boolean;
}

const MAX_EVENTS_PER_ADVANCE = 200_000;
const NO_PORTS: PortSpec[] = freezeData([]);

export class ContainerProcess {
  readonly startedAt: number;
  readonly fs: ContainerFs;
  readonly env: Record<string, string>;
  readonly launch: Launch;
  /** Who PID 1 and exec'd commands run as (uid, gid, supplementary groups). */
  readonly identity: ProcessIdentity;
  /** runc's message when PID 1 could not start (exit 127 for Docker; the kubelet reports 128 StartError). */
  readonly startError?: string;
  private now: number;
  private readonly log = new LogBuffer();
  /** Executables on $PATH: the image's, plus what apt-get/apk installed since the start. */
  private readonly tools: PathTools;
  /** The shells' lifetime step budget, made when a shell first runs (most containers never run one). */
  private budget?: Budget;
  /** PID 1's shell (a script's, or the one traps live in): made when first needed. */
  private pid1Shell?: Shell;
  private readonly threads: ShellThread[] = [];
  private daemon?: DaemonRun;
  private daemonIsPid1 = false;
  private pendingExit?: { at: number; exitCode: number; reason: ExitReason };
  private exit?: { at: number; exitCode: number; reason: ExitReason; message?: string };
  /** PID 1 spun in a loop that never sleeps (or used up its step budget): running, doing nothing observable. */
  spinning = false;

  /** What the container was started with, but its network hooks (an object of the world, kept apart). */
  readonly options: Omit<StartContainerOptions, "network">;
  private readonly network?: NetworkHooks;

  constructor(started: StartContainerOptions) {
    // What a container was started with never changes: frozen copies, which copies of the world share.
    const { network, rootfs, ...rest } = started;
    this.network = network;
    const options = this.options = freezeData({
      ...rest, command: frozenCopy(started.command), args: frozenCopy(started.args), env: frozenCopy(started.env),
      files: frozenCopy(started.files), readOnlyPaths: frozenCopy(started.readOnlyPaths), declaredPorts: frozenCopy(started.declaredPorts),
      mounts: frozenCopy(started.mounts), supplementalGroups: frozenCopy(started.supplementalGroups), trees: frozenCopy(started.trees),
    });
    const { image } = options;
    this.startedAt = this.now = options.startTime;
    this.tools = new PathTools(imageTools(image));
    const cwd = options.workingDir ?? image.workingDir;
    // A restarted container keeps its filesystem; the engine's files (/etc/hosts…) are written anew.
    this.fs = rootfs ? withFiles(rootfs, options.files, options.trees) : new ContainerFs([image.files, options.files ?? {}], {
      dirs: [cwd], ...(image.rootDirs ? { baseDirs: image.rootDirs } : {}), readOnly: options.readOnlyPaths ?? [], mounts: options.mounts ?? [], readOnlyRoot: options.readOnlyRootFilesystem ?? false, trees: options.trees });
    const { identity, error: userError } = containerIdentity(this.fs, image.user ?? "", options.user, options.supplementalGroups);
    this.identity = freezeData(identity);
    this.env = freezeData(containerEnv(image.env, this.hostname, options.env ?? {}, options.tty ?? false, this.identity.home));
    this.launch = freezeData(classifyLaunch(image, effectiveArgv(image, options.command, options.args), this.fs, cwd, options.init));
    const l = this.launch;
    if (userError) {
      this.startError = userError;
      this.exit = { at: this.now, exitCode: 125, reason: "StartError", message: userError };
    } else if (l.kind === "missing") {
      this.startError = l.message;
      this.exit = { at: this.now, exitCode: l.message === "No command specified" ? 125 : l.message.endsWith(": permission denied") ? 126 : 127, reason: "StartError", message: l.message };
    } else if (l.kind === "empty") {
      this.exit = { at: this.now, exitCode: 0, reason: "Completed" };
    } else if (l.kind === "program") {
      this.startDaemon(l.argv, true, l.viaWrapper);
    } else {
      const ms = sleeperDuration(l, { host: this.host(), cwd, env: this.env, gnu: !this.tools.has("ash") });
      if (ms !== undefined) this.threads.push({ wakeAt: this.now + ms, main: true });
      else this.threads.push({ gen: this.shell().entry(l.argv, this.pid1Io(), !!(options.tty || options.stdinOpen)), wakeAt: this.now, main: true });
    }
    this.advanceTo(this.now);
  }

  private shell(): Shell {
    return (this.pid1Shell ??= new Shell(this.host(), this.env, this.options.workingDir ?? this.options.image.workingDir));
  }

  get hostname(): string {
    return this.options.hostname ?? "localhost";
  }

  private host(network = this.network): ShellHost {
    return {
      fs: this.fs,
      hostname: this.hostname,
      ...(this.options.ip ? { ip: this.options.ip } : {}),
      now: () => this.now,
      tools: this.tools,
      install: (programs) => { for (const p of programs) this.tools.add(p); },
      isProgram: (argv) => findProgram(this.options.image, argv) !== undefined,
      http: (url, opts) => this.fetchFromInside(url, opts ?? {}, network),
      connect: (target, port) => connectFrom({ hostname: this.hostname, ip: this.options.ip, listens: (p) => this.tcpConnect(p) }, network, target, port),
      listening: (port) => this.tcpConnect(port),
      runProgram: (argv, env) => this.quickRun(argv, env),
      // From inside its namespace even SIGKILL cannot kill PID 1 unless it handles the signal.
      signalPid1: (sig) => { if (sig !== "SIGKILL") this.signal(sig as SignalName); },
      imageVersion: this.options.image.version,
      ...(network?.lookup ? { lookup: network.lookup } : {}),
      resolveName: (name) => resolveName(network, name),
      echoes: (address) => network?.echoes?.(address) ?? true,
      // ps's USER column: the user's name, or the uid when /etc/passwd has none.
      processes: () => [{ pid: 1, user: accountName(this.fs, "user", this.identity.uid) ?? String(this.identity.uid), command: this.pid1Command(), startedAt: this.startedAt }],
      identity: this.identity,
      budget: (this.budget ??= { steps: 0, instantSteps: 0 }),
    };
  }

  /** PID 1's command line as ps shows it (an init's child is not modelled; a wrapper has exec'd its arguments). */
  private pid1Command(): string {
    const raw = this.launch.viaWrapper && !this.launch.init ? this.launch.argv : effectiveArgv(this.options.image, this.options.command, this.options.args);
    return (this.options.init ? ["/sbin/docker-init", "--", ...raw] : raw).join(" ");
  }

  private pid1Io(): Io {
    return { stdin: this.options.stdin ?? "", out: (s) => this.log.write(this.now, "stdout", s), err: (s) => this.log.write(this.now, "stderr", s) };
  }

  /** Runs an image program as a command only to see whether it ends at once (see DaemonRun.immediateExit). */
  private quickRun(argv: string[], env: Record<string, string>) {
    const plan = findProgram(this.options.image, argv);
    if (!plan) return undefined;
    const run = new DaemonRun(plan, this.daemonContext(argv, false, env), this.now);
    const r = run.immediateExit();
    // A signaller that ended well (`nginx -s reload|stop|quit`) reaches the master, PID 1 here.
    const ask = r?.exitCode === 0 && this.daemonIsPid1 ? run.masterSignal() : undefined;
    if (ask === "reload") this.daemon?.reload(this.now);
    else if (ask) this.signal(ask);
    if (ask) this.advanceTo(this.now);
    return r;
  }

  private daemonContext(argv: string[], viaWrapper: boolean, env: Record<string, string> = this.env) {
    const o = this.options;
    return {
      image: o.image, argv, env, fs: this.fs, cwd: o.workingDir ?? o.image.workingDir, viaWrapper,
      tty: !!(o.tty || o.stdinOpen), privileged: o.privileged ?? false, declaredPorts: o.declaredPorts ?? NO_PORTS,
      vars: { hostname: this.hostname, ip: o.ip ?? "172.17.0.2" },
      ...(this.network?.resolves ? { resolves: this.network.resolves } : {}),
    };
  }

  private startDaemon(argv: string[], pid1: boolean, viaWrapper = false): void {
    const plan = findProgram(this.options.image, argv) ?? this.options.image.programs.find((p) => p.match.length === 0)!;
    this.daemon = new DaemonRun(plan, this.daemonContext(argv, viaWrapper), this.now);
    this.daemonIsPid1 = pid1;
  }

  // ---- time ---------------------------------------------------------------------------------

  private oomAt(): number | undefined {
    const limit = this.options.memoryLimitBytes;
    return limit === undefined || !this.daemon || this.daemon.exited ? undefined : this.daemon.oomTime(limit);
  }

  /** The earliest time something other than the daemon's own stages happens (threads, exits, OOM). */
  private nextNonDaemon(): number {
    let min = Infinity;
    for (const th of this.threads) if (th.wakeAt !== undefined && th.wakeAt < min) min = th.wakeAt;
    if (this.pendingExit && this.pendingExit.at < min) min = this.pendingExit.at;
    const oom = this.oomAt();
    if (oom !== undefined && oom < min) min = oom;
    return min;
  }

  private nextInternal(): number | undefined {
    if (this.exit) return undefined;
    const min = Math.min(this.nextNonDaemon(), this.daemon?.nextEventTime() ?? Infinity);
    return min === Infinity ? undefined : Math.max(this.now, min);
  }

  /** The next virtual time at which something observable changes (exit, log, listening, file). */
  nextEventTime(now: number): number | undefined {
    this.advanceTo(now);
    return this.nextInternal();
  }

  /** Applies everything that happens up to `t`, in time order. */
  advanceTo(t: number): void {
    for (let guard = 0; guard < MAX_EVENTS_PER_ADVANCE && !this.exit; guard++) {
      const next = this.nextInternal();
      if (next === undefined || next > t) break;
      this.now = next;
      if (this.pendingExit && this.pendingExit.at <= next) { this.finish(this.pendingExit.exitCode, this.pendingExit.reason); break; }
      const oom = this.oomAt();
      if (oom !== undefined && oom <= next) { this.finish(137, "OOMKilled"); break; }
      // The daemon runs its own stages up to the next thread wake-up (or t) in one go.
      const d = this.daemon;
      // Its files are written as its plan says, unchecked against owners and modes (fs.pauseChecks).
      if (d) { this.fs.pauseChecks(); try { d.advance(Math.min(t, this.nextNonDaemon()), (at, stream, text) => this.log.line(at, stream, text)); } finally { this.fs.resumeChecks(); } }
      if (d?.exited) {
        this.now = Math.max(this.now, d.exited.at);
        this.onDaemonExit(d.exited.exitCode);
      }
      for (const th of this.threads.slice()) if (!this.exit && th.wakeAt !== undefined && th.wakeAt <= this.now) this.resume(th, undefined);
    }
    if (t > this.now && !this.exit) this.now = t;
  }

  private onDaemonExit(code: number): void {
    this.daemon = undefined;
    if (this.daemonIsPid1) return this.finish(code);
    const parent = this.threads.find((th) => th.waiting === "child");
    if (parent) this.resume(parent, code);
  }

  /** Runs a thread until it blocks or ends. */
  private resume(th: ShellThread, value: number | undefined): void {
    th.wakeAt = undefined;
    th.waiting = undefined;
    if (!th.gen) return this.threadDone(th, 0);
    let input = value;
    for (;;) {
      let step: IteratorResult<Effect, number>;
      try {
        step = th.gen.next(input);
      } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        this.threads.splice(this.threads.indexOf(th), 1);
        if (th.main) { this.spinning = true; this.threads.length = 0; }
        return;
      }
      input = undefined;
      if (step.done) return this.threadDone(th, step.value);
      const e = step.value;
      if (e.kind === "sleep") {
        if (e.ms <= 0) continue;
        if (this.budget) this.budget.instantSteps = 0;
        th.wakeAt = this.now + e.ms;
        return;
      }
      if (e.kind === "spawn") {
        const job: ShellThread = { gen: e.thread, wakeAt: undefined, main: false };
        this.threads.push(job);
        this.resume(job, undefined);
        continue;
      }
      if (e.kind === "wait") {
        if (!this.threads.some((x) => !x.main)) continue;
        th.waiting = "jobs";
        return;
      }
      // run: an image program in the foreground, or exec'd as PID 1
      if (e.exec && th.main) {
        this.threads.length = 0;
        this.startDaemon(e.argv, true);
        return;
      }
      this.startDaemon(e.argv, false);
      th.waiting = "child";
      return;
    }
  }

  private threadDone(th: ShellThread, code: number): void {
    this.threads.splice(this.threads.indexOf(th), 1);
    if (th.main) return this.finish(code);
    const main = this.threads.find((x) => x.main && x.waiting === "jobs");
    if (main && !this.threads.some((x) => !x.main)) main.wakeAt = this.now;
  }

  private finish(exitCode: number, reason?: ExitReason): void {
    if (this.exit) return;
    this.log.flush();
    this.threads.length = 0;
    this.daemon = undefined;
    this.exit = { at: this.now, exitCode, reason: reason ?? (exitCode === 0 ? "Completed" : "Error") };
  }

  // ---- what engines ask ---------------------------------------------------------------------

  /** Running or exited, as of `now` (which ports listen: listeningPorts()). */
  status(now: number): ContainerStatus {
    this.advanceTo(now);
    if (this.exit) {
      return { state: "exited", exitCode: this.exit.exitCode, reason: this.exit.reason, startedAt: this.startedAt,
        finishedAt: this.exit.at, ...(this.exit.message ? { message: this.exit.message } : {}) };
    }
    return { state: "running", startedAt: this.startedAt };
  }

  listeningPorts(): PortSpec[] {
    const d = this.daemon;
    return d ? d.ports.filter((p) => d.listening(p.port, this.now, p.protocol)) : [];
  }

  logs(): LogEntry[] {
    return this.log.entries();
  }

  fileExists(path: string): boolean {
    return this.fs.exists(normalizePath(path));
  }

  readFile(path: string): string | undefined {
    const c = this.fs.read(normalizePath(path));
    return c === "ENOENT" || c === "EISDIR" || c === "ENOTDIR" ? undefined : c;
  }

  tcpConnect(port: number): boolean {
    return !this.exit && this.daemon !== undefined && this.daemon.listening(port, this.now);
  }

  /** An HTTP GET to this container's port (probes, curl from elsewhere). */
  httpGet(port: number, path: string, request: Omit<HttpRequest, "path"> = {}): HttpResult {
    const d = this.daemon;
    if (this.exit || !d) return { kind: "refused" };
    return d.http(port, { ...request, path }, this.now, this.hostname, (stream, text) => this.log.line(this.now, stream, text),
      (url, r) => this.fetchFromInside(url, r));
  }

  private fetchFromInside(url: string, req: { method?: string; userAgent?: string }, network = this.network): NetResult {
    return fetchFrom({ hostname: this.hostname, ip: this.options.ip, get: (port, path, r) => this.httpGet(port, path, r) }, url, req, network);
  }

  /** `docker exec` / `kubectl exec` / exec probes: runs now, to completion (sleeps take no time). */
  exec(argv: string[], options: ExecOptions = {}): ExecResult {
    if (this.exit) return { exitCode: 126, stdout: "", stderr: "", error: "container is not running" };
    const cwd = options.workingDir ?? this.options.workingDir ?? this.options.image.workingDir;
    return execAs(this.fs, this.options.image.user ?? "", argv, this.host(options.network ?? this.network), this.env, cwd, options);
  }

  /**
   * Delivers a signal to PID 1 (the PID 1 rule: ignored unless handled). Callers then advance time
   * and, after the grace period, call kill(): `docker stop`, kubelet termination, Swarm shutdown.
   */
  signal(sig: SignalName): SignalOutcome {
    if (this.exit) return { outcome: "not-running" };
    if (sig === "SIGKILL") { this.kill(); return { outcome: "exits", exitAt: this.now, exitCode: 137 }; }
    const forwarded = this.launch.init;
    if (this.daemon && this.daemonIsPid1) {
      const r = this.daemon.signal(sig, this.now);
      if (r) return { outcome: "exits", ...r };
      if (!forwarded) return { outcome: "ignored" };
    } else if (!this.spinning && this.pid1Shell?.traps.has(sig)) {
      this.pid1Shell.pendingSignals.push(sig);
      const main = this.threads.find((t) => t.main && t.waiting === "jobs");
      if (main) main.wakeAt = this.now;
      return { outcome: "trapped" };
    } else if (!forwarded) {
      return { outcome: "ignored" };
    }
    // Under tini/dumb-init the child is not PID 1: without a handler it dies of the signal.
    const exitCode = 128 + (SIGNAL_NUMBERS[sig] ?? 15);
    this.pendingExit = { at: this.now, exitCode, reason: "Error" };
    this.advanceTo(this.now);
    return { outcome: "exits", exitAt: this.now, exitCode };
  }

  /** SIGKILL: exit 137 now (grace period over, `docker kill`). */
  kill(): void {
    this.finish(137);
  }

  /** Memory in use now (for `docker stats`, `kubectl top`, OOM decisions). */
  memoryBytes(): number {
    return this.exit ? 0 : (this.daemon?.memoryAt(this.now) ?? 1024 * 1024);
  }

  /** The current virtual time of this process. */
  get time(): number { return this.now; }
}

/** Starts a container's PID 1 at `startTime`. */
export function startContainer(options: StartContainerOptions): ContainerProcess {
  return new ContainerProcess(options);
}
