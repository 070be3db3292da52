// Mirrors pkg/controller/endpoint and pkg/controller/endpointslice: for every Service with a
// selector, the pods it selects (same namespace, labels match, not terminal, with an IP) become
// Endpoints subsets — Ready pods under addresses, the others under notReadyAddresses, terminating
// pods dropped — with each service port's targetPort resolved per pod (named ports through the
// pod's container ports), and one EndpointSlice `<svc>-<5 random>` that also lists terminating
// pods. Services without a selector keep hand-managed endpoints.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { matchesMap } from "../api/selectors";
import type { ControllerLoop } from "./controller";
import type { KObject, Pod, Service, ServicePort } from "./model";
import { SyncMemo } from "./memo";
import { PodIndex } from "./pod-index";
import { isPodReady, isTerminal, newControllerRef, sameJson } from "./pods";

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const MANAGED_BY = "endpointslice-controller.k8s.io";

interface Address {
  ip: string;
  nodeName?: string;
  targetRef: { kind: "Pod"; name: string; namespace: string; uid: string };
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

function targetPort(sp: ServicePort, pod: Pod): number | undefined {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === "number") return t;
  if (/^\d+$/.test(t)) return Number(t);
  const proto = sp.protocol ?? "TCP";
  for (const c of pod.spec.containers) {
    const p = c.ports?.find((x) => x.name === t && (x.protocol ?? "TCP") === proto);
    if (p) return p.containerPort;
  }
  return undefined;
}

function address(pod: Pod): Address {
  return {
    ip: pod.status.podIP!,
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: "Pod", name: pod.metadata.name, namespace: pod.metadata.namespace ?? "default", uid: pod.metadata.uid },
  };
}

const byIp = (a: Address, b: Address) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.targetRef.uid < b.targetRef.uid ? -1 : 1);

/** Endpoints subsets, repacked: pods with identical resolved ports share a subset. */
export function buildSubsets(svc: Service, pods: Pod[]): unknown[] {
  const groups = new Map<string, { ports: EndpointPort[]; addresses: Address[]; notReadyAddresses: Address[] }>();
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = targetPort(sp, pod);
      if (port === undefined) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? "TCP" });
    }
    if (ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, addresses: [], notReadyAddresses: [] }));
    if (isPodReady(pod) || svc.spec.publishNotReadyAddresses) g.addresses.push(address(pod));
    else g.notReadyAddresses.push(address(pod));
  }
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length ? { addresses: g.addresses.sort(byIp) } : {}),
    ...(g.notReadyAddresses.length ? { notReadyAddresses: g.notReadyAddresses.sort(byIp) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}

function selectedPods(svc: Service, index: PodIndex): Pod[] {
  return index.inNamespace(svc.metadata.namespace ?? "default")
    .filter((p) => !isTerminal(p) && p.status?.podIP && matchesMap(svc.spec.selector, p.metadata.labels));
}

function writeIfChanged(cluster: KubeCluster, existing: KObject | undefined, next: KObject): boolean {
  if (!existing) {
    cluster.store.create(next);
    return true;
  }
  const strip = (o: KObject) => ({ ...o, metadata: { labels: o.metadata.labels, ownerReferences: o.metadata.ownerReferences } });
  if (sameJson(strip(existing), strip(next))) return false;
  // A new object in place of the old (stored Endpoints and EndpointSlices are frozen).
  cluster.store.update({ ...next, metadata: { ...existing.metadata, labels: next.metadata.labels, ownerReferences: next.metadata.ownerReferences } });
  return true;
}

/** A Service's sync is skipped while what it reads stands still (memo.ts). */
const memo = new SyncMemo();

/** What a Service's sync reads, as versions: the Service, the pods it selects, the namespace's Endpoints and EndpointSlices. */
function inputsOf(cluster: KubeCluster, svc: Service, ns: string, pods: Pod[]): string {
  let s = `${svc.metadata.resourceVersion}|${cluster.store.revisionOf("Endpoints", ns)}|${cluster.store.revisionOf("EndpointSlice", ns)}`;
  for (const p of pods) s += `|${p.metadata.uid}@${p.metadata.resourceVersion}`;
  return s;
}

function syncService(cluster: KubeCluster, svc: Service, index: PodIndex): boolean {
  const ns = svc.metadata.namespace ?? "default";
  const pods = selectedPods(svc, index);
  return memo.run(cluster, svc, () => inputsOf(cluster, svc, ns, pods), () => writeService(cluster, svc, ns, pods));
}

function writeService(cluster: KubeCluster, svc: Service, ns: string, pods: Pod[]): boolean {
  const subsets = buildSubsets(svc, pods);
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  const ep: KObject = {
    apiVersion: "v1", kind: "Endpoints",
    metadata: { name: svc.metadata.name, namespace: ns, uid: "", resourceVersion: "", creationTimestamp: "", ...(Object.keys(labels).length ? { labels } : {}) },
    ...(subsets.length ? { subsets } : {}),
  };
  const before = cluster.store.get("Endpoints", ns, svc.metadata.name);
  let changed = writeIfChanged(cluster, before, ep);
  if (changed) {
    const ready = pods.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
    cluster.world.record("kubernetes", "endpoints", `service/${ns}/${svc.metadata.name}`, {
      ready, notReady: pods.filter((p) => !p.metadata.deletionTimestamp).length - ready,
    });
  }
  if (syncSlice(cluster, svc, pods)) changed = true;
  return changed;
}

/**
 * The EndpointSlice reconciler: each pod's ports are the service ports its containers resolve
 * (getEndpointPorts — a named targetPort the pod lacks is left out, never replaced by the service
 * port), pods with the same ports share a slice, and a Service without endpoints keeps one
 * placeholder slice with neither ports nor endpoints. Slices keep their names while their ports
 * stay the same; a slice whose ports are no longer wanted is reused for new ones, else deleted.
 */
function syncSlice(cluster: KubeCluster, svc: Service, pods: Pod[]): boolean {
  const ns = svc.metadata.namespace ?? "default";
  const existing = cluster.store.list("EndpointSlice", ns).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name
    && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
  const headlessWithoutPorts = (svc.spec.ports ?? []).length === 0 && svc.spec.clusterIP === "None";
  const groups = new Map<string, { ports: { name: string; port: number; protocol: string }[]; pods: Pod[] }>();
  for (const pod of pods) {
    const ports = [];
    if (!headlessWithoutPorts) {
      for (const sp of svc.spec.ports ?? []) {
        const port = targetPort(sp, pod);
        if (port !== undefined) ports.push({ name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" });
      }
    }
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, pods: [] }));
    g.pods.push(pod);
  }
  type Group = { ports: { name: string; port: number; protocol: string }[]; pods: Pod[] };
  const wanted: [string, Group][] = groups.size ? [...groups.entries()] : [["[]", { ports: [], pods: [] }]];
  const portsKey = (o: KObject) => JSON.stringify((o as { ports?: unknown[] | null }).ports ?? []);
  const unused = [...existing];
  const named = wanted.map(([key, g]) => {
    const i = unused.findIndex((o) => portsKey(o) === key);
    return { g, prior: i >= 0 ? unused.splice(i, 1)[0] : undefined };
  });
  let changed = false;
  for (const { g, prior } of named) {
    const reuse = prior ?? unused.shift();
    if (writeIfChanged(cluster, reuse, sliceObject(cluster, svc, ns, g.ports, g.pods, reuse?.metadata.name))) changed = true;
  }
  for (const o of unused) {
    cluster.store.remove("EndpointSlice", ns, o.metadata.name);
    changed = true;
  }
  return changed;
}

function sliceObject(cluster: KubeCluster, svc: Service, ns: string, ports: unknown[], pods: Pod[], name: string | undefined): KObject {
  const endpoints = pods.map((p) => {
    const terminating = !!p.metadata.deletionTimestamp;
    const ready = isPodReady(p);
    return {
      addresses: [p.status.podIP!],
      conditions: { ready: ready && !terminating, serving: ready, terminating },
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: "Pod", name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
    };
  }).sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : 1));
  return {
    apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice",
    metadata: {
      name: name ?? `${svc.metadata.name}-${cluster.rng.k8sSuffix(5)}`,
      namespace: ns, uid: "", resourceVersion: "", creationTimestamp: "",
      generateName: `${svc.metadata.name}-`,
      labels: { ...(svc.metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: svc.metadata.name },
      ownerReferences: [newControllerRef(svc)],
    },
    addressType: "IPv4",
    endpoints: endpoints.length ? endpoints : null,
    ports: ports.length ? ports : null,
  } as KObject;
}

/** The Services whose Endpoints this controller wrote (it deletes those when the Service goes). */
const managed = new SideTable<KubeCluster, Set<string>>();

export const endpointsController: ControllerLoop = {
  name: "endpoint-controller",
  sync(cluster) {
    const services = cluster.store.list<Service>("Service").filter((s) => s.spec.selector && Object.keys(s.spec.selector).length > 0
      && s.spec.type !== "ExternalName");
    let changed = false;
    const names = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
    if (services.length > 0) {
      const index = PodIndex.of(cluster);
      for (const svc of services) if (syncService(cluster, svc, index)) changed = true;
    }
    // Endpoints of deleted services go with them (the controller deletes them; slices via GC).
    for (const kind of ["EndpointSlice"]) {
      for (const o of cluster.store.list(kind)) {
        const svc = o.metadata.labels?.[SERVICE_NAME_LABEL];
        if (o.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY || !svc) continue;
        if (!names.has(`${o.metadata.namespace}/${svc}`)) {
          cluster.store.remove(kind, o.metadata.namespace, o.metadata.name);
          changed = true;
        }
      }
    }
    const mine = managed.get(cluster) ?? new Set<string>();
    for (const key of [...mine].sort()) {
      if (names.has(key)) continue;
      const [ns, name] = key.split("/") as [string, string];
      if (!cluster.store.get("Service", ns, name) && cluster.store.remove("Endpoints", ns, name)) changed = true;
      mine.delete(key);
    }
    for (const n of names) mine.add(n);
    managed.set(cluster, mine);
    return changed;
  },
};
