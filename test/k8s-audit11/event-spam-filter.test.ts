// client-go's EventSourceObjectSpamFilter (v1.30: keyed by source and object only): 25 events at
// once, then one every 5 minutes. A dropped event is still counted, so the next write carries
// the whole count, but its lastTimestamp only moves when something is written. Students see it in
// `kubectl describe pod` of a pod stuck in ImagePullBackOff for a few minutes.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const kubeletLines = (out: string): string[] =>
  out.split("\n").filter((l) => l.includes(" kubelet ")).map((l) => l.trim().replace(/\s+/g, " "));

describe("the kubelet's events about one pod are throttled after 25", () => {
  it("ImagePullBackOff: within the burst every event is fresh; after it, the lines go stale", () => {
    const { out } = replayK8s([
      "kubectl run p --image=nginx:nope",
      "sleep 60",
      "kubectl describe pod p",
      "sleep 240",
      "kubectl describe pod p",
    ].join("\n"));
    // 17 events in the first minute: nothing dropped yet.
    expect(kubeletLines(out[2]!)).toEqual([
      "Normal Pulling 29s (x3 over 60s) kubelet Pulling image \"nginx:nope\"",
      expect.stringMatching(/^Warning Failed 29s \(x3 over 60s\) kubelet Failed to pull image "nginx:nope": /),
      "Warning Failed 29s (x3 over 60s) kubelet Error: ErrImagePull",
      "Normal BackOff 9s (x4 over 59s) kubelet Back-off pulling image \"nginx:nope\"",
      "Warning Failed 9s (x4 over 59s) kubelet Error: ImagePullBackOff",
    ]);
    // The 25th event went out at 91 s; until 5 minutes after that nothing more is written.
    expect(kubeletLines(out[4]!)).toEqual([
      "Normal Pulling 3m49s (x4 over 5m) kubelet Pulling image \"nginx:nope\"",
      expect.stringMatching(/^Warning Failed 3m49s \(x4 over 5m\) kubelet Failed to pull image "nginx:nope": /),
      "Warning Failed 3m49s (x4 over 5m) kubelet Error: ErrImagePull",
      "Warning Failed 3m39s (x6 over 4m59s) kubelet Error: ImagePullBackOff",
      "Normal BackOff 3m29s (x7 over 4m59s) kubelet Back-off pulling image \"nginx:nope\"",
    ]);
  });

  it("a refilled token lets the next event through with every occurrence counted", () => {
    const { out } = replayK8s("kubectl run p --image=nginx:nope\nsleep 420\nkubectl describe pod p");
    const lines = kubeletLines(out[2]!);
    // The bucket gets its next token 300 s after it started; the first event then is a Back-off
    // (one every sync), and it carries all of them.
    expect(lines.find((l) => l.startsWith("Normal BackOff"))).toBe("Normal BackOff 119s (x27 over 6m59s) kubelet Back-off pulling image \"nginx:nope\"");
    // The others are still those written before the bucket ran dry.
    expect(lines.find((l) => l.includes("Error: ErrImagePull"))).toMatch(/^Warning Failed 5m49s \(x4 over 7m\) /);
  });

  it("a ReplicaSet of 30: the last five SuccessfulCreate events are counted in the cache only", () => {
    // 25 events get out (nine, then the combined one x16).
    const { out } = replayK8s("kubectl create deployment web --image=nginx --replicas=30\nkubectl describe rs");
    const lines = out[1]!.split("\n").filter((l) => l.includes("SuccessfulCreate")).map((l) => l.trim().replace(/\s+/g, " "));
    expect(lines).toHaveLength(10);
    expect(lines[9]).toMatch(/^Normal SuccessfulCreate 0s \(x16 over 0s\) replicaset-controller \(combined from similar events\): Created pod: /);
  });

  it("an Event dropped at its first occurrence is created later with the whole count, dated from the first", () => {
    const { out } = replayK8s([
      "kubectl create deployment web --image=nginx --replicas=25",
      "kubectl scale deploy web --replicas=15",
      "sleep 301",
      "kubectl scale deploy web --replicas=14",
      "kubectl describe rs",
    ].join("\n"));
    const lines = out[4]!.split("\n").filter((l) => l.includes("SuccessfulDelete")).map((l) => l.trim().replace(/\s+/g, " "));
    // The ten deletions at 0 s were all dropped; the eleventh, 301 s later, is written as the
    // combined Event counting the tenth too.
    expect(lines).toEqual([expect.stringMatching(/^Normal SuccessfulDelete 0s \(x2 over 5m1s\) replicaset-controller \(combined from similar events\): Deleted pod: web-/)]);
  });
});
