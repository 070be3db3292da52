// The API server's write path: defaulting, admission, validation messages, allocators,
// events aggregation — through kubectl, as students meet them.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { recordEvent } from "../../src/sim/k8s/api/events";
import { kubeOf } from "../../src/sim/k8s/cluster";

function run(script: string, files: Record<string, string> = {}) {
  const s = new Session({ seed: "server", files });
  const steps = s.run(script, { allowSim: true });
  return { s, last: steps[steps.length - 1]! };
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

describe("validation messages", () => {
  test.each([
    ["no containers", pod("  containers: []\n"), 'The Pod "p" is invalid: spec.containers: Required value\n'],
    ["no image", pod("  containers:\n  - name: c\n"), 'The Pod "p" is invalid: spec.containers[0].image: Required value\n'],
    ["duplicate names", pod("  containers:\n  - {name: c, image: nginx}\n  - {name: c, image: redis}\n"), 'The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"\n'],
    ["port range", pod("  containers:\n  - name: c\n    image: nginx\n    ports: [{containerPort: 70000}]\n"), 'The Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n'],
    ["restart policy", pod("  restartPolicy: Sometimes\n  containers:\n  - {name: c, image: nginx}\n"), 'The Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n'],
    ["label value", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: 'a b'}\nspec:\n  containers:\n  - {name: c, image: nginx}\n",
      `The Pod "p" is invalid: metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`],
    ["service type", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n", 'The Service "s" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n'],
    ["service nodePort on ClusterIP", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80, nodePort: 30080}]\n", "The Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n"],
    ["second port unnamed", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{name: a, port: 80}, {port: 81}]\n", 'The Service "s" is invalid: spec.ports[1].name: Required value\n'],
    ["two unnamed ports", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}, {port: 81}]\n", 'The Service "s" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n'],
    ["wrong type", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: three\n", 'Error from server (BadRequest): error when creating "m.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n'],
    ["secret not base64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: not-base64!\n", 'Error from server (BadRequest): error when creating "m.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n'],
    ["tls secret keys", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls\ndata:\n  tls.crt: YQ==\n", 'The Secret "s" is invalid: data[tls.key]: Required value\n'],
    ["ingress pathType", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          service: {name: web, port: {number: 80}}\n", 'The Ingress "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n'],
    ["template restartPolicy", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: nginx}]\n", 'The Deployment "d" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n'],
  ])("%s", (_n, manifest, stderr) => {
    const { last } = run("kubectl apply -f m.yaml", { "m.yaml": manifest });
    expect(last.stderr).toBe(stderr);
    expect(last.exitCode).toBe(1);
  });
});

describe("defaulting and admission", () => {
  test("pod defaults", () => {
    const { s } = run("kubectl run p --image=nginx:1.25 --port=80");
    const p = kubeOf(s.world)!.store.get("Pod", "default", "p") as any;
    expect(p.spec.containers[0].imagePullPolicy).toBe("IfNotPresent");
    expect(p.spec.containers[0].ports[0].protocol).toBe("TCP");
    expect(p.spec.serviceAccountName).toBe("default");
    expect(p.spec.tolerations.map((t: any) => t.key)).toEqual(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]);
    expect(p.spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.status.qosClass).toBe("BestEffort");
  });
  test("deployment defaults", () => {
    const { s } = run("kubectl create deployment web --image=nginx");
    const d = kubeOf(s.world)!.store.get("Deployment", "default", "web") as any;
    expect(d.spec.strategy).toEqual({ rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" }, type: "RollingUpdate" });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe("Always");
  });
  test("service allocation", () => {
    const { s } = run("kubectl create service nodeport web --tcp=80:8080\nkubectl create service clusterip db --clusterip=None --tcp=5432");
    const c = kubeOf(s.world)!;
    const web = c.store.get("Service", "default", "web") as any;
    const n = web.spec.clusterIP.split(".").map(Number);
    expect(n[0]).toBe(10);
    expect(n[1]).toBeGreaterThanOrEqual(96);
    expect(n[1]).toBeLessThanOrEqual(111);
    expect(web.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(web.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect((c.store.get("Service", "default", "db") as any).spec.clusterIP).toBe("None");
  });
  test("new namespace gets default service account and root CA", () => {
    const { last } = run("kubectl create ns dev\nkubectl get sa,cm -n dev -o name");
    expect(last.stdout).toBe("serviceaccount/default\nconfigmap/kube-root-ca.crt\n");
  });
  test("namespace label", () => {
    const { last } = run("kubectl create ns dev\nkubectl get ns dev --show-labels");
    expect(last.stdout).toContain("kubernetes.io/metadata.name=dev");
  });
  test("pod update forbidden", () => {
    const m = pod("  containers:\n  - {name: c, image: nginx}\n");
    const { last } = run("kubectl apply -f a.yaml\nkubectl apply -f b.yaml", { "a.yaml": m, "b.yaml": m.replace("{name: c, image: nginx}", "{name: c, image: nginx, ports: [{containerPort: 80}]}") });
    expect(last.exitCode).toBe(1);
    expect(last.stderr).toContain('The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`');
  });
  test("pod image update allowed", () => {
    const m = pod("  containers:\n  - {name: c, image: nginx}\n");
    const { last } = run("kubectl apply -f a.yaml\nkubectl apply -f b.yaml", { "a.yaml": m, "b.yaml": m.replace("image: nginx", "image: nginx:1.25") });
    expect(last.stdout).toBe("pod/p configured\n");
  });
  test("selector immutable", () => {
    const d = (l: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: ${l}}}\n  template:\n    metadata: {labels: {app: ${l}}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
    const { last } = run("kubectl apply -f a.yaml\nkubectl apply -f b.yaml", { "a.yaml": d("x"), "b.yaml": d("z") });
    expect(last.stderr).toBe('The Deployment "d" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"z"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n');
  });
});

test("YAML 1.1 booleans reach the decoder as booleans (go-yaml v2)", () => {
  const { last } = run("kubectl apply -f m.yaml", { "m.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {ok: y}\nspec:\n  containers: [{name: c, image: nginx}]\n" });
  expect(last.stderr).toBe('Error from server (BadRequest): error when creating "m.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string\n');
});

describe("events", () => {
  test("repeats aggregate into one event with a count", () => {
    const s = new Session({ seed: "ev" });
    const c = kubeOf(s.world)!;
    const node = c.store.get("Node", undefined, "worker1")!;
    recordEvent(c, node, "Normal", "NodeNotSchedulable", "Node worker1 status is now: NodeNotSchedulable", "kubelet");
    s.world.advance(60_000);
    const ev = recordEvent(c, node, "Normal", "NodeNotSchedulable", "Node worker1 status is now: NodeNotSchedulable", "kubelet");
    expect(ev.count).toBe(2);
    expect(ev.metadata.namespace).toBe("default");
    const [step] = s.run("kubectl describe node worker1", { allowSim: true });
    expect(step!.stdout).toContain("Normal  NodeNotSchedulable  0s (x2 over 60s)  kubelet  Node worker1 status is now: NodeNotSchedulable");
  });
});
