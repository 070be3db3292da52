// Mirrors pkg/kubelet/lifecycle/handlers.go (HandlerRunner) for postStart and preStop hooks: an
// exec command in the container, an HTTP GET to it, or (1.30, PodLifecycleSleepAction beta) a
// sleep. The kubelet runs postStart right after the container started — a failure kills the
// container — and preStop before SIGTERM, within the grace period. Since 1.26 the events
// (FailedPostStartHook, FailedPreStopHook) no longer carry the handler's output. Also the
// termination message a container leaves (terminationMessagePath / terminationMessagePolicy).

import type { Container, Pod } from "../controllers/model";
import type { ContainerProcess } from "./cri";
import { formatPod } from "./reasons";

export const POST_START_HOOK_FAILED = "PostStartHook failed";
export const PRE_STOP_HOOK_FAILED = "PreStopHook failed";
/** ErrPostStartHook: the waiting reason of a container killed by its failed postStart hook. */
export const POST_START_HOOK_ERROR = "PostStartHookError";

/** A LifecycleHandler as the API holds it. */
export interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string };
  sleep?: { seconds: number };
}

export interface HookOutcome {
  ok: boolean;
  /** How long the handler ran (virtual ms). */
  durationMs: number;
  /** Why it failed, as the handler runner words it (kept for the container's waiting message). */
  message?: string;
}

export function hookOf(c: Container, which: "postStart" | "preStop"): LifecycleHandler | undefined {
  return (c.lifecycle as { postStart?: LifecycleHandler; preStop?: LifecycleHandler } | undefined)?.[which];
}

function resolvePort(port: number | string, c: Container): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

/** Runs one handler now; `timeoutMs` bounds how long it may take (the grace period for preStop). */
export function runHook(h: LifecycleHandler, pod: Pod, c: Container, proc: ContainerProcess, now: number, timeoutMs: number): HookOutcome {
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const r = proc.exec(cmd, now, { timeoutMs });
    const durationMs = Math.min(r.durationMs ?? 0, timeoutMs);
    if (r.exitCode === 0) return { ok: true, durationMs };
    const output = r.stdout + r.stderr;
    return {
      ok: false, durationMs,
      message: `Exec lifecycle hook ([${cmd.join(" ")}]) for Container "${c.name}" in Pod "${formatPod(pod)}" failed - error: command '${cmd.join(" ")}' exited with ${r.exitCode}: ${output}, message: ${JSON.stringify(output)}`,
    };
  }
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port, c);
    const r = port === undefined ? { kind: "refused" as const } : proc.httpGet(port, h.httpGet.path ?? "/", now);
    if (r.kind === "response") return { ok: true, durationMs: 0 };
    const url = `${(h.httpGet.scheme ?? "HTTP").toLowerCase()}://${h.httpGet.host ?? ""}:${h.httpGet.port}${h.httpGet.path ?? "/"}`;
    return { ok: false, durationMs: 0, message: `HTTP lifecycle hook (${h.httpGet.path ?? ""}) for Container "${c.name}" in Pod "${formatPod(pod)}" failed - error: Get "${url}": dial tcp: connect: connection refused` };
  }
  if (h.sleep) return { ok: true, durationMs: Math.min(Math.max(0, h.sleep.seconds) * 1000, timeoutMs) };
  return { ok: true, durationMs: 0 };
}

/** kuberuntime_container.go's limits: the file's first 4 KiB; from the logs, the last 80 lines / 2 KiB. */
const MAX_MESSAGE_BYTES = 4096;
const MAX_LOG_LINES = 80;
const MAX_LOG_BYTES = 2048;

/**
 * getTerminationMessage: what the container wrote to its terminationMessagePath, or — with
 * FallbackToLogsOnError and a failure — the tail of its logs.
 */
export function terminationMessage(c: Container, proc: ContainerProcess, exitCode: number): string | undefined {
  const spec = c as Container & { terminationMessagePath?: string; terminationMessagePolicy?: string };
  const written = proc.readFile?.(spec.terminationMessagePath ?? "/dev/termination-log");
  if (written) return written.slice(0, MAX_MESSAGE_BYTES);
  if (spec.terminationMessagePolicy !== "FallbackToLogsOnError" || exitCode === 0) return undefined;
  const lines = proc.logs().split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const tail = lines.slice(-MAX_LOG_LINES).join("\n") + (lines.length ? "\n" : "");
  return tail ? tail.slice(-MAX_LOG_BYTES) : undefined;
}
