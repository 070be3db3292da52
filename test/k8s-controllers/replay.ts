// Test helper: replays a kubectl script on a two-node kubeadm cluster (controlplane, node01) and
// returns each step's stdout, stderr and exit code.
import { replay } from "../../src/sim";

export const TWO_NODES = {
  hosts: [{ name: "controlplane", ip: "10.0.0.10" }, { name: "node01", ip: "10.0.0.11" }],
  kubernetes: { controlPlane: ["controlplane"], workers: ["node01"] },
};

export function replayK8s(script: string, files: Record<string, string> = {}, seed = "k8s"): { out: string[]; err: string[]; code: number[] } {
  const { transcript } = replay(script, { seed, cluster: TWO_NODES, files } as never);
  const steps = transcript.steps as unknown as { stdout?: string; stderr?: string; exitCode?: number }[];
  return { out: steps.map((s) => s.stdout ?? ""), err: steps.map((s) => s.stderr ?? ""), code: steps.map((s) => s.exitCode ?? 0) };
}
