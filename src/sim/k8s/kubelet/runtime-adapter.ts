// Binds the kubelet's CRI (cri.ts) to the process model of src/sim/runtime: the image's program
// (a ProgramPlan run by DaemonRun: exit rules, logs, listening, HTTP routes, signals, memory),
// or a small shell script (`touch`, `rm`, `echo`, `sleep`, endless loops) on the virtual clock.

import type { ImageFacts, LogStream } from "../../images/types";
import { DaemonRun } from "../../runtime/daemon";
import { ContainerFs, normalizePath } from "../../runtime/fs";
import { serveHttp } from "../../runtime/http";
import { classifyLaunch, effectiveArgv, execNotFound } from "../../runtime/programs";
import type { ContainerConfig, ContainerProcess, ContainerRuntime, ExecResult, ExitInfo, HttpOutcome } from "./cri";

/** Step of a tiny script timeline: a file operation or output at an offset. */
type ScriptStep = { at: number; op: "touch" | "rm" | "echo"; arg: string };

const FOREVER = Number.POSITIVE_INFINITY;

class RuntimeProcess implements ContainerProcess {
  startError?: { message: string; exitCode: number };
  private out = "";
  private exit?: ExitInfo;
  private daemon?: DaemonRun;
  private steps: ScriptStep[] = [];
  private readonly fs: ContainerFs;
  private killedAt?: ExitInfo;

  constructor(private readonly config: ContainerConfig, private readonly startedAt: number) {
    const image = config.image;
    this.fs = new ContainerFs([image.files, config.files]);
    const argv = effectiveArgv(image, config.command, config.args);
    const cwd = config.workingDir || image.workingDir || "/";
    const launch = classifyLaunch(image, argv, this.fs, cwd);
    switch (launch.kind) {
      case "missing":
        this.startError = { message: launch.message, exitCode: 128 };
        return;
      case "empty":
        this.exit = { at: startedAt, exitCode: 0 };
        return;
      case "program": {
        const env = { ...image.env, ...config.env };
        this.daemon = new DaemonRun(launch.plan, {
          image, argv: launch.argv, env, fs: this.fs, cwd, viaWrapper: launch.viaWrapper, tty: !!config.tty,
          privileged: false, declaredPorts: [], vars: { hostname: config.hostname, ip: config.podIP },
        }, startedAt);
        this.scheduleDaemonExit();
        return;
      }
      default:
        this.planScript(launch.argv);
    }
  }

  private scheduleDaemonExit(): void {
    const d = this.daemon!;
    const limit = this.config.memoryLimit;
    const oom = limit ? d.oomTime(limit) : undefined;
    const own = d.exited ?? this.daemonExitEvent();
    if (oom !== undefined && (!own || oom < own.at)) this.exit = { at: oom, exitCode: 137, oomKilled: true };
    else if (own) this.exit = { at: own.at, exitCode: own.exitCode };
  }

  private daemonExitEvent(): { at: number; exitCode: number } | undefined {
    // Peek: the plan's exit rule or own exit, as DaemonRun scheduled them.
    const events = (this.daemon as unknown as { events: { at: number; kind: string; exitCode?: number }[] }).events;
    const e = events.find((x) => x.kind === "exit");
    return e ? { at: e.at, exitCode: e.exitCode ?? 0 } : undefined;
  }

  /** `sh -c 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'` and friends. */
  private planScript(argv: string[]): void {
    const name = argv[0]?.replace(/^.*\//, "") ?? "";
    let script: string;
    if (["sh", "ash", "bash", "dash"].includes(name)) {
      const i = argv.indexOf("-c");
      if (i < 0) {
        this.exit = { at: this.startedAt, exitCode: 0 };
        return;
      }
      script = argv.slice(i + 1).join(" ");
    } else {
      script = argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(" ");
    }
    let t = this.startedAt;
    const commands = script.split(/;|&&|\n/).map((c) => c.trim()).filter(Boolean);
    for (const cmd of commands.slice(0, 200)) {
      const words = cmd.split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, ""));
      const [head, ...rest] = words;
      if (/^(while|until|for)\b/.test(cmd) || head === "tail" && rest.includes("-f")) {
        t = FOREVER;
        break;
      }
      if (head === "sleep") {
        const arg = rest[0] ?? "0";
        const n = arg === "infinity" ? FOREVER : parseFloat(arg) * (arg.endsWith("m") ? 60_000 : arg.endsWith("h") ? 3_600_000 : 1000);
        t = Number.isFinite(n) ? t + n : FOREVER;
        if (t === FOREVER) break;
      } else if (head === "touch") {
        for (const f of rest) this.steps.push({ at: t, op: "touch", arg: f });
      } else if (head === "rm") {
        for (const f of rest.filter((a) => !a.startsWith("-"))) this.steps.push({ at: t, op: "rm", arg: f });
      } else if (head === "echo") {
        this.steps.push({ at: t, op: "echo", arg: rest.join(" ") });
      } else if (head === "exit") {
        this.exit = { at: t, exitCode: Number(rest[0] ?? 0) || 0 };
        return;
      }
    }
    if (t !== FOREVER) this.exit = { at: t, exitCode: 0 };
  }

  nextExit(): ExitInfo | undefined {
    return this.killedAt && (!this.exit || this.killedAt.at < this.exit.at) ? this.killedAt : this.exit;
  }

  nextEvent(): number | undefined {
    const s = this.steps[0]?.at;
    const d = this.daemon?.nextEventTime();
    if (s === undefined) return d;
    return d === undefined ? s : Math.min(s, d);
  }

  advance(now: number): void {
    while (this.steps.length && this.steps[0]!.at <= now) {
      const s = this.steps.shift()!;
      if (s.op === "touch") this.fs.write(normalizePath(s.arg), this.fs.isFile(normalizePath(s.arg)) ? (this.fs.read(normalizePath(s.arg)) as string) : "");
      else if (s.op === "rm") this.fs.remove(normalizePath(s.arg), false);
      else this.out += s.arg + "\n";
    }
    this.daemon?.advance(now, (_at: number, _stream: LogStream, text: string) => {
      this.out += text.endsWith("\n") ? text : text + "\n";
    });
  }

  signal(sig: "SIGTERM" | "SIGKILL", now: number): ExitInfo | undefined {
    if (sig === "SIGKILL") {
      this.killedAt = { at: now, exitCode: 137 };
      return this.killedAt;
    }
    const r = this.daemon?.signal("SIGTERM", now);
    if (!r) return undefined;
    this.killedAt = { at: r.exitAt, exitCode: r.exitCode };
    return this.killedAt;
  }

  httpGet(port: number, path: string, now: number): HttpOutcome {
    const d = this.daemon;
    if (!d || !d.listening(port, now)) return { kind: "refused" };
    const spec = d.plan.http;
    if (!spec || spec.dropsHttp) return { kind: "closed" };
    const r = serveHttp(spec, { path, userAgent: "kube-probe/1.30", client: "10.244.0.1" }, {
      now, startedAt: d.startedAt, fs: this.fs, argv: d.ctx.argv, env: d.ctx.env, vars: d.vars,
    });
    return r.kind === "response" ? { kind: "response", status: r.status } : { kind: "refused" };
  }

  listening(port: number, now: number): boolean {
    return this.daemon?.listening(port, now) ?? false;
  }

  exec(argv: string[], now: number): ExecResult {
    this.advance(now);
    const [cmd, ...args] = argv;
    const base = cmd?.replace(/^.*\//, "") ?? "";
    if (["sh", "ash", "bash"].includes(base) && args[0] === "-c") return this.exec((args[1] ?? "").trim().split(/\s+/), now);
    if (base === "cat") {
      let stdout = "";
      for (const f of args) {
        const c = this.fs.read(normalizePath(f));
        if (typeof c !== "string" || ["ENOENT", "EISDIR", "ENOTDIR"].includes(c)) {
          return { exitCode: 1, stdout, stderr: `cat: can't open '${f}': No such file or directory\n` };
        }
        stdout += c;
      }
      return { exitCode: 0, stdout, stderr: "" };
    }
    if (base === "true") return { exitCode: 0, stdout: "", stderr: "" };
    if (base === "false") return { exitCode: 1, stdout: "", stderr: "" };
    if (base === "echo") return { exitCode: 0, stdout: args.join(" ") + "\n", stderr: "" };
    if (base === "test" && args[0] === "-f") return { exitCode: this.fs.isFile(normalizePath(args[1] ?? "")) ? 0 : 1, stdout: "", stderr: "" };
    if (!this.config.image.tools.includes(base) && !this.config.image.programs.some((p) => p.match[0]?.endsWith(base))) {
      return { exitCode: 126, stdout: "", stderr: `OCI runtime exec failed: exec failed: unable to start container process: ${execNotFound(cmd ?? "")}: unknown\n` };
    }
    return { exitCode: 0, stdout: "", stderr: "" };
  }

  logs(): string {
    return this.out;
  }
}

export const defaultRuntime: ContainerRuntime = {
  start(config: ContainerConfig, now: number): ContainerProcess {
    return new RuntimeProcess(config, now);
  },
};

export type { ImageFacts };
