// `kubectl api-versions` on a kubeadm v1.30 cluster: every served group/version, sorted (the
// discovered kinds' versions, autoscaling/v1 beside v2, flowcontrol's v1beta3 still served).
import { expect, it } from "vitest";
import { Session } from "../../src/sim";

it("kubectl api-versions lists the served group/versions", () => {
  const s = new Session({ seed: "api-versions", cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }], kubernetes: { controlPlane: ["cp"], workers: [] } } });
  const [step] = s.run("kubectl api-versions", { allowSim: false });
  expect(step!.stdout).toBe([
    "admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1", "apps/v1",
    "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
    "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "node.k8s.io/v1",
    "policy/v1", "rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1", "v1",
  ].map((v) => v + "\n").join(""));
});
