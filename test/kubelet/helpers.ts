// Replays kubectl sessions on a two-node cluster (control plane cp, worker w1) and gives each
// step's output: the kubelet tests assert on what a student would see.
import { replay } from "../../src/sim";

export function session(commands: string[], files: Record<string, string> = {}, seed = "kubelet") {
  const steps = replay(commands.join("\n"), {
    seed, files,
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  }).transcript.steps;
  return (i: number) => steps[i]!.stdout + steps[i]!.stderr;
}
