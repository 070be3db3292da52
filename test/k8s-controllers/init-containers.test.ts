// Containers not started yet in a pod with init containers wait as PodInitializing (the kubelet's
// default for such pods), so `kubectl get` shows Init:N/M, and describe the app's Waiting reason.
import { expect, it } from "vitest";
import { replay } from "../../src/sim";

it("while an init container runs: Init:0/1, the app container waiting as PodInitializing", () => {
  const pod = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers: [{ name: warmup, image: "busybox:1.36", command: ["sleep", "10"] }]
  containers: [{ name: app, image: "nginx:1.25" }]
`;
  const steps = replay([
    "kubectl apply -f p.yaml",
    "sleep 2",
    "kubectl get pod p --no-headers",
    "kubectl get pod p -o jsonpath='{.status.containerStatuses[0].state.waiting.reason} {.status.initContainerStatuses[0].state.running.startedAt}'",
    "sleep 10",
    "kubectl get pod p --no-headers",
  ].join("\n"), { seed: "init", files: { "p.yaml": pod }, cluster: { hosts: [{ name: "cp" }, { name: "w1" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } }).transcript.steps;
  expect(steps[2]!.stdout).toMatch(/^p\s+0\/1\s+Init:0\/1\s+0\s+2s\n$/);
  expect(steps[3]!.stdout).toMatch(/^PodInitializing \d{4}-\d\d-\d\dT/);
  expect(steps[5]!.stdout).toMatch(/^p\s+1\/1\s+Running\s+0\s+12s\n$/);
});
