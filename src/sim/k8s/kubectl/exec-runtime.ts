// Runs a `kubectl exec` command inside a pod's container: the container shell of src/sim/runtime
// (printenv, env, cat, ls, echo, sh -c "…", wget/curl) on the container's own filesystem and
// environment, with HTTP from inside the pod reaching the cluster the way kube-proxy and CoreDNS
// would: `localhost` (any container of the same pod), a Service name (`web`, `web.ns`,
// `web.ns.svc.cluster.local`) or ClusterIP (→ a ready endpoint's targetPort), a pod IP, or any
// node's IP on a nodePort (kube-proxy answers on every node).
//
// The kubelet's CRI adapter keeps the process's filesystem, config and daemon private and its
// exec() knows only a few commands; this module reads those fields structurally and falls back
// to the CRI's exec() when they are not there. (A kubelet-side exec on the full runtime shell
// would make this bridge unnecessary.)

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { Kubelets } from "../kubelet";
import type { ContainerConfig, ContainerProcess } from "../kubelet/cri";
import type { ContainerRecord } from "../kubelet/records";
import { execInContainer, ociExecFailed } from "../../runtime/exec";
import { ContainerFs } from "../../runtime/fs";
import { serveHttp, type HttpResult } from "../../runtime/http";
import { findProgram } from "../../runtime/programs";
import type { DaemonRun } from "../../runtime/daemon";
import type { ShellHost } from "../../runtime/shell/types";

type Obj = Record<string, any>;

/** What the CRI adapter's process holds (private fields, read structurally). */
interface AdapterInternals {
  config?: ContainerConfig;
  fs?: ContainerFs;
  daemon?: DaemonRun;
}

export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The kubelet's record of a pod's container, if the pod runs on a kubelet. */
export function containerRecord(cluster: KubeCluster, pod: KObject, name: string): ContainerRecord | undefined {
  const kubelets = cluster.logSource;
  if (!(kubelets instanceof Kubelets)) return undefined;
  const rec = kubelets.records.get(pod.metadata.uid);
  return rec?.containers.find((c) => c.name === name) ?? rec?.initContainers.find((c) => c.name === name);
}

/** An HTTP GET answered by a container process (its program's HTTP routes and files). */
function httpFromProcess(proc: ContainerProcess | undefined, port: number, path: string, now: number, host: string): HttpResult {
  if (!proc) return { kind: "refused" };
  const d = (proc as unknown as AdapterInternals).daemon;
  const fs = (proc as unknown as AdapterInternals).fs;
  if (!d || !fs) {
    const r = proc.httpGet(port, path, now);
    return r.kind === "response" ? { kind: "response", status: r.status, body: "", headers: {} } : r.kind === "timeout" ? { kind: "closed" } : r;
  }
  if (!d.listening(port, now)) return { kind: "refused" };
  const spec = d.plan.http;
  if (!spec || spec.dropsHttp) return { kind: "closed" };
  return serveHttp(spec, { path, userAgent: "Wget", client: "10.244.0.1", host }, {
    now, startedAt: d.startedAt, fs, argv: d.ctx.argv, env: d.ctx.env, vars: d.vars,
  });
}

/** The pod's containers answering on a port (the first one listening wins). */
function httpToPod(cluster: KubeCluster, pod: KObject, port: number, path: string, host: string): HttpResult {
  const now = cluster.world.now;
  let last: HttpResult = { kind: "refused" };
  for (const c of ((pod.spec as Obj).containers ?? []) as Obj[]) {
    const rec = containerRecord(cluster, pod, c.name);
    if (!rec?.proc || rec.terminated) continue;
    const r = httpFromProcess(rec.proc, port, path, now, host);
    if (r.kind === "response") return r;
    if (r.kind === "closed") last = r;
  }
  return last;
}

function readyPodsFor(cluster: KubeCluster, svc: Obj): KObject[] {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  if (!sel || !Object.keys(sel).length) return [];
  return cluster.store.list("Pod", svc.metadata.namespace)
    .filter((p) => Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v))
    .filter((p) => !p.metadata.deletionTimestamp && ((p.status as Obj)?.conditions ?? []).some((c: Obj) => c.type === "Ready" && c.status === "True"))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** targetPort of a Service port: a number, or a named container port of the pod. */
function targetPortOn(pod: KObject, target: unknown, fallback: number): number {
  if (typeof target === "number") return target;
  if (typeof target === "string" && /^\d+$/.test(target)) return Number(target);
  if (typeof target === "string") {
    for (const c of ((pod.spec as Obj).containers ?? []) as Obj[]) for (const p of (c.ports ?? []) as Obj[]) if (p.name === target) return p.containerPort;
    return -1;
  }
  return fallback;
}

/** Resolves a host the way CoreDNS answers a pod in namespace `ns` (search path ns.svc.cluster.local). */
function resolveService(cluster: KubeCluster, host: string, ns: string): Obj | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  const services = cluster.store.list("Service") as Obj[];
  const byIp = services.find((s) => s.spec?.clusterIP === h);
  if (byIp) return byIp;
  const parts = h.replace(/\.svc\.cluster\.local$|\.svc$/, "").split(".");
  if (parts.length > 2) return undefined;
  const [name, namespace = ns] = parts as [string, string?];
  return services.find((s) => s.metadata.name === name && s.metadata.namespace === namespace);
}

/** The Node whose InternalIP (or any address) is `ip`. */
function nodeByIP(cluster: KubeCluster, ip: string): KObject | undefined {
  return cluster.store.list("Node").find((n) => (((n.status as Obj)?.addresses ?? []) as Obj[]).some((a) => a.address === ip));
}

/** kube-proxy on `node`: every node answers on every nodePort, DNATed to a ready endpoint
 *  (with externalTrafficPolicy Local, only to endpoints on that node). Nothing else listens. */
function nodePortHttp(cluster: KubeCluster, node: KObject, port: number, path: string, host: string): HttpResult | undefined {
  const svcs = (cluster.store.list("Service") as Obj[]).filter((s) => s.spec?.type === "NodePort" || s.spec?.type === "LoadBalancer");
  for (const svc of svcs) {
    const sp = ((svc.spec?.ports ?? []) as Obj[]).find((p) => p.nodePort === port && (p.protocol ?? "TCP") === "TCP");
    if (!sp) continue;
    const local = svc.spec?.externalTrafficPolicy === "Local";
    for (const backend of readyPodsFor(cluster, svc)) {
      if (local && (backend.spec as Obj)?.nodeName !== node.metadata.name) continue;
      const tp = targetPortOn(backend, sp.targetPort, sp.port);
      if (tp < 0) continue;
      return httpToPod(cluster, backend, tp, path, host);
    }
    return { kind: "refused" }; // kube-proxy REJECTs a Service without (local) endpoints
  }
  return undefined;
}

/** HTTP from inside `pod` to `url`. */
export function podHttp(cluster: KubeCluster, pod: KObject, url: string): HttpResult {
  const m = /^[a-z]+:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(url);
  if (!m) return { kind: "unresolved" };
  const host = m[1]!;
  const port = m[2] ? Number(m[2]) : url.toLowerCase().startsWith("https") ? 443 : 80;
  const path = m[3] ?? "/";
  if (host === "localhost" || host === "127.0.0.1" || host === (pod.status as Obj)?.podIP) return httpToPod(cluster, pod, port, path, host);
  const node = nodeByIP(cluster, host);
  const viaNodePort = node ? nodePortHttp(cluster, node, port, path, host) : undefined;
  if (viaNodePort) return viaNodePort;
  // Pods at that IP: one pod, or the hostNetwork pods of a node (which share the node's IP).
  const targets = cluster.store.list("Pod").filter((p) => (p.status as Obj)?.podIP === host);
  if (targets.length) {
    let last: HttpResult = { kind: "refused" };
    for (const t of targets) {
      const r = httpToPod(cluster, t, port, path, host);
      if (r.kind === "response") return r;
      if (r.kind === "closed") last = r;
    }
    return last;
  }
  if (node) return { kind: "refused" };
  const svc = resolveService(cluster, host, pod.metadata.namespace ?? "default");
  if (!svc) return { kind: "unresolved" };
  if (svc.spec?.type === "ExternalName") return { kind: "unresolved" };
  const sp = ((svc.spec?.ports ?? []) as Obj[]).find((p) => p.port === port);
  if (!sp) return { kind: "refused" };
  for (const backend of readyPodsFor(cluster, svc)) {
    const tp = targetPortOn(backend, sp.targetPort, sp.port);
    if (tp < 0) continue;
    return httpToPod(cluster, backend, tp, path, host);
  }
  return { kind: "refused" };
}

/** Runs argv in a running container; the CRI's exec when the process's internals are not there. */
export function execInPod(cluster: KubeCluster, pod: KObject, rec: ContainerRecord, argv: string[], stdin: string): ExecOutcome {
  const proc = rec.proc!;
  const now = cluster.world.now;
  proc.advance(now);
  const inner = proc as unknown as AdapterInternals;
  if (!(inner.fs instanceof ContainerFs) || !inner.config) return proc.exec(argv, now);
  const config = inner.config;
  const image = config.image;
  const host: ShellHost = {
    fs: inner.fs,
    hostname: config.hostname,
    now: () => now,
    tools: new Set(image.tools),
    isProgram: (a) => findProgram(image, a) !== undefined,
    http: (url) => podHttp(cluster, pod, url),
    listening: (port) => proc.listening(port, now),
    budget: { steps: 0, instantSteps: 0 },
  };
  const env: Record<string, string> = { ...image.env, HOSTNAME: config.hostname, ...config.env };
  if (!env.HOME) env.HOME = "/root";
  const r = execInContainer(argv, host, env, config.workingDir || image.workingDir || "/", { stdin, timeoutMs: 60_000 });
  if (r.error) return { exitCode: 126, stdout: "", stderr: ociExecFailed(r.error) + "\n" };
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}
