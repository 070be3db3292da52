// Oracle for the describers checked against describe.go in this pass: NetworkPolicy,
// EndpointSlice, DescribePodTemplate's Priority Class Name and Topology Spread Constraints,
// the pod's constraints, and describeNodeResource with init containers, decimal quantities and
// float percentages. The real kubectl 1.30 reads the simulator's objects through the stub API
// server (stub-apiserver.ts) and must print what the simulator prints. Skipped without kubectl.

import { describe, expect, test } from "vitest";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const NETWORK = `kubectl create deployment d --image=nginx --replicas=2
kubectl expose deployment d --port=80 --target-port=8080 --name=d
cat > np.yaml <<'Y'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, labels: {a: b}}
spec:
  podSelector: {matchLabels: {app: d}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {role: fe}}}, {namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}}]
    ports: [{port: 80, protocol: TCP}, {port: 8000, endPort: 8080}]
  - {}
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16]}}]
    ports: [{port: dns, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: manual, labels: {kubernetes.io/service-name: x}}
addressType: IPv4
ports: [{name: http, port: 80, protocol: TCP}, {port: 9000, protocol: UDP}]
endpoints:
- addresses: [10.0.0.5, 10.0.0.6]
  conditions: {ready: false}
  hostname: h1
  zone: z1
- addresses: [10.0.0.7]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: empty}
addressType: IPv4
Y
kubectl apply -f np.yaml`;

const TEMPLATES = `cat > t.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 2
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      priorityClassName: system-cluster-critical
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: spread}}}
      - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}
      containers: [{name: c, image: nginx}]
Y
kubectl apply -f t.yaml`;

const TOLERATIONS = `cat > tol.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata: {name: tol}
spec:
  tolerations:
  - {key: zeta, operator: Equal, value: z, effect: NoSchedule}
  - {key: alpha, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  - {operator: Exists, effect: NoSchedule}
  - {key: beta, operator: Exists}
  containers: [{name: c, image: nginx}]
Y
kubectl apply -f tol.yaml`;

const NODE = `kubectl create deployment d --image=nginx --replicas=2
kubectl set resources deployment d --requests=cpu=290m,memory=100M --limits=cpu=580m,memory=1G
cat > p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata: {name: initbig}
spec:
  nodeName: worker1
  initContainers:
  - {name: i, image: busybox, command: ["true"], resources: {requests: {cpu: "1", memory: 64Mi}}}
  containers:
  - {name: c, image: nginx, resources: {requests: {cpu: 100m, memory: 32Mi}, limits: {memory: 64Mi}}}
  - {name: e, image: nginx, resources: {requests: {cpu: 100m}}}
Y
kubectl apply -f p.yaml`;

const CASES: { name: string; script: string; command: string }[] = [
  { name: "network policy: peers, ip blocks, rule separators (no port ranges in 1.30)", script: NETWORK, command: "describe networkpolicy np" },
  { name: "network policy selecting every pod", script: NETWORK, command: "describe networkpolicy deny" },
  { name: "endpoint slice written by hand", script: NETWORK, command: "describe endpointslice manual" },
  { name: "endpoint slice without ports or endpoints", script: NETWORK, command: "describe endpointslice empty" },
  { name: "a service's endpoint slice", script: NETWORK, command: "describe endpointslice -l kubernetes.io/service-name=d" },
  { name: "pod template: topology spread constraints, priority class", script: TEMPLATES, command: "describe deploy spread" },
  { name: "pod: topology spread constraints", script: TEMPLATES, command: "describe pods -l app=spread" },
  { name: "daemon set template with a priority class", script: "true", command: "describe ds -n kube-system kube-proxy" },
  { name: "tolerations sorted by key; a bare Exists", script: TOLERATIONS, command: "describe pod tol" },
  { name: "node: init containers, decimal quantities, float percentages", script: NODE, command: "describe node worker1" },
  { name: "node: the other worker", script: NODE, command: "describe node worker2" },
];

describe.skipIf(!hasKubectl)("kubectl 1.30 describes these objects as the simulator does", () => {
  // Retried: a loaded machine can miss the second the ages are computed at.
  test.each(CASES.map((c) => [c.name, c] as const))("%s", { timeout: 60_000, retry: 2 }, async (_n, c) => {
    const { session, steps } = replayNow(c.script);
    for (const s of steps) expect(s.exitCode, `${s.command}\n${s.stderr}`).toBe(0);
    const sim = session.run(`kubectl ${c.command}`, { allowSim: true })[0]!;
    const real = await realKubectl(session, c.command.split(" "));
    // The Lease section is read from coordination.k8s.io objects the stub does not serve.
    const lease = (t: string) => t.replace(/^Lease:\n(?: .*\n)*|^Lease: .*\n/m, "");
    expect({ exit: sim.exitCode, stdout: lease(sim.stdout), stderr: sim.stderr }).toEqual({ exit: real.status, stdout: lease(real.stdout), stderr: real.stderr });
  });
});
