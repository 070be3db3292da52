// Test helpers: a Session with the default three-node cluster (manager1 control plane, worker1,
// worker2) and the control plane installed; objects created through the API server as kubectl
// would, then the world settled.

import { Session } from "../../src/sim";
import { kubeOf, type KubeCluster } from "../../src/sim/k8s/cluster";
import { installControlPlane } from "../../src/sim/k8s/controllers";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";
import type { KObject } from "../../src/sim/k8s/store";
import type { Deployment, Pod, ReplicaSet } from "../../src/sim/k8s/controllers/model";

export interface TestCluster {
  session: Session;
  cluster: KubeCluster;
  apply(obj: Record<string, unknown>, ns?: string): KObject;
  update(kind: string, name: string, mutate: (o: any) => void, ns?: string): KObject;
  pods(ns?: string): Pod[];
  rs(ns?: string): ReplicaSet[];
  deploy(name: string, ns?: string): Deployment;
  advance(ms: number): void;
  events(reason?: string): { reason: string; message: string; object: string; count: number }[];
}

export function newCluster(spec?: ClusterSpecInput, seed = "k8s-controllers"): TestCluster {
  const session = new Session({ seed, ...(spec ? { cluster: spec } : {}) });
  const cluster = kubeOf(session.world)!;
  installControlPlane(cluster);
  session.world.settle();
  const world = session.world;
  return {
    session,
    cluster,
    apply(obj, ns = "default") {
      const r = cluster.api.create(structuredClone(obj), ns).obj;
      world.settle();
      return r;
    },
    update(kind, name, mutate, ns = "default") {
      const o = structuredClone(cluster.store.get(kind, kind === "Node" ? undefined : ns, name)) as any;
      mutate(o);
      const r = cluster.api.update(o).obj;
      world.settle();
      return r;
    },
    pods: (ns = "default") => cluster.store.list<Pod>("Pod", ns),
    rs: (ns = "default") => cluster.store.list<ReplicaSet>("ReplicaSet", ns),
    deploy: (name, ns = "default") => cluster.store.get<Deployment>("Deployment", ns, name)!,
    advance: (ms) => world.advance(ms),
    events(reason) {
      return cluster.store.list<any>("Event")
        .filter((e) => !reason || e.reason === reason)
        .map((e) => ({ reason: e.reason, message: e.message, object: e.involvedObject.name, count: e.count }));
    },
  };
}

export function deployment(name: string, image: string, replicas = 3, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } },
      ...extra,
    },
  };
}

/** kubectl-like STATUS of a pod (enough for assertions). */
export function podStatus(p: Pod): string {
  if (p.metadata.deletionTimestamp) return "Terminating";
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state.waiting?.reason) return c.state.waiting.reason;
    if (c.state.terminated?.reason) return c.state.terminated.reason;
  }
  return p.status?.phase ?? "Pending";
}
