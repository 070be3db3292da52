// The API server stores what it decoded into the Go struct and encoded again: a zero value written
// in a value field with omitempty is gone (`paused: false`, `hostNetwork: false`, `labels: {}`,
// `args: []`), a pointer keeps its zero (`replicas: 0`, `optional: false`), and the zero is
// defaulted like an absent field (a probe's `timeoutSeconds: 0` comes back as 1). kubectl apply
// computes its patch against that stored form, so a manifest with such zeros is "configured" on
// every apply, while its last-applied annotation keeps what was sent.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const CLUSTER = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function run(script: string) {
  return new Session({ seed: "omit", cluster: CLUSTER } as never).run(script, { allowSim: true });
}

const DEPLOY = `cat > d.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {}
spec:
  replicas: 0
  paused: false
  minReadySeconds: 0
  revisionHistoryLimit: 0
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations: {}
    spec:
      hostNetwork: false
      automountServiceAccountToken: false
      containers:
      - name: c
        image: nginx
        args: []
        workingDir: ""
        tty: false
        readinessProbe:
          httpGet: {path: /, port: 80}
          initialDelaySeconds: 0
          timeoutSeconds: 0
        env:
        - name: A
          value: ""
        - name: B
          valueFrom:
            configMapKeyRef: {name: x, key: k, optional: false}
Y
`;

const PLAIN = `cat > p.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: plain}
spec:
  selector: {matchLabels: {app: plain}}
  template:
    metadata: {labels: {app: plain}}
    spec: {containers: [{name: c, image: nginx}]}
Y
`;

describe("omitempty zero values the server does not store", () => {
  test("a Deployment: value zeros gone, pointer zeros kept, a zero probe timeout defaulted", () => {
    const steps = run(`${DEPLOY}kubectl apply -f d.yaml\nkubectl get deploy web -o yaml`);
    expect(steps[1]!.stdout).toBe("deployment.apps/web created\n");
    const yaml = steps[2]!.stdout.replace(/ {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n.*\n/, "");
    for (const gone of ["paused", "minReadySeconds", "hostNetwork", "args", "workingDir", "tty", "initialDelaySeconds", "labels: {}", "annotations: {}", 'value: ""']) {
      expect(yaml).not.toContain(gone);
    }
    expect(yaml).toContain("\n  replicas: 0\n  revisionHistoryLimit: 0\n");
    expect(yaml).toContain("      automountServiceAccountToken: false\n");
    expect(yaml).toContain("      - name: A\n        - name: B\n          valueFrom:\n            configMapKeyRef:\n              key: k\n              name: x\n              optional: false\n");
    expect(yaml).toContain("          successThreshold: 1\n          timeoutSeconds: 1\n");
  });

  test("apply: zeros in the manifest make every apply a patch (configured); the annotation keeps them", () => {
    const steps = run(
      `${DEPLOY}${PLAIN}kubectl apply -f d.yaml\nkubectl apply -f d.yaml\nkubectl apply -f p.yaml\nkubectl apply -f p.yaml\n` +
        "kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'\n" +
        "kubectl get deploy web -o jsonpath='{.metadata.resourceVersion} {.metadata.generation} {.spec.paused}'",
    );
    expect(steps.slice(2, 6).map((s) => s.stdout)).toEqual([
      "deployment.apps/web created\n",
      "deployment.apps/web configured\n",
      "deployment.apps/plain created\n",
      "deployment.apps/plain unchanged\n",
    ]);
    const last = JSON.parse(steps[6]!.stdout);
    expect(last.spec.paused).toBe(false);
    expect(last.metadata.labels).toEqual({});
    expect(last.spec.template.spec.containers[0].args).toEqual([]);
    // The patch changed nothing stored: same generation, paused still absent.
    expect(steps[7]!.stdout).toMatch(/^\d+ 1 $/);
  });

  test("patch, replace and --dry-run=server answer the stored form too", () => {
    const steps = run(
      `${PLAIN}kubectl apply -f p.yaml\nkubectl patch deploy plain -p '{"spec":{"paused":false,"minReadySeconds":0,"revisionHistoryLimit":0}}'\n` +
        "kubectl get deploy plain -o jsonpath='{.spec}'\n" +
        "kubectl get deploy plain -o yaml | sed 's/^  labels: .*//' > r.yaml\nkubectl replace -f r.yaml\n" +
        `${DEPLOY}kubectl create -f d.yaml --dry-run=server -o jsonpath='{.spec.paused}|{.spec.replicas}|{.metadata.labels}'`,
    );
    expect(steps[2]!.stdout).toBe("deployment.apps/plain patched\n");
    const spec = JSON.parse(steps[3]!.stdout);
    expect(spec.paused).toBeUndefined();
    expect(spec.minReadySeconds).toBeUndefined();
    expect(spec.revisionHistoryLimit).toBe(0);
    expect(steps[5]!.exitCode).toBe(0);
    expect(steps.at(-1)!.stdout).toBe("|0|");
  });

  test("core kinds: Service, ConfigMap, Pod and PVC keep pointers and drop value zeros", () => {
    const steps = run(`cat > s.yaml <<'Y'
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: s}
  publishNotReadyAddresses: false
  externalIPs: []
  ports:
  - {port: 80, nodePort: 0, name: ""}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {}
immutable: false
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {}}
spec:
  hostPID: false
  nodeSelector: {}
  containers:
  - name: c
    image: nginx
    command: []
    ports: [{containerPort: 80, hostPort: 0}]
    securityContext: {privileged: false, runAsNonRoot: false}
    stdin: false
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: v}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
Y
kubectl create -f s.yaml
kubectl get svc s -o jsonpath='{.spec.ports}|{.spec.publishNotReadyAddresses}|{.spec.externalIPs}'
kubectl get cm c -o jsonpath='{.immutable}|{.data}'
kubectl get pod p -o jsonpath='{.spec.containers[0].ports}|{.spec.containers[0].securityContext}|{.spec.hostPID}{.spec.nodeSelector}{.metadata.labels}{.spec.containers[0].command}'
kubectl get pvc v -o jsonpath='{.spec}'`);
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.stdout).toBe('[{"port":80,"protocol":"TCP","targetPort":80}]||');
    expect(steps[3]!.stdout).toBe("false|");
    expect(steps[4]!.stdout).toBe('[{"containerPort":80,"protocol":"TCP"}]|{"privileged":false,"runAsNonRoot":false}|');
    expect(steps[5]!.stdout).toContain('"storageClassName":""');
  });

  test("NetworkPolicy, Role and ServiceAccount: empty lists gone; policyTypes defaulted from what is left", () => {
    const steps = run(`cat > n.yaml <<'Y'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec:
  podSelector: {}
  ingress: []
  egress:
  - to: []
    ports: [{port: 53}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: in}
spec:
  podSelector: {}
  egress: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
rules:
- apiGroups: [""]
  resources: [pods]
  resourceNames: []
  verbs: [get]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa}
automountServiceAccountToken: false
imagePullSecrets: []
Y
kubectl apply -f n.yaml
kubectl get netpol deny -o jsonpath='{.spec}'
kubectl get netpol in -o jsonpath='{.spec}'
kubectl get role r -o jsonpath='{.rules}'
kubectl get sa sa -o jsonpath='{.automountServiceAccountToken}|{.imagePullSecrets}'`);
    expect(steps[2]!.stdout).toBe('{"egress":[{"ports":[{"port":53,"protocol":"TCP"}]}],"podSelector":{},"policyTypes":["Ingress","Egress"]}');
    expect(steps[3]!.stdout).toBe('{"podSelector":{},"policyTypes":["Ingress"]}');
    expect(steps[4]!.stdout).toBe('[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]');
    expect(steps[5]!.stdout).toBe("false|");
  });

  test("PriorityClass, StorageClass and PodDisruptionBudget: globalDefault: false and empty maps gone, pointers kept", () => {
    const steps = run(`cat > k.yaml <<'Y'
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 0
globalDefault: false
description: ""
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: kubernetes.io/no-provisioner
parameters: {}
allowVolumeExpansion: false
mountOptions: []
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec:
  minAvailable: 0
  selector: {matchLabels: {app: x}}
Y
kubectl create -f k.yaml
kubectl get pc high -o jsonpath='{.value}|{.globalDefault}|{.description}|{.preemptionPolicy}'
kubectl get sc fast -o json
kubectl get pdb pdb -o jsonpath='{.spec}'`);
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.stdout).toBe("0|||PreemptLowerPriority");
    const sc = JSON.parse(steps[3]!.stdout);
    expect([sc.allowVolumeExpansion, sc.parameters, sc.mountOptions]).toEqual([false, undefined, undefined]);
    expect(steps[4]!.stdout).toBe('{"minAvailable":0,"selector":{"matchLabels":{"app":"x"}}}');
  });

  test.skipIf(!hasKubectl)("the last-applied annotation is the manifest as sent, zeros included, as kubectl 1.30 writes it", async () => {
    const manifest = DEPLOY.slice(DEPLOY.indexOf("\n") + 1, DEPLOY.lastIndexOf("Y\n"));
    const { session } = replayNow("kubectl get ns");
    const args = ["apply", "-f", "d.yaml", "--dry-run=client", "-o", "yaml", "--validate=false"];
    const real = await realKubectl(session, args, { "d.yaml": manifest });
    const [, step] = session.run(`${DEPLOY}kubectl ${args.join(" ")}`, { allowSim: true });
    expect(real.status).toBe(0);
    expect(step!.stdout).toBe(real.stdout);
  }, 60_000);
});
