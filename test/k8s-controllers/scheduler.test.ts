import { describe, expect, it } from "vitest";
import { formatFitError } from "../../src/sim/k8s/scheduler/fit-error";
import { numFeasibleNodesToFind } from "../../src/sim/k8s/scheduler";
import { deployment, newCluster, podStatus } from "./helpers";

const pod = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "app", image: "nginx:1.25" }], ...spec },
});

const failedScheduling = (t: ReturnType<typeof newCluster>, name: string) =>
  t.events("FailedScheduling").filter((e) => e.object === name).map((e) => e.message);

describe("FitError message (kubernetes.md §7.4)", () => {
  it("sorts the histogram as strings and adds the preemption verdicts", () => {
    const statuses = new Map([
      ["cp", { code: "UnschedulableAndUnresolvable" as const, plugin: "TaintToleration", reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"] }],
      ["w1", { code: "Unschedulable" as const, plugin: "NodeResourcesFit", reasons: ["Insufficient memory"] }],
      ["w2", { code: "Unschedulable" as const, plugin: "NodeResourcesFit", reasons: ["Insufficient memory"] }],
    ]);
    expect(formatFitError({ numAllNodes: 3, statuses })).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.");
    expect(formatFitError({ numAllNodes: 0, statuses: new Map() })).toBe("no nodes available to schedule pods");
  });

  it("numFeasibleNodesToFind follows the adaptive percentage", () => {
    expect(numFeasibleNodesToFind(3)).toBe(3);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
  });
});

describe("scheduler", () => {
  it.each([
    ["too much cpu", { containers: [{ name: "app", image: "nginx:1.25", resources: { requests: { cpu: "8" } } }] },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."],
    ["cpu and memory", { containers: [{ name: "app", image: "nginx:1.25", resources: { requests: { cpu: "3", memory: "64Gi" } } }] },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."],
    ["nodeSelector nobody has", { nodeSelector: { disktype: "ssd" } },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
    ["required affinity", { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["b"] }] }] } } } },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."],
  ])("keeps a pod Pending with the exact FailedScheduling text: %s", (_name, spec, message) => {
    const t = newCluster();
    t.apply(pod("big", spec));
    const p = t.pods().find((x) => x.metadata.name === "big")!;
    expect(p.status.phase).toBe("Pending");
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    expect(failedScheduling(t, "big")).toEqual([message]);
  });

  it("schedules a Pending pod once a node can take it (label added)", () => {
    const t = newCluster();
    t.apply(pod("ssd", { nodeSelector: { disktype: "ssd" } }));
    expect(t.pods()[0]!.status.phase).toBe("Pending");
    t.update("Node", "worker2", (n) => { n.metadata.labels.disktype = "ssd"; });
    const p = t.pods()[0]!;
    expect(p.spec.nodeName).toBe("worker2");
    expect(podStatus(p)).toBe("Running");
    expect(t.events("Scheduled").map((e) => e.message)).toEqual(["Successfully assigned default/ssd to worker2"]);
  });

  it("cordoned nodes are unschedulable; the control-plane taint applies; toleration lets pods on it", () => {
    const t = newCluster();
    t.update("Node", "worker1", (n) => { n.spec.unschedulable = true; });
    t.update("Node", "worker2", (n) => { n.spec.unschedulable = true; });
    t.apply(pod("p", {}));
    expect(failedScheduling(t, "p")).toEqual([
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ]);
    expect(t.cluster.store.get<any>("Node", undefined, "worker1").spec.taints).toEqual([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }]);
    t.apply(pod("cp", { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] }));
    expect(t.pods().find((x) => x.metadata.name === "cp")!.spec.nodeName).toBe("manager1");
  });

  it("spreads the replicas of one owner across nodes", () => {
    const t = newCluster({ hosts: [{ name: "cp" }, { name: "n1" }, { name: "n2" }, { name: "n3" }], kubernetes: { controlPlane: ["cp"], workers: ["n1", "n2", "n3"] } });
    t.apply(deployment("web", "nginx:1.25", 6));
    const perNode: Record<string, number> = {};
    for (const p of t.pods()) perNode[p.spec.nodeName!] = (perNode[p.spec.nodeName!] ?? 0) + 1;
    expect(perNode).toEqual({ n1: 2, n2: 2, n3: 2 });
  });

  it("counts requests against allocatable: the third 1-CPU pod on a 2-CPU node does not fit", () => {
    const t = newCluster({ hosts: [{ name: "cp" }, { name: "n1", cpus: 2 }], kubernetes: { controlPlane: ["cp"], workers: ["n1"] } });
    const res = { resources: { requests: { cpu: "1" } } };
    t.apply(deployment("web", "nginx:1.25", 3, {
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.25", ...res }] } },
    }));
    const statuses = t.pods().map((p) => p.status.phase).sort();
    expect(statuses).toEqual(["Pending", "Running", "Running"]);
    const pending = t.pods().find((p) => p.status.phase === "Pending")!;
    expect(failedScheduling(t, pending.metadata.name)).toEqual([
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    ]);
    // Scaling down frees the CPU; the pending pod is removed first (not scheduled < scheduled).
    t.update("Deployment", "web", (o) => { o.spec.replicas = 2; });
    expect(t.pods().map((p) => p.status.phase)).toEqual(["Running", "Running"]);
  });

  it("hostPort conflicts go through NodePorts", () => {
    const t = newCluster();
    const spec = { containers: [{ name: "app", image: "nginx:1.25", ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    t.apply(pod("a", spec));
    t.apply(pod("b", spec));
    t.apply(pod("c", spec));
    expect(failedScheduling(t, "c")).toEqual([
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    ]);
  });
});
