// LimitRanger and ResourceQuota admission for pods, replayed as the kubernetes.io tasks do them
// ("Configure Default CPU Requests and Limits for a Namespace", "Configure Minimum and Maximum
// Memory Constraints", "Configure Memory and CPU Quotas for a Namespace"), asserting on the
// transcript.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string, files: Record<string, string>) {
  const s = new Session({ seed: "limits-quota", files });
  return s.run(script, { allowSim: true });
}

const yaml = (lines: string[]) => lines.join("\n") + "\n";
const pod = (name: string, image: string, limits: string, requests: string) =>
  yaml(["apiVersion: v1", "kind: Pod", "metadata:", `  name: ${name}`, "spec:", "  containers:", `  - name: ${name}-ctr`, `    image: ${image}`,
    "    resources:", `      limits: {${limits}}`, `      requests: {${requests}}`]);

describe("LimitRanger", () => {
  const DEFAULTS = yaml(["apiVersion: v1", "kind: LimitRange", "metadata:", "  name: cpu-limit-range", "spec:", "  limits:", "  - default:", "      cpu: 1",
    "    defaultRequest:", "      cpu: 0.5", "    type: Container"]);
  const MINMAX = yaml(["apiVersion: v1", "kind: LimitRange", "metadata:", "  name: mem-min-max-demo-lr", "spec:", "  limits:", "  - max:", "      memory: 1Gi",
    "    min:", "      memory: 500Mi", "    type: Container"]);

  it("fills a container's missing cpu limit and request, and says so in an annotation", () => {
    const steps = run([
      "kubectl create namespace default-cpu-example",
      "kubectl apply -f lr.yaml --namespace=default-cpu-example",
      "kubectl run default-cpu-demo --image=nginx --namespace=default-cpu-example",
      "kubectl get pod default-cpu-demo -n default-cpu-example -o jsonpath='{.spec.containers[0].resources}'",
      "kubectl get pod default-cpu-demo -n default-cpu-example -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'",
      "kubectl get limitrange cpu-limit-range -n default-cpu-example -o jsonpath='{.spec.limits[0]}'",
    ].join("\n"), { "lr.yaml": DEFAULTS });
    expect(steps[3]!.stdout).toBe('{"limits":{"cpu":"1"},"requests":{"cpu":"500m"}}');
    expect(steps[4]!.stdout).toBe("LimitRanger plugin set: cpu request for container default-cpu-demo; cpu limit for container default-cpu-demo");
    expect(steps[5]!.stdout).toBe('{"default":{"cpu":"1"},"defaultRequest":{"cpu":"500m"},"type":"Container"}');
  });

  it("a max without a default becomes the default limit and request", () => {
    const steps = run("kubectl apply -f lr.yaml\nkubectl run plain --image=nginx\nkubectl get pod plain -o jsonpath='{.spec.containers[0].resources}'\nkubectl describe limitrange", { "lr.yaml": MINMAX });
    expect(steps[2]!.stdout).toBe('{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}');
    expect(steps[3]!.stdout).toMatch(/\nContainer +memory +500Mi +1Gi +1Gi +1Gi +-\n$/);
  });

  it("refuses containers outside min and max, with the plugin's words", () => {
    const steps = run("kubectl apply -f lr.yaml\nkubectl apply -f big.yaml\nkubectl apply -f small.yaml\nkubectl get pods", {
      "lr.yaml": MINMAX,
      "big.yaml": pod("constraints-mem-demo-2", "nginx", "memory: 1.5Gi", "memory: 800Mi"),
      "small.yaml": pod("constraints-mem-demo-3", "nginx", "memory: 800Mi", "memory: 100Mi"),
    });
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toBe('Error from server (Forbidden): error when creating "big.yaml": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n');
    expect(steps[2]!.stderr).toBe('Error from server (Forbidden): error when creating "small.yaml": pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi\n');
    expect(steps[3]!.stderr).toBe("No resources found in default namespace.\n");
  });
});

describe("ResourceQuota", () => {
  const QUOTA = yaml(["apiVersion: v1", "kind: ResourceQuota", "metadata:", "  name: mem-cpu-demo", "spec:", "  hard:", '    requests.cpu: "1"',
    "    requests.memory: 1Gi", '    limits.cpu: "2"', "    limits.memory: 2Gi"]);
  const PODS = yaml(["apiVersion: v1", "kind: ResourceQuota", "metadata:", "  name: pod-demo", "spec:", "  hard:", '    pods: "2"']);

  it("counts pods' requests and limits, and refuses the pod that would exceed them", () => {
    const steps = run([
      "kubectl apply -f quota.yaml",
      "kubectl apply -f pod1.yaml",
      "kubectl get resourcequota mem-cpu-demo",
      "kubectl apply -f pod2.yaml",
      "kubectl delete pod quota-mem-cpu-demo",
      "kubectl get quota mem-cpu-demo -o jsonpath='{.status.used}'",
    ].join("\n"), {
      "quota.yaml": QUOTA,
      "pod1.yaml": pod("quota-mem-cpu-demo", "nginx", "memory: 800Mi, cpu: 800m", "memory: 600Mi, cpu: 400m"),
      "pod2.yaml": pod("quota-mem-cpu-demo-2", "redis", "memory: 1Gi, cpu: 800m", "memory: 700Mi, cpu: 400m"),
    });
    expect(steps[2]!.stdout).toBe(yaml([
      "NAME           AGE   REQUEST                                            LIMIT",
      "mem-cpu-demo   0s    requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi",
    ]));
    expect(steps[3]!.stderr).toBe('Error from server (Forbidden): error when creating "pod2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n');
    expect(JSON.parse(steps[5]!.stdout)).toEqual({ "limits.cpu": "0", "limits.memory": "0", "requests.cpu": "0", "requests.memory": "0" });
  });

  it("a quota on cpu or memory requires every container to state it", () => {
    const step = run("kubectl apply -f quota.yaml\nkubectl run bare --image=nginx", { "quota.yaml": QUOTA })[1]!;
    expect(step.stderr).toBe('Error from server (Forbidden): pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare\n');
  });

  it("a pod count quota stops a Deployment's third pod (FailedCreate) ", () => {
    const steps = run([
      "kubectl apply -f quota.yaml",
      "kubectl create deployment pod-quota-demo --image=nginx --replicas=3",
      "kubectl get deployment pod-quota-demo",
      "kubectl get events --field-selector reason=FailedCreate -o custom-columns=MESSAGE:.message",
    ].join("\n"), { "quota.yaml": PODS });
    expect(steps[2]!.stdout).toMatch(/\npod-quota-demo +2\/3 +2 +2 +0s\n$/);
    expect(steps[3]!.stdout).toMatch(/^MESSAGE\nError creating: pods "pod-quota-demo-[a-z0-9]+-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2\n/);
  });
});

describe("container resource names", () => {
  it("must be standard, and ones a container can ask for", () => {
    const p = yaml(["apiVersion: v1", "kind: Pod", "metadata: {name: p}", "spec:", "  containers:", "  - name: c", "    image: nginx", "    resources:",
      "      limits: {CPU: 1}", "      requests: {storage: 1Gi}"]);
    const step = run("kubectl apply -f p.yaml", { "p.yaml": p })[0]!;
    expect(step.stderr).toBe([
      'The Pod "p" is invalid: ',
      '* spec.containers[0].resources.limits[CPU]: Invalid value: "CPU": must be a standard resource type or fully qualified',
      '* spec.containers[0].resources.limits[CPU]: Invalid value: "CPU": must be a standard resource for containers',
      '* spec.containers[0].resources.requests[storage]: Invalid value: "storage": must be a standard resource for containers',
      '* spec.containers[0].resources.requests[CPU]: Invalid value: "CPU": must be a standard resource type or fully qualified',
      '* spec.containers[0].resources.requests[CPU]: Invalid value: "CPU": must be a standard resource for containers',
    ].join("\n") + "\n");
  });
});

describe("ResourceQuota object counts", () => {
  it("status counts the namespace's objects (kube-root-ca.crt and the kubernetes Service included)", () => {
    const q = yaml(["apiVersion: v1", "kind: ResourceQuota", "metadata: {name: objects}", "spec:", "  hard:", '    configmaps: "10"', '    services: "5"',
      '    services.nodeports: "2"', '    count/deployments.apps: "3"', '    pods: "4"']);
    const steps = run("kubectl apply -f q.yaml\nkubectl create deployment web --image=nginx\nkubectl expose deployment web --port=80 --type=NodePort\nkubectl get quota objects -o jsonpath='{.status.used}'", { "q.yaml": q });
    expect(JSON.parse(steps[3]!.stdout)).toEqual({ configmaps: "1", "count/deployments.apps": "1", pods: "1", services: "2", "services.nodeports": "1" });
  });
});

describe("objectQuotaViolation (for the API server's create path)", () => {
  it("refuses the object that would pass a count quota, with the admission plugin's wording", async () => {
    const { kubeOf } = await import("../../src/sim/k8s/cluster");
    const { objectQuotaViolation } = await import("../../src/sim/k8s/api/resource-quota");
    const q = yaml(["apiVersion: v1", "kind: ResourceQuota", "metadata: {name: objects}", "spec:", "  hard:", '    services: "2"', '    count/deployments.apps: "1"']);
    const s = new Session({ seed: "limits-quota", files: { "q.yaml": q } });
    s.run("kubectl apply -f q.yaml\nkubectl create deployment web --image=nginx", { allowSim: true });
    const store = kubeOf(s.world)!.store;
    expect(objectQuotaViolation(store, "default", "deployments", "apps", {})).toBe(
      "exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1");
    expect(objectQuotaViolation(store, "default", "services", "", { spec: { type: "ClusterIP" } })).toBeUndefined();
    s.run("kubectl expose deployment web --port=80", { allowSim: true });
    expect(objectQuotaViolation(store, "default", "services", "", { spec: { type: "ClusterIP" } })).toBe(
      "exceeded quota: objects, requested: services=1, used: services=2, limited: services=2");
  });
});
