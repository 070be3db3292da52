// Replay helpers for the fidelity tests: real command lines on a fresh one-node swarm or a small
// Kubernetes cluster, with the steps of `setup` dropped from the result.

import { replay } from "../../src/sim";

const SWARM = { hosts: [{ name: "m1", ip: "10.0.0.1" }], swarm: { managers: ["m1"], workers: [] } };
const K8S = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

/** The steps of a docker replay; `setup` lines run first and are dropped from the result. */
export function docker(setup: string, commands: string) {
  const { transcript } = replay(setup ? `${setup}\n${commands}` : commands, { seed: "audit", cluster: SWARM } as never);
  return transcript.steps.slice(setup ? setup.split("\n").length : 0);
}

export function kube(commands: string) {
  return replay(commands, { seed: "audit", cluster: K8S } as never).transcript.steps;
}

export const one = (s: { exitCode: number; stdout: string; stderr: string }) => ({ exitCode: s.exitCode, stdout: s.stdout, stderr: s.stderr });
