// Runs parsed lines against the world: pipes, `&&`/`||`, compound commands (for, while/until,
// if), programs, and the builtins that change the shell itself (ssh, exit, sudo, source, break,
// and export/cd/alias in builtins.ts); expansion and redirections are expansion.ts's. Each line
// becomes one transcript step; everything inside it (pipes, `$(…)`, loops) is part of it.

import type { CommandRecord, Host, World } from "../world";
import type { AndOr, Compound, Line, Pipeline, SimpleCommand } from "./ast";
import { BUILTINS, parseSsh, stripSudo, SUDO_USAGE } from "./builtins";
import { clip, Expander, Output, SHELL_LIMITS, type Step } from "./expansion";
import { parseScript } from "./parser";
import { JobTable, runJobList, type Job } from "./jobs";
import { jobsBuiltin, killBuiltin, waitBuiltin, type JobHost } from "./job-builtins";
import type { ExecResult, ProgramRegistry } from "../programs/registry";

export { SHELL_LIMITS, type Step } from "./expansion";

/** `break` / `continue` unwinding to the loop they name (1 = the innermost). */
class LoopControl {
  constructor(readonly kind: "break" | "continue", public levels: number) {}
}

export interface ShellOptions {
  allowSim: boolean;
  /** Variables set before the script (exported). */
  env?: Record<string, string>;
}

interface Frame {
  host: Host;
}

export class Shell extends Expander implements JobHost {
  private readonly hostStack: Frame[];
  readonly jobs = new JobTable();
  /** The background job whose commands are running now, if any. */
  private job?: Job;
  /** A background program's `runsUntil`, read after its pipeline. */
  private pendingUntil?: number;
  /** Stdin handed to the next pipeline (the piped input of `ssh HOST CMD`). */
  private inheritedStdin: string | undefined;
  private stepIndex = 0;

  constructor(readonly world: World, private readonly programs: ProgramRegistry, defaultHost: Host, private readonly opts: ShellOptions) {
    super();
    this.hostStack = [{ host: defaultHost }];
    for (const [k, v] of Object.entries({ HOME: "/root", USER: "root", ...opts.env })) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
  }

  /** The step being run (JobHost). */
  get step(): number { return this.stepIndex; }

  get host(): Host {
    return this.hostStack[this.hostStack.length - 1]!.host;
  }

  protected override workingDirectory(): string {
    return this.host.fs.cwd;
  }

  /** Runs a whole script, one step per line. `firstStep` numbers steps for the command log. */
  run(script: string, firstStep = 0, maxSteps = Infinity): Step[] {
    const steps: Step[] = [];
    this.stepIndex = firstStep;
    for (const line of parseScript(script)) {
      if (steps.length >= maxSteps) break;
      steps.push(this.runLine(line));
      this.stepIndex++;
    }
    return steps;
  }

  runLine(line: Line): Step {
    const host = this.host.name;
    if (line.error) {
      this.lastExit = 2;
      return { host, command: line.text, exitCode: 2, stdout: "", stderr: `bash: ${line.error}\n` };
    }
    const out = new Output();
    for (const list of line.lists) this.runAndOr(list, out);
    // Before the next prompt: what of the background jobs is due now, then their notices.
    if (this.depth === 0 && this.jobs.list.length) {
      this.jobs.poll(this.stepIndex, out);
      this.resumeDue(out);
      out.stderr += this.jobs.notices(this.stepIndex);
    }
    return { host, command: line.text, exitCode: this.lastExit, stdout: out.stdout, stderr: out.stderr };
  }

  private runAndOr(list: AndOr, out: Output): void {
    if (list.background) {
      const job = this.jobs.start(list.background.text, list, this.stepIndex);
      out.stderr += `[${job.n}] ${job.pid}\n`;
      this.continueJob(job, out, false);
      this.lastExit = 0;
      return;
    }
    this.lastExit = this.runPipeline(list.first, out);
    for (const { op, pipeline } of list.rest) {
      if ((op === "&&") !== (this.lastExit === 0)) continue;
      this.lastExit = this.runPipeline(pipeline, out);
    }
  }

  private runPipeline(p: Pipeline, out: Output): number {
    // `echo x | ssh host cmd`: the remote command's first pipeline reads the ssh's stdin.
    let input: string | undefined = this.inheritedStdin;
    this.inheritedStdin = undefined;
    let code = 0;
    p.commands.forEach((cmd, i) => {
      const last = i === p.commands.length - 1;
      const sink = last ? out : new Output();
      code = "kind" in cmd ? this.runCompound(cmd, sink, out) : this.runSimple(cmd, input, sink, out);
      if (!last) input = sink.stdout;
    });
    return p.negate ? (code === 0 ? 1 : 0) : code;
  }

  private loopDepth = 0;

  /**
   * Runs a background job's pipelines from where it stopped until one keeps running (runsUntil
   * ahead of the clock) or the list ends. The job is a subshell: `$?`, loops and the current job
   * of the shell are left as they were.
   */
  private continueJob(job: Job, out: Output, timed: boolean): void {
    const saved = { exit: this.lastExit, job: this.job, loops: this.loopDepth };
    this.job = job;
    this.loopDepth = 0;
    try {
      const ended = runJobList(job, this.world.now, (pipeline) => {
        this.pendingUntil = undefined;
        const code = this.runPipeline(pipeline, out);
        return { code, until: this.pendingUntil };
      });
      if (ended) this.jobs.finish(job, { kind: "exit", code: job.lastCode }, this.stepIndex, timed);
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      this.jobs.finish(job, { kind: "exit", code: 0 }, this.stepIndex, timed);
    } finally {
      this.job = saved.job;
      this.lastExit = saved.exit;
      this.loopDepth = saved.loops;
    }
  }

  /** Goes on with each job whose running program's time has come (JobHost). */
  resumeDue(out: { stdout: string; stderr: string }): void {
    const sink = new Output();
    for (const job of [...this.jobs.list]) {
      if (job.end || job.until === undefined || job.until > this.world.now) continue;
      job.until = undefined;
      this.continueJob(job, sink, true);
    }
    out.stdout += sink.stdout;
    out.stderr += sink.stderr;
  }

  /** for / while / until / if: runs the parts' lists; output goes where the command's redirections say. */
  private runCompound(c: Compound, sink: Output, errSink: Output): number {
    const errOut = new Output();
    let stdoutTo: { path?: string; append?: boolean; null?: boolean; toErr?: boolean } = {};
    let stderrTo: { path?: string; append?: boolean; null?: boolean; toOut?: boolean } = {};
    for (const r of c.redirects) {
      const res = this.applyRedirect(r, errOut);
      if ("error" in res) {
        errSink.stderr += errOut.stderr + res.error;
        return 1;
      }
      if (res.fd === 1) stdoutTo = res.target;
      if (res.fd === 2) stderrTo = res.target;
    }
    const body = new Output();
    const status = this.compoundStatus(c, body);
    let stdout = body.stdout;
    let stderr = errOut.stderr + body.stderr;
    if (stderrTo.toOut) { stdout += stderr; stderr = ""; }
    if (stdoutTo.toErr) { stderr += stdout; stdout = ""; }
    this.deliver(stdout, stdoutTo, (t) => (sink.stdout += t));
    this.deliver(stderr, stderrTo, (t) => (errSink.stderr += t));
    return status;
  }

  private runLists(lists: AndOr[], out: Output): number {
    for (const list of lists) this.runAndOr(list, out);
    return this.lastExit;
  }

  private compoundStatus(c: Compound, out: Output): number {
    if (c.kind === "if") {
      for (const b of c.branches) {
        if (this.runLists(b.cond, out) === 0) return this.runLists(b.body, out);
      }
      return c.otherwise ? this.runLists(c.otherwise, out) : 0;
    }
    let status = 0;
    const items = c.kind === "for" ? c.words.flatMap((w) => this.expandWord(w, out)) : undefined;
    this.loopDepth++;
    try {
      for (let i = 0; ; i++) {
        if (items ? i >= items.length : false) break;
        if (i >= SHELL_LIMITS.loopIterations) {
          out.stderr += `clustergrade: loop stopped after ${SHELL_LIMITS.loopIterations} iterations\n`;
          return 1;
        }
        if (items) this.vars.set((c as Extract<Compound, { kind: "for" }>).name, items[i]!);
        else {
          const w = c as Extract<Compound, { kind: "while" }>;
          const cond = this.runLists(w.cond, out);
          if ((cond === 0) === w.until) break;
        }
        try {
          status = this.runLists(c.body, out);
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e;
          status = 0;
          if (--e.levels > 0) throw e;
          if (e.kind === "break") break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    this.lastExit = status;
    return status;
  }

  /** Runs one simple command; stdout goes to `sink`, stderr to `errSink` (unless redirected). */
  private runSimple(cmd: SimpleCommand, pipedIn: string | undefined, sink: Output, errSink: Output): number {
    const errOut = new Output();
    const words: string[] = [];
    for (const w of this.withAliases(cmd.words)) {
      words.push(...this.expandWord(w, errOut));
      if (words.length > SHELL_LIMITS.words) break;
    }
    const assigns = cmd.assigns.map((a) => [a.name, this.expandWord(a.value, errOut, false).join(" ")] as const);

    // Redirections: stdin first, then where stdout/stderr go.
    let stdin = pipedIn ?? "";
    let stdoutTo: { path?: string; append?: boolean; null?: boolean; toErr?: boolean } = {};
    let stderrTo: { path?: string; append?: boolean; null?: boolean; toOut?: boolean } = {};
    for (const r of cmd.redirects) {
      const res = this.applyRedirect(r, errOut);
      if ("error" in res) {
        errSink.stderr += errOut.stderr + res.error;
        return 1;
      }
      if (res.stdin !== undefined) stdin = res.stdin;
      if (res.fd === 1) stdoutTo = res.target;
      if (res.fd === 2) stderrTo = res.target;
    }

    let result: ExecResult;
    if (words.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      result = { exitCode: errOut.exitCode ?? 0, stdout: "", stderr: "" };
    } else {
      const env: Record<string, string> = {};
      for (const k of this.exported) env[k] = this.vars.get(k) ?? "";
      for (const [k, v] of assigns) env[k] = v;
      result = this.exec(words, stdin, env);
    }

    // Deliver output honouring redirections: one file for both streams gets them in the order
    // written when the program knows it (result.combined).
    let stdout = result.stdout;
    let stderr = errOut.stderr + result.stderr;
    if (stderrTo.toOut) { stdout = result.combined !== undefined ? errOut.stderr + result.combined : stdout + stderr; stderr = ""; }
    if (stdoutTo.toErr) { stderr = result.combined !== undefined && !stderrTo.toOut ? errOut.stderr + result.combined : stderr + stdout; stdout = ""; }
    this.deliver(stdout, stdoutTo, (t) => (sink.stdout += t));
    this.deliver(stderr, stderrTo, (t) => (errSink.stderr += t));
    return result.exitCode;
  }

  /** Runs argv: shell builtins first, then the program registry. */
  private exec(argv: string[], stdin: string, env: Record<string, string>): ExecResult {
    // The lab user is root already: `sudo [-E] [-u USER] CMD …` runs CMD (it is recorded as CMD).
    if (argv[0] === "sudo") {
      const rest = stripSudo(argv.slice(1));
      if (rest === undefined) return { exitCode: 1, stdout: "", stderr: SUDO_USAGE };
      if (rest.length === 0) return { exitCode: 0, stdout: "", stderr: "" }; // sudo -i / sudo -s: a root shell, which this already is
      return this.exec(rest, stdin, env);
    }
    const [name, ...args] = argv as [string, ...string[]];
    const record: CommandRecord = { step: this.stepIndex, host: this.host.name, argv, exitCode: 127, time: this.world.now };
    this.world.commands.push(record);
    const builtin = this.builtin(name, args, stdin);
    if (builtin) {
      record.path = name;
      record.exitCode = builtin.exitCode;
      return builtin;
    }
    const program = this.programs.get(name);
    if (!program || (name === "sim" && !this.opts.allowSim)) {
      return { exitCode: 127, stdout: "", stderr: `bash: ${name}: command not found\n` };
    }
    let result: ExecResult;
    try {
      result = program(
        {
          world: this.world, host: this.host, env, stdin, allowSim: this.opts.allowSim,
          setPath: (p) => { record.path = p; }, background: this.job !== undefined,
        },
        args,
      );
    } catch (e) {
      // A simulator bug must not cost the student their grade: the command fails visibly.
      const what = record.path ?? name;
      const message = e instanceof Error ? e.message : String(e);
      this.world.warn(`internal simulator error in '${what}': ${message}`);
      result = { exitCode: 1, stdout: "", stderr: `clustergrade: internal simulator error in '${what}': ${message}\n` };
    }
    record.exitCode = result.exitCode;
    if (this.job && result.runsUntil !== undefined) {
      this.pendingUntil = Math.max(this.pendingUntil ?? -Infinity, result.runsUntil);
      if (result.release) this.job.releases.push(result.release);
      if (result.poll) this.job.polls.push(result.poll);
    } else result.release?.();
    return clip(result);
  }

  private builtin(name: string, args: string[], stdin: string): ExecResult | undefined {
    if (name === "ssh") return this.ssh(args, stdin);
    if (name === "source" || name === ".") return this.source(name, args);
    if (name === "break" || name === "continue") {
      if (this.loopDepth === 0) return { exitCode: 0, stdout: "", stderr: `bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n` };
      const n = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(n) || n < 1) {
        return { exitCode: 1, stdout: "", stderr: `bash: ${name}: ${args[0]}: loop count out of range\n` };
      }
      throw new LoopControl(name, Math.min(n, this.loopDepth));
    }
    if (name === "exit" || name === "logout") {
      if (this.depth > 0 || this.hostStack.length === 1) return { exitCode: 0, stdout: "", stderr: "" };
      const left = this.hostStack.pop()!;
      return { exitCode: 0, stdout: "logout\n", stderr: `Connection to ${left.host.name} closed.\n` };
    }
    if (name === "jobs") return jobsBuiltin(this, args);
    if (name === "wait") return waitBuiltin(this, args);
    if (name === "kill") return killBuiltin(this, args);
    return BUILTINS.get(name)?.(this, args);
  }

  protected override variable(name: string): string | undefined {
    return name === "!" ? String(this.jobs.lastPid ?? "") : super.variable(name);
  }

  /** `source FILE` / `. FILE`: the file's lines run in this shell (its variables and aliases stay). */
  private source(name: string, args: string[]): ExecResult {
    const file = args[0];
    if (file === undefined) {
      return { exitCode: 2, stdout: "", stderr: `bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n` };
    }
    if (file.startsWith("/dev/fd/")) return { exitCode: 0, stdout: "", stderr: "" }; // <(completion …): nothing to define here
    const text = this.host.fs.read(file);
    if (text === undefined) return { exitCode: 1, stdout: "", stderr: `bash: ${file}: No such file or directory\n` };
    return this.nested(text, `bash: ${file}: nested too deeply\n`, 1);
  }

  private ssh(args: string[], stdin: string): ExecResult {
    const parsed = parseSsh(args);
    if ("error" in parsed) return { exitCode: 255, stdout: "", stderr: parsed.error };
    const target = this.world.hostByAddress(parsed.dest);
    if (!target) {
      return { exitCode: 255, stdout: "", stderr: `ssh: Could not resolve hostname ${parsed.dest}: Name or service not known\n` };
    }
    if (!target.up) {
      return { exitCode: 255, stdout: "", stderr: `ssh: connect to host ${parsed.dest} port 22: No route to host\n` };
    }
    this.hostStack.push({ host: target });
    if (parsed.command === undefined) return { exitCode: 0, stdout: "", stderr: "" };
    this.inheritedStdin = stdin;
    try {
      return this.nested(parsed.command, "ssh: nesting too deep\n", 255);
    } finally {
      this.inheritedStdin = undefined;
      this.hostStack.pop();
    }
  }

  /** A script run inside this command (`source`, `ssh HOST CMD`): its output is the command's. */
  private nested(script: string, tooDeep: string, tooDeepCode: number): ExecResult {
    if (this.depth >= SHELL_LIMITS.depth) return { exitCode: tooDeepCode, stdout: "", stderr: tooDeep };
    this.depth++;
    try {
      const out = new Output();
      for (const line of parseScript(script)) {
        const step = this.runLine(line);
        out.stdout += step.stdout;
        out.stderr += step.stderr;
      }
      return { exitCode: this.lastExit, stdout: out.stdout, stderr: out.stderr };
    } finally {
      this.depth--;
    }
  }
}
