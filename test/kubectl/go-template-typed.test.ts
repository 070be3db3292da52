// -o go-template on an object kubectl made itself (create/run --dry-run=client): a failed execution
// dumps the object's "raw data" as json.Marshal of the typed object, in Go struct order (kind
// before apiVersion), where objects read from the server dump with sorted keys.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const CASES = [
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "go-template={{.spec.foo}}", "--allow-missing-template-keys=false"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "go-template={{.spec.replicas.x}}"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "go-template={{.metadata.name.foo}}"],
  ["create", "configmap", "c", "--from-literal=a=1", "--dry-run=client", "-o", "go-template={{.data.a.b}}"],
];

function sim(args: string[]) {
  const [step] = new Session({ seed: "gt" }).run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("go-template on typed objects", () => {
  test("the debugging dump's raw data keeps struct order", () => {
    const r = sim(CASES[1]!);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain('\traw data was:\n\t\t{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,');
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    for (const args of CASES) {
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      expect({ args, ...sim(args) }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
