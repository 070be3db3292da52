// Replays scripts through a fresh Session for the swarm tests.
import { Session } from "../../src/sim/index";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";

export const THREE_HOSTS: ClusterSpecInput = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" },
    { name: "worker1", ip: "10.0.0.12" },
    { name: "worker2", ip: "10.0.0.13" },
  ],
};

/** manager1 + worker1 + worker2 already in a swarm. */
export const SWARM3: ClusterSpecInput = { ...THREE_HOSTS, swarm: { managers: ["manager1"], workers: ["worker1", "worker2"] } };

export function session(cluster: ClusterSpecInput = SWARM3, seed = "swarm-test"): Session {
  return new Session({ seed, cluster });
}

/** Runs a script; returns the steps and the session (for state assertions). */
export function replay(script: string, cluster: ClusterSpecInput = SWARM3) {
  const s = session(cluster);
  const steps = s.run(script, { allowSim: true });
  return { s, steps, last: steps[steps.length - 1]!, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

/** The rows of a table, split on runs of 2+ spaces. */
export function rows(table: string): string[][] {
  return table.trimEnd().split("\n").map((l) => l.trim().split(/\s{2,}/));
}
