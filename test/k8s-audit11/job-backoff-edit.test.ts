// The Job controller's pod back-off (10 s, doubled per failure) belongs to the Job, not to one
// stored version of it: editing the Job after a failure (a patch of backoffLimit, a label) must
// not let the next pod start at once. Real clusters keep the record by the Job's key.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const podAges = (out: string): string[] =>
  out.split("\n").filter((l) => l.startsWith("fail-")).map((l) => l.trim().split(/\s+/).pop()!);

describe("Job pod back-off survives edits of the Job", () => {
  it("a patch after the first failure still waits 10 s, then 20 s", () => {
    const { out } = replayK8s([
      "kubectl create job fail --image=busybox -- sh -c 'exit 3'",
      `kubectl patch job fail --type=merge -p '{"spec":{"backoffLimit":2}}'`,
      "kubectl label job fail team=a",
      "kubectl get pods --no-headers",
      "sleep 10",
      "kubectl get pods --no-headers",
      "sleep 20",
      "kubectl get pods --no-headers",
      "kubectl get job fail --no-headers",
    ].join("\n"));
    expect(podAges(out[3]!)).toEqual(["0s"]);
    expect(podAges(out[5]!).sort()).toEqual(["0s", "10s"]);
    expect(podAges(out[7]!).sort()).toEqual(["0s", "20s", "30s"]);
    expect(out[8]).toMatch(/^fail\s+Failed\s+0\/1\s+30s\s+30s\n$/);
  });

  it("a Job deleted and created again under the same name starts without back-off", () => {
    const { out } = replayK8s([
      "kubectl create job fail --image=busybox -- sh -c 'exit 3'",
      "kubectl delete job fail",
      "kubectl create job fail --image=busybox -- sh -c 'exit 3'",
      "kubectl get pods --no-headers",
    ].join("\n"));
    expect(podAges(out[3]!)).toEqual(["0s"]);
  });
});
