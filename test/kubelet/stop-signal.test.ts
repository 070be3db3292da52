// The kubelet stops a container through the CRI, and containerd sends the image's STOPSIGNAL
// (SIGTERM only when the image sets none): nginx (≥1.19.6) gets SIGQUIT and shuts down
// gracefully with exit 0, so a container killed by its liveness probe shows Completed, not Error.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const pod = (image: string) => `cat <<'Y' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - name: web
    image: ${image}
    livenessProbe: { httpGet: { path: /healthz, port: 80 }, periodSeconds: 5, failureThreshold: 1 }
Y`;

describe("the stop signal the kubelet sends", () => {
  it("nginx gets SIGQUIT: a graceful shutdown, exit 0, Completed", () => {
    const out = session([
      pod("nginx:1.27"),
      "sleep 8",
      "kubectl logs web --previous | grep -E 'signal 3|gracefully'",
      "kubectl get pod web -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'",
    ]);
    expect(out(2)).toMatch(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
    expect(out(2)).toMatch(/gracefully shutting down\n/);
    expect(out(3)).toBe("Completed 0");
  });

  it("an nginx before 1.19.6 has no STOPSIGNAL: SIGTERM, a fast shutdown", () => {
    const out = session([
      pod("nginx:1.19.2"),
      "sleep 8",
      "kubectl logs web --previous | grep -c 'signal 15 (SIGTERM)'",
    ]);
    expect(out(2)).toBe("1\n");
  });
});
