// Probe details the 1.30 kubelet enforces: an exec probe still running after timeoutSeconds fails
// (ExecProbeTimeout is GA) with the runtime's "command … timed out".
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

describe("exec probe timeout", () => {
  it("a readiness command slower than timeoutSeconds fails the probe: never ready", () => {
    const p = `apiVersion: v1
kind: Pod
metadata: { name: pt }
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec: { command: ["sh", "-c", "sleep 3"] }
      timeoutSeconds: TIMEOUT
      periodSeconds: 5
`;
    const slow = session(["kubectl apply -f pt.yaml", "sleep 12", "kubectl get pod pt",
      "kubectl get events --field-selector reason=Unhealthy -o custom-columns=MSG:.message,COUNT:.count --no-headers"], { "pt.yaml": p.replace("TIMEOUT", "1") });
    expect(slow(2)).toBe("NAME   READY   STATUS    RESTARTS   AGE\npt     0/1     Running   0          12s\n");
    expect(slow(3)).toBe('Readiness probe failed: command "sh -c sleep 3" timed out   3\n');
    const patient = session(["kubectl apply -f pt.yaml", "sleep 4", "kubectl get pod pt --no-headers"], { "pt.yaml": p.replace("TIMEOUT", "5") });
    expect(patient(2)).toBe("pt    1/1   Running   0     4s\n");
  });
});
