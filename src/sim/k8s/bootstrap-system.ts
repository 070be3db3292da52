// The kube-system workloads of a fresh kubeadm cluster (kubernetes.md §16; the add-ons' specs as
// kubeadm's phases/addons/{proxy,dns}/manifests.go write them): the control plane's
// static pods on the first control-plane node (mirror pods owned by the Node, `<component>-<node>`),
// the kube-proxy DaemonSet (one pod per node, tolerates every taint) and the CoreDNS Deployment
// (2 replicas behind the kube-dns Service). Their images are declared as scenario-style images so
// the kubelets run them like any other container.

import type { World } from "../world";
import type { KubeCluster } from "./cluster";
import type { KObject } from "./store";
import { KUBERNETES_VERSION } from "./versions";
import type { Node } from "./controllers/model";
import { bootstrapSystemConfigMaps } from "./bootstrap-configmaps";
import { controlPlaneManifests } from "./bootstrap-manifests";
import { controlPlaneFiles } from "./bootstrap-node-files";
import { manifestHash, mirrorPod, readManifest, STATIC_POD_PATH } from "./kubelet/static-pods";

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
    daemon(SYSTEM_IMAGES.etcd, ["etcd"], [2379, 2380, 2381], { "/health": 200, "/health?exclude=NOSPACE&serialize=true": 200, "/health?serialize=false": 200 }),
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
 * kubeadm init on the first control-plane machine: its files (kubeconfigs, pki, the kubelet's
 * configuration) and the static pod manifests, which are the control plane's source — the
 * kubelet runs them and keeps their mirror pods (kubelet/static-pods.ts). The mirror pods are
 * made here at once, as that kubelet makes them (same hash: it adopts them), so the API shows
 * the control plane from the first instant.
 */
/** How long before the cluster is handed over the control plane's static pods started. */
// Twenty seconds: their startup probes (10 s initial delay) have passed, and their probe ticks
// fall on the same instants as CoreDNS's, so they cost no extra wake-ups.
const CONTROL_PLANE_BOOT_MS = 20_000;

function bootstrapControlPlaneFiles(cluster: KubeCluster, controlPlane: string): void {
  const host = cluster.world.host(controlPlane);
  const node = cluster.store.get<Node>("Node", undefined, controlPlane);
  if (!host || !node) return;
  for (const [path, text] of Object.entries(controlPlaneFiles(host.name, host.ip))) host.fs.write(path, text);
  // The kubelet saw the manifests when kubeadm wrote them, before `kubeadm init` waited for the
  // control plane to pass its startup probes (10 s initial delay): the containers ran from then,
  // so the cluster is handed over healthy. config.seen is a time.Time in RFC 3339 with nanoseconds.
  const seen = cluster.world.clock.iso(cluster.world.now - CONTROL_PLANE_BOOT_MS).replace(/(\.\d+)?Z$/, ".000000000Z");
  for (const [file, text] of Object.entries(controlPlaneManifests(host.name, host.ip))) {
    host.fs.write(`${STATIC_POD_PATH}/${file}`, text);
    cluster.api.create(mirrorPod(readManifest(text)!, node, manifestHash(host.name, text), seen), "kube-system");
  }
}

export function bootstrapSystemWorkloads(cluster: KubeCluster, controlPlane: string): void {
  bootstrapControlPlaneFiles(cluster, controlPlane);
  bootstrapSystemConfigMaps(cluster);
  const api = cluster.api;
  api.create({
    apiVersion: "apps/v1", kind: "DaemonSet",
    metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: {
          containers: [{
            name: "kube-proxy", image: SYSTEM_IMAGES.proxy, imagePullPolicy: "IfNotPresent",
            command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
            env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
            securityContext: { privileged: true },
          }],
          hostNetwork: true, nodeSelector: { "kubernetes.io/os": "linux" }, priorityClassName: "system-node-critical",
          serviceAccountName: "kube-proxy", tolerations: [{ operator: "Exists" }],
          // kubeadm also mounts the kube-proxy ConfigMap at /var/lib/kube-proxy, /run/xtables.lock and
          // /lib/modules (hostPath). Left out until `kubectl describe` prints a pod template's
          // volumes with kubectl's own indentation (describe-source-oracle.test.ts checks this DaemonSet).
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
            name: "coredns", image: SYSTEM_IMAGES.coredns, imagePullPolicy: "IfNotPresent", args: ["-conf", "/etc/coredns/Corefile"],
            ports: [{ containerPort: 53, name: "dns", protocol: "UDP" }, { containerPort: 53, name: "dns-tcp", protocol: "TCP" }, { containerPort: 9153, name: "metrics", protocol: "TCP" }],
            resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            livenessProbe: { httpGet: { path: "/health", port: 8080 }, initialDelaySeconds: 60, timeoutSeconds: 5, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: "/ready", port: 8181 } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
          }],
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{
            podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" },
            weight: 100,
          }] } },
          volumes: [{ configMap: { items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" }, name: "config-volume" }],
          dnsPolicy: "Default", nodeSelector: { "kubernetes.io/os": "linux" }, priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }],
        },
      },
    },
  }, "kube-system");
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
