// `docker exec`, `kubectl exec` and exec probes: a command run to completion inside a running
// container, on its filesystem and environment. It takes no virtual time — sleeps are added up in
// `durationMs` so callers can compare with a probe's timeoutSeconds — and a command that would
// never finish (tail -f, a loop without end) comes back as timedOut.

import { normalizePath, type ContainerFs } from "./fs";
import { checksPermissions, resolveIdentity } from "./identity";
import { execNotFound, execPermissionDenied, SHELL_NAMES, basename } from "./programs";
import { BudgetExceeded, Shell } from "./shell/interpreter";
import type { Io, ShellHost } from "./shell/types";
import type { NetworkHooks } from "./types";

export interface ExecOptions {
  workingDir?: string;
  /** Extra environment (`docker exec -e`). */
  env?: Record<string, string>;
  /** Another user for this command (`docker exec -u`): "UID[:GID]" or a name. */
  user?: string;
  stdin?: string;
  /** A probe's timeout: longer runs come back as timedOut. */
  timeoutMs?: number;
  /**
   * The network as seen from the container for this command (`kubectl exec` passes the cluster's
   * Services and DNS); overrides the container's own hooks. Given per command, not kept.
   */
  network?: NetworkHooks;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Virtual time the command would have taken. */
  durationMs?: number;
  timedOut?: boolean;
  /** The command could not start: runc's message (`exec: "bash": executable file not found in $PATH`). */
  error?: string;
  /** The daemon could not resolve the exec's user (`unable to find user x: …`). */
  userError?: string;
  /** Both streams in the order written (what `2>&1` on the client keeps). */
  combined?: string;
}

/** `OCI runtime exec failed: …` as docker exec and kubectl exec print it around `error`. */
/**
 * How long one attached exec (`docker exec`, `docker compose exec`, `kubectl exec`) may keep the
 * replay waiting. The real clients have no limit of their own: they return when the command does
 * (`sleep 30`, a wget's 127 s connect timeout, `curl -m 600`). The bound is the shell's own
 * `sleep` cap (a day), far past any tool's timeout; only a command that would run longer — or
 * never end (`tail -f`) — comes back as timed out (124).
 */
export const EXEC_WAIT_BUDGET_MS = 24 * 3_600_000;

/**
 * The time an exec's command spent waiting, which the caller lets pass on the world's clock once
 * the command (run to its end at once) returns: none for a command cut off as never ending — the
 * replay cannot know when the student interrupted it.
 */
export function execWaitedMs(r: Pick<ExecResult, "timedOut" | "durationMs">): number {
  const waited = r.durationMs ?? 0;
  return !r.timedOut && waited > 0 && Number.isFinite(waited) ? Math.min(waited, EXEC_WAIT_BUDGET_MS) : 0;
}

export const ociExecFailed = (error: string): string =>
  `OCI runtime exec failed: exec failed: unable to start container process: ${error}: unknown`;

export function execInContainer(argv: string[], host: ShellHost, env: Record<string, string>, cwd: string, options: ExecOptions): ExecResult {
  const name = argv[0];
  if (name === undefined) return { exitCode: 126, stdout: "", stderr: "", error: "exec: no command" };
  const base = basename(name);
  const isFile = name.includes("/") && host.fs.isFile(normalizePath(name, cwd));
  if (!host.tools.has(base) && !host.isProgram(argv) && !(isFile && host.tools.has("sh"))) {
    return { exitCode: 126, stdout: "", stderr: "", error: execNotFound(name) };
  }
  // execve's EACCES: a file named by its path without x bits (even one called like a tool).
  if (isFile && host.fs.executable && !host.fs.executable(normalizePath(name, cwd))) {
    return { exitCode: 126, stdout: "", stderr: "", error: execPermissionDenied(name) };
  }
  if (host.isProgram(argv) && !SHELL_NAMES.has(base)) {
    // A program that ends at once answers (`nginx -t`, `node --version`); a daemon started by exec is not followed.
    const quick = host.runProgram?.(argv, { ...env, ...options.env });
    return quick ? { ...quick, durationMs: 0 } : { exitCode: 0, stdout: "", stderr: "", durationMs: 0 };
  }

  let stdout = "";
  let stderr = "";
  let combined = "";
  const io: Io = { stdin: options.stdin ?? "", out: (s) => { stdout += s; combined += s; }, err: (s) => { stderr += s; combined += s; } };
  const local: ShellHost = { ...host, budget: { steps: 0, instantSteps: 0 } };
  const shell = new Shell(local, { ...env, ...options.env }, cwd);
  const gen = isFile && !host.tools.has(base) ? shell.entry(["sh", name, ...argv.slice(1)], io, false) : shell.entry(argv, io, false);

  let duration = 0;
  const limit = options.timeoutMs ?? Infinity;
  try {
    let step = gen.next();
    while (!step.done) {
      const e = step.value;
      if (e.kind === "sleep") {
        duration += e.ms;
        local.budget.instantSteps = 0;
        if (duration > limit || e.ms === Infinity) return { exitCode: 124, stdout, stderr, combined, durationMs: duration, timedOut: true };
      } else if (e.kind === "spawn") {
        // background jobs of an exec'd command are not followed
      }
      step = gen.next(e.kind === "run" ? 0 : undefined);
    }
    return { exitCode: step.value, stdout, stderr, combined, durationMs: duration };
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    return { exitCode: 124, stdout, stderr, combined, durationMs: Infinity, timedOut: true };
  }
}

/**
 * execInContainer as the exec's user (`docker exec -u`): the command, and what it writes, run as
 * that user, resolved like PID 1's; without one, as the container's own.
 */
export function execAs(fs: ContainerFs, imageUser: string, argv: string[], host: ShellHost, env: Record<string, string>, cwd: string, options: ExecOptions): ExecResult {
  if (options.user === undefined) return execInContainer(argv, host, env, cwd, options);
  const who = resolveIdentity(fs, options.user);
  if ("error" in who) return { exitCode: 126, stdout: "", stderr: "", userError: who.error };
  return fs.withWriter(who, checksPermissions(fs, imageUser, who), () => execInContainer(argv, { ...host, identity: who }, env, cwd, options));
}
