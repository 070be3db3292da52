// Session 7 audit of the control plane and kubelet on the virtual clock: regressions for the
// mismatches found against kubernetes.md and the v1.30 sources.
import { describe, expect, it } from "vitest";
import { replayK8s } from "./replay";
import { rankPodsForDeletion } from "../../src/sim/k8s/controllers/pod-ranking";
import { evictionTime } from "../../src/sim/k8s/controllers/taint-eviction";
import type { Pod } from "../../src/sim/k8s/controllers/model";

const agentDs = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
`;

describe("DaemonSet rolling update waits for each old pod to be gone (getNodesToDaemonPods keeps terminating pods)", () => {
  it("replaces one node at a time: the shell ignores SIGTERM, so each old pod takes its 30 s grace period", () => {
    const r = replayK8s([
      "kubectl apply -f ds.yaml",
      "kubectl set image ds/agent agent=busybox:1.37",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[0].image,DEL:.metadata.deletionTimestamp --sort-by=.spec.nodeName",
      "kubectl get ds agent",
      "kubectl rollout status ds/agent",
      "kubectl get pods -o custom-columns=NODE:.spec.nodeName,IMAGE:.spec.containers[0].image --sort-by=.spec.nodeName",
      "kubectl describe ds agent | grep -E 'Successful(Create|Delete)' | awk '{print $2, $3}'",
    ].join("\n"), { "ds.yaml": agentDs });
    // Right after the update only one pod is being replaced, and no new pod shares its node.
    const rows = r.out[2]!.trim().split("\n").slice(1).map((l) => l.split(/\s+/));
    expect(rows.length).toBe(2);
    expect(rows.filter((x) => x[3] !== "<none>").length).toBe(1);
    expect(rows.every((x) => x[2] === "busybox:1.36")).toBe(true);
    // The terminating pod still counts for its node.
    expect(r.out[3]).toMatch(/^agent\s+2\s+2\s+2\s+0\s+2\s/m);
    expect(r.code[4]).toBe(0);
    expect(r.out[4]).toContain('daemon set "agent" successfully rolled out');
    expect(r.out[5]).toBe("NODE           IMAGE\ncontrolplane   busybox:1.37\nnode01         busybox:1.37\n");
    // Created at 60 s, deleted at 60 s, created at 30 s, deleted at 30 s, created at 0 s.
    expect(r.out[6]!.trim().split("\n").slice(2)).toEqual(["SuccessfulDelete 60s", "SuccessfulCreate 30s", "SuccessfulDelete 30s", "SuccessfulCreate 0s"]);
  });

  it("a node that stopped tolerating a NoSchedule taint keeps its pod, counted as misscheduled, until an update deletes it", () => {
    const r = replayK8s([
      "kubectl apply -f ds.yaml",
      "kubectl taint node node01 x=y:NoSchedule",
      "kubectl describe ds agent | grep Number",
      "kubectl get pods -o custom-columns=NODE:.spec.nodeName --no-headers --sort-by=.spec.nodeName",
      "kubectl set image ds/agent agent=busybox:1.37",
      "kubectl rollout status ds/agent",
      "sleep 30",
      "kubectl get pods -o custom-columns=NODE:.spec.nodeName,IMAGE:.spec.containers[0].image --no-headers",
    ].join("\n"), { "ds.yaml": agentDs });
    expect(r.out[2]).toBe([
      "Desired Number of Nodes Scheduled: 1", "Current Number of Nodes Scheduled: 1", "Number of Nodes Scheduled with Up-to-date Pods: 1",
      "Number of Nodes Scheduled with Available Pods: 1", "Number of Nodes Misscheduled: 1", "",
    ].join("\n"));
    expect(r.out[3]).toBe("controlplane\nnode01\n");
    // rollingUpdate walks every node with pods: the old pod on node01 is replaced by nothing.
    expect(r.out[7]).toBe("controlplane   busybox:1.37\n");
  });
});


const T0 = Date.parse("2024-01-10T00:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace(/\.\d+Z$/, "Z");
function pod(name: string, node: string, createdS: number, uid = name): Pod {
  return {
    metadata: { name, uid, namespace: "default", creationTimestamp: at(createdS) },
    spec: { nodeName: node, containers: [] },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: at(createdS) }] },
  } as unknown as Pod;
}

describe("ReplicaSet deletion order (ActivePodsWithRanks)", () => {
  it("a ReplicaSet without a controller has no related pods: crowded nodes are not preferred", () => {
    // Two pods on node01, one on node02, all the same age: the node02 pod's name sorts first.
    const pods = [pod("a-node02", "node02", 0), pod("b-node01", "node01", 0), pod("c-node01", "node01", 0)];
    expect(rankPodsForDeletion(pods, [], T0 + 60_000).map((p) => p.metadata.name)).toEqual(["a-node02", "b-node01", "c-node01"]);
    // With related pods (a Deployment's ReplicaSet), the doubled-up node goes first.
    expect(rankPodsForDeletion(pods, pods, T0 + 60_000).map((p) => p.metadata.name)).toEqual(["b-node01", "c-node01", "a-node02"]);
  });

  it("ages are compared in log2 buckets of nanoseconds, the same bucket decided by UID", () => {
    // Ready 1 s and 0 s ago: buckets 29 and -1 (seconds would put both in bucket 0).
    const now = T0 + 10_000;
    const older = pod("older", "node01", 9, "uid-a");
    const newer = pod("newer", "node01", 10, "uid-b");
    expect(rankPodsForDeletion([older, newer], [], now).map((p) => p.metadata.name)).toEqual(["newer", "older"]);
    // 4 s and 3 s old: both in bucket 31 (2^31 ns ≈ 2.15 s, 2^32 ≈ 4.29 s), so the lower UID goes
    // first, the older pod here (seconds would put them in buckets 2 and 1).
    const a = pod("a", "node01", 6, "uid-a");
    const b = pod("b", "node01", 7, "uid-b");
    expect(rankPodsForDeletion([b, a], [], now).map((p) => p.metadata.name)).toEqual(["a", "b"]);
  });
});

describe("taint eviction times (GetMatchingTolerations + getMinTolerationTime)", () => {
  const taint = { key: "team", value: "blue", effect: "NoExecute", timeAdded: at(0) } as const;
  const withTolerations = (tolerations: unknown[]): Pod => ({ ...pod("p", "node01", 0), spec: { nodeName: "node01", containers: [], tolerations } } as unknown as Pod);

  it("only the first toleration matching each taint counts", () => {
    const forever = withTolerations([{ key: "team", operator: "Exists", effect: "NoExecute" }, { key: "team", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }]);
    expect(evictionTime(forever, [taint], T0)).toBeUndefined();
    const sixty = withTolerations([{ key: "team", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }, { operator: "Exists" }]);
    expect(evictionTime(sixty, [taint], T0)).toBe(T0 + 60_000);
  });

  it("the smallest tolerationSeconds over all taints applies even when another taint is tolerated forever", () => {
    const other = { key: "zone", value: "x", effect: "NoExecute", timeAdded: at(10) } as const;
    const p = withTolerations([{ key: "zone", operator: "Exists" }, { key: "team", operator: "Equal", value: "blue", tolerationSeconds: 30 }]);
    expect(evictionTime(p, [other, taint], T0 + 10_000)).toBe(T0 + 30_000);
    expect(evictionTime(withTolerations([{ key: "zone", operator: "Exists" }]), [other, taint], T0)).toBe(T0);
  });
});

describe("CrashLoopBackOff: every sync while backing off reports BackOff again (pod worker requeue, 10 s)", () => {
  it("restarts at 0, 0, 10, 30, 70, 150 s; BackOff events every 10 s in between", () => {
    const r = replayK8s([
      `kubectl run crash --image=busybox:1.36 -- sh -c "echo boom; exit 1"`,
      "sleep 165",
      "kubectl get pod crash",
      "kubectl describe pod crash | grep -E 'BackOff|Started'",
    ].join("\n"));
    expect(r.out[2]).toMatch(/^crash   0\/1     CrashLoopBackOff   5 \(15s ago\)   2m45s\n$/m);
    // Back-offs of 10, 20, 40, 80 s, then 15 s of the 160 s one: 1 + 2 + 4 + 8 + 2 syncs, but
    // the kubelet's spam filter (25 events about the pod, then one per 5 minutes) let the last
    // write out at 80 s: BackOff and Started stay as they were then.
    expect(r.out[3]).toMatch(/Warning  BackOff    85s \(x9 over 2m45s\)  kubelet            Back-off restarting failed container crash in pod crash_default\(/);
    expect(r.out[3]).toContain("Normal   Started    95s (x5 over 2m45s)  kubelet            Started container crash");
  });
});

describe("unschedulable pods are retried on the events their rejecting plugins register (1.30, no queueing hints)", () => {
  const big = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "3"
`;
  const failed = (out: string) => out.split("\n").find((l) => l.includes("FailedScheduling"))!.split(/ {2,}/)[3];
  it("a new pod elsewhere does not retry a pod short of CPU; a deleted pod and a node change do; so does the 5-minute flush", () => {
    const r = replayK8s([
      "kubectl apply -f big.yaml",
      "kubectl create deployment web --image=nginx --replicas=2",
      "sleep 10",
      "kubectl describe pod big",
      "kubectl delete pod -l app=web --wait=false",
      "sleep 1",
      "kubectl describe pod big",
      "kubectl label node node01 disk=ssd",
      "kubectl describe pod big",
      "sleep 300",
      "kubectl describe pod big",
    ].join("\n"), { "big.yaml": big });
    expect(failed(r.out[3]!)).toBe("10s");
    expect(failed(r.out[6]!)).toBe("1s (x2 over 11s)");
    expect(failed(r.out[8]!)).toBe("0s (x3 over 11s)");
    expect(failed(r.out[10]!)).toBe("0s (x4 over 5m11s)");
  });
});

describe("EndpointSlices as the reconciler makes them", () => {
  it("a named targetPort a pod lacks is left out; no endpoints leave a placeholder without ports", () => {
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: web, port: 8080, targetPort: http}
  - {name: other, port: 9090, targetPort: metrics}
`;
    const r = replayK8s([
      "kubectl create service clusterip empty --tcp=80:8080",
      "kubectl apply -f svc.yaml",
      "kubectl create deployment web --image=nginx --port=80",
      "kubectl patch deploy web --type=json -p='[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/ports/0/name\",\"value\":\"http\"}]'",
      "kubectl rollout status deploy/web",
      "sleep 1",
      "kubectl get endpointslices -l 'kubernetes.io/service-name in (empty,web)' -o 'custom-columns=SVC:.metadata.labels.kubernetes\\.io/service-name,PORTS:.ports[*].port,N:.ports[*].name' --sort-by='.metadata.labels.kubernetes\\.io/service-name'",
    ].join("\n"), { "svc.yaml": svc });
    expect(r.out[6]).toBe("SVC     PORTS    N\nempty   <none>   <none>\nweb     80       web\n");
  });
});

describe("a ReplicaSet that cannot create pods (quota)", () => {
  it("gets ReplicaFailure/FailedCreate (copied to its Deployment), retries rate-limited (5 ms doubling) and recovers on a retry", () => {
    const r = replayK8s([
      "kubectl create quota q --hard=pods=2",
      "kubectl create deployment web --image=nginx --replicas=3",
      "kubectl describe rs -l app=web | grep -A3 Conditions:",
      "kubectl get deploy web -o jsonpath='{.status.conditions[?(@.type==\"ReplicaFailure\")].reason}'",
      "sleep 60",
      "kubectl describe rs -l app=web | grep FailedCreate",
      "kubectl delete quota q",
      "sleep 30",
      "kubectl get rs -l app=web --no-headers",
      "kubectl get deploy web -o jsonpath='{.status.conditions[*].type}'",
    ].join("\n"));
    expect(r.out[2]).toBe("Conditions:\n  Type             Status  Reason\n  ----             ------  ------\n  ReplicaFailure   True    FailedCreate\n");
    expect(r.out[3]).toBe("FailedCreate");
    // Tries at 0, 5 ms, 15 ms, … 40.955 s: 14 in the first minute.
    expect(r.out[5]).toMatch(/Warning  FailedCreate      20s \(x14 over 60s\)  replicaset-controller  Error creating: pods "web-[a-z0-9]+-" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2\n/);
    // The quota gone, the next retry (81.9 s) creates the pod and clears the condition.
    expect(r.out[8]).toMatch(/^web-\S+\s+3\s+3\s+3\s+90s\n$/);
    expect(r.out[9]).toBe("Available Progressing");
  });
});

describe("cordon / uncordon: the kubelet's NodeNotSchedulable / NodeSchedulable events", () => {
  it("describe node shows the event from the kubelet", () => {
    const r = replayK8s("kubectl cordon node01\nkubectl describe node node01 | sed -n '/^Events:/,$p'\nkubectl uncordon node01\nkubectl get events --field-selector involvedObject.name=node01 -o custom-columns=REASON:.reason,FROM:.source.component,MSG:.message");
    expect(r.out[1]).toBe([
      "Events:",
      "  Type    Reason              Age   From     Message",
      "  ----    ------              ----  ----     -------",
      "  Normal  NodeNotSchedulable  0s    kubelet  Node node01 status is now: NodeNotSchedulable",
      "",
    ].join("\n"));
    expect(r.out[3]).toContain("NodeSchedulable      kubelet   Node node01 status is now: NodeSchedulable\n");
  });
});

describe("probes while a container is being killed (prober worker)", () => {
  it("liveness goes on hold after its failure; readiness keeps probing until the container has stopped", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: slowprobe
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    livenessProbe:
      exec:
        command: ["sleep", "5"]
      timeoutSeconds: 1
    readinessProbe:
      exec:
        command: ["sh", "-c", "exit 2"]
`;
    const r = replayK8s("kubectl apply -f p.yaml\nsleep 45\nkubectl describe pod slowprobe | grep -E 'Unhealthy|Killing'", { "p.yaml": pod });
    // Liveness fails at 0, 10, 20 s (timed out) and the container is killed at 20 s; sleep ignores
    // SIGTERM, so it runs until 50 s, and readiness still fails at 30 and 40 s.
    expect(r.out[2]).toBe([
      '  Warning  Unhealthy  25s (x3 over 45s)  kubelet            Liveness probe failed: command "sleep 5" timed out',
      "  Normal   Killing    25s                kubelet            Container app failed liveness probe, will be restarted",
      "  Warning  Unhealthy  5s (x5 over 45s)   kubelet            Readiness probe failed:",
      "",
    ].join("\n"));
  });
});
