import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { rankPodsForDeletion } from "../../src/sim/k8s/controllers/pod-ranking";
import type { Pod } from "../../src/sim/k8s/controllers/model";
import { deployment, newCluster, podStatus } from "./helpers";

const rs = (name: string, replicas: number, labels = { app: name }) => ({
  apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name },
  spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } } },
});

describe("ReplicaSet controller", () => {
  it("adopts matching bare pods instead of creating new ones", () => {
    const t = newCluster();
    for (const n of ["a", "b"]) {
      t.apply({ apiVersion: "v1", kind: "Pod", metadata: { name: n, labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } });
    }
    t.apply(rs("web", 3));
    const pods = t.pods();
    expect(pods.length).toBe(3);
    expect(pods.filter((p) => ["a", "b"].includes(p.metadata.name)).every((p) => p.metadata.ownerReferences?.[0]?.name === "web")).toBe(true);
    expect(t.events("SuccessfulCreate").length).toBe(1);
    // Relabelling a pod releases it; the RS replaces it.
    t.update("Pod", "a", (p) => { p.metadata.labels.app = "debug"; });
    expect(t.pods().find((p) => p.metadata.name === "a")!.metadata.ownerReferences).toBeUndefined();
    expect(t.pods().filter((p) => p.metadata.labels?.["app"] === "web").length).toBe(3);
  });

  it("replaces a deleted pod at once, under a new name", () => {
    const t = newCluster();
    t.apply(rs("web", 2));
    const [first] = t.pods();
    t.cluster.api.deletePod(first!);
    t.session.world.settle();
    const live = t.pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(live.length).toBe(2);
    expect(live.map((p) => p.metadata.name)).not.toContain(first!.metadata.name);
    expect(live.every((p) => /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.metadata.name))).toBe(true);
  });

  it("ranks pods for deletion: unscheduled, pending, not ready, then crowded nodes, then newest", () => {
    const mk = (name: string, o: { node?: string; phase?: string; ready?: boolean; created?: string; restarts?: number }): Pod => ({
      apiVersion: "v1", kind: "Pod",
      metadata: { name, uid: name, resourceVersion: "1", creationTimestamp: o.created ?? "2024-01-10T00:00:00Z" },
      spec: { containers: [], ...(o.node ? { nodeName: o.node } : {}) },
      status: {
        phase: (o.phase ?? "Running") as "Running",
        conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True", lastTransitionTime: o.created ?? "2024-01-10T00:00:00Z" }],
        containerStatuses: [{ name: "c", restartCount: o.restarts ?? 0, ready: true, image: "", imageID: "", state: {}, lastState: {} }],
      },
    });
    const pods = [
      mk("old-on-n1", { node: "n1" }),
      mk("new-on-n2", { node: "n2", created: "2024-01-10T01:00:00Z" }),
      mk("second-on-n1", { node: "n1" }),
      mk("unready", { node: "n2", ready: false }),
      mk("pending", { node: "n3", phase: "Pending", ready: false }),
      mk("unscheduled", { phase: "Pending", ready: false }),
    ];
    const order = rankPodsForDeletion(pods, pods, Date.parse("2024-01-10T02:00:00Z")).map((p) => p.metadata.name);
    // n1 and n2 both hold two related pods, so the shorter-ready pod goes first, then name order.
    expect(order).toEqual(["unscheduled", "pending", "unready", "new-on-n2", "old-on-n1", "second-on-n1"]);
    // A pod alone on its node goes after the doubled-up ones.
    const spread = [mk("alone", { node: "n9" }), mk("x1", { node: "n1" }), mk("x2", { node: "n1" })];
    expect(rankPodsForDeletion(spread, spread, Date.parse("2024-01-10T02:00:00Z")).map((p) => p.metadata.name)).toEqual(["x1", "x2", "alone"]);
  });

  it("kubectl scale on a Deployment's ReplicaSet is reverted by the Deployment controller", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    const name = t.rs()[0]!.metadata.name;
    t.update("ReplicaSet", name, (o) => { o.spec.replicas = 5; });
    expect(t.rs()[0]!.spec.replicas).toBe(2);
    t.advance(1_000);
    expect(t.pods().filter((p) => !p.metadata.deletionTimestamp).length).toBe(2);
  });

  it("scaling mid-rollout splits proportionally between the old and new ReplicaSets", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 10));
    const oldName = t.rs()[0]!.metadata.name;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:broken-tag"; });
    const sizes = () => Object.fromEntries(t.rs().map((r) => [r.metadata.name === oldName ? "old" : "new", r.spec.replicas]));
    expect(sizes()).toEqual({ old: 8, new: 5 });
    t.update("Deployment", "web", (o) => { o.spec.replicas = 20; });
    const s = sizes();
    expect(s.old! + s.new!).toBe(25);
    expect(s).toEqual({ old: 15, new: 10 });
  });
});

describe("transcripts (kubectl against the control loops)", () => {
  it("the common broken-image mistake, seen through kubectl", () => {
    const s = new Session({ seed: "transcript" });
    const steps = s.run(`kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl set image deployment/web nginx=nginx:1.255
kubectl get deploy web
kubectl rollout status deployment/web --timeout=5s
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl get pods -l app=web --no-headers`, { allowSim: true });
    const out = steps.map((x) => x.stdout + x.stderr);
    expect(out[2]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+1\s+3\s+0s\n$/);
    expect(out[3]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\nerror: timed out waiting for the condition\n');
    expect(out[4]).toBe("deployment.apps/web rolled back\n");
    expect(out[5]).toMatch(/deployment "web" successfully rolled out\n$/);
    const lines = out[6]!.trim().split("\n");
    expect(lines.length).toBe(3);
    expect(lines.every((l) => /\s1\/1\s+Running\s+0\s/.test(l))).toBe(true);
  });

  it("a Pending pod shows the FailedScheduling event in describe", () => {
    const s = new Session({ seed: "transcript" });
    const steps = s.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "16"
EOF
kubectl get pod big
kubectl describe pod big | grep FailedScheduling`, { allowSim: true });
    const out = steps.map((x) => x.stdout + x.stderr);
    expect(out[0]).toBe("pod/big created\n");
    expect(out[1]).toMatch(/big\s+0\/1\s+Pending\s+0\s/);
    expect(out[2]).toContain("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.");
  });
});
