// What the -f verbs do with several objects. kubectl wait -f: the builder (ContinueOnError,
// Latest()) looks each file object up — one that is not there is its NotFound in its place, the
// others are still waited for; waiting for deletions ignores it. label/annotate -f go on past a
// missing object likewise. `set env` and `annotate` print every object
// with one YAML printer ("---" between them); label makes a printer per object (no "---").
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL, realKubectl, replayNow } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: nope
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gone
spec:
  selector:
    matchLabels: {app: g}
  template:
    metadata:
      labels: {app: g}
    spec:
      containers:
      - name: c
        image: nginx
`;

const DEPLOYS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      containers:
      - name: c
        image: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: b
spec:
  selector:
    matchLabels: {app: b}
  template:
    metadata:
      labels: {app: b}
    spec:
      containers:
      - name: c
        image: nginx:1.25
`;

const FILES = { "pods.yaml": PODS, "two.yaml": DEPLOYS };

function replay(script: string) {
  return new Session({ seed: "leftovers10-files", cluster: K8S, files: FILES }).run(script, { allowSim: true }).map((s) => ({ stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }));
}

describe("kubectl wait -f with an object that is not there", () => {
  test("the missing objects are errors in their places; the one there is waited for", () => {
    const steps = replay("kubectl run a --image=nginx\nkubectl wait --for=condition=Ready -f pods.yaml\nkubectl wait --for=jsonpath='{.status.phase}'=Running -f pods.yaml --timeout=5s");
    const expected = {
      stdout: "pod/a condition met\n",
      stderr: 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): deployments.apps "gone" not found\n',
      exit: 1,
    };
    expect(steps[1]).toEqual(expected);
    expect(steps[2]).toEqual(expected);
  });

  test("--timeout=0: each object looked at once, in file order", () => {
    const steps = replay("kubectl create deployment gone --image=nginx\nkubectl run a --image=nginx\nkubectl wait --for=condition=Available -f pods.yaml --timeout=0");
    expect(steps[2]).toEqual({
      stdout: "deployment.apps/gone condition met\n",
      stderr: 'condition not met for pods/a\nError from server (NotFound): pods "nope" not found\n',
      exit: 1,
    });
  });

  test("--for=delete: a file's object already gone is left out (the builder's NotFound is ignored)", () => {
    const steps = replay("kubectl run a --image=nginx\nkubectl wait --for=delete -f pods.yaml --timeout=2s\nkubectl delete pod a --wait=false\nkubectl wait --for=delete -f pods.yaml --timeout=60s\nkubectl wait --for=delete -f pods.yaml");
    expect(steps[1]).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition on pods/a\n", exit: 1 });
    expect(steps[3]).toEqual({ stdout: "pod/a condition met\n", stderr: "", exit: 0 });
    expect(steps[4]).toEqual({ stdout: "", stderr: "", exit: 0 });
  });

  test("after the shared deadline, a missing file object is still its NotFound (the builder's lookup)", () => {
    const steps = replay("kubectl run a --image=nginx:nope\nkubectl wait --for=condition=Ready -f pods.yaml --timeout=3s");
    expect(steps[1]).toEqual({
      stdout: "",
      stderr: 'timed out waiting for the condition on pods/a\nError from server (NotFound): pods "nope" not found\nError from server (NotFound): deployments.apps "gone" not found\n',
      exit: 1,
    });
  });

  test("label and annotate -f go on past a missing object", () => {
    const steps = replay("kubectl run a --image=nginx\nkubectl label -f pods.yaml tier=web\nkubectl annotate -f pods.yaml note=x\nkubectl get pod a -o jsonpath='{.metadata.labels.tier} {.metadata.annotations.note}'");
    const notFound = 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): deployments.apps "gone" not found\n';
    expect(steps[1]).toEqual({ stdout: "pod/a labeled\n", stderr: notFound, exit: 1 });
    expect(steps[2]).toEqual({ stdout: "pod/a annotated\n", stderr: notFound, exit: 1 });
    expect(steps[3]!.stdout).toBe("web x");
  });

  // --timeout=0 and a deletion already done only GET, which the read-only stub serves.
  test.skipIf(!hasKubectl)("kubectl 1.30 against the simulator's store prints the same", async () => {
    const { session } = replayNow("kubectl run a --image=nginx\nkubectl create deployment web --image=nginx\nsim advance 30s");
    const gone = PODS.split("---\n").slice(1).join("---\n");
    session.run(`cat > pods.yaml <<'EOF'\n${PODS}EOF\ncat > gone.yaml <<'EOF'\n${gone}EOF`, { allowSim: true });
    for (const args of [
      ["wait", "--for=condition=Ready", "-f", "pods.yaml", "--timeout=0"],
      ["wait", "--for=delete", "-f", "gone.yaml", "--timeout=10s"],
      ["wait", "--for=condition=Ready", "-f", "gone.yaml", "--timeout=0"],
      ["wait", "--for=jsonpath={.status.phase}=Running", "-f", "pods.yaml", "--timeout=0"],
      ["label", "-f", "pods.yaml", "x=y", "--dry-run=server"],
      ["annotate", "-f", "pods.yaml", "x=y", "--dry-run=server"],
    ]) {
      const r = await realKubectl(session, args, { "pods.yaml": PODS, "gone.yaml": gone }, { dryRunWrites: true });
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr.replace(/^[WEI]\d{4} .*\n/gm, ""), exit: r.status });
    }
  }, 60_000);
});

describe("several objects printed with -o yaml", () => {
  test("set env -o yaml: --- between the objects (one printer), on the server path too", () => {
    const steps = replay("kubectl set env -f two.yaml FOO=bar --local -o yaml\nkubectl apply -f two.yaml\nkubectl set env -f two.yaml FOO=bar -o yaml\nkubectl set env -f two.yaml FOO=baz --dry-run=client -o yaml\nkubectl set env -f two.yaml FOO=baz -o json");
    for (const i of [0, 2, 3]) {
      const docs = steps[i]!.stdout.split("---\n");
      expect(docs.map((d) => /\n {2}name: (\w+)\n/.exec(d)?.[1])).toEqual(["a", "b"]);
      expect(docs[0]!.startsWith("apiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    }
    // JSON: the objects one after the other, no separator, no list.
    expect(steps[4]!.stdout).toMatch(/^\{\n[^]*\n\}\n\{\n[^]*\n\}\n$/);
    expect(steps[4]!.stdout).not.toContain('"kind": "List"');
  });

  test("an object left unchanged is not printed (no patch), so no --- for it", () => {
    const steps = replay("kubectl apply -f two.yaml\nkubectl set env deploy/a FOO=bar\nkubectl set env -f two.yaml FOO=bar -o yaml");
    expect(steps[2]!.stdout).not.toContain("---");
    expect(steps[2]!.stdout).toContain("\n  name: b\n");
  });

  test("annotate -o yaml separates its objects, label does not", () => {
    const steps = replay("kubectl annotate -f two.yaml a=b --local -o yaml\nkubectl label -f two.yaml a=b --local -o yaml");
    expect(steps[0]!.stdout.split("---\n")).toHaveLength(2);
    expect(steps[1]!.stdout).not.toContain("---");
  });

  const ORACLE = [
    "set env -f two.yaml FOO=bar --local -o yaml",
    "set env -f two.yaml FOO=bar --local -o json",
    "set env -f two.yaml FOO=bar --local -o name",
    "set env -f two.yaml FOO=bar --local",
    "annotate -f two.yaml a=b --local -o yaml",
    "label -f two.yaml a=b --local -o yaml",
  ];
  test.skipIf(!hasKubectl)("the same bytes as kubectl 1.30 --local", () => {
    const dir = mkdtempSync(join(tmpdir(), "lo10-"));
    try {
      writeFileSync(join(dir, "two.yaml"), DEPLOYS);
      for (const c of ORACLE) {
        const args = c.split(" ");
        const r = spawnSync(KUBECTL, args, { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        const [step] = replay("kubectl " + c);
        expect({ c, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exit }).toEqual({ c, stdout: r.stdout, stderr: r.stderr, exit: r.status });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
