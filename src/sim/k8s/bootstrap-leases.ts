// The coordination objects of a fresh kubeadm v1.30 cluster (kubernetes.md §15): each kubelet's
// Lease in kube-node-lease (its heartbeat: holder = node name, 40 s, renewed every 10 s) and its
// CSINode (no drivers; the in-tree plugins migrated to CSI listed in an annotation), both owned by
// the Node; in kube-system the API server's identity Lease (renewed every 10 s) and the leader
// election Leases of kube-controller-manager and kube-scheduler (15 s, renewed every 2 s).
// Renewal is level-based: a lease's renewTime is its last renewal tick at or before now.

import type { KubeCluster } from "./cluster";
import type { KObject } from "./store";
import { stableHex } from "../images/digest";
import { freezeData } from "../clone";

type Obj = Record<string, any>;

const NODE_LEASE_NS = "kube-node-lease";
/** kubelet's nodeLeaseDurationSeconds and renew interval (a quarter of it). */
const NODE_LEASE_SECONDS = 40;
const NODE_RENEW_MS = 10_000;
/** Leader election defaults of kube-controller-manager and kube-scheduler (leaseDuration 15s, retryPeriod 2s). */
const LEADER_LEASE_SECONDS = 15;
const LEADER_RENEW_MS = 2_000;
/** The API server's IdentityLeaseDurationSeconds and IdentityLeaseRenewIntervalPeriod. */
const IDENTITY_LEASE_SECONDS = 3600;
const IDENTITY_RENEW_MS = 10_000;

/** CSIMigration plugins on by default in v1.30 (csitranslation's in-tree names, sorted). */
const MIGRATED_PLUGINS = [
  "kubernetes.io/aws-ebs", "kubernetes.io/azure-disk", "kubernetes.io/azure-file", "kubernetes.io/cinder",
  "kubernetes.io/gce-pd", "kubernetes.io/vsphere-volume",
].join(",");

/** metav1.MicroTime's RFC 3339 with microseconds ("2024-01-10T00:00:10.000000Z"). */
export function microTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}000Z`;
}

const meta = (m: Obj): KObject["metadata"] => m as unknown as KObject["metadata"];

/**
 * Stores a Lease or CSINode. Their registry strategies never set metadata.generation (the store
 * gives every kind outside its list one), so it is taken off again.
 */
function createWithoutGeneration(cluster: KubeCluster, obj: KObject): void {
  // The spec is only ever replaced (renewals write a new one): frozen, so copies of the world share it.
  freezeData(obj.spec);
  cluster.store.create(obj);
}
const nodeOwner = (node: KObject) => [{ apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid }];

/** What the kubelet creates for its Node once registered: the heartbeat Lease and the CSINode. */
export function createNodeLeaseAndCSINode(cluster: KubeCluster, node: KObject): void {
  const name = node.metadata.name;
  const now = microTime(cluster.world.now);
  if (!cluster.store.get("Lease", NODE_LEASE_NS, name)) {
    createWithoutGeneration(cluster, {
      apiVersion: "coordination.k8s.io/v1", kind: "Lease",
      metadata: meta({ name, namespace: NODE_LEASE_NS, ownerReferences: nodeOwner(node) }),
      spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_SECONDS, renewTime: now },
    });
  }
  if (!cluster.store.get("CSINode", undefined, name)) {
    createWithoutGeneration(cluster, {
      apiVersion: "storage.k8s.io/v1", kind: "CSINode",
      metadata: meta({ name, annotations: { "storage.alpha.kubernetes.io/migrated-plugins": MIGRATED_PLUGINS }, ownerReferences: nodeOwner(node) }),
      spec: { drivers: null },
    });
  }
}

/**
 * The API server's identity lease name: "apiserver-" and 26 lowercase base32 characters derived
 * from its hostname (upstream: the first 16 bytes of a SHA-256; here a stable stand-in).
 */
function apiserverIdentity(hostname: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const hex = stableHex(`kube-apiserver/${hostname}`, 52);
  let id = "";
  for (let i = 0; i < 52; i += 2) id += alphabet[parseInt(hex.slice(i, i + 2), 16) % 32];
  return `apiserver-${id}`;
}

/** kube-system's leases: the API server's identity and the two leaders, all on the control plane. */
export function createControlPlaneLeases(cluster: KubeCluster, controlPlane: string): void {
  const now = microTime(cluster.world.now);
  const id = apiserverIdentity(controlPlane);
  const leases: Obj[] = [
    {
      metadata: { name: id, labels: { "apiserver.kubernetes.io/identity": "kube-apiserver", "kubernetes.io/hostname": controlPlane } },
      spec: { holderIdentity: `${id}_${cluster.store.uuid()}`, leaseDurationSeconds: IDENTITY_LEASE_SECONDS, renewTime: now },
    },
    ...["kube-controller-manager", "kube-scheduler"].map((name) => ({
      metadata: { name },
      spec: { acquireTime: now, holderIdentity: `${controlPlane}_${cluster.store.uuid()}`, leaseDurationSeconds: LEADER_LEASE_SECONDS, leaseTransitions: 0, renewTime: now },
    })),
  ];
  for (const l of leases) {
    if (cluster.store.get("Lease", "kube-system", l.metadata.name)) continue;
    createWithoutGeneration(cluster, { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: meta({ ...l.metadata, namespace: "kube-system" }), spec: l.spec } as KObject);
  }
}

/** How often the holder of a system lease renews it, or undefined for a lease nobody renews. */
function renewPeriod(lease: KObject): number | undefined {
  const ns = lease.metadata.namespace;
  const spec = lease.spec as Obj | undefined;
  if (ns === NODE_LEASE_NS) return NODE_RENEW_MS;
  if (ns !== "kube-system") return undefined;
  if (lease.metadata.labels?.["apiserver.kubernetes.io/identity"] === "kube-apiserver") return IDENTITY_RENEW_MS;
  if (spec?.leaseDurationSeconds === LEADER_LEASE_SECONDS && (lease.metadata.name === "kube-controller-manager" || lease.metadata.name === "kube-scheduler")) return LEADER_RENEW_MS;
  return undefined;
}

/**
 * A lease's creation and last renewal as numbers, for the spec they were read from: a pure cache
 * of its fields (a WeakMap: a copy of the world starts without it and reads them again).
 */
const leaseTimes = new WeakMap<KObject, { spec: Obj; created: number; renewed: number }>();

/**
 * Brings each system lease's renewTime to its holder's last renewal tick at or before `now`
 * (ticks counted from the lease's creation). A node's kubelet renews only while its machine is up
 * and its Node exists; the control-plane components while their machine (the identity lease's
 * hostname label, the leader's "<host>_<uuid>" holder) is up.
 */
export function renewSystemLeases(cluster: KubeCluster, now: number, isUp: (host: string) => boolean): void {
  for (const ns of [NODE_LEASE_NS, "kube-system"]) {
    for (const lease of cluster.store.view("Lease", ns)) {
      const period = renewPeriod(lease);
      const spec = lease.spec as Obj | undefined;
      if (!period || !spec?.renewTime) continue;
      const holderHost = ns === NODE_LEASE_NS ? lease.metadata.name : (lease.metadata.labels?.["kubernetes.io/hostname"] ?? String(spec.holderIdentity ?? "").split("_")[0]);
      if (!holderHost || !isUp(holderHost)) continue;
      if (ns === NODE_LEASE_NS && !cluster.store.get("Node", undefined, holderHost)) continue;
      // The parsed times are kept beside the lease (this runs at every virtual instant).
      let known = leaseTimes.get(lease);
      if (!known || known.spec !== spec) leaseTimes.set(lease, (known = { spec, created: Date.parse(lease.metadata.creationTimestamp), renewed: Date.parse(spec.renewTime) }));
      const tick = known.created + Math.floor((now - known.created) / period) * period;
      if (tick <= known.renewed) continue;
      const renewTime = microTime(tick);
      if (renewTime === spec.renewTime) continue;
      // A heartbeat is written in place, without a store revision: no control loop of the
      // simulator watches leases, and a revision at every tick would wake loops that decide from
      // store revisions whether anything moved (controllers/controller.ts) for nothing.
      lease.spec = freezeData({ ...spec, renewTime });
      known.spec = lease.spec as Obj;
      known.renewed = tick;
    }
  }
}
