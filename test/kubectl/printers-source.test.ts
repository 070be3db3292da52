// `kubectl get` cells and `kubectl describe` lines checked against the Go source they mirror:
// pkg/printers/internalversion/printers.go (the server-side table handlers) and
// staging/src/k8s.io/kubectl/pkg/describe/describe.go. States the simulator reaches are replayed;
// states it does not produce on its own (a load balancer's addresses, native sidecars, event
// series) are built as objects and handed to the same table handlers.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { podCells } from "../../src/sim/k8s/kubectl/printers/pod-status";
import { tableFor } from "../../src/sim/k8s/kubectl/printers/tables";

function run(script: string, files: Record<string, string> = {}) {
  return new Session({ seed: "printers", files }).run(script, { allowSim: true });
}

const NOW = Date.parse("2024-01-10T00:10:00Z");
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const meta = (name: string) => ({ name, namespace: "default", creationTimestamp: ago(60) });
const cells = (kind: string, o: Record<string, unknown>, wide = false) => {
  const r = tableFor(kind).row(o as Record<string, any>, { now: NOW, wide });
  return [...r.cells, ...(wide ? r.wide : [])];
};

describe("describe: Terminating (lasts …) is translateTimestampSince(deletionTimestamp)", () => {
  test("a pod in its grace period: the deletion timestamp is in the future, so <invalid>", () => {
    const steps = run("kubectl run s --image=busybox -- sleep 3600\nkubectl delete pod s --wait=false\nkubectl describe pod s\nsleep 29\nkubectl describe pod s");
    expect(steps[2]!.stdout).toContain("Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n");
    // Within a second of the deadline HumanDuration tolerates the skew and prints 0s.
    expect(steps[4]!.stdout).toContain("Status:                    Terminating (lasts 0s)\n");
  });

  test("a PVC held by pvc-protection counts up from its deletion", () => {
    const files = {
      "pvc.yaml": `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c1}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ""}
---
apiVersion: v1
kind: Pod
metadata: {name: user}
spec:
  containers: [{name: c, image: nginx, volumeMounts: [{name: v, mountPath: /d}]}]
  volumes: [{name: v, persistentVolumeClaim: {claimName: c1}}]
`,
    };
    const steps = run("kubectl apply -f pvc.yaml\nkubectl delete pvc c1 --wait=false\nsleep 10\nkubectl describe pvc c1", files);
    expect(steps[3]!.stdout).toContain("Status:        Terminating (lasts 10s)\n");
  });
});

describe("printPod with restartable init containers (sidecars)", () => {
  const spec = {
    initContainers: [{ name: "log", image: "busybox", restartPolicy: "Always" }, { name: "setup", image: "busybox" }],
    containers: [{ name: "app", image: "nginx" }],
  };
  const running = (name: string, restartCount = 0, extra: Record<string, unknown> = {}) => ({
    name, ready: true, started: true, restartCount, state: { running: { startedAt: ago(30) } }, ...extra,
  });
  const lastTerminated = (s: number) => ({ lastState: { terminated: { exitCode: 1, finishedAt: ago(s) } } });

  test("a started sidecar counts as a ready container while the next init container runs", () => {
    const pod = {
      metadata: meta("p"), spec,
      status: {
        phase: "Pending",
        initContainerStatuses: [running("log"), { name: "setup", ready: false, started: true, restartCount: 0, state: { running: { startedAt: ago(5) } } }],
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
      },
    };
    expect(podCells(pod, NOW)).toEqual({ ready: "1/2", status: "Init:1/2", restarts: "0" });
  });

  test("once initialized, a completed init container's restarts drop out; the sidecar's stay", () => {
    const pod = {
      metadata: meta("p"), spec,
      status: {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }, { type: "Ready", status: "True" }],
        initContainerStatuses: [
          running("log", 1, lastTerminated(40)),
          { name: "setup", ready: true, started: false, restartCount: 2, state: { terminated: { exitCode: 0, reason: "Completed" } }, ...lastTerminated(20) },
        ],
        containerStatuses: [running("app", 3, lastTerminated(50))],
      },
    };
    // 1 (sidecar) + 3 (app); the latest of their last terminations is 40s ago, not setup's 20s.
    expect(podCells(pod, NOW)).toEqual({ ready: "2/2", status: "Running", restarts: "4 (40s ago)" });
  });

  test("without sidecars a completed init container's restarts are not counted", () => {
    const pod = {
      metadata: meta("p"),
      spec: { initContainers: [{ name: "setup", image: "busybox" }], containers: [{ name: "app", image: "nginx" }] },
      status: {
        phase: "Running",
        initContainerStatuses: [{ name: "setup", ready: true, restartCount: 2, state: { terminated: { exitCode: 0, reason: "Completed" } }, ...lastTerminated(20) }],
        containerStatuses: [running("app")],
      },
    };
    expect(podCells(pod, NOW)).toEqual({ ready: "1/1", status: "Running", restarts: "0" });
  });

  test("1.30 prints Terminating for a deleted pod whatever its phase (a completed pod held by a finalizer)", () => {
    const pod = {
      metadata: { ...meta("done"), deletionTimestamp: ago(5), finalizers: ["example.com/keep"] },
      spec: { containers: [{ name: "c" }] },
      status: { phase: "Succeeded", containerStatuses: [{ name: "c", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] },
    };
    expect(podCells(pod, NOW).status).toBe("Terminating");
  });

  test("-o wide IP is status.podIPs[0]", () => {
    const pod = { metadata: meta("p"), spec: { containers: [{ name: "c" }], nodeName: "n1" }, status: { phase: "Running", podIP: "10.0.0.9", podIPs: [{ ip: "10.0.0.9" }, { ip: "fd00::9" }] } };
    expect(cells("Pod", pod, true).slice(5)).toEqual(["10.0.0.9", "n1", "<none>", "<none>"]);
  });
});

describe("printService", () => {
  const lb = (ingress: object[], externalIPs?: string[]) => ({
    metadata: meta("lb"),
    spec: { type: "LoadBalancer", clusterIP: "10.96.1.1", clusterIPs: ["10.96.1.1"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }], ...(externalIPs ? { externalIPs } : {}) },
    status: { loadBalancer: { ingress } },
  });
  test("load balancer addresses are a sorted set, clipped to 16 bytes outside -o wide", () => {
    const o = lb([{ ip: "203.0.113.20" }, { hostname: "a.example.com" }, { ip: "203.0.113.20" }]);
    expect(cells("Service", o)[3]).toBe("203.0.113.20,...");
    expect(cells("Service", o, true)[3]).toBe("203.0.113.20,a.example.com");
  });
  test("external IPs follow the clipped load balancer string unclipped", () => {
    expect(cells("Service", lb([{ ip: "203.0.113.200" }, { ip: "203.0.113.100" }], ["198.51.100.7"]))[3]).toBe("203.0.113.100...,198.51.100.7");
    expect(cells("Service", lb([], ["198.51.100.7"]))[3]).toBe("198.51.100.7");
    expect(cells("Service", lb([]))[3]).toBe("<pending>");
  });
  test("a headless service's CLUSTER-IP is None; one created with --clusterip=None needs no port", () => {
    const steps = run("kubectl create service clusterip hl --clusterip=None\nkubectl get svc hl");
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "service/hl created\n" });
    expect(steps[1]!.stdout).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nhl +ClusterIP +None +<none> +<none> +0s\n$/);
  });
});

describe("printEndpoints and printEndpointSlice", () => {
  test("a subset of only not-ready addresses prints an empty cell, not <none>", () => {
    const ep = { metadata: meta("web"), subsets: [{ notReadyAddresses: [{ ip: "10.244.1.5" }], ports: [{ port: 80, protocol: "TCP" }] }] };
    expect(cells("Endpoints", ep)[1]).toBe("");
    expect(cells("Endpoints", { metadata: meta("web") })[1]).toBe("<none>");
  });
  test("IPv6 endpoints are bracketed (net.JoinHostPort)", () => {
    const ep = { metadata: meta("web"), subsets: [{ addresses: [{ ip: "fd00::5" }], ports: [{ port: 80 }] }] };
    expect(cells("Endpoints", ep)[1]).toBe("[fd00::5]:80");
  });
  test("slice ports: number, else name, else *; more than three are summarised", () => {
    const slice = {
      metadata: meta("web-abcde"), addressType: "IPv4",
      ports: [{ port: 80 }, { name: "http" }, {}, { port: 443 }],
      endpoints: [{ addresses: ["10.0.0.1"] }, { addresses: ["10.0.0.2", "10.0.0.3"] }, { addresses: ["10.0.0.4"] }],
    };
    expect(cells("EndpointSlice", slice).slice(1, 4)).toEqual(["IPv4", "80,http,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more..."]);
    expect(cells("EndpointSlice", { metadata: meta("e"), addressType: "IPv4" }).slice(2, 4)).toEqual(["<unset>", "<unset>"]);
  });
});

describe("printIngress", () => {
  const ing = (rules: object[], ingress: object[] = []) => ({ metadata: meta("ing"), spec: { ingressClassName: "nginx", rules }, status: { loadBalancer: { ingress } } });
  test("a rule without a host is skipped; * only when no rule names a host", () => {
    expect(cells("Ingress", ing([{ host: "foo.com" }, { http: {} }]))[2]).toBe("foo.com");
    expect(cells("Ingress", ing([{ http: {} }]))[2]).toBe("*");
  });
  test("past three hosts, + N more counts every further rule", () => {
    expect(cells("Ingress", ing([{ host: "a" }, { host: "b" }, { host: "c" }, { http: {} }, { host: "e" }]))[2]).toBe("a,b,c + 2 more...");
  });
  test("ADDRESS is sorted and clipped like a load balancer's", () => {
    const o = ing([{ host: "a" }], [{ ip: "192.168.49.20" }, { ip: "192.168.49.10" }]);
    expect(cells("Ingress", o)[3]).toBe("192.168.49.10...");
    expect(cells("Ingress", o, true)[3]).toBe("192.168.49.10,192.168.49.20");
  });
});

describe("printEvent and printControllerRevision", () => {
  const event = (extra: Record<string, unknown>) => ({
    metadata: meta("web.1"), involvedObject: { kind: "Pod", name: "web" }, type: "Normal", reason: "Pulled", message: "ok ", ...extra,
  });
  test("an event without a count is a singleton: COUNT 1", () => {
    const row = cells("Event", event({ eventTime: ago(5), reportingController: "kubelet" }), true);
    expect(row).toEqual(["5s", "Normal", "Pulled", "pod/web", "", "kubelet", "ok", "5s", "1", "web.1"]);
  });
  test("a series reports its own count and last observation", () => {
    const row = cells("Event", event({ eventTime: ago(50), series: { count: 4, lastObservedTime: ago(2) } }), true);
    expect([row[0], row[5], row[7], row[8]]).toEqual(["2s", "", "50s", "4"]);
  });
  test("the daemon set's revisions name their controller as kind.group/name", () => {
    const steps = run("kubectl get controllerrevisions -n kube-system");
    expect(steps[0]!.stdout).toMatch(/^NAME +CONTROLLER +REVISION +AGE\nkube-proxy-[a-z0-9]+ +daemonset\.apps\/kube-proxy +1 +0s\n$/);
    expect(cells("ControllerRevision", { metadata: meta("orphan"), revision: 3 })).toEqual(["orphan", "<none>", "3", "60s"]);
  });
});

describe("describe node: describeNodeResource and the lease", () => {
  const files = {
    "p.yaml": `apiVersion: v1
kind: Pod
metadata: {name: initbig}
spec:
  nodeName: worker1
  initContainers:
  - {name: i, image: busybox, command: ["true"], resources: {requests: {cpu: "1", memory: 64Mi}}}
  containers:
  - {name: c, image: nginx, resources: {requests: {cpu: 100m, memory: 32Mi}, limits: {memory: 64Mi}}}
  - {name: d, image: nginx, resources: {requests: {cpu: 100m}}}
`,
  };
  const script = `kubectl cordon worker1
kubectl create deployment d --image=nginx
kubectl set resources deployment d --requests=cpu=290m,memory=100M --limits=cpu=580m,memory=1G
kubectl uncordon worker1
kubectl apply -f p.yaml
sim node down worker2
sleep 120
kubectl describe node worker1
kubectl describe node worker2`;
  const steps = run(script, files);
  const w1 = steps[7]!.stdout;
  const w2 = steps[8]!.stdout;

  test("a pod requests the larger of its containers' sum and its init containers", () => {
    expect(w1).toMatch(/\n  default +initbig +1 \(50%\) +0 \(0%\) +64Mi \(1%\) +64Mi \(1%\) +2m\n/);
  });
  test("percentages are float64 truncations (580m of 2 CPUs is 28%), quantities keep their format", () => {
    expect(w2).toMatch(/\n  default +d-[a-z0-9]+-[a-z0-9]+ +290m \(14%\) +580m \(28%\) +100M \(2%\) +1G \(23%\) +2m\n/);
    expect(w2).toContain("\n  cpu                290m (14%)  580m (28%)\n  memory             100M (2%)   1G (23%)\n");
  });
  test("a node whose kubelet stopped posting keeps the lease of its last heartbeat", () => {
    expect(w1).toMatch(/\n  RenewTime: +Wed, 10 Jan 2024 00:02:00 \+0000\n/);
    expect(w2).toMatch(/\n  RenewTime: +Wed, 10 Jan 2024 00:00:00 \+0000\n/);
  });
});

describe("printResourceQuota (1.30: NAME AGE REQUEST LIMIT)", () => {
  test("status.hard in name order, limits.* apart, unused as 0", () => {
    const quota = {
      metadata: meta("compute"),
      spec: { hard: { pods: "10" } },
      status: {
        hard: { "limits.memory": "2Gi", pods: "10", "requests.cpu": "1", "limits.cpu": "2", "requests.memory": "1Gi" },
        used: { pods: "3", "requests.cpu": "500m", "limits.memory": "512Mi" },
      },
    };
    expect(tableFor("ResourceQuota").headers).toEqual(["NAME", "AGE", "REQUEST", "LIMIT"]);
    expect(cells("ResourceQuota", quota)).toEqual([
      "compute", "60s", "pods: 3/10, requests.cpu: 500m/1, requests.memory: 0/1Gi", "limits.cpu: 0/2, limits.memory: 512Mi/2Gi",
    ]);
  });
});

describe("get --sort-by (sorter.go)", () => {
  test("strings in natural order: 10.96.0.1 sorts before 10.102.x", () => {
    const steps = run("kubectl create service clusterip a --tcp=80 --clusterip=10.102.0.5\nkubectl create service clusterip b --tcp=80 --clusterip=10.96.0.20\nkubectl get svc --sort-by=.spec.clusterIP -o name");
    expect(steps[2]!.stdout).toBe("service/kubernetes\nservice/b\nservice/a\n");
  });
  test("a field no object has: the table prints nothing, other printers fail", () => {
    const steps = run("kubectl run web --image=nginx\nkubectl get pods --sort-by=.status.nope\nkubectl get pods --sort-by=.status.nope -o name");
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: 'error: couldn\'t find any field with path "{.status.nope}" in the list of objects\n' });
  });
});

describe("get flags that shape the table", () => {
  test("with kinds shown, an event's name column (-o wide only) gets the event/ prefix", () => {
    const steps = run("kubectl run web --image=nginx\nkubectl get events,pods\nkubectl get events -o wide --show-kind");
    expect(steps[1]!.stdout.split("\n")[1]).toMatch(/^0s +Normal +Scheduled +pod\/web +Successfully assigned default\/web to /);
    expect(steps[2]!.stdout.split("\n")[1]).toMatch(/ 1 +event\/web\.[0-9a-f]{16}$/);
  });
  test("names asked for across types show kinds only when several kinds were found", () => {
    const steps = run("kubectl run web --image=nginx\nkubectl get pods,svc web\nkubectl get pods,svc -l run=web");
    expect(steps[1]!.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb +1\/1 /);
    expect(steps[1]!.stderr).toBe('Error from server (NotFound): services "web" not found\n');
    expect(steps[2]!.stdout).toMatch(/\npod\/web +1\/1 /);
  });
  test("--no-headers runs the groups together (the blank line comes with the headers)", () => {
    const steps = run("kubectl create deployment d --image=nginx\nkubectl get deploy,rs --no-headers");
    expect(steps[1]!.stdout).toMatch(/^deployment\.apps\/d +1\/1 +1 +1 +0s\nreplicaset\.apps\/d-[a-z0-9]+ +1 +1 +1 +0s\n$/);
  });
  test("--show-kind prefixes the kind even for one type", () => {
    const steps = run("kubectl run web --image=nginx\nkubectl get pods --show-kind\nkubectl get svc --show-kind -o wide");
    expect(steps[1]!.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\npod\/web +1\/1 +Running +0 +0s\n$/);
    expect(steps[2]!.stdout).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR\nservice\/kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +0s +<none>\n$/);
  });
});

describe("printPriorityClass", () => {
  // v1.30 has no PreemptionPolicy column (it came with v1.32, kubernetes#126529).
  test("VALUE, GLOBAL-DEFAULT, AGE", () => {
    expect(tableFor("PriorityClass").headers).toEqual(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE"]);
    expect(cells("PriorityClass", { metadata: meta("high"), value: 1000, preemptionPolicy: "Never" })).toEqual(["high", "1000", "false", "60s"]);
  });
});

describe("printHorizontalPodAutoscaler and the kinds with small tables", () => {
  const hpa = (metrics: object[], status: object = {}) => ({
    metadata: meta("web"),
    spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 5, metrics },
    status: { currentReplicas: 2, ...status },
  });
  const cpu = { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } };
  const mem = { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "500Mi" } } };
  test("TARGETS names each metric; <unknown> before the metrics server reports", () => {
    expect(cells("HorizontalPodAutoscaler", hpa([cpu]))).toEqual(["web", "Deployment/web", "cpu: <unknown>/50%", "2", "5", "2", "60s"]);
    const reported = hpa([cpu, mem], { currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 12 } } }, { type: "Resource", resource: { name: "memory", current: { averageValue: "100Mi" } } }] });
    expect(cells("HorizontalPodAutoscaler", reported)[2]).toBe("cpu: 12%/50%, memory: 100Mi/500Mi");
  });
  test("at most two metrics, then + N more...; none is <none>; an autoscaling/v1 target reads as cpu", () => {
    const pods = { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } } };
    expect(cells("HorizontalPodAutoscaler", hpa([cpu, mem, pods]))[2]).toBe("cpu: <unknown>/50%, memory: <unknown>/500Mi + 1 more...");
    expect(cells("HorizontalPodAutoscaler", hpa([]))[2]).toBe("<none>");
    const v1 = { metadata: meta("v1"), spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, maxReplicas: 3, targetCPUUtilizationPercentage: 80 }, status: { currentCPUUtilizationPercentage: 7 } };
    expect(cells("HorizontalPodAutoscaler", v1).slice(2, 4)).toEqual(["cpu: 7%/80%", "<unset>"]);
  });
  test("webhooks, runtime classes, CSI nodes, pod templates, CRDs (the default NAME / CREATED AT table)", () => {
    expect(cells("ValidatingWebhookConfiguration", { metadata: meta("v"), webhooks: [{}, {}] })).toEqual(["v", "2", "60s"]);
    expect(cells("RuntimeClass", { metadata: meta("gvisor"), handler: "runsc" })).toEqual(["gvisor", "runsc", "60s"]);
    expect(cells("CSINode", { metadata: meta("n1"), spec: { drivers: [{ name: "d" }] } })).toEqual(["n1", "1", "60s"]);
    expect(cells("PodTemplate", { metadata: meta("t"), template: { metadata: { labels: { b: "2", a: "1" } }, spec: { containers: [{ name: "c", image: "nginx" }, { name: "d", image: "redis" }] } } }))
      .toEqual(["t", "c,d", "nginx,redis", "a=1,b=2"]);
    expect(cells("ComponentStatus", { metadata: { name: "etcd-0" }, conditions: [{ type: "Healthy", status: "True", message: "ok" }] })).toEqual(["etcd-0", "Healthy", "ok", ""]);
    expect(tableFor("CustomResourceDefinition").headers).toEqual(["NAME", "CREATED AT"]);
    expect(cells("CustomResourceDefinition", { metadata: { name: "crontabs.stable.example.com", creationTimestamp: "2024-01-10T00:09:00Z" } })).toEqual(["crontabs.stable.example.com", "2024-01-10T00:09:00Z"]);
  });
});

describe("describe secret", () => {
  test("a service-account token secret shows its token, other keys their size", () => {
    const files = {
      "t.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: tok, annotations: {kubernetes.io/service-account.name: default}}\ntype: kubernetes.io/service-account-token\ndata: {token: YWJjLmRlZi5naGk=, namespace: ZGVmYXVsdA==}\n",
    };
    const steps = run("kubectl apply -f t.yaml\nkubectl describe secret tok", files);
    expect(steps[1]!.stdout).toMatch(/\nType:  kubernetes\.io\/service-account-token\n\nData\n====\nnamespace:  7 bytes\ntoken:      abc\.def\.ghi\n$/);
  });
});
