// label / annotate overwrite rules against the real kubectl 1.30 client: `--local -f pod.yaml`
// decides offline exactly what the server path decides (conflicts, result words), so the
// simulator's `kubectl label pod w2 …` on the same pod must print the same. Expectations are
// pinned (captured from kubectl 1.30); when the binary is present they are re-checked against it.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: w2
  labels: {app: web, t: f}
  annotations: {a: "1", b: "1", kubernetes.io/change-cause: x}
spec:
  containers: [{name: c, image: nginx}]
`;

/** serverStdout: what the server path prints where it differs from --local (checked through
 *  the stub API server of stub-apiserver.ts: removals of absent labels are reported). */
type Case = { args: string; exitCode: number; stdout: string; stderr: string; serverStdout?: string };
const CASES: Case[] = [
  { args: "label pod w2 app=x", exitCode: 1, stdout: "", stderr: "error: 'app' already has a value (web), and --overwrite is false\n" },
  { args: "label pod w2 app=x t=y", exitCode: 1, stdout: "", stderr: "'app' already has a value (web), and --overwrite is false\n't' already has a value (f), and --overwrite is false\n" },
  { args: "label pod w2 app=web", exitCode: 0, stdout: "pod/w2 not labeled\n", stderr: "" },
  { args: "label pod w2 foo-", exitCode: 0, stdout: "pod/w2 not labeled\n", stderr: "", serverStdout: 'label "foo" not found.\npod/w2 not labeled\n' },
  { args: "label pod w2 app-", exitCode: 0, stdout: "pod/w2 unlabeled\n", stderr: "" },
  { args: "label pod w2 app=x --overwrite", exitCode: 0, stdout: "pod/w2 labeled\n", stderr: "" },
  { args: "annotate pod w2 a=2", exitCode: 1, stdout: "", stderr: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n" },
  { args: "annotate pod w2 a=2 b=2", exitCode: 1, stdout: "", stderr: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1); 'b' already has a value (1)\n" },
  { args: "annotate pod w2 a=1", exitCode: 0, stdout: "pod/w2 annotated\n", stderr: "" },
  { args: "annotate pod w2 foo-", exitCode: 0, stdout: "pod/w2 annotated\n", stderr: "" },
  { args: "annotate pod w2 a-", exitCode: 0, stdout: "pod/w2 annotated\n", stderr: "" },
  { args: "annotate pod w2 kubernetes.io/change-cause=y", exitCode: 0, stdout: "pod/w2 annotated\n", stderr: "" },
];

describe("label / annotate overwrite rules", () => {
  test.each(CASES)("kubectl $args", (c) => {
    const steps = new Session({ seed: "label" }).run(`cat > pod.yaml <<'Y'\n${POD}Y\nkubectl apply -f pod.yaml\nkubectl ${c.args}`, { allowSim: true });
    expect(steps[1]!.exitCode).toBe(0);
    const r = steps.at(-1)!;
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: c.exitCode, stdout: c.serverStdout ?? c.stdout, stderr: c.stderr });
  });
});

describe.skipIf(!existsSync(KUBECTL))("oracle: kubectl 1.30 --local agrees", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "label-oracle-"));
  writeFileSync(path.join(dir, "pod.yaml"), POD);
  test.each(CASES)("kubectl $args --local", (c) => {
    const [verb, , , ...changes] = c.args.split(" ");
    const r = spawnSync(KUBECTL, [verb!, "--local", "-f", "pod.yaml", ...changes], { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    expect(r.status).toBe(c.exitCode);
    expect(r.stdout).toBe(c.stdout);
    // Go ranges over a map: several conflicts come out in any order.
    const parts = (t: string) => t.replace(/^error: (--overwrite is false but found the following declared annotation\(s\): )?/, "").split(/\n|; /).sort();
    expect(parts(r.stderr)).toEqual(parts(c.stderr));
  });
});
