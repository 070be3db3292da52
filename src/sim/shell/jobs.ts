// Background jobs (`cmd &`) as an interactive bash keeps them: the job table, its numbers and
// PIDs, the `[1] 4243` line on start, the notices (`[1]+  Done                    sleep 10`)
// printed before the next prompt, and the builtins that act on it (jobs, wait, kill). Checked
// against bash 5.2 run interactively.
//
// The simulator runs one command at a time, so a job runs when it starts, as far as it can
// without time passing: a program that would keep running (`sleep 30`, `kubectl port-forward`)
// tells the shell until when (ExecResult.runsUntil), and the rest of the job's list waits until
// the clock has passed that moment, checked at the end of each step. A program that waits by
// itself inside a job (`kubectl rollout status … &`) still waits then, as if in the foreground.
//
// When a notice appears: bash reports a job's end before it draws the next prompt, once it has
// noticed the end. A job that ends while a later command runs (its sleep elapsed) is reported at
// the end of that command; one that ends at once (`echo hi &`, `kill %1`) is reported after the
// next command, as an interactive bash does (the prompt is drawn before the job is reaped).

import type { AndOr, Pipeline } from "./ast";

/** How a job ended. */
export type JobEnd =
  | { kind: "exit"; code: number }
  | { kind: "signal"; signal: string };

export interface Job {
  readonly n: number;
  readonly pid: number;
  /** The command as bash shows it (`sleep 30`; `jobs` adds ` &` while it runs). */
  readonly text: string;
  readonly list: AndOr;
  /** Index of the next pipeline of the list to run ([first, ...rest]). */
  next: number;
  /** Exit status of the last pipeline run (decides `&&`/`||`). */
  lastCode: number;
  /** A pipeline of the job runs until then (virtual ms); Infinity: until killed. */
  until?: number;
  /** What to undo when the job ends or is killed (a port-forward's listener). */
  readonly releases: (() => void)[];
  /** Its running programs' later output and own end (ExecResult.poll). */
  readonly polls: (() => { stdout: string; stderr: string; exitCode?: number })[];
  readonly startedStep: number;
  end?: JobEnd;
  endedStep?: number;
  /** Ended by time passing (reported at the end of the step it ended in). */
  timedEnd?: boolean;
}

/** Signals by name and number, with the words bash prints for a job they ended (strsignal). */
const SIGNALS: readonly (readonly [string, number, string])[] = [
  ["HUP", 1, "Hangup"], ["INT", 2, "Interrupt"], ["QUIT", 3, "Quit"], ["KILL", 9, "Killed"],
  ["USR1", 10, "User defined signal 1"], ["USR2", 12, "User defined signal 2"], ["TERM", 15, "Terminated"],
];

export function signalByName(spec: string): (readonly [string, number, string]) | undefined {
  const s = spec.toUpperCase().replace(/^SIG/, "");
  return /^\d+$/.test(s) ? SIGNALS.find((x) => x[1] === Number(s)) : SIGNALS.find((x) => x[0] === s);
}

export function endStatus(end: JobEnd): number {
  return end.kind === "exit" ? end.code : 128 + (signalByName(end.signal)?.[1] ?? 15);
}

function statusWord(job: Job): string {
  if (!job.end) return "Running";
  if (job.end.kind === "signal") return signalByName(job.end.signal)?.[2] ?? "Terminated";
  return job.end.code === 0 ? "Done" : `Exit ${job.end.code}`;
}

export class JobTable {
  private readonly jobs: Job[] = [];
  private nextPid = 4243;
  /** `$!`: the PID of the last job started (empty until one is). */
  lastPid?: number;

  get list(): readonly Job[] {
    return this.jobs;
  }

  start(text: string, list: AndOr, step: number): Job {
    const n = this.jobs.reduce((m, j) => Math.max(m, j.n), 0) + 1;
    const job: Job = { n, pid: this.nextPid++, text, list, next: 0, lastCode: 0, releases: [], polls: [], startedStep: step };
    this.jobs.push(job);
    this.lastPid = job.pid;
    return job;
  }

  finish(job: Job, end: JobEnd, step: number, timed = false): void {
    if (job.end) return;
    job.end = end;
    job.endedStep = step;
    job.timedEnd = timed;
    job.until = undefined;
    job.polls.length = 0;
    for (const r of job.releases.splice(0)) r();
  }

  /**
   * What the jobs' running programs printed during step `step` (it reaches the terminal then),
   * and the end of those that ended by themselves.
   */
  poll(step: number, out: { stdout: string; stderr: string }): void {
    for (const job of this.jobs) {
      for (const p of [...job.polls]) {
        const r = p();
        out.stdout += r.stdout;
        out.stderr += r.stderr;
        if (r.exitCode !== undefined) {
          job.lastCode = r.exitCode;
          this.finish(job, { kind: "exit", code: r.exitCode }, step, true);
        }
      }
    }
  }

  /** `%N`, `%%`, `%+`, `%-`, `%string` (a job whose command starts with it). */
  find(spec: string): Job | undefined {
    if (!spec.startsWith("%")) return undefined;
    const s = spec.slice(1);
    if (s === "" || s === "%" || s === "+") return this.jobs[this.jobs.length - 1];
    if (s === "-") return this.jobs[this.jobs.length - 2] ?? this.jobs[this.jobs.length - 1];
    if (/^\d+$/.test(s)) return this.jobs.find((j) => j.n === Number(s));
    return this.jobs.find((j) => j.text.startsWith(s));
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.pid === pid);
  }

  /** `+` for the current job (the last started), `-` for the previous one. */
  private mark(job: Job): string {
    const i = this.jobs.indexOf(job);
    return i === this.jobs.length - 1 ? "+" : i === this.jobs.length - 2 ? "-" : " ";
  }

  /** One line as `jobs` and the notices print it (`-l` adds the PID). */
  line(job: Job, withPid = false): string {
    const status = statusWord(job).padEnd(24);
    const text = job.end ? job.text : `${job.text} &`;
    return withPid ? `[${job.n}]${this.mark(job)} ${job.pid} ${status}${text}\n` : `[${job.n}]${this.mark(job)}  ${status}${text}\n`;
  }

  /** Lines for `jobs` (all, or those given); ended jobs are reported and leave the table. */
  describe(jobs: readonly Job[], withPid: boolean): string {
    const out = jobs.map((j) => this.line(j, withPid)).join("");
    this.forget(jobs.filter((j) => j.end));
    return out;
  }

  /** The notices due before the prompt that follows step `step`; the jobs reported leave the table. */
  notices(step: number): string {
    const due = this.jobs.filter((j) => j.end && ((j.endedStep ?? 0) < step || (j.timedEnd && j.startedStep < step)));
    if (due.length === 0) return "";
    const out = due.map((j) => this.line(j)).join("");
    this.forget(due);
    return out;
  }

  forget(jobs: readonly Job[]): void {
    for (const j of jobs) {
      const i = this.jobs.indexOf(j);
      if (i >= 0) this.jobs.splice(i, 1);
    }
  }
}

/**
 * Runs a job's pipelines from where it stopped (`&&`/`||` as in the foreground) until one keeps
 * running past `now` (its `until`) or the list ends; true when it ended.
 */
export function runJobList(job: Job, now: number, run: (p: Pipeline) => { code: number; until?: number }): boolean {
  const parts = [{ op: undefined, pipeline: job.list.first }, ...job.list.rest];
  while (job.next < parts.length) {
    const { op, pipeline } = parts[job.next++]!;
    if (op && (op === "&&") !== (job.lastCode === 0)) continue;
    const r = run(pipeline);
    job.lastCode = r.code;
    if (r.until !== undefined && r.until > now) {
      job.until = r.until;
      return false;
    }
  }
  return true;
}

/**
 * A job's command as bash prints it (make_command_string): the words as typed, one blank
 * between them, a redirection's operator apart from its file (`&>/dev/null` → `&> /dev/null`;
 * `2>&1` stays). Quoted text is left as it is.
 */
export function jobText(src: string): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      out += c;
      if (c === "\\" && quote === '"' && i + 1 < src.length) out += src[++i];
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === "\\" && i + 1 < src.length) { out += c + src[++i]; continue; }
    if (c === " " || c === "\t") {
      if (!out.endsWith(" ")) out += " ";
      continue;
    }
    out += c;
    // After a redirection operator (not a dup such as 2>&1), bash writes a blank before the file.
    if ((c === ">" || c === "<") && src[i + 1] !== ">" && src[i + 1] !== "&" && src[i + 1] !== " " && src[i + 1] !== "(" && i + 1 < src.length) out += " ";
  }
  return out.trim();
}
