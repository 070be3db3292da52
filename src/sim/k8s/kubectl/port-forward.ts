// `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT…` (kubectl/pkg/cmd/portforward and
// client-go tools/portforward): the pod is the one `kubectl exec` would pick (a Service's,
// Deployment's… most active pod); a Service's port is translated to its target port on that pod
// (util.LookupContainerPortNumberByServicePort), a named port to the container's number. The
// forward listens on the machine kubectl ran on (127.0.0.1 and [::1] for the default --address
// localhost) until kubectl ends: `curl localhost:8080` there reaches the pod's port from the pod's
// own localhost, and kubectl prints "Handling connection for 8080".
//
// The real command runs until interrupted. Started as a background job (`… &`) it runs until the
// job is killed or the connection to the pod is lost (the pod deleted, a forward that failed);
// in the foreground it keeps forwarding for the rest of the session, as if the student had
// gone on in another terminal, and its exit is not waited for.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import type { HttpResult } from "../../runtime/http";
import { defineSlot, type Host, type World } from "../../world";
import { stableHex } from "../../images/digest";
import { boundPorts } from "../../docker/engine/ports";
import { engineHost } from "../../docker/engine/state";
import type { KubeCluster } from "../cluster";
import { formatUuid, type KObject } from "../store";
import { formatTime } from "../../runtime/template";
import { fail, server, usageError, type KubectlContext } from "./common";
import { findPod } from "./exec";
import { forwardedHttp } from "./exec-runtime";

type Obj = Record<string, any>;

/** One listening forward: the machine's address and port, the pod's port. */
export interface Forward {
  id: number;
  host: string;
  address: string;
  localPort: number;
  remotePort: number;
  namespace: string;
  pod: string;
  uid: string;
  /** A background job reads what kubectl printed since (foreground forwards print to nobody). */
  job: boolean;
  stdout: string;
  stderr: string;
  /** kubectl ended (lost connection): its exit status, once. */
  exitCode?: number;
}

/** The forwards of every kubectl port-forward still running, and the next id. */
export const FORWARDS = defineSlot("kubectl-port-forwards", () => ({ next: 1, list: [] as Forward[] }));

const MAX_BUFFER = 64 * 1024;

/** "8080:80", "80", ":80" → the ports as kubectl's splitPort sees them. */
function splitPort(port: string): [string, string] {
  const parts = port.split(":");
  return parts.length === 2 ? [parts[0]!, parts[1]!] : [parts[0]!, parts[0]!];
}

function containerPortByName(pod: Obj, name: string): number {
  for (const c of (pod.spec?.containers ?? []) as Obj[]) {
    for (const p of (c.ports ?? []) as Obj[]) if (p.name === name) return p.containerPort;
  }
  fail(`error: Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** translateServicePortToTargetPort: each Service port as the container port it targets. */
function servicePorts(svc: Obj, pod: Obj, ports: string[]): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let num = /^\d+$/.test(remote) ? Number(remote) : undefined;
    if (num === undefined) {
      const named = ((svc.spec?.ports ?? []) as Obj[]).find((p) => p.name === remote);
      if (!named) fail(`error: Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      num = named.port as number;
      if (local === remote) local = String(num);
    }
    const spec = ((svc.spec?.ports ?? []) as Obj[]).find((p) => p.port === num);
    if (!spec) fail(`error: Service ${svc.metadata.name} does not have a service port ${num}`);
    const target = spec.targetPort;
    const container = typeof target === "string" && !/^\d+$/.test(target) ? containerPortByName(pod, target) : Number(target ?? num) || num!;
    return local !== String(container) ? `${local}:${container}` : String(container);
  });
}

/** convertPodNamedPortToNumber. */
function podPorts(pod: Obj, ports: string[]): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    const container = /^\d+$/.test(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${container}` : container;
  });
}

/** client-go parsePorts: [local, remote] pairs; 0 local asks for any free port. */
function parsePorts(ports: string[]): [number, number][] {
  const uint16 = (s: string, what: string, shown = s): number => {
    if (!/^\d+$/.test(s)) fail(`error: error parsing ${what} port '${shown}': strconv.ParseUint: parsing "${s}": invalid syntax`);
    const n = Number(s);
    if (n > 65535) fail(`error: error parsing ${what} port '${shown}': strconv.ParseUint: parsing "${s}": value out of range`);
    return n;
  };
  return ports.map((p) => {
    const parts = p.split(":");
    if (parts.length > 2) fail(`error: invalid port format '${p}'`);
    const remote = uint16(parts[parts.length - 1]!, "remote");
    const local = parts.length === 1 ? remote : parts[0] === "" ? 0 : uint16(parts[0]!, "local");
    if (remote === 0) fail("error: remote port must be > 0");
    return [local, remote];
  });
}

/** Addresses a forward binds for one --address value. */
function bindAddresses(address: string): string[] {
  if (address === "localhost") return ["127.0.0.1", "::1"];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address) || address.includes(":")) return [address];
  fail(`error: failed to parse address: ${address}`);
}

const showAddress = (a: string) => (a.includes(":") ? `[${a}]` : a);

/** Whether something on `host` already holds `address:port` (another forward, a published container port). */
function taken(world: World, host: Host, address: string, port: number): boolean {
  const wildcard = (a: string) => a === "0.0.0.0" || a === "::";
  const clash = (a: string) => a === address || wildcard(a) || wildcard(address);
  if (world.slot(FORWARDS).list.some((f) => f.host === host.name && f.localPort === port && clash(f.address))) return true;
  // A container's published port (docker-proxy listens there).
  return engineHost(world, host.name).containers.some((c) => c.status === "running" &&
    boundPorts(c).some((b) => b.protocol === "tcp" && Number(b.hostPort) === port && clash(b.hostIp || "0.0.0.0")));
}

export function runPortForward(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length < 2) usageError(inv, "TYPE/NAME and list of ports are required for port-forward");
  const cluster = server(ctx);
  const [ref, ...given] = inv.args as [string, ...string[]];
  const pod = findPod(ctx, inv, ref) as Obj;
  const slash = ref.indexOf("/");
  const type = slash < 0 ? "pod" : ref.slice(0, slash).toLowerCase();
  const svc = ["svc", "service", "services"].includes(type) ? cluster.store.get("Service", pod.metadata.namespace, ref.slice(slash + 1)) as Obj : undefined;
  const ports = parsePorts(svc ? servicePorts(svc, pod, given) : podPorts(pod, given));
  if (pod.status?.phase !== "Running") fail(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? "Pending"}`);
  const addresses = (inv.flags.list("address").length ? inv.flags.list("address") : ["localhost"]).flatMap((a) => a.split(",")).flatMap(bindAddresses);
  const world = cluster.world;
  const table = world.slot(FORWARDS);
  let stdout = "";
  let stderr = "";
  const made: Forward[] = [];
  for (const [local0, remote] of ports) {
    const local = local0 || ephemeralPort(world, ctx.host, addresses);
    const failed = addresses.filter((a) => taken(world, ctx.host, a, local));
    if (failed.length === addresses.length) {
      const why = failed.map((a) => `unable to create listener: Error listen ${a.includes(":") ? "tcp6" : "tcp4"} ${showAddress(a)}:${local}: bind: address already in use`).join(" ");
      stderr += `Unable to listen on port ${local}: Listeners failed to create with the following errors: [${why}]\n`;
      continue;
    }
    for (const a of addresses) {
      if (failed.includes(a)) continue;
      stdout += `Forwarding from ${showAddress(a)}:${local} -> ${remote}\n`;
      const f: Forward = {
        id: table.next++, host: ctx.host.name, address: a, localPort: local, remotePort: remote, namespace: pod.metadata.namespace,
        pod: pod.metadata.name, uid: pod.metadata.uid, job: ctx.background === true, stdout: "", stderr: "",
      };
      table.list.push(f);
      made.push(f);
    }
  }
  if (made.length === 0) {
    const list = ports.map(([l, r]) => `{${l} ${r}}`).join(" ");
    return { exitCode: 1, stdout, stderr: `${stderr}error: unable to listen on any of the requested ports: [${list}]\n` };
  }
  if (!ctx.background) return { exitCode: 0, stdout, stderr };
  const ids = new Set(made.map((f) => f.id));
  const release = () => { table.list = table.list.filter((f) => !ids.has(f.id)); };
  const poll = () => drain(cluster, ids);
  return { exitCode: 0, stdout, stderr, runsUntil: Infinity, release, poll };
}

/** A free port from Linux's ephemeral range (32768–60999) for `:80`, the same in every replay. */
function ephemeralPort(world: World, host: Host, addresses: string[]): number {
  for (let i = 0; i < 64; i++) {
    const p = 32768 + (parseInt(stableHex(`${host.name}/${world.now}/${i}`, 8), 16) % 28232);
    if (!addresses.some((a) => taken(world, host, a, p))) return p;
  }
  return 60999;
}

/** What the forwards of one kubectl printed since, and its exit once the pod's connection was lost. */
function drain(cluster: KubeCluster, ids: Set<number>): { stdout: string; stderr: string; exitCode?: number } {
  const table = cluster.world.slot(FORWARDS);
  const mine = table.list.filter((f) => ids.has(f.id));
  let stdout = "";
  let stderr = "";
  let exitCode: number | undefined;
  for (const f of mine) {
    stdout += f.stdout;
    stderr += f.stderr;
    f.stdout = f.stderr = "";
    if (f.exitCode !== undefined) exitCode = f.exitCode;
  }
  // The pod is gone: the kubelet closed the streams, kubectl's connection ends.
  const pod = mine[0] && cluster.store.get("Pod", mine[0].namespace, mine[0].pod);
  if (mine.length && exitCode === undefined && (!pod || pod.metadata.uid !== mine[0]!.uid)) {
    stderr += "error: lost connection to pod\n";
    exitCode = 1;
  }
  if (exitCode !== undefined) table.list = table.list.filter((f) => !ids.has(f.id));
  return { stdout, stderr, exitCode };
}

/** klog's header of an error as kubectl writes it: `E0110 00:00:05.000000    4243 file.go:N] `. */
const klogError = (world: World, where: string): string => `E${formatTime("klog", world.now)}${String(4243).padStart(8)} ${where}] `;

/**
 * A connection to `host`'s `address:port` (already known to reach it) through a forward there:
 * kubectl says it handles it, the pod's localhost answers. Undefined when no forward listens.
 */
export function portForwardHttp(cluster: KubeCluster, host: Host, reaches: (bound: string) => boolean, port: number, path: string,
  request: { host: string; method?: string; userAgent?: string }): HttpResult | undefined {
  const f = cluster.world.peekSlot(FORWARDS)?.list.find((x) => x.host === host.name && x.localPort === port && x.exitCode === undefined && reaches(x.address));
  if (!f) return undefined;
  const say = (out: "stdout" | "stderr", text: string) => { if (f.job && f[out].length < MAX_BUFFER) f[out] += text; };
  say("stdout", `Handling connection for ${port}\n`);
  const pod = cluster.store.get("Pod", f.namespace, f.pod) as KObject | undefined;
  const r: HttpResult = pod && pod.metadata.uid === f.uid ? forwardedHttp(cluster, pod, f.remotePort, path, request) : { kind: "refused" };
  if (r.kind === "response") return r;
  // Nothing listens on the pod's port: containerd cannot connect inside the pod's namespace; the
  // error closes kubectl's connection to the pod.
  const sandbox = stableHex(`sandbox/${f.uid}`, 64);
  const netns = `cni-${formatUuid(stableHex(`netns/${f.uid}`, 32))}`;
  say("stderr", `${klogError(cluster.world, "portforward.go:413")}an error occurred forwarding ${port} -> ${f.remotePort}: error forwarding port ${f.remotePort} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${netns}": failed to connect to localhost:${f.remotePort} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${f.remotePort}: connect: connection refused IPv6 dial tcp6 [::1]:${f.remotePort}: connect: connection refused \n`);
  say("stderr", "error: lost connection to pod\n");
  f.exitCode = 1;
  return { kind: "closed" };
}
