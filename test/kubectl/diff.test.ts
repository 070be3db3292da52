// kubectl diff: the live object and the server dry run of applying the file, as YAML under
// /tmp/LIVE-<n>/ and /tmp/MERGED-<n>/, compared by `diff -u -N` (unified-diff.ts, checked against
// GNU diff here when it is installed). Exit 0 without differences, 1 with, 2 on an error.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { unifiedHunks } from "../../src/sim/k8s/kubectl/unified-diff";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const DEPLOY = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
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
        image: ${image}
`;

const FILES = {
  "d1.yaml": DEPLOY(2, "nginx:1.25"),
  "d2.yaml": DEPLOY(3, "nginx:1.26"),
  "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    nodePort: 80\n",
};

function run(script: string) {
  return new Session({ seed: "diff", files: FILES }).run(script, { allowSim: true }).map((s) => ({ stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }));
}

describe("kubectl diff", () => {
  test("a changed Deployment: generation and the changed fields, exit 1; the same file again: nothing, exit 0", () => {
    const [, , changed, same] = run("kubectl apply -f d1.yaml\nsim advance 20s\nkubectl diff -f d2.yaml\nkubectl diff -f d1.yaml");
    expect(changed!.exit).toBe(1);
    const lines = changed!.stdout.split("\n");
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t2024-01-10 00:00:20\.000000000 \+0000$/);
    expect(lines[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t2024-01-10 00:00:20\.000000000 \+0000$/);
    expect(lines.filter((l) => /^[-+] /.test(l))).toEqual(["-  generation: 1", "+  generation: 2", "-  replicas: 2", "+  replicas: 3", "-      - image: nginx:1.25", "+      - image: nginx:1.26"]);
    expect(lines.filter((l) => l.startsWith("@@"))).toEqual(["@@ -6,7 +6,7 @@", "@@ -15,7 +15,7 @@", "@@ -32,7 +32,7 @@"]);
    expect(same).toEqual({ stdout: "", stderr: "", exit: 0 });
  });

  test("a new object is all additions from an empty LIVE side; an invalid one is the server's error, exit 2", () => {
    const [newObj] = run("kubectl diff -f d1.yaml");
    expect(newObj!.exit).toBe(1);
    expect(newObj!.stdout).toMatch(/\t1970-01-01 00:00:00\.000000000 \+0000\n\+\+\+ .*\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n/);
    expect(newObj!.stdout).toContain("\n+  generation: 1\n");
    expect(run("kubectl diff -f svc.yaml")[0]).toEqual({
      stdout: "",
      stderr: 'The Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
      exit: 2,
    });
    expect(run("kubectl diff deploy/web")[0]).toEqual({ stdout: "", stderr: "error: Unexpected args: [deploy/web]\nSee 'kubectl diff -h' for help and examples\n", exit: 2 });
  });

  test("Secret values are masked", () => {
    const steps = run(
      "kubectl create secret generic sec --from-literal=a=1 --from-literal=b=2 --save-config\n" +
        "kubectl create secret generic sec --from-literal=a=1 --from-literal=b=3 --from-literal=c=4 --dry-run=client -o yaml > s.yaml\nkubectl diff -f s.yaml",
    );
    expect(steps[2]!.stdout).toContain("\n   a: '***'\n-  b: '*** (before)'\n+  b: '*** (after)'\n+  c: '***'\n");
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints (its dry runs answered by the stub API server)", async () => {
    const files: Record<string, string> = {
      ...FILES,
      "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
      "sec1.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sec\nstringData:\n  a: one\n  b: two\n",
      "sec2.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sec\nstringData:\n  a: one\n  b: three\n  c: four\n",
    };
    const setup = Object.entries(files).map(([n, t]) => `cat > ${n} <<'Y'\n${t}Y\n`).join("") + "kubectl apply -f d1.yaml -f sec1.yaml\nsim advance 20s";
    const { session } = replayNow(setup);
    // What differs run to run: the temporary directories, file times, uids, allocated IPs.
    const norm = (s: string) =>
      s.replace(/\/tmp\/(LIVE|MERGED)-\d+/g, "/tmp/$1-N").replace(/\t\d{4}-\d\d-\d\d [\d:.]+ \+0000/g, "\tTIME").replace(/uid: [0-9a-f-]+/g, "uid: U").replace(/10\.\d+\.\d+\.\d+/g, "IP");
    for (const args of [["diff", "-f", "d2.yaml"], ["diff", "-f", "d1.yaml"], ["diff", "-f", "svc.yaml", "-f", "d2.yaml"], ["diff", "-f", "sec2.yaml"]]) {
      const r = await realKubectl(session, args, files, { dryRunWrites: true });
      const [step] = session.run(`kubectl ${args.join(" ")}`, { allowSim: true });
      expect({ args, stdout: norm(step!.stdout), stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: norm(r.stdout), stderr: r.stderr, exit: r.status });
    }
  }, 120_000);

  const gnu = spawnSync("diff", ["--version"], { encoding: "utf8" }).status === 0;
  test.skipIf(!gnu)("unifiedHunks prints what GNU diff -u prints", () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-diff-"));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    try {
      for (let t = 0; t < 200; t++) {
        const n = Math.floor(rnd() * 30);
        const a: string[] = [];
        for (let i = 0; i < n; i++) a.push(`l${Math.floor(rnd() * 8)}`);
        const b = a.slice();
        const edits = Math.floor(rnd() * 5);
        for (let e = 0; e < edits; e++) {
          const p = Math.floor(rnd() * (b.length + 1));
          const r = rnd();
          if (r < 0.4 && b.length) b.splice(p, 1);
          else if (r < 0.7) b.splice(p, 0, `n${Math.floor(rnd() * 5)}`);
          else if (b.length) b[Math.min(p, b.length - 1)] = `c${Math.floor(rnd() * 5)}`;
        }
        const A = a.map((x) => x + "\n").join("");
        const B = b.map((x) => x + "\n").join("");
        writeFileSync(join(dir, "a"), A);
        writeFileSync(join(dir, "b"), B);
        const r = spawnSync("diff", ["-u", join(dir, "a"), join(dir, "b")], { encoding: "utf8" });
        expect({ a, b, hunks: unifiedHunks(A, B) }).toEqual({ a, b, hunks: r.stdout.split("\n").slice(2).join("\n") });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
