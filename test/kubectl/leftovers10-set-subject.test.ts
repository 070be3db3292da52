// kubectl set subject (set_subject.go, v1.30): --local cases byte for byte against the real
// kubectl 1.30; the server path (lookups, the update, dry runs, what the server validates)
// replayed through the simulator.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

const FILES: Record<string, string> = {
  "rb.yaml": `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
  namespace: dev
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: crb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`,
  "rb2.yaml": `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- kind: User
  name: alice
- kind: ServiceAccount
  name: sa
  namespace: default
`,
  "other.yaml": `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
`,
};

function replay(script: string, cluster = true) {
  return new Session({ seed: "leftovers10-subject", files: FILES, ...(cluster ? { cluster: K8S } : {}) }).run(script, { allowSim: true }).map((s) => ({ stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }));
}

const ORACLE = [
  "set subject --local -f rb.yaml --user=bob --group=devs --serviceaccount=dev:sa1 --serviceaccount=ops:sa2 -o yaml",
  "set subject --local -f rb.yaml --user=z --user=b --user=z --group=g -o json",
  "set subject --local -f rb.yaml --user=alice",
  "set subject --local -f rb.yaml --user=alice -o name",
  "set subject --local -f rb.yaml --user=b --dry-run=client",
  "set subject --local -f rb2.yaml --user=alice --serviceaccount=default:sa --serviceaccount=:x -o yaml -n team",
  "set subject --local -f rb2.yaml --user=alice -o json",
  "set subject --local -f rb.yaml",
  "set subject --local rolebinding x --user=a",
  "set subject --local -f rb.yaml --serviceaccount=sa",
  "set subject --local -f rb.yaml --serviceaccount=:sa",
  "set subject --local -f rb2.yaml --serviceaccount=:sa -o yaml",
  "set subject --local -f rb.yaml --serviceaccount=ns:",
  "set subject --local -f rb.yaml --serviceaccount=a:b:c",
  "set subject --local -f other.yaml --user=a",
  "set subject --local -f other.yaml -f rb.yaml --user=a -o name",
  "set subject --local -f rb.yaml --user=a --dry-run=server",
  "set subject --local --user=a",
  "set subject --local -f rb.yaml --user=a --all -l a=b",
  "set subject --local -f nofile.yaml --user=a",
];

describe("kubectl set subject --local", () => {
  test.skipIf(!hasKubectl)("prints and refuses what kubectl 1.30 prints", () => {
    const dir = mkdtempSync(join(tmpdir(), "lo10-subject-"));
    try {
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      for (const c of ORACLE) {
        const r = spawnSync(KUBECTL, c.split(" "), { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        const [step] = replay("kubectl " + c, false);
        expect({ c, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exit }).toEqual({ c, stdout: r.stdout, stderr: r.stderr, exit: r.status });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("the subjects are added after the ones there, users, groups and service accounts each sorted", () => {
    const [step] = replay("kubectl set subject --local -f rb.yaml --user=zed --user=bob --group=devs --serviceaccount=ops:b --serviceaccount=dev:a -o yaml", false);
    const [rb, crb] = step!.stdout.split("---\n").map((d) => parse(d));
    expect(rb.subjects).toEqual([
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "bob" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "zed" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "devs" },
      { kind: "ServiceAccount", name: "a", namespace: "dev" },
      { kind: "ServiceAccount", name: "b", namespace: "ops" },
    ]);
    expect(crb.subjects).toHaveLength(5);
  });
});

describe("kubectl set subject on the server", () => {
  test("a rolebinding gets the subjects; what it has already is not sent again", () => {
    const steps = replay([
      "kubectl create namespace dev",
      "kubectl create role reader --verb=get,list --resource=pods -n dev",
      "kubectl create rolebinding readers --role=reader --user=alice -n dev",
      "kubectl set subject rolebinding readers --user=bob --serviceaccount=:ci -n dev",
      "kubectl set subject rolebinding/readers --user=bob -n dev",
      "kubectl get rolebinding readers -n dev -o jsonpath='{range .subjects[*]}{.kind}:{.namespace}/{.name} {end}'",
    ].join("\n"));
    expect(steps[3]).toEqual({ stdout: "rolebinding.rbac.authorization.k8s.io/readers subjects updated\n", stderr: "", exit: 0 });
    expect(steps[4]).toEqual({ stdout: "", stderr: "", exit: 0 });
    expect(steps[5]!.stdout).toBe("User:/alice User:/bob ServiceAccount:dev/ci ");
  });

  test("clusterrolebindings, dry runs, -o yaml and a missing binding", () => {
    const steps = replay([
      "kubectl create clusterrolebinding viewers --clusterrole=view --group=devs",
      "kubectl set subject clusterrolebinding viewers --serviceaccount=:ci",
      "kubectl set subject clusterrolebinding viewers --serviceaccount=kube-system:ci --dry-run=client",
      "kubectl set subject clusterrolebinding viewers --serviceaccount=kube-system:ci --dry-run=server -o yaml",
      "kubectl get clusterrolebinding viewers -o jsonpath='{.subjects[*].name}'",
      "kubectl set subject clusterrolebinding nope --user=a",
      "kubectl set subject clusterrolebinding viewers",
      "kubectl set subject svc kubernetes --user=a",
    ].join("\n"));
    expect(steps[1]).toEqual({ stdout: "", stderr: "error: serviceaccount must be <namespace>:<name>, namespace must be specified\n", exit: 1 });
    expect(steps[2]!.stdout).toBe("clusterrolebinding.rbac.authorization.k8s.io/viewers subjects updated (dry run)\n");
    expect(parse(steps[3]!.stdout).subjects).toEqual([
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "devs" },
      { kind: "ServiceAccount", name: "ci", namespace: "kube-system" },
    ]);
    expect(steps[4]!.stdout).toBe("devs");
    expect(steps[5]).toEqual({ stdout: "", stderr: 'Error from server (NotFound): clusterrolebindings.rbac.authorization.k8s.io "nope" not found\n', exit: 1 });
    expect(steps[6]).toEqual({ stdout: "", stderr: "error: you must specify at least one value of user, group or serviceaccount\n", exit: 1 });
    expect(steps[7]).toEqual({ stdout: "", stderr: "error: services/kubernetes setting subjects is only supported for RoleBinding/ClusterRoleBinding\n", exit: 1 });
  });
});
