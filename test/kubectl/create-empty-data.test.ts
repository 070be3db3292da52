// `kubectl create secret generic|configmap` with no data: the typed object's empty map is left
// out (omitempty), in the client-side dry run and in what the server stores.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }], kubernetes: { controlPlane: ["cp"], workers: [] } };

describe("create with no data", () => {
  test("no data: {} in the dry run nor in the stored object", () => {
    const s = new Session({ seed: "empty", cluster: K8S });
    const steps = s.run("kubectl create secret generic s --dry-run=client -o yaml\nkubectl create configmap c\nkubectl get cm c -o jsonpath='{.data}'", { allowSim: true });
    expect(steps[0]!.stdout).toBe("apiVersion: v1\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n");
    expect(steps[2]!.stdout).toBe("");
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    const s = new Session({ seed: "empty" });
    for (const line of ["create configmap c --dry-run=client -o yaml", "create secret generic s --dry-run=client -o json", "create secret generic s --type=foo --dry-run=client -o yaml"]) {
      const args = line.split(" ");
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      const [step] = s.run(`kubectl ${line}`, { allowSim: true });
      expect({ line, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ line, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
