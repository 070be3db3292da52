// A fresh kubeadm-like cluster (kubernetes.md §15–16): the four namespaces with their default
// ServiceAccount and kube-root-ca.crt, one Node per machine (control plane labelled and tainted
// node-role.kubernetes.io/control-plane:NoSchedule, podCIDR 10.244.<i>.0/24, capacity from the
// host spec), the `kubernetes` Service at 10.96.0.1 with its Endpoints, and kube-dns at
// 10.96.0.10. Machines added later (`sim node add`) register as Ready workers.

import { canonicalQuantity } from "./api/quantity";
import type { ClusterSpec } from "../cluster-spec";
import type { Host, Subsystem, World } from "../world";
import type { KubeCluster } from "./cluster";
import type { KObject } from "./store";
import { ensureKubernetesService } from "./bootstrap-system";
import { createControlPlaneLeases, createNodeLeaseAndCSINode, renewSystemLeases } from "./bootstrap-leases";
import { nodeFiles } from "./bootstrap-node-files";
import { SYSTEM_PRIORITY_CLASSES } from "./api/validation/scheduling";

import { CONTAINER_RUNTIME, KERNEL_VERSION, KUBERNETES_VERSION, OS_IMAGE } from "./versions";

export { CONTAINER_RUNTIME, KERNEL_VERSION, KUBERNETES_VERSION, OS_IMAGE };
export const CONTROL_PLANE_TAINT = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };
export const NODE_PODS_CAPACITY = "110";

type Obj = Record<string, any>;

function meta(m: Obj): KObject["metadata"] {
  return m as unknown as KObject["metadata"];
}

/**
 * Node.status.capacity: cpu count, memory, pods 110. The kubelet reports memory as a binary-SI
 * quantity of bytes, so it serialises canonically: a 4 GiB machine shows `4Gi`, an uneven one `4015876Ki`.
 */
function capacity(host: Host): Obj {
  return {
    cpu: String(host.cpus),
    "ephemeral-storage": "102625208Ki",
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: canonicalQuantity(`${Math.floor(host.memory / 1024)}Ki`),
    pods: NODE_PODS_CAPACITY,
  };
}

export function nodeObject(cluster: KubeCluster, host: Host, index: number, controlPlane: boolean): KObject {
  const rng = cluster.rng;
  const now = cluster.world.clock.iso();
  const labels: Obj = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": host.os,
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": host.name,
    "kubernetes.io/os": host.os,
    ...(controlPlane ? { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" } : {}),
    ...host.labels,
  };
  const cond = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: now, lastTransitionTime: now, message, reason, status, type,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: meta({
      name: host.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    }),
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(controlPlane ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}),
    },
    status: {
      addresses: [{ address: host.ip, type: "InternalIP" }, { address: host.name, type: "Hostname" }],
      allocatable: capacity(host),
      capacity: capacity(host),
      conditions: [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: cluster.store.uuid(),
        containerRuntimeVersion: CONTAINER_RUNTIME,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: rng.hexId(32),
        operatingSystem: host.os,
        osImage: OS_IMAGE,
        systemUUID: cluster.store.uuid(),
      },
    },
  };
}

/** Registers a machine as a Node (kubelet registration). */
export function registerNode(cluster: KubeCluster, host: Host, controlPlane: boolean): KObject {
  const existing = cluster.store.get("Node", undefined, host.name);
  if (existing) return existing;
  const used = new Set(cluster.store.list("Node").map((n) => (n.spec as Obj).podCIDR as string));
  let index = 0;
  while (used.has(`10.244.${index}.0/24`)) index++;
  const node = cluster.store.create(nodeObject(cluster, host, index, controlPlane));
  // kubeadm join leaves the kubelet's files on a worker (the control plane has them from init).
  if (!controlPlane) for (const [path, text] of Object.entries(nodeFiles(host.name, cluster.apiServerAddress))) host.fs.write(path, text);
  cluster.world.record("kubernetes", "node-registered", host.name, { controlPlane });
  createNodeLeaseAndCSINode(cluster, node);
  return node;
}

export function bootstrapCluster(cluster: KubeCluster, world: World, spec: NonNullable<ClusterSpec["kubernetes"]>): void {
  const api = cluster.api;
  const cp = world.host(spec.controlPlane[0]!);
  if (cp) cluster.apiServerAddress = cp.ip;
  for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
    api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, undefined);
  }
  // The API server's post-start hook creates the system priority classes (before any pod).
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    api.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: pc.name }, value: pc.value, description: pc.description }, undefined);
  }
  for (const name of spec.controlPlane) {
    const h = world.host(name);
    if (h) registerNode(cluster, h, true);
  }
  if (cp) createControlPlaneLeases(cluster, cp.name);
  ensureKubernetesService(cluster);
  api.create({
    apiVersion: "v1", kind: "Service",
    metadata: {
      name: "kube-dns", namespace: "kube-system",
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
    },
    spec: {
      clusterIP: "10.96.0.10",
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
    },
  }, "kube-system");
  cluster.store.create({
    apiVersion: "v1", kind: "ConfigMap",
    metadata: meta({ name: "cluster-info", namespace: "kube-public" }),
    data: { kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${cluster.apiServerAddress}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n` },
  });
}

/** kubeadm join: the worker machines register after the control plane is up. */
export function joinWorkers(cluster: KubeCluster, world: World, spec: NonNullable<ClusterSpec["kubernetes"]>): void {
  for (const name of spec.workers) {
    const h = world.host(name);
    if (h) registerNode(cluster, h, false);
  }
}

/**
 * The cluster was set up long before the student arrives: bootstrap Events have expired (the API
 * server's --event-ttl is 1 h), so a fresh `kubectl get events` shows none.
 */
export function expireBootstrapEvents(cluster: KubeCluster): void {
  for (const e of cluster.store.list("Event")) cluster.store.remove("Event", e.metadata.namespace, e.metadata.name);
}

/**
 * Machines that join later (`sim node add`) register as Ready workers. The kubelets and the
 * control plane renew their Leases as virtual time passes: computed when the cluster is read
 * (KubeCluster.refreshForRead), and here when a machine goes down (it renewed until then).
 */
export class NodeRegistration implements Subsystem {
  readonly name = "kubelet-registration";
  constructor(private readonly cluster: KubeCluster) {}
  reconcile(): boolean {
    return false;
  }
  onHostEvent(world: World, host: Host, event: string): void {
    this.cluster.machinesChanged();
    if (event === "down") renewSystemLeases(this.cluster, world.now, (name) => name === host.name || world.host(name)?.up === true);
    if (event === "added") registerNode(this.cluster, host, false);
  }
}
