// A TCP connect from a pod (busybox `nc -z`), reaching the cluster as kube-proxy routes it: a
// Service name or ClusterIP goes to a ready endpoint of that port from the Endpoints the endpoints
// controller wrote (its targetPort already resolved), none left is kube-proxy's REJECT (refused), a
// port the Service does not have has no rule (nothing answers); a pod IP is accepted where one of
// its containers listens on the port. Only a connect: no request reaches the server, so its
// access log stays as it was (the HTTP path, kubectl/exec-runtime.ts, is for wget and curl).

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import type { ConnectResult } from "../../runtime/types";
import { clusterDns, containerRecord } from "../kubectl/exec-runtime";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a container of `pod` accepts a connection on `port` now. */
function podListens(cluster: KubeCluster, pod: KObject, port: number): boolean {
  const now = cluster.world.now;
  for (const c of ((pod.spec as Obj)?.containers ?? []) as Obj[]) {
    const rec = containerRecord(cluster, pod, c.name);
    if (rec?.proc && !rec.terminated && rec.proc.listening(port, now)) return true;
  }
  return false;
}

/** The pod answering at `ip` (its own address; hostNetwork pods share their node's). */
function podsAt(cluster: KubeCluster, ip: string): KObject[] {
  return cluster.store.list("Pod").filter((p) => (p.status as Obj)?.podIP === ip && !p.metadata.deletionTimestamp);
}

/** kube-proxy for a Service port: the first ready endpoint's answer, refused without one. */
function viaService(cluster: KubeCluster, svc: Obj, port: number, address: string): ConnectResult {
  const sp = ((svc.spec?.ports ?? []) as Obj[]).find((p) => p.port === port && (p.protocol ?? "TCP") === "TCP");
  if (!sp) return { kind: "timeout", address };
  const eps = cluster.store.get("Endpoints", svc.metadata.namespace, svc.metadata.name) as Obj | undefined;
  for (const subset of (eps?.subsets ?? []) as Obj[]) {
    const ep = ((subset.ports ?? []) as Obj[]).find((p) => (sp.name ? p.name === sp.name : true));
    const first = ((subset.addresses ?? []) as Obj[])[0];
    if (!ep || !first) continue;
    const ok = podsAt(cluster, first.ip).some((pod) => podListens(cluster, pod, ep.port));
    return { kind: ok ? "open" : "refused", address };
  }
  return { kind: "refused", address };
}

export function podConnect(cluster: KubeCluster, ns: string, host: string, port: number): ConnectResult | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  const ip = IPV4.test(h) ? h : clusterDns(cluster, ns, h).found?.addresses[0];
  if (!ip) return { kind: "unresolved" };
  const svc = (cluster.store.view("Service") as readonly Obj[]).find((s) => s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip));
  if (svc) return viaService(cluster, svc, port, ip);
  const pods = podsAt(cluster, ip);
  if (pods.length) return { kind: pods.some((p) => podListens(cluster, p, port)) ? "open" : "refused", address: ip };
  // A node's address: kube-proxy's NodePorts on every node, else the machine refuses.
  const node = cluster.store.list("Node").find((n) => (((n.status as Obj)?.addresses ?? []) as Obj[]).some((a) => a.address === ip));
  if (!node) return undefined;
  for (const s of cluster.store.view("Service") as readonly Obj[]) {
    const sp = ((s.spec?.ports ?? []) as Obj[]).find((p) => p.nodePort === port);
    if (sp) return viaService(cluster, s, sp.port, ip);
  }
  return { kind: "refused", address: ip };
}
