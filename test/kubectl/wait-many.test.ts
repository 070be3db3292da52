// kubectl wait on several objects (RunWait in k8s.io/kubectl/pkg/cmd/wait): one context carries the
// --timeout for all of them, visited in turn and continuing on errors. Each object that meets the
// condition prints its line; each that does not adds `timed out waiting for the condition on
// <resource>/<name>` to an aggregate — once the deadline has passed, the objects still to visit
// time out at once, whatever their state. A deletion already done is met. cmdutil.CheckErr prints
// one error as `error: …` and several with MultipleErrors(``): one a line, no prefix.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { agreeWithKubectl } from "./exercise-helpers";
import { hasKubectl } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };
const PODS = "kubectl run a --image=nginx\nkubectl run b --image=nginx:nope\nkubectl run c --image=nginx\n";

function replay(script: string) {
  return new Session({ seed: "wait-many", cluster: K8S }).run(script, { allowSim: true }).map((s) => ({ stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }));
}

describe("kubectl wait on several objects", () => {
  test("a line per object met, an error line per object not met; the timeout is shared", () => {
    const steps = replay(`${PODS}date +%s\nkubectl wait --for=condition=Ready pod/a pod/b pod/c --timeout=20s\ndate +%s`);
    expect(steps[4]).toEqual({
      stdout: "pod/a condition met\n",
      stderr: "timed out waiting for the condition on pods/b\ntimed out waiting for the condition on pods/c\n",
      exit: 1,
    });
    // 20 s in all, not 20 s per object.
    expect(Number(steps[5]!.stdout) - Number(steps[3]!.stdout)).toBe(20);
  });

  test("objects after the deadline time out at once; a selector's objects likewise", () => {
    const steps = replay(`${PODS}kubectl wait --for=condition=Ready pod/b pod/a --timeout=10s\nkubectl wait --for=condition=Ready pod -l run --timeout=10s`);
    expect(steps[3]!.stdout).toBe("");
    expect(steps[3]!.stderr).toBe("timed out waiting for the condition on pods/b\ntimed out waiting for the condition on pods/a\n");
    expect(steps[4]!.stdout).toBe("pod/a condition met\n");
    expect(steps[4]!.stderr).toBe("timed out waiting for the condition on pods/b\ntimed out waiting for the condition on pods/c\n");
  });

  test("--timeout=0 looks at each once; all met is exit 0", () => {
    const steps = replay(`${PODS}kubectl wait --for=condition=Ready pod/a pod/b pod/c --timeout=0\nkubectl wait --for=condition=Ready pod/a pod/c`);
    expect(steps[3]).toEqual({ stdout: "pod/a condition met\npod/c condition met\n", stderr: "error: condition not met for pods/b\n", exit: 1 });
    expect(steps[4]).toEqual({ stdout: "pod/a condition met\npod/c condition met\n", stderr: "", exit: 0 });
  });

  test("--for=delete: an object already gone is met even after the deadline", () => {
    const steps = replay(`${PODS}kubectl delete pod a --wait=false\nkubectl wait --for=delete pod/b pod/a --timeout=5s`);
    expect(steps[4]).toEqual({ stdout: "pod/a condition met\n", stderr: "error: timed out waiting for the condition on pods/b\n", exit: 1 });
  });

  test("a named object that is not there is an error in its place; the others are still waited for", () => {
    const steps = replay(`${PODS}kubectl wait --for=condition=Ready pod/nope pod/c pod/b --timeout=3s\nkubectl wait --for=condition=Ready pod/c pod/nope\nkubectl wait --for=delete pod/nope pod/c --timeout=1s`);
    expect(steps[3]).toEqual({
      stdout: "pod/c condition met\n",
      stderr: 'Error from server (NotFound): pods "nope" not found\ntimed out waiting for the condition on pods/b\n',
      exit: 1,
    });
    expect(steps[4]).toEqual({ stdout: "pod/c condition met\n", stderr: 'Error from server (NotFound): pods "nope" not found\n', exit: 1 });
    // Waiting for deletions ignores what is not found.
    expect(steps[5]).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition on pods/c\n", exit: 1 });
  });

  // --timeout=0 only GETs, which the read-only stub serves: the aggregate's layout is the real one.
  test.skipIf(!hasKubectl)("--timeout=0 on several objects prints what kubectl 1.30 prints", async () => {
    await agreeWithKubectl(`${PODS}kubectl create deployment web --image=nginx\nsim advance 30s`, [
      ["wait", "--for=condition=Ready", "pod/a", "pod/b", "pod/c", "--timeout=0"],
      ["wait", "--for=condition=Ready", "pod/b", "pod/a", "--timeout=0"],
      ["wait", "--for=condition=Ready", "pod/b", "pod/nope", "pod/a", "--timeout=0"],
      ["wait", "--for=condition=Ready", "pod", "-l", "run", "--timeout=0"],
      ["wait", "--for=condition=Available", "pod/a", "deploy/web", "--timeout=0"],
      ["wait", "--for=delete", "pod/nope", "pod/a", "--timeout=0"],
    ]);
  }, 60_000);
});
