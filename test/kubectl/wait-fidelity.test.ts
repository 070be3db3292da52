// kubectl wait: --for=jsonpath parsed as processJSONPathInput does (single "=" splits, a value is
// required after "=", the expression is relaxed and must parse), more than one value or an
// object is an error, a timeout names `<resource>/<name>` without the group, and --timeout=0
// looks once ("condition not met for <resource>/<name>").

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { agreeWithKubectl } from "./exercise-helpers";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function replay(script: string) {
  return new Session({ seed: "wait", cluster: K8S }).run(script, { allowSim: true }).map((s) => ({ stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }));
}

const OFFLINE = [
  ["wait", "--for=jsonpath={.status.readyReplicas=2", "deploy/web"],
  ["wait", "--for=jsonpath={.status.readyReplicas}=", "deploy/web"],
  ["wait", "--for=jsonpath=", "deploy/web"],
  ["wait", "--for=jsonpath={.a}={.b}={.c}", "deploy/web"],
];

describe("kubectl wait", () => {
  test("timeouts name the resource without its group; several values are an error", () => {
    const steps = replay(
      "kubectl create deployment web --image=nginx:nope\nkubectl wait --for=condition=Available deploy/web --timeout=5s\n" +
        "kubectl wait --for=jsonpath='{..name}'=web deploy/web --timeout=5s\nkubectl wait --for=condition=Available deploy/web --timeout=0",
    );
    expect(steps[1]).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition on deployments/web\n", exit: 1 });
    expect(steps[2]).toEqual({ stdout: "", stderr: "error: given jsonpath expression matches more than one value\n", exit: 1 });
    expect(steps[3]).toEqual({ stdout: "", stderr: "error: condition not met for deployments/web\n", exit: 1 });
  });

  test.skipIf(!hasKubectl)("--for=jsonpath errors print what kubectl 1.30 prints", () => {
    for (const args of OFFLINE) {
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      const [s] = replay("kubectl " + args.map((a) => `'${a}'`).join(" "));
      expect({ args, ...s }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);

  test.skipIf(!hasKubectl)("--timeout=0 prints what kubectl 1.30 prints", async () => {
    await agreeWithKubectl("kubectl create deployment web --image=nginx\nkubectl create deployment bad --image=nginx:nope\nsim advance 30s", [
      ["wait", "--for=condition=Available", "deploy/web", "--timeout=0"],
      ["wait", "--for=condition=Available", "deploy/bad", "--timeout=0"],
      ["wait", "--for=jsonpath={.spec.replicas}=1", "deploy/web", "--timeout=0"],
      ["wait", "--for=jsonpath={.metadata}=x", "deploy/web", "--timeout=0"],
      ["wait", "--for=jsonpath={..name}=web", "deploy/web", "--timeout=0"],
      ["wait", "--for=delete", "deploy/web", "--timeout=0"],
    ]);
  }, 60_000);
});

describe("kubectl delete --timeout", () => {
  test("a pod still terminating when the wait ends: the deletion line, then the wait's timeout", () => {
    const steps = replay("kubectl run b --image=busybox -- sleep 3600\nsim advance 10s\nkubectl delete pod b --timeout=5s\nkubectl get pod b --no-headers");
    expect(steps[2]).toEqual({ stdout: 'pod "b" deleted\n', stderr: "error: timed out waiting for the condition on pods/b\n", exit: 1 });
    expect(steps[3]!.stdout).toMatch(/^b\s+1\/1\s+Terminating/);
  });
});
