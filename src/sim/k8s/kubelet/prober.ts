// Mirrors pkg/kubelet/prober (worker.go, prober.go): each probe ticks every periodSeconds from
// the container's start, skips until initialDelaySeconds have passed (and, for liveness and
// readiness, until the startup probe succeeded), and flips its result only after
// successThreshold / failureThreshold consecutive outcomes. Results are typed; the event and
// status strings are made in one place here.

import type { Container, Probe } from "../controllers/model";
import type { ContainerProcess } from "./cri";

export type ProbeType = "Liveness" | "Readiness" | "Startup";

export interface ProbeState {
  type: ProbeType;
  spec: Probe;
  /** Next tick (ms). */
  nextAt: number;
  successes: number;
  failures: number;
  /** Current result: undefined until the threshold decided it. */
  result?: boolean;
  /** Ticks before this moment are known to succeed and run late, in a batch (probe-deferral.ts). */
  steadyUntil?: number;
}

export const probeFailedMessage = (type: ProbeType, output: string): string => `${type} probe failed: ${output}`;
export const failedProbeKillMessage = (container: string, type: "liveness" | "startup"): string =>
  `Container ${container} failed ${type} probe, will be restarted`;

export function newProbeState(type: ProbeType, spec: Probe, startedAt: number): ProbeState {
  const period = Math.max(1, spec.periodSeconds ?? 10) * 1000;
  const delay = Math.max(0, spec.initialDelaySeconds ?? 0) * 1000;
  return { type, spec, nextAt: startedAt + Math.ceil(delay / period) * period, successes: 0, failures: 0 };
}

function resolvePort(port: number | string, c: Container): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

/** Runs one probe now: [success, failure output]. */
export function runProbe(spec: Probe, c: Container, ip: string, proc: ContainerProcess, now: number): [boolean, string] {
  if (spec.httpGet) {
    const port = resolvePort(spec.httpGet.port, c);
    const scheme = (spec.httpGet.scheme ?? "HTTP").toLowerCase();
    const host = spec.httpGet.host || ip;
    let path = spec.httpGet.path ?? "/";
    if (!path.startsWith("/")) path = `/${path}`;
    const url = `${scheme}://${host}:${port ?? spec.httpGet.port}${path}`;
    if (port === undefined) return [false, `Get "${url}": dial tcp: address ${spec.httpGet.port}: missing port in address`];
    const r = proc.httpGet(port, path, now);
    switch (r.kind) {
      case "response":
        return r.status >= 200 && r.status < 400 ? [true, ""] : [false, `HTTP probe failed with statuscode: ${r.status}`];
      case "refused":
        return [false, `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`];
      case "closed":
        return [false, `Get "${url}": EOF`];
      case "timeout":
        return [false, `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`];
    }
  }
  if (spec.tcpSocket) {
    const port = resolvePort(spec.tcpSocket.port, c);
    const host = spec.tcpSocket.host || ip;
    if (port !== undefined && proc.listening(port, now)) return [true, ""];
    return [false, `dial tcp ${host}:${port ?? spec.tcpSocket.port}: connect: connection refused`];
  }
  if (spec.exec) {
    // ExecProbeTimeout (GA): a command still running after timeoutSeconds fails the probe.
    const cmd = spec.exec.command ?? [];
    const r = proc.exec(cmd, now, { timeoutMs: Math.max(1, spec.timeoutSeconds ?? 1) * 1000 });
    if (r.timedOut) return [false, `command ${JSON.stringify(cmd.join(" "))} timed out`];
    return r.exitCode === 0 ? [true, ""] : [false, (r.stdout + r.stderr).replace(/\n$/, "")];
  }
  if (spec.grpc) {
    return proc.listening(spec.grpc.port, now) ? [true, ""] : [false, `timeout: failed to connect service ":${spec.grpc.port}" within 1s: context deadline exceeded`];
  }
  return [true, ""];
}

/**
 * Applies one outcome; returns "failed" when the failure threshold was just reached,
 * "succeeded" when the success threshold was, else undefined.
 */
export function recordOutcome(state: ProbeState, ok: boolean): "failed" | "succeeded" | undefined {
  const period = Math.max(1, state.spec.periodSeconds ?? 10) * 1000;
  state.nextAt += period;
  if (ok) {
    state.failures = 0;
    state.successes++;
    if (state.result !== true && state.successes >= Math.max(1, state.spec.successThreshold ?? 1)) {
      state.result = true;
      return "succeeded";
    }
  } else {
    state.successes = 0;
    state.failures++;
    if (state.result !== false && state.failures >= Math.max(1, state.spec.failureThreshold ?? 3)) {
      state.result = false;
      return "failed";
    }
  }
  return undefined;
}
