// Oracle: `kubectl create service … --tcp` parsing is decided offline by the real client
// (--dry-run=client -o yaml); the simulator must print the same. Skipped without kubectl.

import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasKubectl)("kubectl create service --tcp (oracle)", () => {
  test.each([
    ["clusterip", "80:http,9102:metrics"],
    ["clusterip", "80"],
    ["clusterip", "80:8080,443:8443"],
    ["nodeport", "80:web"],
    ["clusterip", "80:HTTP"],
    ["clusterip", "80:0"],
    ["clusterip", "x:80"],
    ["clusterip", "70000"],
    ["clusterip", "80:a--b"],
  ])("%s --tcp=%s", (type, tcp) => {
    const args = ["create", "service", type, "s", `--tcp=${tcp}`, "--dry-run=client", "-o", "yaml"];
    const real = spawnSync("kubectl", args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    const steps = new Session({ seed: "oracle" }).run(`kubectl ${args.join(" ")}`, { allowSim: true });
    const sim = steps[steps.length - 1]!;
    expect(sim.stdout).toBe(real.stdout);
    expect(sim.stderr).toBe(real.stderr);
    expect(sim.exitCode).toBe(real.status);
  });
});
