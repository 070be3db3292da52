// What a fresh kubeadm v1.30 cluster holds beyond workloads (system PriorityClasses, Leases,
// CSINodes, the discovery `kubectl api-resources` prints, the "all" category), the API server's
// defaults and admission for priorities and HPAs, and pods' scheduling gates — replayed as kubectl
// commands, asserting on the transcript.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Session } from "../../src/sim";

const CLUSTER = {
  hosts: [{ name: "controlplane", ip: "10.0.0.10" }, { name: "node01", ip: "10.0.0.11" }],
  kubernetes: { controlPlane: ["controlplane"], workers: ["node01"] },
};

function run(script: string, files?: Record<string, string>) {
  const s = new Session({ seed: "bootstrap-defaults", files, cluster: CLUSTER });
  return s.run(script, { allowSim: true });
}

const yaml = (lines: string[]) => lines.join("\n") + "\n";

describe("a fresh kubeadm cluster", () => {
  it("has the two system PriorityClasses, printed with v1.30's columns", () => {
    const steps = run("kubectl get priorityclass\nkubectl get pc system-node-critical -o yaml");
    expect(steps[0]!.stdout).toBe(yaml([
      "NAME                      VALUE        GLOBAL-DEFAULT   AGE",
      "system-cluster-critical   2000000000   false            0s",
      "system-node-critical      2000001000   false            0s",
    ]));
    const pc = parse(steps[1]!.stdout);
    expect(pc).toMatchObject({
      apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", value: 2000001000, preemptionPolicy: "PreemptLowerPriority",
      description: "Used for system critical pods that must not be moved from their current node.",
      metadata: { name: "system-node-critical", generation: 1 },
    });
    expect(pc.globalDefault).toBeUndefined();
  });

  it("system pods carry their class's priority", () => {
    const out = run("kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priority,CLASS:.spec.priorityClassName --sort-by=.metadata.name")[0]!.stdout;
    expect(out).toMatch(/\ncoredns-\S+ +2000000000 +system-cluster-critical\n/);
    expect(out).toMatch(/\nkube-proxy-\S+ +2000001000 +system-node-critical\n/);
    expect(out).toMatch(/\netcd-controlplane +2000001000 +system-node-critical\n/);
  });

  it("has a heartbeat Lease per node, renewed every 10 s, and the control plane's Leases", () => {
    const steps = run("kubectl get leases -A\nkubectl get lease node01 -n kube-node-lease -o yaml\nsleep 25\nkubectl get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}'\nkubectl get lease kube-scheduler -n kube-system -o jsonpath='{.spec.renewTime}'");
    const rows = steps[0]!.stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^NAMESPACE +NAME +HOLDER +AGE$/);
    expect(rows.slice(1).map((r) => r.split(/ +/).slice(0, 3))).toEqual([
      ["kube-node-lease", "controlplane", "controlplane"],
      ["kube-node-lease", "node01", "node01"],
      [expect.stringMatching(/^kube-system$/), expect.stringMatching(/^apiserver-[a-z2-7]{26}$/), expect.stringMatching(/^apiserver-[a-z2-7]{26}_[0-9a-f-]{36}$/)],
      ["kube-system", "kube-controller-manager", expect.stringMatching(/^controlplane_[0-9a-f-]{36}$/)],
      ["kube-system", "kube-scheduler", expect.stringMatching(/^controlplane_[0-9a-f-]{36}$/)],
    ]);
    const lease = parse(steps[1]!.stdout);
    expect(lease.spec).toEqual({ holderIdentity: "node01", leaseDurationSeconds: 40, renewTime: "2024-01-10T00:00:00.000000Z" });
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Node", name: "node01", uid: expect.any(String) }]);
    expect(lease.metadata.generation).toBeUndefined();
    expect(steps[3]!.stdout).toBe("2024-01-10T00:00:20.000000Z");
    expect(steps[4]!.stdout).toBe("2024-01-10T00:00:24.000000Z");
  });

  it("a node that is down stops renewing its lease", () => {
    const steps = run("sim node down node01\nsleep 60\nkubectl get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}'");
    expect(steps[2]!.stdout).toBe("2024-01-10T00:00:00.000000Z");
  });

  it("a node renews until it goes down, whenever the lease is read, and again once it is back", () => {
    const steps = run([
      "sleep 25", "sim node down node01", "sleep 60",
      "kubectl get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}'",
      "sim node up node01", "sleep 12",
      "kubectl get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}'",
    ].join("\n"));
    expect(steps[3]!.stdout).toBe("2024-01-10T00:00:20.000000Z");
    expect(steps[6]!.stdout).toBe("2024-01-10T00:01:30.000000Z");
  });

  it("has a CSINode per node, without drivers", () => {
    const steps = run("kubectl get csinodes\nkubectl get csinode node01 -o yaml");
    expect(steps[0]!.stdout).toBe(yaml(["NAME           DRIVERS   AGE", "controlplane   0         0s", "node01         0         0s"]));
    const csi = parse(steps[1]!.stdout);
    expect(csi.spec).toEqual({ drivers: null });
    expect(csi.metadata.annotations["storage.alpha.kubernetes.io/migrated-plugins"]).toBe(
      "kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/vsphere-volume",
    );
  });

  it("still has only the four namespaces", () => {
    expect(run("kubectl get ns")[0]!.stdout).toBe(yaml([
      "NAME              STATUS   AGE", "default           Active   0s", "kube-node-lease   Active   0s", "kube-public       Active   0s", "kube-system       Active   0s",
    ]));
  });

  it("api-resources lists v1.30's discovery, events.k8s.io included", () => {
    const out = run("kubectl api-resources")[0]!.stdout;
    for (const row of [
      /\nvalidatingadmissionpolicies +admissionregistration\.k8s\.io\/v1 +false +ValidatingAdmissionPolicy\n/,
      /\nselfsubjectreviews +authentication\.k8s\.io\/v1 +false +SelfSubjectReview\n/,
      /\nlocalsubjectaccessreviews +authorization\.k8s\.io\/v1 +true +LocalSubjectAccessReview\n/,
      /\nleases +coordination\.k8s\.io\/v1 +true +Lease\n/,
      /\nevents +ev +events\.k8s\.io\/v1 +true +Event\n/,
      /\ncsistoragecapacities +storage\.k8s\.io\/v1 +true +CSIStorageCapacity\n/,
    ]) expect(out).toMatch(row);
    expect(out.split("\n").filter(Boolean)).toHaveLength(59);
  });
});

describe("kubectl get all", () => {
  const RC = yaml([
    "apiVersion: v1", "kind: ReplicationController", "metadata:", "  name: nginx", "spec:", "  replicas: 2", "  selector:", "    app: nginx",
    "  template:", "    metadata:", "      labels:", "        app: nginx", "    spec:", "      containers:", "      - name: nginx", "        image: nginx",
  ]);
  it("includes ReplicationControllers, between pods and services", () => {
    const out = run("kubectl apply -f rc.yaml\nkubectl run solo --image=nginx\nkubectl get all", { "rc.yaml": RC })[2]!.stdout;
    const groups = out.split("\n\n").map((g) => g.split("\n")[1]!.split(" ")[0]!.split("/")[0]);
    expect(groups).toEqual(["pod", "replicationcontroller", "service"]);
    expect(out).toMatch(/\n\nNAME +DESIRED +CURRENT +READY +AGE\nreplicationcontroller\/nginx +2 +/);
  });
});

describe("priority admission", () => {
  const PC = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata:", "  name: high-priority", "value: 1000000", "description: for XYZ pods"]);
  const DEFAULT = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata:", "  name: low", "value: 10", "globalDefault: true", "preemptionPolicy: Never"]);
  const pod = (name: string, extra: string[] = []) => yaml(["apiVersion: v1", "kind: Pod", "metadata:", `  name: ${name}`, "spec:", "  priorityClassName: high-priority", ...extra, "  containers:", "  - name: c", "    image: nginx"]);

  it("an unknown class is refused; a known one sets priority and preemptionPolicy", () => {
    const steps = run([
      "kubectl apply -f pod.yaml", "kubectl apply -f pc.yaml", "kubectl apply -f pod.yaml",
      "kubectl get pod web -o jsonpath='{.spec.priority} {.spec.preemptionPolicy}'",
    ].join("\n"), { "pod.yaml": pod("web"), "pc.yaml": PC });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toBe('Error from server (Forbidden): error when creating "pod.yaml": pods "web" is forbidden: no PriorityClass with name high-priority was found\n');
    expect(steps[1]!.stdout).toBe("priorityclass.scheduling.k8s.io/high-priority created\n");
    expect(steps[2]!.stdout).toBe("pod/web created\n");
    expect(steps[3]!.stdout).toBe("1000000 PreemptLowerPriority");
  });

  it("a pod stating another priority than its class's is refused", () => {
    const steps = run("kubectl apply -f pc.yaml\nkubectl apply -f pod.yaml", { "pc.yaml": PC, "pod.yaml": pod("p2", ["  priority: 5"]) });
    expect(steps[1]!.stderr).toBe('Error from server (Forbidden): error when creating "pod.yaml": pods "p2" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000000 from the given PriorityClass name\n');
  });

  it("a global default class applies to pods that name none", () => {
    const steps = run("kubectl apply -f low.yaml\nkubectl run x --image=nginx\nkubectl get pod x -o jsonpath='{.spec.priorityClassName} {.spec.priority} {.spec.preemptionPolicy}'\nkubectl get pc low",
      { "low.yaml": DEFAULT });
    expect(steps[2]!.stdout).toBe("low 10 Never");
    expect(steps[3]!.stdout).toBe(yaml(["NAME   VALUE   GLOBAL-DEFAULT   AGE", "low    10      true             0s"]));
  });

  it("a controller's pods are refused under their generateName (FailedCreate)", () => {
    const deploy = yaml([
      "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: d", "spec:", "  selector: {matchLabels: {app: d}}", "  template:",
      "    metadata: {labels: {app: d}}", "    spec:", "      priorityClassName: nope", "      containers:", "      - name: c", "        image: nginx",
    ]);
    const out = run("kubectl apply -f d.yaml\nkubectl get events -o custom-columns=REASON:.reason,MESSAGE:.message --field-selector reason=FailedCreate", { "d.yaml": deploy })[1]!.stdout;
    expect(out).toMatch(/^REASON +MESSAGE\nFailedCreate +Error creating: pods "d-[a-z0-9]+-" is forbidden: no PriorityClass with name nope was found\n/);
  });

  it("PriorityClass validation: user values up to one billion, system- names reserved", () => {
    const big = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata:", "  name: huge", "value: 2000000000"]);
    const sys = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata:", "  name: system-foo", "value: 10"]);
    const bad = yaml(["apiVersion: scheduling.k8s.io/v1", "kind: PriorityClass", "metadata:", "  name: odd", "value: 1", "preemptionPolicy: Sometimes"]);
    const steps = run("kubectl apply -f big.yaml\nkubectl apply -f sys.yaml\nkubectl apply -f bad.yaml", { "big.yaml": big, "sys.yaml": sys, "bad.yaml": bad });
    expect(steps[0]!.stderr).toBe('The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n');
    expect(steps[1]!.stderr).toBe("The PriorityClass \"system-foo\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class\n");
    expect(steps[2]!.stderr).toBe('The PriorityClass "odd" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"\n');
  });
});

describe("HorizontalPodAutoscaler defaults", () => {
  const V1 = yaml([
    "apiVersion: autoscaling/v1", "kind: HorizontalPodAutoscaler", "metadata: {name: web}", "spec:",
    "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}", "  maxReplicas: 5", "  targetCPUUtilizationPercentage: 50",
  ]);
  const V2 = yaml([
    "apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata: {name: web2}", "spec:",
    "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}", "  maxReplicas: 5", "  behavior:", "    scaleDown:", "      stabilizationWindowSeconds: 60",
  ]);
  it("autoscaling/v1 is stored as v2: the CPU target becomes a metric, minReplicas 1", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl apply -f v1.yaml\nkubectl get hpa web -o yaml\nkubectl get hpa", { "v1.yaml": V1 });
    const hpa = parse(steps[2]!.stdout);
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec).toEqual({
      maxReplicas: 5, minReplicas: 1, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
    });
    // (status is the HPA controller's once it has run)
    expect(steps[3]!.stdout).toMatch(/^NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE\nweb +Deployment\/web +cpu: <unknown>\/50% +1 +5 +\d+ +0s\n$/);
  });

  it("the resource is served as autoscaling/v1 too (hpa.v1.autoscaling)", () => {
    const steps = run("kubectl apply -f v1.yaml\nkubectl get hpa.v1.autoscaling\nkubectl get hpa.v3.autoscaling", { "v1.yaml": V1 });
    expect(steps[1]!.stdout).toMatch(/^NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE\nweb +Deployment\/web +cpu: <unknown>\/50% +1 +5 /);
    expect(steps[2]!.stderr).toBe('error: the server doesn\'t have a resource type "hpa.v3.autoscaling"\n');
  });

  it("v2: cpu at 80% without metrics; a behavior gets both rules' defaults", () => {
    const hpa = parse(run("kubectl apply -f v2.yaml\nkubectl get hpa web2 -o yaml", { "v2.yaml": V2 })[1]!.stdout);
    expect(hpa.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
    });
  });

  it("replica bounds are validated", () => {
    const bad = yaml(["apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata: {name: bad}", "spec:",
      "  scaleTargetRef: {kind: Deployment, name: web}", "  minReplicas: 3", "  maxReplicas: 2"]);
    const zero = yaml(["apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata: {name: zero}", "spec:", "  minReplicas: 0", "  maxReplicas: 0"]);
    const steps = run("kubectl apply -f bad.yaml\nkubectl apply -f zero.yaml", { "bad.yaml": bad, "zero.yaml": zero });
    expect(steps[0]!.stderr).toBe('The HorizontalPodAutoscaler "bad" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`\n');
    expect(steps[1]!.stderr).toBe([
      'The HorizontalPodAutoscaler "zero" is invalid: ',
      "* spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
      "* spec.maxReplicas: Invalid value: 0: must be greater than 0",
      "* spec.scaleTargetRef.kind: Required value",
      "* spec.scaleTargetRef.name: Required value",
    ].join("\n") + "\n");
  });
});

describe("probe and handler defaults", () => {
  it("a gRPC probe's service defaults to \"\"; lifecycle httpGet gets path and scheme", () => {
    const pod = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: g}", "spec:", "  containers:", "  - name: c", "    image: nginx",
      "    livenessProbe:", "      grpc: {port: 9000}", "    lifecycle:", "      preStop:", "        httpGet: {port: 80}"]);
    const out = run("kubectl apply -f g.yaml\nkubectl get pod g -o jsonpath='{.spec.containers[0].livenessProbe.grpc} {.spec.containers[0].lifecycle.preStop.httpGet}'", { "g.yaml": pod })[1]!.stdout;
    expect(out).toBe('{"port":9000,"service":""} {"path":"/","port":80,"scheme":"HTTP"}');
  });
});

describe("scheduling gates", () => {
  const GATED = yaml(["apiVersion: v1", "kind: Pod", "metadata:", "  name: test-pod", "spec:", "  schedulingGates:", "  - name: example.com/foo",
    "  - name: example.com/bar", "  containers:", "  - name: pause", "    image: registry.k8s.io/pause:3.6"]);
  const patch = (ops: string) => `kubectl patch pod test-pod --type=json -p='${ops}'`;

  it("a gated pod waits as SchedulingGated, without FailedScheduling; removing the gates schedules it", () => {
    const steps = run([
      "kubectl apply -f gated.yaml",
      "kubectl get pod test-pod",
      "kubectl get pod test-pod -o jsonpath='{.status.conditions}'",
      "kubectl get events",
      patch('[{"op":"add","path":"/spec/schedulingGates/-","value":{"name":"example.com/baz"}}]'),
      patch('[{"op":"remove","path":"/spec/schedulingGates/0"}]'),
      "kubectl get pod test-pod",
      patch('[{"op":"remove","path":"/spec/schedulingGates"}]'),
      "kubectl get pod test-pod -o wide",
    ].join("\n"), { "gated.yaml": GATED });
    expect(steps[1]!.stdout).toBe(yaml(["NAME       READY   STATUS            RESTARTS   AGE", "test-pod   0/1     SchedulingGated   0          0s"]));
    expect(JSON.parse(steps[2]!.stdout)).toEqual([{
      type: "PodScheduled", status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates",
      lastProbeTime: null, lastTransitionTime: null,
    }]);
    expect(steps[3]!.stderr).toBe("No resources found in default namespace.\n");
    expect(steps[4]!.exitCode).toBe(1);
    expect(steps[4]!.stderr).toBe("The Pod \"test-pod\" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/baz'\n");
    expect(steps[5]!.stdout).toBe("pod/test-pod patched\n");
    expect(steps[6]!.stdout).toMatch(/\ntest-pod +0\/1 +SchedulingGated /);
    expect(steps[8]!.stdout).toMatch(/\ntest-pod +1\/1 +Running +0 +0s +10\.244\.\d+\.\d+ +node01 /);
  });

  it("gate names are qualified names without duplicates; a pod bound at creation cannot have gates", () => {
    const dup = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: d}", "spec:", "  schedulingGates:", "  - name: a.io/x", "  - name: a.io/x",
      "  containers:", "  - name: c", "    image: nginx"]);
    const bound = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: b}", "spec:", "  nodeName: node01", "  schedulingGates:", "  - name: a.io/x",
      "  containers:", "  - name: c", "    image: nginx"]);
    const steps = run("kubectl apply -f dup.yaml\nkubectl apply -f bound.yaml", { "dup.yaml": dup, "bound.yaml": bound });
    expect(steps[0]!.stderr).toBe('The Pod "d" is invalid: spec.schedulingGates[1]: Duplicate value: "a.io/x"\n');
    expect(steps[1]!.stderr).toBe('The Pod "b" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared\n');
  });
});

describe("a gated pod's scheduling directives", () => {
  const GATED = yaml(["apiVersion: v1", "kind: Pod", "metadata:", "  name: test-pod", "spec:", "  schedulingGates:", "  - name: example.com/foo",
    "  containers:", "  - name: pause", "    image: registry.k8s.io/pause:3.6"]);
  it("nodeSelector may gain entries while gated, never change; the pod then lands where it says", () => {
    const steps = run([
      "kubectl apply -f gated.yaml",
      `kubectl patch pod test-pod -p '{"spec":{"nodeSelector":{"kubernetes.io/hostname":"node01"}}}'`,
      `kubectl patch pod test-pod -p '{"spec":{"nodeSelector":{"kubernetes.io/hostname":"controlplane"}}}'`,
      `kubectl patch pod test-pod --type=json -p='[{"op":"remove","path":"/spec/schedulingGates"}]'`,
      "kubectl get pod test-pod -o jsonpath='{.spec.nodeName}'",
      `kubectl patch pod test-pod -p '{"spec":{"nodeSelector":{"disk":"ssd"}}}'`,
    ].join("\n"), { "gated.yaml": GATED });
    expect(steps[1]!.stdout).toBe("pod/test-pod patched\n");
    expect(steps[2]!.stderr).toBe('The Pod "test-pod" is invalid: spec.nodeSelector: Invalid value: map[string]string{"kubernetes.io/hostname":"controlplane"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)\n');
    expect(steps[4]!.stdout).toBe("node01");
    expect(steps[5]!.stderr).toMatch(/^The Pod "test-pod" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });
});

describe("PriorityClass rules for the API server's update and delete paths", () => {
  it("value and preemptionPolicy are immutable; one global default; system classes stay", async () => {
    const { priorityClassUpdateErrors, globalDefaultConflict, systemPriorityClassDeleteError } = await import("../../src/sim/k8s/api/validation/scheduling");
    const { formatFieldError } = await import("../../src/sim/k8s/api/errors");
    const old = { metadata: { name: "high" }, value: 10, preemptionPolicy: "PreemptLowerPriority" };
    expect(priorityClassUpdateErrors(old, { ...old, value: 11, preemptionPolicy: "Never" }).map(formatFieldError)).toEqual([
      "value: Forbidden: may not be changed in an update.",
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
    const low = { metadata: { name: "low" }, value: 1, globalDefault: true };
    expect(globalDefaultConflict({ metadata: { name: "other" }, value: 5, globalDefault: true }, [low])).toBe("PriorityClass low is already marked as default. Only one default can exist");
    expect(globalDefaultConflict(low, [low])).toBeUndefined();
    expect(systemPriorityClassDeleteError("system-node-critical")).toBe("this is a system priority class and cannot be deleted");
    expect(systemPriorityClassDeleteError("high")).toBeUndefined();
  });
});

describe("DefaultTolerationSeconds", () => {
  it("an empty-key toleration counts only with effect NoExecute or none", () => {
    const pod = (name: string, effect: string) => yaml(["apiVersion: v1", "kind: Pod", `metadata: {name: ${name}}`, "spec:", "  tolerations:",
      `  - {operator: Exists${effect ? `, effect: ${effect}` : ""}}`, "  containers:", "  - {name: c, image: nginx}"]);
    const steps = run("kubectl apply -f a.yaml\nkubectl apply -f b.yaml\nkubectl get pod a -o jsonpath='{.spec.tolerations}'\nkubectl get pod b -o jsonpath='{.spec.tolerations}'",
      { "a.yaml": pod("a", "NoSchedule"), "b.yaml": pod("b", "") });
    expect(JSON.parse(steps[2]!.stdout).map((t: { key?: string }) => t.key ?? "")).toEqual(["", "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]);
    expect(steps[3]!.stdout).toBe('[{"operator":"Exists"}]');
  });
});
