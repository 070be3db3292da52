// -k DIR: the checks kubectl 1.30 makes before any request (not with -f, a directory, one holding
// a kustomization), in its words; a real kustomization is refused with a simulator note.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const FILES = { "/root/kz/.keep": "", "/root/d.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "/root/real/kustomization.yaml": "resources: []\n" };
const CASES = ["apply -k kz", "apply -k nosuchdir", "apply -k kz -f d.yaml", "create -k kz", "apply -k d.yaml", "delete -k kz", "diff -k kz"];

function sim(command: string) {
  const [step] = new Session({ seed: "k", files: FILES }).run(`kubectl ${command}`, { allowSim: true });
  return { stderr: step!.stderr, exit: step!.exitCode };
}

describe("kubectl -k", () => {
  test("a directory without a kustomization, and a real one", () => {
    expect(sim("apply -k kz")).toEqual({ stderr: "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/root/kz'\n", exit: 1 });
    expect(sim("apply -k real").stderr).toMatch(/kustomizations \(-k\) are not simulated/);
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-kz-"));
    try {
      mkdirSync(join(dir, "kz"));
      writeFileSync(join(dir, "d.yaml"), FILES["/root/d.yaml"]);
      for (const command of CASES) {
        const r = spawnSync(KUBECTL, command.split(" "), { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        expect({ command, ...sim(command) }).toEqual({ command, stderr: r.stderr.split(dir).join("/root"), exit: r.status });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
