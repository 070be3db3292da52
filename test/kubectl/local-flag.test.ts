// --local (set image|env|resources|selector|serviceaccount, label, annotate, patch): the verbs edit
// the -f files' objects and print them without a server. The `set` verbs' typed builder prints
// what decoding into the Go type makes of the file (zero values, canonical quantities, no unknown
// fields, struct order in JSON); label, annotate and patch print the file's map as it is.
// Golden cases hold without a kubectl binary; the oracle case replays every command through the
// real kubectl 1.30 offline too (KUBECONFIG=/nonexistent: a server would be unreachable).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const FILES: Record<string, string> = {
  "d.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`,
  "pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: dev
spec:
  containers:
  - name: c
    image: busybox
    resources:
      requests:
        cpu: 0.5
        memory: 1000M
    foo: bar
`,
  "svc.yaml": `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
  "kinds.yaml": `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels: {app: ds}
  template:
    metadata:
      labels: {app: ds}
    spec:
      containers:
      - name: c
        image: busybox
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: ss
  selector:
    matchLabels: {app: ss}
  template:
    metadata:
      labels: {app: ss}
    spec:
      containers:
      - name: c
        image: busybox
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
`,
};

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function sim(command: string, cluster = false) {
  const s = new Session({ seed: "local", files: FILES, ...(cluster ? { cluster: K8S } : {}) });
  const [step] = s.run(command, { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl --local", () => {
  test("set image prints the file's object as its Go type: zero values, canonical quantities, unknown fields gone", () => {
    expect(sim("kubectl set image -f pod.yaml c=nginx --local -o yaml")).toEqual({
      stdout:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  name: p\n  namespace: dev\nspec:\n  containers:\n" +
        "  - image: nginx\n    name: c\n    resources:\n      requests:\n        cpu: 500m\n        memory: 1G\nstatus: {}\n",
      stderr: "",
      exit: 0,
    });
  });

  test("label prints the file's map as it is, and the server's object is untouched", () => {
    const s = new Session({ seed: "local", files: FILES, cluster: K8S });
    const steps = s.run("kubectl apply -f d.yaml\nkubectl label -f d.yaml tier=fe --local -o yaml\nkubectl get deploy web --show-labels --no-headers -o custom-columns=L:.metadata.labels", { allowSim: true });
    expect(steps[1]!.stdout).toBe(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n    tier: fe\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n" +
        "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: nginx\n",
    );
    expect(steps[2]!.stdout).toBe("map[app:web]\n");
  });

  test("set env -o json keeps Go struct order (kind before apiVersion, name before labels)", () => {
    const r = sim("kubectl set env -f d.yaml A=1 --local -o json");
    expect(r.stdout.split("\n").slice(0, 6)).toEqual(["{", '    "kind": "Deployment",', '    "apiVersion": "apps/v1",', '    "metadata": {', '        "name": "web",', '        "creationTimestamp": null,']);
  });

  test("each verb refuses server resources in its own words", () => {
    expect(sim("kubectl set image deploy/web nginx=x --local").stderr).toMatch(/^error: you must specify resources by --filename when --local is set\.\n/);
    expect(sim("kubectl label deploy web a=b --local").stderr).toBe("error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n");
    expect(sim("kubectl annotate deploy/web a=b --local").stderr).toBe("error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set\n");
    expect(sim("kubectl label -f d.yaml a=b --local --dry-run=server").stderr).toBe("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n");
  });

  test("set image: a kind without a pod template and a missing container are errors after the others", () => {
    expect(sim("kubectl set image -f svc.yaml -f d.yaml nginx=x --local")).toEqual({
      stdout: "deployment.apps/web image updated\n",
      stderr: "error: service/s the object is not a pod or does not have a pod template: *v1.Service\n",
      exit: 1,
    });
    expect(sim("kubectl set image -f d.yaml a=x b=y --local").stderr).toBe('error: unable to find container named "a"\nerror: unable to find container named "b"\n');
  });

  test("set image: the server's refusal comes wrapped as kubectl words it, after the other objects", () => {
    const s = new Session({ seed: "local", files: FILES, cluster: K8S });
    const steps = s.run("kubectl create deployment web --image=nginx\nkubectl set image deploy/web nginx=", { allowSim: true });
    expect({ stdout: steps[1]!.stdout, stderr: steps[1]!.stderr, exit: steps[1]!.exitCode }).toEqual({
      stdout: "",
      stderr: 'error: failed to patch image update to pod template: Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value\n',
      exit: 1,
    });
  });

  const ORACLE = [
    "set image -f d.yaml nginx=nginx:1.26 --local -o yaml",
    "set image -f pod.yaml c=nginx --local --dry-run=client",
    "set image -f pod.yaml c=nginx --local --dry-run=server",
    `patch -f d.yaml --local -p {"spec":{"replicas":3}} -o yaml`,
    `patch -f d.yaml --local -p {"spec":{"replicas":3}}`,
    "set selector -f svc.yaml app=x --local -o yaml",
    "set serviceaccount -f d.yaml sa1 --local -o yaml",
    "label -f pod.yaml a=b --local -o yaml",
    "set env -f d.yaml --list --local",
    "label -f d.yaml app=x --local",
    "label -f d.yaml app- --local -o name",
    "annotate -f d.yaml a=b --local -o json",
    "annotate -f d.yaml a=b --local --dry-run=client",
    "set image -f d.yaml nginx=nginx:1.25 --local -o yaml",
    "set env deploy/web A=1 --local",
    "set resources deploy/web --limits=cpu=1 --local",
    "set selector svc s a=b --local",
    "set serviceaccount -f d.yaml deploy/web sa --local",
    "patch -f d.yaml deploy/web --local -p {}",
    "set resources -f d.yaml --local",
    "set resources -f d.yaml --limits=cpu=200m --local -o yaml",
    "set env -f nofile.yaml A=1 --local",
    "set image -f kinds.yaml c=nginx --local -o yaml",
    "set image -f kinds.yaml c=nginx --local -o json",
    "set image -f svc.yaml -f pod.yaml -f svc.yaml c=x --local -o name",
  ];

  test.skipIf(!hasKubectl)("prints what the real kubectl 1.30 prints, with or without a cluster", () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-local-"));
    try {
      for (const [n, t] of Object.entries(FILES)) writeFileSync(join(dir, n), t);
      for (const line of ORACLE) {
        const args = line.split(" ");
        const r = spawnSync(KUBECTL, args, { cwd: dir, encoding: "utf8", timeout: 20_000, env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        const real = { line, stdout: r.stdout, stderr: r.stderr, exit: r.status };
        const command = "kubectl " + args.map((a) => `'${a}'`).join(" ");
        expect({ line, ...sim(command) }).toEqual(real);
        expect({ line, ...sim(command, true) }).toEqual(real);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
