// Mirrors pkg/probe (http, tcp, exec) of the kubelet: a probe's outcome against a container and
// the exact failure text of the `Unhealthy` event ("Liveness probe failed: …"; images.md §3.4,
// kubernetes.md §13.5). The kubelet owns timing and thresholds; this file answers one probe.

import type { ContainerProcess } from "./process";

export type ProbeHandler =
  | { httpGet: { port: number; path?: string; host?: string; scheme?: "HTTP" | "HTTPS" } }
  | { tcpSocket: { port: number } }
  | { exec: { command: string[] } }
  | { grpc: { port: number } };

export interface ProbeResult {
  success: boolean;
  /** The text after "Liveness probe failed: " (empty on success). */
  message: string;
}

export const httpStatusFailure = (status: number): string => `HTTP probe failed with statuscode: ${status}`;
export const connectionRefused = (url: string, ip: string, port: number): string =>
  `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused`;
export const tcpRefused = (ip: string, port: number): string => `dial tcp ${ip}:${port}: connect: connection refused`;
export const execTimedOut = (command: string[], seconds: number): string =>
  `command "${command.join(" ")}" timed out after ${seconds}s`;

/** Runs one probe now. `ip` is the pod/container IP used in messages; timeouts in ms. */
export function runProbe(proc: ContainerProcess, handler: ProbeHandler, ip: string, timeoutMs = 1000, userAgent = "kube-probe/1.30"): ProbeResult {
  if ("httpGet" in handler) {
    const { port, path = "/", scheme = "HTTP" } = handler.httpGet;
    const host = handler.httpGet.host ?? ip;
    const url = `${scheme.toLowerCase()}://${host}:${port}${path}`;
    const r = proc.httpGet(port, path, { userAgent, client: "10.244.0.1", host: `${host}:${port}` });
    if (r.kind === "refused") return { success: false, message: connectionRefused(url, host, port) };
    if (r.kind === "closed" || r.kind === "unresolved") return { success: false, message: `Get "${url}": EOF` };
    // Nothing answered before the probe's client gave up (Go's http.Client with its Timeout).
    if (r.kind === "timeout") return { success: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (r.status >= 200 && r.status < 400) return { success: true, message: "" };
    return { success: false, message: httpStatusFailure(r.status) };
  }
  if ("tcpSocket" in handler) {
    const { port } = handler.tcpSocket;
    return proc.tcpConnect(port) ? { success: true, message: "" } : { success: false, message: tcpRefused(ip, port) };
  }
  if ("grpc" in handler) {
    const { port } = handler.grpc;
    return proc.tcpConnect(port)
      ? { success: true, message: "" }
      : { success: false, message: `timeout: failed to connect service ":${port}" within 1s: context deadline exceeded` };
  }
  const r = proc.exec(handler.exec.command, { timeoutMs });
  if (r.error) return { success: false, message: `OCI runtime exec failed: exec failed: unable to start container process: ${r.error}: unknown` };
  if (r.timedOut) return { success: false, message: execTimedOut(handler.exec.command, timeoutMs / 1000) };
  return { success: r.exitCode === 0, message: r.exitCode === 0 ? "" : (r.stdout + r.stderr).replace(/\n$/, "") };
}
