// kubectl version -o yaml|json (version.Info of v1.30.0, Kustomize's version, the server's) and
// api-resources' --api-group, --sort-by and their Validate errors, compared with kubectl 1.30 (the
// installed one is a later 1.30 patch release: its build fields are normalised away).

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { agreeWithKubectl } from "./exercise-helpers";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }], kubernetes: { controlPlane: ["cp"], workers: [] } };

function sim(command: string, cluster = true) {
  const [step] = new Session({ seed: "v", ...(cluster ? { cluster: K8S } : {}) }).run(command, { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl version", () => {
  test("-o yaml: client, Kustomize and server versions, then the blank line Fprintln adds", () => {
    const r = sim("kubectl version -o yaml");
    expect(r.stdout.startsWith('clientVersion:\n  buildDate: "2024-04-17T17:36:05Z"\n  compiler: gc\n  gitCommit: 7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a\n')).toBe(true);
    expect(r.stdout).toContain("\nkustomizeVersion: v5.0.4-0.20230601165947-6ce0bf390ce3\nserverVersion:\n");
    expect(r.stdout.endsWith("  platform: linux/amd64\n\n")).toBe(true);
    expect(sim("kubectl version -o foo")).toEqual({ stdout: "", stderr: "error: --output must be 'yaml' or 'json'\n", exit: 1 });
    expect(sim("kubectl version extra")).toEqual({ stdout: "", stderr: "error: extra arguments: [extra]\n", exit: 1 });
  });

  test.skipIf(!hasKubectl)("--client -o yaml|json print what kubectl 1.30 prints", () => {
    const norm = (s: string) => s.replace(/v1\.30\.\d+/g, "v1.30.X").replace(/(gitCommit|buildDate|goVersion)("?): "?[^",\n]+"?/g, "$1$2: X");
    for (const args of [["version", "--client", "-o", "yaml"], ["version", "--client", "-o", "json"], ["version", "-o", "foo"], ["version", "x"]]) {
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      const s = sim(`kubectl ${args.join(" ")}`, false);
      expect({ args, ...s, stdout: norm(s.stdout) }).toEqual({ args, stdout: norm(r.stdout), stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});

describe("kubectl api-resources", () => {
  test("--api-group keeps one group (empty: the core group); bad --sort-by and -o are refused", () => {
    expect(sim("kubectl api-resources --api-group=apps -o name").stdout).toBe("controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n");
    expect(sim("kubectl api-resources --sort-by=foo")).toEqual({ stdout: "", stderr: "error: --sort-by accepts only name or kind\n", exit: 1 });
    expect(sim("kubectl api-resources -o foo")).toEqual({ stdout: "", stderr: "error: --output foo is not available\n", exit: 1 });
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", async () => {
    await agreeWithKubectl("kubectl get ns", [
      ["api-resources", "--api-group=apps"],
      ["api-resources", "--api-group="],
      ["api-resources", "--api-group=nosuch"],
      ["api-resources", "--sort-by=kind", "--api-group=apps"],
      ["api-resources", "--sort-by=name", "--api-group=rbac.authorization.k8s.io"],
      ["api-resources", "--namespaced=true", "--api-group=apps", "--no-headers"],
    ]);
  }, 60_000);
});
