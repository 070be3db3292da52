// kube-scheduler's InterPodAffinity and PodTopologySpread filters and the preemption verdict of a
// pod that may not preempt, replayed as kubectl commands and checked on the transcript.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const yaml = (lines: string[]) => lines.join("\n") + "\n";

function run(script: string, files: Record<string, string>, workers: { name: string; labels?: Record<string, string> }[] = [{ name: "node01" }, { name: "node02" }]) {
  const hosts = [{ name: "controlplane", ip: "10.0.0.10" }, ...workers.map((w, i) => ({ ...w, ip: `10.0.0.${11 + i}` }))];
  const s = new Session({ seed: "scheduler-affinity", files, cluster: { hosts, kubernetes: { controlPlane: ["controlplane"], workers: workers.map((w) => w.name) } } });
  return s.run(script, { allowSim: true });
}

const deployment = (name: string, replicas: number, podSpec: string[]) => yaml([
  "apiVersion: apps/v1", "kind: Deployment", "metadata:", `  name: ${name}`, "spec:", `  replicas: ${replicas}`, `  selector: {matchLabels: {app: ${name}}}`,
  "  template:", `    metadata: {labels: {app: ${name}}}`, "    spec:", ...podSpec.map((l) => `      ${l}`), "      containers:", "      - {name: c, image: nginx}",
]);

const ANTI = deployment("web", 3, [
  "affinity:", "  podAntiAffinity:", "    requiredDuringSchedulingIgnoredDuringExecution:", "    - labelSelector:", "        matchExpressions:",
  "        - {key: app, operator: In, values: [web]}", "      topologyKey: kubernetes.io/hostname",
]);

describe("InterPodAffinity", () => {
  it("required anti-affinity puts one replica per node; the rest stay Pending with the plugin's reason", () => {
    const steps = run("kubectl apply -f anti.yaml\nkubectl get pods -o wide --no-headers\nkubectl get events --field-selector reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers", { "anti.yaml": ANTI });
    const rows = steps[1]!.stdout.trimEnd().split("\n").map((r) => r.split(/ +/));
    expect(rows.filter((r) => r[2] === "Running").map((r) => r[6]).sort()).toEqual(["node01", "node02"]);
    expect(rows.filter((r) => r[2] === "Pending")).toHaveLength(1);
    expect(steps[2]!.stdout).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.\n");
  });

  it("a placed pod's anti-affinity keeps a matching newcomer off its node", () => {
    const guard = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: guard}", "spec:", "  nodeName: node01", "  affinity:", "    podAntiAffinity:",
      "      requiredDuringSchedulingIgnoredDuringExecution:", "      - labelSelector: {matchLabels: {role: noisy}}", "        topologyKey: kubernetes.io/hostname",
      "  containers:", "  - {name: c, image: nginx}"]);
    const steps = run("kubectl apply -f guard.yaml\nkubectl run noisy --image=nginx --labels=role=noisy\nkubectl get pod noisy -o jsonpath='{.spec.nodeName}'", { "guard.yaml": guard });
    expect(steps[2]!.stdout).toBe("node02");
  });

  it("required affinity waits for a matching pod, then joins its node", () => {
    const follower = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: follower}", "spec:", "  affinity:", "    podAffinity:",
      "      requiredDuringSchedulingIgnoredDuringExecution:", "      - labelSelector: {matchLabels: {app: cache}}", "        topologyKey: kubernetes.io/hostname",
      "  containers:", "  - {name: c, image: nginx}"]);
    const steps = run([
      "kubectl apply -f follower.yaml",
      "kubectl get events --field-selector reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers",
      "kubectl run cache --image=redis --labels=app=cache",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --no-headers",
    ].join("\n"), { "follower.yaml": follower });
    expect(steps[1]!.stdout).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n");
    const [cache, follow] = steps[3]!.stdout.trimEnd().split("\n").map((r) => r.split(/ +/)[1]);
    expect(follow).toBe(cache);
  });
});

describe("PodTopologySpread (DoNotSchedule)", () => {
  const SPREAD = deployment("sp", 4, [
    "topologySpreadConstraints:", "- maxSkew: 1", "  topologyKey: zone", "  whenUnsatisfiable: DoNotSchedule", "  labelSelector: {matchLabels: {app: sp}}",
  ]);
  it("keeps the zones within maxSkew, whatever the node count per zone", () => {
    const workers = [{ name: "n1", labels: { zone: "a" } }, { name: "n2", labels: { zone: "a" } }, { name: "n3", labels: { zone: "b" } }];
    const out = run("kubectl apply -f sp.yaml\nkubectl get pods -o custom-columns=NODE:.spec.nodeName --no-headers", { "sp.yaml": SPREAD }, workers)[1]!.stdout;
    const nodes = out.trimEnd().split("\n");
    expect(nodes.filter((n) => n === "n3")).toHaveLength(2);
  });

  it("nodes without the topology key are unschedulable for it", () => {
    const steps = run("kubectl apply -f sp.yaml\nkubectl get events --field-selector reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers", { "sp.yaml": SPREAD });
    expect(steps[1]!.stdout.split("\n")[0]).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });
});

describe("preemption eligibility", () => {
  it("a pod whose class says preemptionPolicy Never is not eligible to preempt", () => {
    const pc = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata: {name: polite}", "value: 1000", "preemptionPolicy: Never"]);
    const big = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: big}", "spec:", "  priorityClassName: polite", "  containers:", "  - name: c", "    image: nginx",
      "    resources: {requests: {cpu: 64}}"]);
    const steps = run("kubectl apply -f pc.yaml\nkubectl apply -f big.yaml\nkubectl get events --field-selector reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers", { "pc.yaml": pc, "big.yaml": big });
    expect(steps[2]!.stdout).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.\n");
  });
});

describe("preemption", () => {
  const LOW = deployment("low", 2, []).replace("      - {name: c, image: nginx}\n", "      - name: c\n        image: nginx\n        resources: {requests: {cpu: 1500m}}\n");
  const PC = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata: {name: high}", "value: 1000000"]);
  const VIP = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: vip}", "spec:", "  priorityClassName: high", "  containers:", "  - name: c", "    image: nginx",
    "    resources: {requests: {cpu: 1}}"]);

  it("a higher-priority pod evicts a lower-priority one, is nominated, then runs in its place", () => {
    const steps = run([
      "kubectl apply -f low.yaml", "kubectl apply -f pc.yaml", "kubectl apply -f vip.yaml",
      "kubectl get pod vip -o custom-columns=STATUS:.status.phase,NOMINATED:.status.nominatedNodeName --no-headers",
      "kubectl get events --field-selector reason=Preempted -o custom-columns=OBJECT:.involvedObject.name,SOURCE:.source.component,MESSAGE:.message --no-headers",
      "kubectl get events --field-selector involvedObject.name=vip,reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers",
      "kubectl get pod vip -o jsonpath='{.metadata.uid}'",
      "sleep 5",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,NODE:.spec.nodeName --no-headers",
    ].join("\n"), { "low.yaml": LOW, "pc.yaml": PC, "vip.yaml": VIP }, [{ name: "node01" }]);
    expect(steps[3]!.stdout).toBe("Pending   node01\n");
    expect(steps[4]!.stdout).toMatch(new RegExp(`^low-[a-z0-9]+-[a-z0-9]{5} +default-scheduler +Preempted by pod ${steps[6]!.stdout} on node node01\n$`));
    expect(steps[5]!.stdout).toBe("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.\n");
    expect(steps[8]!.stdout).toMatch(/\nvip +Running +node01\n$/);
    expect(steps[8]!.stdout.match(/^low-\S+ +Pending +<none>$/gm)).toHaveLength(2);
  });

  it("pods of equal priority find no victims", () => {
    const steps = run("kubectl apply -f low.yaml\nkubectl get events --field-selector reason=FailedScheduling -o custom-columns=MESSAGE:.message --no-headers", { "low.yaml": LOW }, [{ name: "node01" }]);
    expect(steps[1]!.stdout).toBe("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.\n");
  });
});
