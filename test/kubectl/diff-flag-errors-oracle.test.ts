// kubectl diff has its own cobra FlagErrorFunc (exit 1 means "differences found"): flag errors read
// "See 'kubectl diff -h' for help and examples" and exit 2, unlike other commands' "--help' for usage."
// Compared with kubectl 1.30 offline: these fail before any request.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const CASES = [
  ["diff", "--foo"],
  ["diff", "-f", "x.yaml", "--bogus"],
  ["diff", "-f"],
  ["diff", "--server-side=maybe", "-f", "x.yaml"],
  ["diff", "--prune=x", "-f", "x.yaml"],
  ["diff", "--concurrency=x", "-f", "x.yaml"],
  ["diff", "a", "b"],
  ["diff"],
  ["get", "--foo"],
];

function sim(args: string[]) {
  const [step] = new Session({ seed: "diff" }).run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
  return { stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl diff flag errors", () => {
  test("usage error, exit 2", () => {
    expect(sim(["diff", "--foo"])).toEqual({
      stdout: "",
      stderr: "error: unknown flag: --foo\nSee 'kubectl diff -h' for help and examples\n",
      exit: 2,
    });
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    for (const args of CASES) {
      const r = spawnSync(KUBECTL, args, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      expect({ args, ...sim(args) }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
