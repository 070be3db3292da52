// The kube-system workloads of a fresh kubeadm cluster (kubernetes.md §16): the control plane's
// static pods on the first control-plane node (mirror pods owned by the Node, `<component>-<node>`),
// the kube-proxy DaemonSet (one pod per node, tolerates every taint) and the CoreDNS Deployment
// (2 replicas behind the kube-dns Service). Their images are declared as scenario-style images so
// the kubelets run them like any other container.

import { markShared } from "../clone";
import type { World } from "../world";
import type { KubeCluster } from "./cluster";
import type { KObject } from "./store";
import { KUBERNETES_VERSION } from "./versions";
import { stableHex } from "../images/digest";

type Obj = Record<string, any>;

const REGISTRY = "registry.k8s.io";
export const SYSTEM_IMAGES = {
  etcd: `${REGISTRY}/etcd:3.5.12-0`,
  apiserver: `${REGISTRY}/kube-apiserver:${KUBERNETES_VERSION}`,
  controllerManager: `${REGISTRY}/kube-controller-manager:${KUBERNETES_VERSION}`,
  scheduler: `${REGISTRY}/kube-scheduler:${KUBERNETES_VERSION}`,
  proxy: `${REGISTRY}/kube-proxy:${KUBERNETES_VERSION}`,
  coredns: `${REGISTRY}/coredns/coredns:v1.11.1`,
};

/** Scenario-image declarations for the system images (see src/sim/images/custom.ts). */
function systemImageDecls(): Obj[] {
  const daemon = (name: string, command: string[], ports: number[] = [], http: Obj = {}) => ({ name, base: "scratch", command, ports, http });
  return [
    daemon(SYSTEM_IMAGES.etcd, ["etcd"], [2379, 2380, 2381], { "/health": 200 }),
    daemon(SYSTEM_IMAGES.apiserver, ["kube-apiserver"], [6443], { "/livez": 200, "/readyz": 200 }),
    daemon(SYSTEM_IMAGES.controllerManager, ["kube-controller-manager"], [10257], { "/healthz": 200 }),
    daemon(SYSTEM_IMAGES.scheduler, ["kube-scheduler"], [10259], { "/healthz": 200 }),
    daemon(SYSTEM_IMAGES.proxy, ["/usr/local/bin/kube-proxy"], [10249, 10256], { "/healthz": 200 }),
    daemon(SYSTEM_IMAGES.coredns, ["/coredns"], [53, 8080, 8181, 9153], { "/health": 200, "/ready": 200 }),
  ];
}

/** Adds the system images to the world's scenario images (before the kubelets read them). */
export function declareSystemImages(world: World): void {
  const config = world.config as { images?: unknown[] };
  const have = new Set((config.images ?? []).map((i) => (i as Obj)?.name));
  config.images = [...(config.images ?? []), ...systemImageDecls().filter((d) => !have.has(d.name))];
}

/**
 * A control-plane static pod's mirror: the kubelet's config annotations (the manifest's hash, also
 * as config.mirror; when it first saw the file, in nanoseconds) and kubeadm's advertise addresses.
 */
function staticPod(node: KObject, component: string, image: string, command: string[], seen: string): Obj {
  const hash = stableHex(`${component}-${node.metadata.name}`, 32);
  const ip = ((node.status as Obj | undefined)?.addresses as Obj[] | undefined)?.find((a) => a.type === "InternalIP")?.address ?? "";
  const kubeadm: Record<string, string> = component === "etcd" ? { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` }
    : component === "kube-apiserver" ? { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:6443` } : {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-${node.metadata.name}`,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: { ...kubeadm, "kubernetes.io/config.hash": hash, "kubernetes.io/config.mirror": hash, "kubernetes.io/config.seen": seen, "kubernetes.io/config.source": "file" },
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid, controller: true }],
    },
    spec: {
      containers: [{
        name: component, image, command, imagePullPolicy: "IfNotPresent",
        resources: { requests: { cpu: component === "etcd" ? "100m" : component === "kube-apiserver" ? "250m" : component === "kube-controller-manager" ? "200m" : "100m", ...(component === "etcd" ? { memory: "100Mi" } : {}) } },
        terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File",
      }],
      dnsPolicy: "ClusterFirst", enableServiceLinks: true, hostNetwork: true, nodeName: node.metadata.name,
      preemptionPolicy: "PreemptLowerPriority", priority: 2000001000, priorityClassName: "system-node-critical",
      restartPolicy: "Always", schedulerName: "default-scheduler", securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      terminationGracePeriodSeconds: 30, tolerations: [{ effect: "NoExecute", operator: "Exists" }],
    },
    status: { phase: "Pending", qosClass: "Burstable" },
  };
}

export function bootstrapSystemWorkloads(cluster: KubeCluster, controlPlane: string): void {
  const node = cluster.store.get("Node", undefined, controlPlane);
  if (node) {
    // config.seen is a time.Time in RFC 3339 with nanoseconds.
    const seen = cluster.world.clock.iso().replace(/(\.\d+)?Z$/, ".000000000Z");
    const manifests = [
      staticPod(node, "etcd", SYSTEM_IMAGES.etcd, ["etcd"], seen),
      staticPod(node, "kube-apiserver", SYSTEM_IMAGES.apiserver, ["kube-apiserver"], seen),
      staticPod(node, "kube-controller-manager", SYSTEM_IMAGES.controllerManager, ["kube-controller-manager"], seen),
      staticPod(node, "kube-scheduler", SYSTEM_IMAGES.scheduler, ["kube-scheduler"], seen),
    ] as KObject[];
    for (const m of manifests) {
      // The manifest on the node's disk never changes; mirror pods are copies of it.
      cluster.staticPods.push(markShared(structuredClone(m)));
      cluster.store.create(m);
    }
  }
  const api = cluster.api;
  api.create({
    apiVersion: "apps/v1", kind: "DaemonSet",
    metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: {
          containers: [{ name: "kube-proxy", image: SYSTEM_IMAGES.proxy, command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"], securityContext: { privileged: true } }],
          hostNetwork: true, nodeSelector: { "kubernetes.io/os": "linux" }, priorityClassName: "system-node-critical",
          serviceAccountName: "kube-proxy", tolerations: [{ operator: "Exists" }],
        },
      },
    },
  }, "kube-system");
  api.create({
    apiVersion: "apps/v1", kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "k8s-app": "kube-dns" } },
      strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 }, type: "RollingUpdate" },
      template: {
        metadata: { labels: { "k8s-app": "kube-dns" } },
        spec: {
          containers: [{
            name: "coredns", image: SYSTEM_IMAGES.coredns, args: ["-conf", "/etc/coredns/Corefile"],
            ports: [{ containerPort: 53, name: "dns", protocol: "UDP" }, { containerPort: 53, name: "dns-tcp", protocol: "TCP" }, { containerPort: 9153, name: "metrics", protocol: "TCP" }],
            resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            livenessProbe: { httpGet: { path: "/health", port: 8080 }, initialDelaySeconds: 60, timeoutSeconds: 5, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: "/ready", port: 8181 } },
          }],
          dnsPolicy: "Default", nodeSelector: { "kubernetes.io/os": "linux" }, priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }],
        },
      },
    },
  }, "kube-system");
}

/** Re-creates a deleted mirror pod, as the kubelet does at once (new uid, same name). */
export function ensureMirrorPods(cluster: KubeCluster): boolean {
  let changed = false;
  for (const m of cluster.staticPods) {
    if (cluster.store.get("Pod", m.metadata.namespace, m.metadata.name)) continue;
    const node = cluster.store.get("Node", undefined, (m.spec as Obj).nodeName);
    if (!node) continue;
    const pod = structuredClone(m);
    pod.metadata.ownerReferences = [{ apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid, controller: true }];
    cluster.store.create(pod);
    changed = true;
  }
  return changed;
}

/** The API server keeps the `kubernetes` Service and its Endpoints (recreated if deleted). */
export function ensureKubernetesService(cluster: KubeCluster): boolean {
  let changed = false;
  if (!cluster.store.get("Service", "default", "kubernetes")) {
    cluster.api.create({
      apiVersion: "v1", kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }], type: "ClusterIP" },
    }, "default");
    changed = true;
  }
  if (!cluster.store.get("Endpoints", "default", "kubernetes")) {
    cluster.store.create({
      apiVersion: "v1", kind: "Endpoints",
      metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } } as unknown as KObject["metadata"],
      subsets: [{ addresses: [{ ip: cluster.apiServerAddress }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }],
    });
    changed = true;
  }
  // The API server's own EndpointSlice reconciler keeps its slice (not the endpointslice controller's).
  if (!cluster.store.get("EndpointSlice", "default", "kubernetes")) {
    cluster.store.create({
      apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice",
      metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } } as unknown as KObject["metadata"],
      addressType: "IPv4",
      endpoints: [{ addresses: [cluster.apiServerAddress], conditions: { ready: true } }],
      ports: [{ name: "https", port: 6443, protocol: "TCP" }],
    } as unknown as KObject);
    changed = true;
  }
  return changed;
}

/** ServiceAccounts the system workloads run as (kubeadm creates them). */
export function bootstrapSystemAccounts(cluster: KubeCluster): void {
  for (const name of ["kube-proxy", "coredns"]) {
    if (!cluster.store.get("ServiceAccount", "kube-system", name)) {
      cluster.store.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: "kube-system" } as unknown as KObject["metadata"] });
    }
  }
}
