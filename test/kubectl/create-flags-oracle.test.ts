// Client-side `kubectl create` cases compared with kubectl 1.30 offline: cronjob --restart taken
// as given (OnFailure when empty), an --image given empty (no containers), --from-env-file that
// cannot be read.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const CASES = [
  ["create", "cronjob", "c", "--image=busybox", "--schedule=* * * * *", "--restart=Never", "--dry-run=client", "-o", "yaml"],
  ["create", "cronjob", "c", "--image=busybox", "--schedule=* * * * *", "--restart=Foo", "--dry-run=client", "-o", "yaml"],
  ["create", "cronjob", "c", "--image=busybox", "--schedule=* * * * *", "--restart=", "--dry-run=client", "-o", "yaml"],
  ["create", "deployment", "web", "--image=", "--dry-run=client", "-o", "yaml"],
  ["create", "configmap", "web", "--from-env-file=nofile", "--dry-run=client"],
];

function sim(args: string[]) {
  const [step] = new Session({ seed: "create" }).run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl create, client side", () => {
  test("cronjob --restart and --from-env-file errors", () => {
    expect(sim(CASES[0]!).stdout).toContain("          restartPolicy: Never\n");
    expect(sim(CASES[4]!)).toEqual({ stdout: "", stderr: "error: error reading nofile: no such file or directory\n", exit: 1 });
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    for (const args of CASES) {
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      expect({ args, ...sim(args) }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
