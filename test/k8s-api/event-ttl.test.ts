// Events live as long as the API server's --event-ttl (1 h after their last write); until then a
// repeat of the same event patches the stored one, however long ago it was last seen (client-go's
// EventCorrelator has no time window of its own; it creates a new Event only when the patch finds
// the old one expired).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function k8s(script: string) {
  const s = new Session({
    seed: "event-ttl",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  return s.run(script, { allowSim: false });
}

describe("Event lifetime", () => {
  it("a repeat 30 minutes later counts on the same Event", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.27 --replicas=2\nkubectl scale deployment web --replicas=3\nsleep 15m\nkubectl scale deployment web --replicas=2\nsleep 15m\nkubectl scale deployment web --replicas=3\nkubectl describe deployment web | grep ScalingReplicaSet");
    expect(steps[6]!.stdout.split("\n").filter(Boolean).map((l) => l.replace(/web-[a-z0-9]+/, "web-x"))).toEqual([
      "  Normal  ScalingReplicaSet  30m               deployment-controller  Scaled up replica set web-x to 2 from 0",
      "  Normal  ScalingReplicaSet  15m               deployment-controller  Scaled down replica set web-x to 2 from 3",
      "  Normal  ScalingReplicaSet  0s (x2 over 30m)  deployment-controller  Scaled up replica set web-x to 3 from 2",
    ]);
  });

  it("an hour after their last write Events are gone", () => {
    const steps = k8s("kubectl run p --image=nginx:1.27\nsleep 59m\nkubectl get events -o name | wc -l\nsleep 2m\nkubectl get events\nkubectl describe pod p | tail -1");
    expect(Number(steps[2]!.stdout.trim())).toBeGreaterThan(3);
    expect(steps[4]!.stderr).toBe("No resources found in default namespace.\n");
    expect(steps[5]!.stdout).toBe("Events:                      <none>\n");
  });
});
