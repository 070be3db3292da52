// Runs one ProgramPlan on the virtual clock, kwok-style: at start the exit rules decide whether it
// exits at once (missing env, missing argument, missing file…); otherwise its stages are a sorted
// list of timed events — log lines, "listening", files written, the program's own exit — plus a
// repeating log line. Signals schedule an exit when the plan handles them.

import { freezeData } from "../clone";
import type { ExitCondition, ImageFacts, LogLine, LogStream, PortSpec, ProgramPlan, SignalName } from "../images/types";
import { parseBytes } from "../images/custom";
import { normalizePath, type ContainerFs } from "./fs";
import { conditionHolds, finishAnswer, headBytes, serveHttp, type HttpRequest, type HttpResult } from "./http";
import { loadNginx, runEntrypoint, serveNginx, type NginxLoad } from "./nginx";
import { basename, withoutInterpreterFlags } from "./programs";
import { flagValue, positionals, shortOptionValue } from "./program-args";
import { render } from "./template";

export interface DaemonContext {
  image: ImageFacts;
  argv: string[];
  env: Record<string, string>;
  fs: ContainerFs;
  cwd: string;
  viaWrapper: boolean;
  tty: boolean;
  privileged: boolean;
  declaredPorts: PortSpec[];
  vars: Record<string, string>;
  resolves?: (host: string) => boolean;
}

type Event =
  | { at: number; kind: "log"; line: LogLine }
  | { at: number; kind: "listen" }
  | { at: number; kind: "write"; path: string; content: string }
  | { at: number; kind: "exit"; exitCode: number };


const BINARY_SUFFIX: Record<string, number> = { k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 };

/** stress-style sizes ("150M" = 150 MiB) or Kubernetes quantities ("150Mi"). */
function argBytes(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)([kKmMgG])$/.exec(v);
  return m ? Number(m[1]) * BINARY_SUFFIX[m[2]!]! : parseBytes(v);
}

/** strerror as nginx and most C programs print it after the number: "(30: Read-only file system)". */
const ERRNO_TEXT = { EROFS: "30: Read-only file system", EACCES: "13: Permission denied" } as const;

/** The port of an nginx server without `listen`: 80 for a root master, 8000 otherwise. */
const nginxDefaultPort = (user: string | undefined): number => (!user || user === "0" || user === "root" ? 80 : 8000);

export class DaemonRun {
  readonly plan: ProgramPlan;
  readonly startedAt: number;
  readonly args: string[];
  private events: Event[] = [];
  private repeatNext?: number;
  listenAt?: number;
  ports: PortSpec[] = [];
  /** Set once the program has exited. */
  exited?: { at: number; exitCode: number };
  /** Vars for templates: the program's port, text, file… */
  readonly vars: Record<string, string>;

  /** What the program was started with, but its filesystem (world state, kept apart): frozen, shared by copies. */
  readonly ctx: Omit<DaemonContext, "fs">;
  private readonly fs: ContainerFs;
  /** A program that reads its configuration (ProgramPlan.configuredBy): what it read at start (or last reload). */
  private config?: NginxLoad;
  /** nginx's first worker process ID (29, then new ones at each reload). */
  private worker = 29;
  /** Its entrypoint's lines as its scripts found the files (instead of the plan's). */
  private readonly entrypointLines?: LogLine[];
  /** The server's connection counter (nginx's `*N`), and its upstream groups' round-robin turns. */
  private connections = 0;
  private turns?: Record<string, number>;

  constructor(plan: ProgramPlan, context: DaemonContext, startedAt: number) {
    const { fs, ...ctx } = context;
    this.fs = fs;
    this.ctx = freezeData(ctx);
    this.plan = plan;
    this.startedAt = startedAt;
    this.args = freezeData(withoutInterpreterFlags(plan, ctx.argv).slice(Math.max(1, plan.match.length)));
    freezeData(ctx.vars);
    this.vars = { ...ctx.vars, version: ctx.image.version, cwd: ctx.cwd };
    if (plan.configuredBy === "nginx") {
      // The entrypoint's scripts run first (they may write the configuration), then nginx reads it.
      if (ctx.viaWrapper) this.entrypointLines = freezeData(runEntrypoint(fs, ctx.image, ctx.env, plan.wrapperLogs ?? []));
      this.config = freezeData(loadNginx(fs, this.args, ctx.resolves, nginxDefaultPort(ctx.image.user)));
      if (this.config.error) this.vars["configError"] = this.config.error;
    }
    this.ports = freezeData(this.computePorts());
    if (this.ports[0]) this.vars["port"] = String(this.ports[0].port);
    if (plan.http?.textFromArg) this.argVar("text", plan.http.textFromArg);
    if (plan.argVars) for (const name in plan.argVars) this.argVar(name, plan.argVars[name]!);
    this.schedule();
    // Settled once the start-time conditions were looked at: frozen, shared by copies.
    freezeData(this.vars);
  }

  /** Sets placeholder `name` from the program's flag (ProgramPlan.argVars). */
  private argVar(name: string, a: NonNullable<ProgramPlan["argVars"]>[string]): void {
    const v = this.flag(a.flag) ?? (a.orEnv ? this.ctx.env[a.orEnv] : undefined) ?? (a.orVar ? this.vars[a.orVar] : undefined) ?? "";
    this.vars[name] = a.path ? normalizePath(v, this.ctx.cwd) : v;
  }

  /** A flag's value, read as the program reads its options (getopt clusters for one-letter ones, ProgramPlan.getopt). */
  private flag(name: string): string | undefined {
    return this.plan.getopt !== undefined && /^-[A-Za-z0-9]$/.test(name) ? shortOptionValue(this.args, name[1]!, this.plan.getopt) : flagValue(this.args, name);
  }

  private expand(path: string): string {
    return normalizePath(path.replace(/\$\{(\w+)\}/g, (_, n: string) => this.ctx.env[n] ?? ""), this.ctx.cwd);
  }

  private computePorts(): PortSpec[] {
    const l = this.plan.listen;
    if (!l) return [];
    if (this.config?.model) return this.config.model.ports.map((port) => ({ port, protocol: "tcp" as const }));
    let ports = [...l.ports];
    if (l.declared) ports = [...this.ctx.declaredPorts];
    const from = l.portFromArg;
    const raw = from?.flag ? this.flag(from.flag) : from?.position !== undefined ? positionals(this.args)[from.position] : undefined;
    const n = raw === undefined ? undefined : Number(/(\d+)$/.exec(raw)?.[1]);
    if (n !== undefined && n > 0 && n < 65536) ports = [{ port: n, protocol: "tcp" }, ...ports.slice(1)];
    if (l.portsFromConfig) {
      const content = this.fs.read(this.expand(l.portsFromConfig.path));
      if (typeof content === "string" && !["ENOENT", "EISDIR", "ENOTDIR"].includes(content)) {
        for (const m of content.matchAll(new RegExp(l.portsFromConfig.pattern, "g"))) ports.push({ port: Number(m[1]), protocol: "tcp" });
      }
    }
    for (const extra of l.extra ?? []) if (conditionHolds(extra.when, this.args, this.ctx.env)) ports.push(...extra.ports);
    return ports;
  }

  /** Whether an exit condition holds at start (sets vars.file for fileMissing). */
  private holds(c: ExitCondition): boolean {
    const env = this.ctx.env;
    const set = (entry: string) => {
      const eq = entry.indexOf("=");
      return eq === -1 ? !!env[entry] : env[entry.slice(0, eq)] === entry.slice(eq + 1);
    };
    switch (c.kind) {
      case "envMissing": return !c.anyOf.some(set) && !(c.unlessFile !== undefined && this.fs.isFile(this.expand(c.unlessFile)));
      case "envConflict": return !!env[c.names[0]] && !!env[c.names[1]];
      case "envPartial": return !!env[c.names[0]] !== !!env[c.names[1]];
      case "envEquals": return env[c.name] === c.value;
      case "envSet": return (this.vars["env"] = c.anyOf.find(set) ?? "") !== "";
      case "argMissing": return !this.flag(c.flag) && !(c.orEnv && env[c.orEnv]);
      case "flagAmong": {
        const hit = this.args.map((a) => a.split("=")[0]!).find((a) => c.anyOf.some((f) => a === f || a.startsWith(`${f}.`)));
        if (hit !== undefined) this.vars["flag"] = hit.replace(/^-+/, "").split(".")[0]!;
        return hit !== undefined;
      }
      case "firstArg": return this.args[0] !== undefined && c.anyOf.includes(this.args[0]);
      case "argAbsent": return !this.args.some((a) => a.includes(c.contains));
      case "tooManyArgs": return positionals(this.args).length > c.max;
      case "shortFlagAbsent": return shortOptionValue(this.args, c.flag, this.plan.getopt ?? "") === undefined;
      case "fileMissing": {
        if (c.fromEnv !== undefined && !env[c.fromEnv]) return false;
        const rel = c.fromEnv !== undefined ? env[c.fromEnv]! : c.path ?? positionals(this.args)[c.argIndex ?? 0];
        if (rel === undefined) return false;
        const path = this.expand(rel);
        this.vars["file"] = path;
        return !this.fs.isFile(path);
      }
      case "hostUnresolvable": return this.ctx.resolves?.(c.host) === false;
      case "notPrivileged": return !this.ctx.privileged;
      case "cannotCreate": {
        // The program's own attempt, on the container's filesystem as its user (EROFS before EACCES).
        const path = this.expand(c.path);
        const exists = c.dir ? this.fs.isDir(path) : this.fs.isFile(path);
        if (exists) return false;
        const e = c.dir ? this.fs.mkdir(path, true) : this.fs.write(path, c.content ?? "");
        if (e !== "EROFS" && e !== "EACCES") return false;
        if (c.because !== undefined && c.because !== e) return false;
        this.vars["errno"] = ERRNO_TEXT[e];
        return true;
      }
      case "replWithoutTty": return this.args.length === 0 && !this.ctx.tty;
      case "configInvalid": return this.config?.error !== undefined && (c.firstArg === undefined || c.firstArg.includes(this.args[0] ?? ""));
      case "always": return true;
    }
  }

  private logAt(lines: LogLine[] | undefined, offset = 0): void {
    for (const line of lines ?? []) {
      if (line.when && !conditionHolds(line.when, this.ctx.argv, this.ctx.env)) continue;
      if (line.replBanner && (!this.ctx.tty || this.args.length > 0)) continue;
      this.events.push({ at: this.startedAt + offset + (line.atMs ?? 0), kind: "log", line });
    }
  }


  private schedule(): void {
    const p = this.plan;
    const rule = p.exitRules?.find((r) => this.holds(r.when));
    if (this.ctx.viaWrapper) this.logAt(rule?.wrapperLogs ?? this.entrypointLines ?? p.wrapperLogs);
    if (rule) {
      this.logAt(rule.logs);
      this.events.push({ at: this.startedAt + (rule.afterMs ?? 0), kind: "exit", exitCode: rule.exitCode });
    } else {
      const restart = p.whenFileExists && this.fs.isFile(this.expand(p.whenFileExists.path)) ? p.whenFileExists : undefined;
      // What the configuration made nginx warn about comes before its notices.
      for (const w of this.config?.model?.warnings ?? []) this.logAt([{ stream: "stderr", text: `{ts:nginx} [warn] 1#1: ${w}` }, { stream: "stderr", text: `nginx: [warn] ${w}` }]);
      this.logAt(restart ? restart.logs : p.logs);
      if (p.listen) {
        this.listenAt = this.startedAt + (restart ? restart.listenAfterMs : p.listen.afterMs);
        this.events.push({ at: this.listenAt, kind: "listen" });
        for (const [path, content] of Object.entries(p.writes ?? {})) {
          this.events.push({ at: this.listenAt, kind: "write", path: this.expand(path), content });
        }
      }
      if (p.exit) {
        this.logAt(p.exit.logs, p.exit.afterMs);
        this.events.push({ at: this.startedAt + p.exit.afterMs, kind: "exit", exitCode: p.exit.exitCode });
      }
      if (p.repeatLog) this.repeatNext = this.startedAt + (p.repeatLog.fromMs ?? 0);
    }
    this.events.sort((a, b) => a.at - b.at);
  }

  /**
   * The output and exit code when the program ends the moment it starts (a version flag, a config
   * test, a missing variable); undefined when it keeps running. Reads the schedule, changes nothing.
   */
  immediateExit(): { exitCode: number; stdout: string; stderr: string } | undefined {
    const exit = this.events.find((e) => e.kind === "exit");
    if (!exit || exit.kind !== "exit" || exit.at > this.startedAt) return undefined;
    let stdout = "";
    let stderr = "";
    for (const e of this.events) {
      if (e.kind !== "log" || e.at > exit.at) continue;
      const text = render(e.line.text, e.at, this.vars, this.startedAt, this.ctx.env) + "\n";
      if ((e.line.stream ?? "stdout") === "stdout") stdout += text; else stderr += text;
    }
    return { exitCode: exit.exitCode, stdout, stderr };
  }

  nextEventTime(): number | undefined {
    if (this.exited) return undefined;
    const next = this.events[0]?.at;
    if (this.repeatNext === undefined) return next;
    return next === undefined ? this.repeatNext : Math.min(next, this.repeatNext);
  }

  /** Applies events up to `t`; `emit` receives rendered log lines. Stops at the program's exit. */
  advance(t: number, emit: (at: number, stream: LogStream, text: string) => void, maxRepeats = 5000): void {
    while (!this.exited) {
      const next = this.nextEventTime();
      if (next === undefined || next > t) return;
      if (this.repeatNext !== undefined && this.repeatNext === next && this.plan.repeatLog) {
        const r = this.plan.repeatLog;
        const behind = Math.floor((t - this.repeatNext) / r.everyMs);
        if (behind > maxRepeats) this.repeatNext += (behind - maxRepeats) * r.everyMs;
        emit(this.repeatNext, r.line.stream ?? "stdout", render(r.line.text, this.repeatNext, this.vars, this.startedAt, this.ctx.env));
        this.repeatNext += r.everyMs;
        continue;
      }
      const e = this.events.shift()!;
      if (e.kind === "log") emit(e.at, e.line.stream ?? "stdout", render(e.line.text, e.at, this.vars, this.startedAt, this.ctx.env));
      else if (e.kind === "write") {
        this.fs.mkdir(e.path.slice(0, e.path.lastIndexOf("/")) || "/", true);
        this.fs.write(e.path, e.content);
      }
      else if (e.kind === "exit") this.exited = { at: e.at, exitCode: e.exitCode };
    }
  }

  listening(port: number, now: number, protocol: "tcp" | "udp" = "tcp"): boolean {
    return !this.exited && this.listenAt !== undefined && now >= this.listenAt && this.ports.some((p) => p.port === port && p.protocol === protocol);
  }

  /**
   * Answers an HTTP request on `port` now; access-log and dropped-connection lines go to `log`.
   * `forward` sends a request on from this container (a proxy's upstream).
   */
  http(port: number, req: HttpRequest, now: number, hostname: string, log: (stream: LogStream, text: string) => void,
    forward?: (url: string, r: { method: string; userAgent: string }) => HttpResult): HttpResult {
    if (!this.listening(port, now)) return { kind: "refused" };
    const spec = this.plan.http;
    const model = this.config?.model;
    if (model && spec) {
      const r = this.serveConfigured(model, spec, port, req, now, hostname, log, forward);
      return r.unlogged ? r.result : this.accessLogged(spec, req, hostname, log, now, r.result);
    }
    if (!spec || spec.dropsHttp) {
      const line = spec?.dropsHttp?.log;
      if (line) log(line.stream ?? "stdout", render(line.text, now, this.vars, this.startedAt, this.ctx.env));
      return { kind: "closed" };
    }
    const result = serveHttp(spec, req, { now, startedAt: this.startedAt, fs: this.fs, argv: this.args, env: this.ctx.env, vars: this.vars });
    const nfLog = spec.notFound?.log;
    // The request's names in front of the program's vars (a prototype, not a copy per request).
    const withVars = (extra: Record<string, string>) => Object.assign(Object.create(this.vars) as Record<string, string>, extra);
    if (nfLog && result.kind === "response" && result.notFound) log(nfLog.stream ?? "stdout", render(nfLog.text, now, withVars({ client: req.client ?? "10.244.0.1" }), this.startedAt, this.ctx.env));
    return this.accessLogged(spec, req, hostname, log, now, result);
  }

  /** nginx by its configuration: the answer, with its [error] lines (`*N` its connection number). */
  private serveConfigured(model: NonNullable<NginxLoad["model"]>, spec: NonNullable<ProgramPlan["http"]>, port: number, req: HttpRequest, now: number, hostname: string,
    log: (stream: LogStream, text: string) => void, forward?: (url: string, r: { method: string; userAgent: string }) => HttpResult): { unlogged: boolean; result: HttpResult } {
    const conn = ++this.connections;
    const answer = serveNginx(model, {
      port, uri: req.path, method: req.method ?? "GET", host: req.host ?? hostname, client: req.client ?? "10.244.0.1", userAgent: req.userAgent ?? "curl/8.5.0",
    }, {
      fs: this.fs, version: this.ctx.image.version, now, hostname,
      forward: (url, r) => forward?.(url, r) ?? { kind: "unresolved" },
      error: (text, level = "error") => log("stderr", `${render("{ts:nginx}", now, this.vars)} [${level}] ${this.worker}#${this.worker}: *${conn} ${text}`),
      turn: (group) => { this.turns ??= {}; const t = this.turns[group] ?? 0; this.turns[group] = t + 1; return t; },
      connected: () => { this.connections++; },
    });
    const headers = answer.contentType ? { "Content-Type": answer.contentType, ...answer.headers } : answer.headers;
    return { unlogged: answer.unlogged === true, result: finishAnswer(spec, req, { now, startedAt: this.startedAt, fs: this.fs, argv: this.args, env: this.ctx.env, vars: this.vars },
      answer.status, answer.body, headers, answer.staticFile) };
  }

  private accessLogged(spec: NonNullable<ProgramPlan["http"]>, req: HttpRequest, hostname: string, log: (stream: LogStream, text: string) => void, now: number, result: HttpResult): HttpResult {
    const withVars = (extra: Record<string, string>) => Object.assign(Object.create(this.vars) as Record<string, string>, extra);
    if (spec.accessLog && result.kind === "response") {
      // The bytes of the body sent: none for HEAD, whatever Content-Length announces.
      const bytes = req.method === "HEAD" ? "0" : result.headers["Content-Length"] ?? "0";
      const vars = withVars({ status: String(result.status), bytes, sent: String(headBytes(result) + Number(bytes)), path: req.path,
        method: req.method ?? "GET", client: req.client ?? "10.244.0.1", ua: req.userAgent ?? "curl/8.5.0", host: req.host ?? hostname });
      log(spec.accessLog.stream ?? "stdout", render(spec.accessLog.text, now, vars, this.startedAt, this.ctx.env));
    }
    return result;
  }

  /** What this run, a signaller (`nginx -s reload|stop|quit`), asks of the master: SIGHUP's re-read, SIGTERM, SIGQUIT. */
  masterSignal(): "reload" | "SIGTERM" | "SIGQUIT" | undefined {
    if (this.plan.configuredBy !== "nginx" || this.args[0] !== "-s") return undefined;
    return ({ reload: "reload", stop: "SIGTERM", quit: "SIGQUIT" } as const)[this.args[1] as "reload" | "stop" | "quit"];
  }

  /**
   * `nginx -s reload` reached this master (SIGHUP from the signaller, pid 35): it reads its
   * configuration again, starts new workers with it and lets the old ones finish. The signaller
   * has read the same files and succeeded, so the configuration loads.
   */
  reload(now: number): void {
    if (this.plan.configuredBy !== "nginx" || !this.config?.model || this.exited) return;
    const load = loadNginx(this.fs, this.args, this.ctx.resolves, nginxDefaultPort(this.ctx.image.user));
    if (!load.model) return;
    this.config = freezeData(load);
    this.ports = freezeData(load.model.ports.map((port) => ({ port, protocol: "tcp" as const })));
    const [o1, o2, n1, n2] = [this.worker, this.worker + 1, this.worker + 7, this.worker + 8];
    this.worker = n1;
    const lines = [
      "1#1: signal 1 (SIGHUP) received from 35, reconfiguring", "1#1: reconfiguring", '1#1: using the "epoll" event method',
      "1#1: start worker processes", `1#1: start worker process ${n1}`, `1#1: start worker process ${n2}`,
      `${o1}#${o1}: gracefully shutting down`, `${o2}#${o2}: gracefully shutting down`, `${o1}#${o1}: exiting`, `${o2}#${o2}: exiting`,
      `${o1}#${o1}: exit`, `${o2}#${o2}: exit`, `1#1: signal 17 (SIGCHLD) received from ${o2}`,
      `1#1: worker process ${o1} exited with code 0`, `1#1: worker process ${o2} exited with code 0`, "1#1: signal 29 (SIGIO) received",
    ];
    for (const l of lines) this.events.push({ at: now, kind: "log", line: { stream: "stderr", text: `{ts:nginx} [notice] ${l}` } });
    this.events.sort((a, b) => a.at - b.at);
  }

  /** Schedules the plan's reaction to a signal; undefined when the program ignores it. */
  signal(sig: SignalName, now: number): { exitAt: number; exitCode: number } | undefined {
    const reaction = this.plan.signals[sig];
    if (!reaction || this.exited) return undefined;
    this.events = this.events.filter((e) => e.kind !== "exit" && !(e.kind === "log" && e.at > now));
    this.repeatNext = undefined;
    this.logAt(reaction.logs, now - this.startedAt);
    this.events.push({ at: now + reaction.delayMs, kind: "exit", exitCode: reaction.exitCode });
    this.events.sort((a, b) => a.at - b.at);
    return { exitAt: now + reaction.delayMs, exitCode: reaction.exitCode };
  }

  /** Memory in use at `t`. */
  memoryAt(t: number): number {
    const m = this.plan.memory;
    if (!m) return 2 * 1024 * 1024;
    const base = (m.fromArg ? argBytes(flagValue(this.args, m.fromArg)) : undefined) ?? m.bytes;
    return base + Math.max(0, Math.floor(((t - this.startedAt) / 1000) * (m.growBytesPerSecond ?? 0)));
  }

  /** The first time memory exceeds `limit`, if it ever does. */
  oomTime(limit: number): number | undefined {
    const m = this.plan.memory;
    const base = this.memoryAt(this.startedAt);
    if (base > limit) return this.startedAt;
    const grow = m?.growBytesPerSecond ?? 0;
    if (grow <= 0) return undefined;
    return this.startedAt + Math.floor(((limit - base) / grow) * 1000) + 1;
  }

  get name(): string {
    return basename(this.ctx.argv[0] ?? "");
  }
}
