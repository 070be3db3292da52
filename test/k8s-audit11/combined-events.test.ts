// client-go's EventAggregator: from the 10th distinct message of one source about one object with
// the same type and reason (within 10 minutes), occurrences are counted on one shared Event,
// "(combined from similar events): <latest message>". Seen by students in `kubectl describe rs`
// of a 10+ replica ReplicaSet and in a Deployment's ScalingReplicaSet events after a few rollouts.
// The scheduler records through events.k8s.io, which does not aggregate.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const eventLines = (out: string, reason: string): string[] =>
  out.split("\n").filter((l) => l.includes(` ${reason} `)).map((l) => l.trim().replace(/\s+/g, " "));

describe("events that differ only in their message are combined from the 10th on", () => {
  it("a ReplicaSet of 12: nine Created pod lines, then one combined event counted x3", () => {
    const { out } = replayK8s("kubectl create deployment web --image=nginx --replicas=12\nkubectl describe rs");
    const lines = eventLines(out[1]!, "SuccessfulCreate");
    expect(lines).toHaveLength(10);
    for (const l of lines.slice(0, 9)) expect(l).toMatch(/^Normal SuccessfulCreate 0s replicaset-controller Created pod: web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(lines[9]).toMatch(/^Normal SuccessfulCreate 0s \(x3 over 0s\) replicaset-controller \(combined from similar events\): Created pod: web-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  it("the combined event carries the latest message; identical messages still count on their own event", () => {
    const { out } = replayK8s([
      "kubectl create deployment web --image=nginx:1.24 --replicas=4",
      "kubectl set image deploy/web nginx=nginx:1.25",
      "kubectl rollout undo deploy/web",
      "kubectl describe deploy web",
    ].join("\n"));
    const lines = eventLines(out[3]!, "ScalingReplicaSet");
    const combined = lines.filter((l) => l.includes("(combined from similar events)"));
    expect(combined).toHaveLength(1);
    // The last step of the undo: the 1.25 ReplicaSet scaled down to 0.
    expect(combined[0]).toMatch(/deployment-controller \(combined from similar events\): Scaled down replica set web-[a-z0-9]+ to 0 from 1$/);
    // Nine distinct messages stay as they are (repeats of those count on their own line).
    expect(lines.length - combined.length).toBe(9);
  });

  it("a quiet gap of more than 10 minutes starts the count again", () => {
    const { out } = replayK8s([
      "kubectl create deployment web --image=nginx --replicas=8",
      "sleep 601",
      "kubectl scale deploy web --replicas=12",
      "kubectl describe rs",
    ].join("\n"));
    const lines = eventLines(out[3]!, "SuccessfulCreate");
    expect(lines).toHaveLength(12);
    expect(lines.some((l) => l.includes("combined"))).toBe(false);
  });

  it("FailedScheduling (events.k8s.io) is never combined", () => {
    // One pending pod, its message changed by each node that joins (0/3, 0/4, … 0/14 nodes).
    const script = [`kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"100"}}}]}}'`];
    for (let i = 1; i <= 12; i++) script.push(`sim node add extra${i}`);
    script.push("kubectl get events --field-selector reason=FailedScheduling -o custom-columns=M:.message --no-headers");
    const { out } = replayK8s(script.join("\n"));
    const msgs = out[13]!.trim().split("\n");
    expect(msgs).toHaveLength(13);
    expect(msgs.some((m) => m.includes("combined"))).toBe(false);
    expect(msgs.at(-1)).toMatch(/^0\/14 nodes are available: /);
  });
});
