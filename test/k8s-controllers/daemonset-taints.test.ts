import { describe, expect, it } from "vitest";
import { deployment, newCluster, podStatus } from "./helpers";

const ds = (name: string, tolerations?: unknown[]) => ({
  apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "agent", image: "nginx:1.25" }], ...(tolerations ? { tolerations } : {}) } },
  },
});

const nodesOf = (t: ReturnType<typeof newCluster>, prefix: string) =>
  t.pods().filter((p) => p.metadata.name.startsWith(prefix)).map((p) => p.spec.nodeName).sort();

describe("DaemonSet controller", () => {
  it("runs one pod per worker; the control plane needs a toleration", () => {
    const t = newCluster();
    t.apply(ds("agent"));
    expect(nodesOf(t, "agent-")).toEqual(["worker1", "worker2"]);
    const d = t.cluster.store.get<any>("DaemonSet", "default", "agent");
    expect(d.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
    const pod = t.pods()[0]!;
    expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels?.["controller-revision-hash"]).toMatch(/^[4-9bcdf]+$/);
    expect(pod.metadata.labels?.["pod-template-generation"]).toBe("1");
    expect(pod.spec.tolerations?.map((x) => `${x.key}:${x.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: "metadata.name", operator: "In", values: [pod.spec.nodeName] }] },
    ]);
    t.apply(ds("everywhere", [{ operator: "Exists" }]));
    expect(nodesOf(t, "everywhere-")).toEqual(["manager1", "worker1", "worker2"]);
  });

  it("a node added later gets a pod; cordon does not stop DaemonSet pods", () => {
    const t = newCluster();
    t.apply(ds("agent"));
    t.update("Node", "worker1", (n) => { n.spec.unschedulable = true; });
    t.session.run("sim node add worker3", { allowSim: true });
    expect(nodesOf(t, "agent-")).toEqual(["worker1", "worker2", "worker3"]);
    expect(t.pods().map(podStatus)).toEqual(["Running", "Running", "Running"]);
  });

  it("follows node labels for nodeSelector", () => {
    const t = newCluster();
    const d = ds("ssd") as any;
    d.spec.template.spec.nodeSelector = { disk: "ssd" };
    t.apply(d);
    expect(nodesOf(t, "ssd-")).toEqual([]);
    t.update("Node", "worker2", (n) => { n.metadata.labels.disk = "ssd"; });
    expect(nodesOf(t, "ssd-")).toEqual(["worker2"]);
    t.update("Node", "worker2", (n) => { delete n.metadata.labels.disk; });
    t.advance(2_000);
    expect(nodesOf(t, "ssd-")).toEqual([]);
  });

  it("rolls out a new template one node at a time", () => {
    const t = newCluster();
    t.apply(ds("agent"));
    const before = t.pods().map((p) => p.metadata.name);
    t.update("DaemonSet", "agent", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.26"; });
    t.advance(5_000);
    const after = t.pods();
    expect(after.length).toBe(2);
    expect(after.every((p) => !before.includes(p.metadata.name) && p.spec.containers[0]!.image === "nginx:1.26")).toBe(true);
    const statuses = t.session.world.events.filter((e) => e.type === "daemonset-status").map((e) => e.data!["available"]);
    expect(Math.min(...statuses.slice(statuses.indexOf(2)) as number[])).toBe(1);
  });
});

describe("taints and tolerations", () => {
  it("NoExecute evicts untolerated pods at once; the ReplicaSet replaces them elsewhere", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    t.update("Node", "worker1", (n) => { n.spec.taints = [{ key: "maintenance", value: "true", effect: "NoExecute" }]; });
    t.advance(2_000);
    expect(t.pods().map((p) => p.spec.nodeName)).toEqual(["worker2", "worker2"]);
    const evictions = t.events("TaintManagerEviction");
    expect(evictions.length).toBeGreaterThan(0);
    expect(evictions[0]!.message).toMatch(/^Marking for deletion Pod default\/web-\w+-\w{5}$/);
  });

  it("tolerationSeconds delays the eviction; a full toleration keeps the pod", () => {
    const t = newCluster();
    const mk = (name: string, tol: Record<string, unknown>) => ({
      apiVersion: "v1", kind: "Pod", metadata: { name },
      spec: { nodeName: "worker1", containers: [{ name: "app", image: "nginx:1.25" }], tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", ...tol }] },
    });
    t.apply(mk("short", { tolerationSeconds: 60 }));
    t.apply(mk("forever", {}));
    t.update("Node", "worker1", (n) => { n.spec.taints = [{ key: "maintenance", effect: "NoExecute" }]; });
    t.advance(59_000);
    expect(t.pods().map((p) => p.metadata.name)).toEqual(["forever", "short"]);
    t.advance(10_000);
    expect(t.pods().map((p) => p.metadata.name)).toEqual(["forever"]);
  });

  it("NoSchedule keeps running pods; PreferNoSchedule only steers", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    const nodes = t.pods().map((p) => p.spec.nodeName).sort();
    t.update("Node", "worker1", (n) => { n.spec.taints = [{ key: "team", value: "a", effect: "NoSchedule" }]; });
    expect(t.pods().map((p) => p.spec.nodeName).sort()).toEqual(nodes);
    t.update("Deployment", "web", (o) => { o.spec.replicas = 4; });
    expect(t.pods().filter((p) => p.spec.nodeName === "worker1").length).toBe(nodes.filter((n) => n === "worker1").length);
  });
});

describe("node lifecycle", () => {
  it("a node that goes down is NotReady after 40 s and its pods are evicted after 300 s more", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    const onW1 = t.pods().filter((p) => p.spec.nodeName === "worker1").map((p) => p.metadata.name);
    expect(onW1.length).toBe(1);
    t.session.run("sim node down worker1", { allowSim: true });
    t.advance(39_000);
    const ready = () => t.cluster.store.get<any>("Node", undefined, "worker1").status.conditions.find((c: any) => c.type === "Ready");
    expect(ready().status).toBe("True");
    t.advance(1_000);
    expect(ready()).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    const taints = t.cluster.store.get<any>("Node", undefined, "worker1").spec.taints.map((x: any) => `${x.key}:${x.effect}`);
    expect(taints).toEqual(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    const pod = t.pods().find((p) => p.metadata.name === onW1[0])!;
    expect(pod.status.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    t.advance(299_000);
    expect(t.pods().find((p) => p.metadata.name === onW1[0])!.metadata.deletionTimestamp).toBeUndefined();
    t.advance(2_000);
    const replacement = t.pods().filter((p) => !p.metadata.deletionTimestamp && p.spec.nodeName === "worker2");
    expect(replacement.length).toBe(2);
    expect(t.events("NodeNotReady").map((e) => e.message)).toEqual(["Node worker1 status is now: NodeNotReady"]);
  });

  it("pods of a deleted Node are garbage-collected after 40 s and replaced", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    const info = t.cluster.api.info("Node");
    t.cluster.api.delete(info, undefined, "worker1");
    t.session.world.settle();
    t.advance(39_000);
    expect(t.pods().some((p) => p.spec.nodeName === "worker1")).toBe(true);
    t.advance(2_000);
    expect(t.pods().map((p) => p.spec.nodeName)).toEqual(["worker2", "worker2"]);
  });
});
