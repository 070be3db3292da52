// Inputs that would exhaust a real cluster stay bounded in the simulator, and say so.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

describe("bounded simulation", () => {
  it("a service with absurd replicas materialises at most 1,000 tasks and warns", { timeout: 60_000 }, () => {
    const s = new Session({ seed: "big", cluster: { hosts: [{ name: "manager1" }], swarm: { managers: ["manager1"] } } });
    const steps = s.run("docker service create -d --name big --replicas 99999999999 nginx\ndocker service scale -d big=2\ndocker service ls --format '{{.Replicas}}'", { allowSim: false });
    expect(steps.map((st) => st.exitCode)).toEqual([0, 0, 0]);
    expect(steps[2]!.stdout).toBe("2/2\n");
    expect(s.world.warnings).toEqual(["service big: only 1000 of 99999999999 replicas are simulated"]);
  });
});
