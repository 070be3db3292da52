// securityContext.runAsNonRoot (security_context.go verifyRunAsNonRoot): checked when the
// container's config is generated — an image running as root, or runAsUser 0, is a
// CreateContainerConfigError of that container, with the kubelet's message.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

describe("runAsNonRoot", () => {
  it("refuses a root image, accepts an explicit non-root runAsUser, refuses runAsUser 0", () => {
    const p = `apiVersion: v1
kind: Pod
metadata: { name: nr }
spec:
  securityContext: { runAsNonRoot: true }
  containers:
  - { name: web, image: "nginx:1.25" }
  - { name: ok, image: "busybox:1.36", command: ["sleep", "3600"], securityContext: { runAsUser: 1000 } }
  - { name: zero, image: "busybox:1.36", command: ["sleep", "3600"], securityContext: { runAsUser: 0 } }
`;
    const out = session(["kubectl apply -f nr.yaml", "kubectl get pod nr",
      "kubectl get pod nr -o jsonpath='{range .status.containerStatuses[*]}{.name}: {.state.waiting.message}{\"\\n\"}{end}'"], { "nr.yaml": p });
    expect(out(1)).toBe("NAME   READY   STATUS                       RESTARTS   AGE\nnr     1/3     CreateContainerConfigError   0          0s\n");
    expect(out(2)).toMatch(/^ok: \nweb: container has runAsNonRoot and image will run as root \(pod: "nr_default\([0-9a-f-]+\)", container: web\)\nzero: container's runAsUser breaks non-root policy \(pod: "nr_default\([0-9a-f-]+\)", container: zero\)\n$/);
  });
});
