// `jobs`, `wait` and `kill` over the shell's job table (jobs.ts), with bash 5.2's messages and
// exit statuses. `wait` lets virtual time pass until the jobs it waits for end; a job that would
// run until killed (a port-forward) is not waited for (a real `wait` blocks until Ctrl-C).

import type { ExecResult } from "../programs/registry";
import type { World } from "../world";
import { endStatus, signalByName, type Job, type JobTable } from "./jobs";

export interface JobHost {
  readonly jobs: JobTable;
  readonly world: World;
  readonly step: number;
  /** Runs what of each job is due now that time has passed (jobs whose `until` came). */
  resumeDue(out: { stdout: string; stderr: string }): void;
}

const result = (exitCode: number, stdout: string, stderr: string): ExecResult => ({ exitCode, stdout, stderr });

/** `jobs [-l|-p] [JOBSPEC…]`. */
export function jobsBuiltin(sh: JobHost, args: string[]): ExecResult {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-");
  const specs = args.filter((a) => !a.startsWith("-") || a === "-");
  for (const f of flags) {
    const bad = [...f.slice(1)].find((c) => !"lpnrs".includes(c));
    if (bad) return result(2, "", `bash: jobs: -${bad}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n`);
  }
  let err = "";
  const chosen: Job[] = [];
  for (const s of specs) {
    const j = sh.jobs.find(s);
    if (j) chosen.push(j);
    else err += `bash: jobs: ${s}: no such job\n`;
  }
  const jobs = specs.length ? chosen : [...sh.jobs.list];
  if (flags.some((f) => f.includes("p"))) return result(err ? 1 : 0, jobs.map((j) => `${j.pid}\n`).join(""), err);
  return result(err ? 1 : 0, sh.jobs.describe(jobs, flags.some((f) => f.includes("l"))), err);
}

/** `wait [%N|PID…]`: lets time pass until those jobs (all, without arguments) have ended. */
export function waitBuiltin(sh: JobHost, args: string[]): ExecResult {
  const out = { stdout: "", stderr: "" };
  let targets: Job[] = [];
  let status = 0;
  for (const a of args) {
    const job = a.startsWith("%") ? sh.jobs.find(a) : /^\d+$/.test(a) ? sh.jobs.byPid(Number(a)) : undefined;
    if (job) { targets.push(job); continue; }
    if (a.startsWith("%")) out.stderr += `bash: wait: ${a}: no such job\n`;
    else if (/^\d+$/.test(a)) out.stderr += `bash: wait: pid ${a} is not a child of this shell\n`;
    else out.stderr += `bash: wait: \`${a}': not a pid or valid job spec\n`;
    status = 127;
  }
  if (args.length === 0) targets = [...sh.jobs.list];
  // Each round ends at least one job's pipeline: bounded by the jobs' lengths.
  for (let round = 0; round < 1000; round++) {
    const running = targets.filter((j) => !j.end && j.until !== undefined && Number.isFinite(j.until));
    if (running.length === 0) break;
    const next = Math.min(...running.map((j) => j.until!));
    if (next > sh.world.now) sh.world.advance(next - sh.world.now);
    sh.resumeDue(out);
  }
  const ended = targets.filter((j) => j.end);
  if (ended.length) {
    out.stderr += ended.map((j) => sh.jobs.line(j)).join("");
    sh.jobs.forget(ended);
  }
  const last = targets[targets.length - 1];
  if (args.length && last?.end && status === 0) status = endStatus(last.end);
  return result(status, out.stdout, out.stderr);
}

/** `kill [-s SIG | -SIG | -n NUM] PID|JOBSPEC…`: only the shell's own jobs are processes here. */
export function killBuiltin(sh: JobHost, args: string[]): ExecResult {
  const usage = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";
  let signal = "TERM";
  const rest = [...args];
  if (rest[0] === "-s" || rest[0] === "-n") {
    rest.shift();
    const spec = rest.shift();
    if (spec === undefined) return result(2, "", `bash: kill: ${args[0]}: option requires an argument\n${usage}`);
    const sig = signalByName(spec);
    if (!sig) return result(1, "", `bash: kill: ${spec}: invalid signal specification\n`);
    signal = sig[0];
  } else if (rest[0]?.startsWith("-") && rest[0] !== "-" && rest[0] !== "--") {
    const spec = rest.shift()!.slice(1);
    const sig = signalByName(spec);
    if (!sig) return result(1, "", `bash: kill: ${spec}: invalid signal specification\n`);
    signal = sig[0];
  }
  if (rest[0] === "--") rest.shift();
  if (rest.length === 0) return result(2, "", usage);
  let err = "";
  for (const a of rest) {
    const job = a.startsWith("%") ? sh.jobs.find(a) : /^-?\d+$/.test(a) ? sh.jobs.byPid(Number(a)) : undefined;
    if (a.startsWith("%") && (!job || job.end)) { err += `bash: kill: ${a}: no such job\n`; continue; }
    if (!a.startsWith("%") && !/^-?\d+$/.test(a)) { err += `bash: kill: ${a}: arguments must be process or job IDs\n`; continue; }
    if (!job || job.end) { err += `bash: kill: (${a}) - No such process\n`; continue; }
    sh.jobs.finish(job, { kind: "signal", signal }, sh.step);
  }
  return result(err ? 1 : 0, "", err);
}
