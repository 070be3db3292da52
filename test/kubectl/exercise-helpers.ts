// Helpers for the exercise walk-through tests: replay in the simulator, run the real kubectl 1.30
// offline (client-side decisions) or against the stub API server (decisions after a lookup).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { Session } from "../../src/sim";
import { KUBECTL, realKubectl, replayNow } from "./stub-apiserver";

export function sim(files: Record<string, string>, script: string) {
  return new Session({ seed: "walk", files }).run(script, { allowSim: true });
}

export function real(files: Record<string, string>, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "cg-walk-"));
  try {
    for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
    const r = spawnSync(KUBECTL, args, { cwd: dir, encoding: "utf8", timeout: 20_000, env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    return { stderr: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replays `setup`, then each argv in the simulator and (through the stub) in kubectl 1.30: same output, same exit. */
export async function agreeWithKubectl(setup: string, cases: string[][]): Promise<void> {
  const { session } = replayNow(setup);
  for (const args of cases) {
    const r = await realKubectl(session, args);
    const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    const stderr = r.stderr.replace(/^[WEI]\d{4} .*\n/gm, "");
    expect({ args, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, stderr, exit: r.status });
  }
}
