// Runs a `kubectl exec` command inside a pod's container on the container runtime's own shell
// (src/sim/runtime: its environment, programs, PID 1, filesystem), with the network the pod sees
// passed for that command: HTTP reaching the cluster the way kube-proxy and CoreDNS would —
// `localhost` (any container of the same pod), a Service name (`web`, `web.ns`,
// `web.ns.svc.cluster.local`) or ClusterIP (→ a ready endpoint's targetPort), a pod IP, or any
// node's IP on a nodePort (kube-proxy answers on every node) — and DNS answered as CoreDNS does.
// The answering container serves the request through its runtime process, so its access log
// records the caller. (Older CRI processes without `serve` are read structurally.)

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { Kubelets } from "../kubelet";
import { PodNetworkHooks } from "../kubelet/pod-network";
import type { ContainerConfig, ContainerProcess } from "../kubelet/cri";
import type { ContainerRecord } from "../kubelet/records";
import type { Pod } from "../controllers/model";
import type { ContainerFs } from "../../runtime/fs";
import { serveHttp, type HttpResult } from "../../runtime/http";
import type { DaemonRun } from "../../runtime/daemon";
import type { DnsAnswer } from "../../runtime/types";
import { EXEC_WAIT_BUDGET_MS, execWaitedMs } from "../../runtime/exec";

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
  durationMs?: number;
  timedOut?: boolean;
  /** The command could not start (runc's error). */
  startError?: string;
}

/** The kubelet's record of a pod's container, if the pod runs on a kubelet. */
export function containerRecord(cluster: KubeCluster, pod: KObject, name: string): ContainerRecord | undefined {
  const kubelets = cluster.logSource;
  if (!(kubelets instanceof Kubelets)) return undefined;
  const rec = kubelets.catchUp(pod as Pod);
  return rec?.containers.find((c) => c.name === name) ?? rec?.initContainers.find((c) => c.name === name);
}

/**
 * The method and User-Agent of the request being routed (podHttp and nodeHttp set them for the
 * whole route: Service, NodePort, pod), so the program answering logs the client that asked.
 */
type ClientRequest = { method?: string; userAgent?: string };
let routing: ClientRequest = {};
function routed<T>(req: ClientRequest, fn: () => T): T {
  const saved = routing;
  routing = req;
  try { return fn(); } finally { routing = saved; }
}

/** An HTTP GET answered by a container process (its program's HTTP routes and files, its access log). */
function httpFromProcess(proc: ContainerProcess | undefined, port: number, path: string, now: number, host: string, client: string): HttpResult {
  if (!proc) return { kind: "refused" };
  if (proc.serve) return proc.serve(port, { path, userAgent: routing.userAgent ?? "Wget", ...(routing.method ? { method: routing.method } : {}), client, host }, now);
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

/** The pod's containers answering on a port (the first one listening wins); `client`: the caller's address. */
function httpToPod(cluster: KubeCluster, pod: KObject, port: number, path: string, host: string, client: string): HttpResult {
  const now = cluster.world.now;
  let last: HttpResult = { kind: "refused" };
  for (const c of ((pod.spec as Obj).containers ?? []) as Obj[]) {
    const rec = containerRecord(cluster, pod, c.name);
    if (!rec?.proc || rec.terminated) continue;
    const r = httpFromProcess(rec.proc, port, path, now, host, client);
    if (r.kind === "response") return r;
    if (r.kind === "closed") last = r;
  }
  return last;
}

/** A connection `kubectl port-forward` carries into the pod: it arrives from the pod's own localhost. */
export function forwardedHttp(cluster: KubeCluster, pod: KObject, port: number, path: string, req: ClientRequest & { host: string }): HttpResult {
  return routed(req, () => httpToPod(cluster, pod, port, path, req.host, "127.0.0.1"));
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

/** The Node whose InternalIP (or any address) is `ip`. */
function nodeByIP(cluster: KubeCluster, ip: string): KObject | undefined {
  return cluster.store.list("Node").find((n) => (((n.status as Obj)?.addresses ?? []) as Obj[]).some((a) => a.address === ip));
}

/** The address a client connected to, on whatever answered (wget's "Connecting to", curl's remote_ip). */
function at(r: HttpResult, address: string): HttpResult {
  return r.kind === "unresolved" || r.kind === "timeout" ? r : { ...r, address };
}

/** Where a connection from inside the cluster comes from: its node, and whether kube-proxy sees a pod's or the node's own address. */
interface Origin {
  node?: string;
  /** A pod (the cluster CIDR) or the receiving node itself: external policies short-circuit to the cluster chain. */
  local(target: string | undefined): boolean;
}

/**
 * kube-proxy's iptables rules for one Service port (pkg/proxy/iptables/proxier.go): no endpoints
 * at all is the filter table's REJECT (refused at once); a Local traffic policy without an endpoint
 * on the node that applies it is DROP (the SYN goes unanswered). Internal traffic (the ClusterIP)
 * applies internalTrafficPolicy on the client's node; external traffic (a NodePort) applies
 * externalTrafficPolicy on the receiving node, except for pod and node-local traffic, which
 * kube-proxy routes to the cluster-wide endpoints ("pod traffic for … external destinations").
 */
function serviceBackend(cluster: KubeCluster, svc: Obj, sp: Obj, policyNode: string | undefined, localPolicy: boolean): { pod: KObject; port: number } | "reject" | "drop" {
  let any = false;
  for (const pod of readyPodsFor(cluster, svc)) {
    const port = targetPortOn(pod, sp.targetPort, sp.port);
    if (port < 0) continue;
    any = true;
    if (!localPolicy || (pod.spec as Obj)?.nodeName === policyNode) return { pod, port };
  }
  return any ? "drop" : "reject";
}

/** A connection to a Service port through kube-proxy, `address` being what the client dialled. */
function viaService(cluster: KubeCluster, svc: Obj, sp: Obj, address: string, path: string, host: string, client: string, policyNode: string | undefined, localPolicy: boolean): HttpResult {
  const b = serviceBackend(cluster, svc, sp, policyNode, localPolicy);
  if (b === "reject") return { kind: "refused", address };
  if (b === "drop") return { kind: "timeout", address };
  return at(httpToPod(cluster, b.pod, b.port, path, host, client), address);
}

const tcpPort = (svc: Obj, match: (p: Obj) => boolean): Obj | undefined =>
  ((svc.spec?.ports ?? []) as Obj[]).find((p) => match(p) && (p.protocol ?? "TCP") === "TCP");

/**
 * A ClusterIP: kube-proxy has rules for the Service's TCP ports only — any other port has none,
 * so the packet goes to an address no interface has and nothing answers (timeout).
 */
function clusterIpHttp(cluster: KubeCluster, svc: Obj, port: number, path: string, host: string, client: string, from: Origin): HttpResult {
  const address = svc.spec.clusterIP as string;
  const sp = tcpPort(svc, (p) => p.port === port);
  if (!sp) return { kind: "timeout", address };
  return viaService(cluster, svc, sp, address, path, host, client, from.node, svc.spec?.internalTrafficPolicy === "Local");
}

/** kube-proxy on `node`: every node answers on every nodePort. Nothing else listens. */
function nodePortHttp(cluster: KubeCluster, node: KObject, port: number, path: string, host: string, client: string, from: Origin): HttpResult | undefined {
  const name = node.metadata.name;
  const address = (((node.status as Obj)?.addresses ?? []) as Obj[]).find((a) => a.type === "InternalIP")?.address ?? host;
  for (const svc of cluster.store.list("Service") as Obj[]) {
    if (svc.spec?.type !== "NodePort" && svc.spec?.type !== "LoadBalancer") continue;
    const sp = tcpPort(svc, (p) => p.nodePort === port);
    if (!sp) continue;
    const local = svc.spec?.externalTrafficPolicy === "Local" && !from.local(name);
    return viaService(cluster, svc, sp, address, path, host, client, name, local);
  }
  return undefined;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * HTTP from a machine of the cluster (a student's `curl` on a node, not inside a pod) to
 * `address:port`: a node's NodePorts (kube-proxy), a ClusterIP (kube-proxy's rules on every node),
 * a pod IP (the pod network routes to every node). Undefined when the address is none of the
 * cluster's, so the caller can try other owners (Docker) or report it unreachable.
 */
export function nodeHttp(cluster: KubeCluster, nodeName: string | undefined, address: string, port: number, path: string, client: string,
  req: ClientRequest = {}): HttpResult | undefined {
  return routed(req, () => nodeHttpRouted(cluster, nodeName, address, port, path, client));
}

function nodeHttpRouted(cluster: KubeCluster, nodeName: string | undefined, address: string, port: number, path: string, client: string): HttpResult | undefined {
  const node = nodeName !== undefined ? cluster.store.get("Node", undefined, nodeName) : nodeByIP(cluster, address);
  // The caller is a machine: its own node when it dialled itself (127.0.0.1 or its address).
  const self = client === "127.0.0.1" ? node : IPV4.test(client) ? nodeByIP(cluster, client) : undefined;
  const from: Origin = { ...(self ? { node: self.metadata.name } : {}), local: (target) => target !== undefined && target === self?.metadata.name };
  if (node) {
    const r = nodePortHttp(cluster, node, port, path, address, client, from);
    if (r) return r;
  }
  const targets = cluster.store.list("Pod").filter((p) => (p.status as Obj)?.podIP === address && !(p.spec as Obj)?.hostNetwork);
  if (targets.length) return at(httpToPod(cluster, targets[0]!, port, path, address, client), address);
  const svc = (cluster.store.list("Service") as Obj[]).find((s) => s.spec?.clusterIP === address);
  if (svc) return clusterIpHttp(cluster, svc, port, path, address, client, from);
  return undefined;
}

/** HTTP from inside `pod` to `url`; `req`: the client's method and User-Agent. */
export function podHttp(cluster: KubeCluster, pod: KObject, url: string, req: ClientRequest = {}, podIP?: string): HttpResult {
  return routed(req, () => podHttpRouted(cluster, pod, url, podIP));
}

function podHttpRouted(cluster: KubeCluster, pod: KObject, url: string, podIP: string | undefined): HttpResult {
  const m = /^[a-z]+:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(url);
  if (!m) return { kind: "unresolved" };
  const host = m[1]!;
  // The Host header the client sends: the URL's authority (its port only when the URL names one).
  const header = m[2] ? `${host}:${m[2]}` : host;
  const port = m[2] ? Number(m[2]) : url.toLowerCase().startsWith("https") ? 443 : 80;
  const path = m[3] ?? "/";
  const self = ((pod.status as Obj)?.podIP as string | undefined) || podIP;
  if (host === "localhost" || host === "127.0.0.1") return at(httpToPod(cluster, pod, port, path, header, "127.0.0.1"), "127.0.0.1");
  const client = self ?? "127.0.0.1";
  if (host === self) return at(httpToPod(cluster, pod, port, path, header, client), host);
  const spec = pod.spec as Obj;
  const from: Origin = {
    ...(spec?.nodeName ? { node: spec.nodeName as string } : {}),
    // Pod traffic is in the cluster CIDR; a hostNetwork pod has its node's address (local there only).
    local: (target) => !spec?.hostNetwork || target === spec?.nodeName,
  };
  // A name is what CoreDNS answers for it (a Service's ClusterIP, a headless Service's ready pods).
  const address = IPV4.test(host) ? host : clusterDns(cluster, pod.metadata.namespace ?? "default", host).found?.addresses[0];
  if (!address) return { kind: "unresolved" };
  const node = nodeByIP(cluster, address);
  const viaNodePort = node ? nodePortHttp(cluster, node, port, path, header, client, from) : undefined;
  if (viaNodePort) return viaNodePort;
  // Pods at that IP: one pod, or the hostNetwork pods of a node (which share the node's IP).
  const targets = cluster.store.list("Pod").filter((p) => (p.status as Obj)?.podIP === address);
  if (targets.length) {
    let last: HttpResult = { kind: "refused" };
    for (const t of targets) {
      const r = httpToPod(cluster, t, port, path, header, client);
      if (r.kind === "response") return at(r, address);
      if (r.kind === "closed") last = r;
    }
    return at(last, address);
  }
  if (node) return { kind: "refused", address };
  const svc = (cluster.store.list("Service") as Obj[]).find((s) => s.spec?.clusterIP === address);
  // No Service has the address: not the cluster's (the caller decides: an IP nobody owns times out).
  if (!svc) return { kind: "unresolved" };
  return clusterIpHttp(cluster, svc, port, path, header, client, from);
}

/**
 * CoreDNS as a pod in namespace `ns` sees it (resolv.conf: nameserver = kube-dns's ClusterIP,
 * search <ns>.svc.cluster.local svc.cluster.local cluster.local, ndots:5): Services (ClusterIP;
 * headless: the ready pods' IPs), `<a-b-c-d>.<ns>.pod.cluster.local`, and pods with a hostname and
 * a subdomain. ExternalName CNAMEs are not followed (no outside DNS): NXDOMAIN.
 */
export function clusterDns(cluster: KubeCluster, ns: string, name: string): DnsAnswer {
  const dns = cluster.store.get("Service", "kube-system", "kube-dns") as Obj | undefined;
  const answer: DnsAnswer = { server: dns?.spec?.clusterIP ?? "10.96.0.10", serverName: "kube-dns.kube-system.svc.cluster.local" };
  const base = name.toLowerCase().replace(/\.$/, "");
  const search = [`${ns}.svc.cluster.local`, "svc.cluster.local", "cluster.local"].map((d) => `${base}.${d}`);
  const candidates = name.endsWith(".") ? [base] : base.split(".").length - 1 < 5 ? [...search, base] : [base, ...search];
  for (const fqdn of candidates) {
    const addresses = dnsRecords(cluster, fqdn);
    if (addresses?.length) return { ...answer, found: { fqdn, addresses } };
  }
  return answer;
}

function dnsRecords(cluster: KubeCluster, fqdn: string): string[] | undefined {
  const pod = /^(\d+)-(\d+)-(\d+)-(\d+)\.[^.]+\.pod\.cluster\.local$/.exec(fqdn);
  if (pod) return [pod.slice(1, 5).join(".")];
  const svcName = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (svcName) {
    const svc = cluster.store.get("Service", svcName[2], svcName[1]!) as Obj | undefined;
    if (!svc || svc.spec?.type === "ExternalName") return undefined;
    if (svc.spec?.clusterIP !== "None") return [svc.spec.clusterIP as string];
    return readyPodsFor(cluster, svc).map((p) => (p.status as Obj)?.podIP as string).filter(Boolean).sort();
  }
  const member = /^([^.]+)\.([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
  if (member) {
    const p = cluster.store.list("Pod", member[3]).find((x) => (x.spec as Obj)?.hostname === member[1] && (x.spec as Obj)?.subdomain === member[2]);
    const ip = (p?.status as Obj | undefined)?.podIP as string | undefined;
    return ip ? [ip] : undefined;
  }
  return undefined;
}

/**
 * Runs argv in a running container with the runtime's own exec (its shell, environment, programs,
 * PID 1), reaching the cluster's Services, pods and DNS for this command. kubectl blocks while the
 * command runs: the cluster's clock moves by the time the command's own waits took.
 */
export function execInPod(cluster: KubeCluster, pod: KObject, rec: ContainerRecord, argv: string[], stdin: string): ExecOutcome {
  // The pod's network, as its own processes have it (kubelet/pod-network.ts).
  const network = new PodNetworkHooks(cluster, pod.metadata.namespace ?? "default", pod.metadata.name, pod.metadata.uid);
  const outcome = rec.proc!.exec(argv, cluster.world.now, { stdin, network, timeoutMs: EXEC_WAIT_BUDGET_MS });
  // The command may have ended PID 1 (`kill 1`) or changed what probes see: the kubelet looks again.
  const kubelets = cluster.logSource;
  if (kubelets instanceof Kubelets) kubelets.poke(pod.metadata.uid);
  // The command ran to its end at once; the time it spent waiting passes now (a command cut off
  // for never ending moves nothing: the replay cannot know when the student interrupted it).
  const waited = execWaitedMs(outcome);
  if (waited > 0) cluster.world.advance(waited);
  return outcome;
}
