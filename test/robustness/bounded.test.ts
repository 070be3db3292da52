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

  it("a wait with an absurd timeout stops at the wake-up budget, says so, and leaves the clock sane", { timeout: 60_000 }, () => {
    // 2562047h is about the longest time.ParseDuration takes (99999999h overflows: "invalid duration").
    const s = new Session({ seed: "wait", cluster: { hosts: [{ name: "cp1" }, { name: "worker1" }], kubernetes: { controlPlane: ["cp1"], workers: ["worker1"] } } });
    const steps = s.run(
      "kubectl create deployment web --image=nginx:no-such-tag\nkubectl wait --for=condition=Ready pod --all --timeout=2562047h",
      { allowSim: false },
    );
    expect(steps[1]!.exitCode).not.toBe(0);
    expect(s.world.warnings.some((w) => w.startsWith("wake-up budget exhausted"))).toBe(true);
    expect(s.world.now - Date.parse("2024-01-10T00:00:00Z")).toBeLessThan(400 * 86_400_000);
  });
});
