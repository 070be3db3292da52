// Sidecar containers (init containers with restartPolicy: Always; SidecarContainers is beta and on
// in 1.30): started in order, the next init container waits until the sidecar has *started*
// (its startupProbe passed), they run beside the app, restart whatever the pod's restartPolicy,
// count in READY and RESTARTS, gate pod readiness, and stop after the app containers.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const withProxy = (extra = "", policy = "Always", app?: string) => `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  restartPolicy: ${policy}
  terminationGracePeriodSeconds: 20
  initContainers:
  - name: proxy
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "sleep 4; touch /tmp/up; exec sleep 3600"]
    startupProbe:
      exec: { command: ["cat", "/tmp/up"] }
      periodSeconds: 2
${extra}
  containers:
  - { name: app, image: "nginx:1.25"${app ? `, command: ${app}` : ""} }
`;

describe("sidecar containers", () => {
  it("the app starts only once the sidecar's startup probe passed; then 2/2 Running", () => {
    const out = session([
      "kubectl apply -f web.yaml", "sleep 2", "kubectl get pod web",
      "kubectl get pod web -o jsonpath='{.status.initContainerStatuses[0].started} {.status.initContainerStatuses[0].ready} {.status.phase}'",
      "sleep 3", "kubectl get pod web",
      "kubectl get pod web -o jsonpath='{.status.initContainerStatuses[0].state.running.startedAt} {.status.containerStatuses[0].state.running.startedAt}'",
      "kubectl get pod web -o jsonpath='{range .status.conditions[*]}{.type}={.status} {end}'",
    ], { "web.yaml": withProxy() });
    expect(out(2)).toBe("NAME   READY   STATUS     RESTARTS   AGE\nweb    0/2     Init:0/1   0          2s\n");
    expect(out(3)).toBe("false false Pending");
    expect(out(5)).toBe("NAME   READY   STATUS    RESTARTS   AGE\nweb    2/2     Running   0          5s\n");
    // Probes at 0, 2 (fail) and 4 s (pass): the app starts at 4 s.
    expect(out(6)).toBe("2024-01-10T00:00:00Z 2024-01-10T00:00:04Z");
    expect(out(7)).toBe("PodReadyToStartContainers=True Initialized=True Ready=True ContainersReady=True PodScheduled=True ");
  });

  it("a sidecar without probes lets the next init container start at once; a regular init container still runs to completion", () => {
    const extra = `  - { name: migrate, image: "busybox:1.36", command: ["sleep", "5"] }`;
    const pod = withProxy(extra).replace(/    startupProbe:\n.*\n.*\n/, "");
    const out = session(["kubectl apply -f web.yaml", "sleep 1", "kubectl get pod web", "sleep 5", "kubectl get pod web"], { "web.yaml": pod });
    expect(out(2)).toBe("NAME   READY   STATUS     RESTARTS   AGE\nweb    1/2     Init:1/2   0          1s\n");
    expect(out(4)).toBe("NAME   READY   STATUS    RESTARTS   AGE\nweb    2/2     Running   0          6s\n");
  });

  it("a crashing sidecar restarts even with restartPolicy Never, and its restarts show in RESTARTS", () => {
    const pod = withProxy("", "Never", '["sh", "-c", "sleep 3600"]').replace('"sleep 4; touch /tmp/up; exec sleep 3600"', '"touch /tmp/up; sleep 10; exit 1"');
    const out = session(["kubectl apply -f web.yaml", "sleep 11", "kubectl get pod web", "sleep 30",
      "kubectl get pod web", "kubectl get pod web -o jsonpath='{.status.initContainerStatuses[0].state.waiting.reason} {.status.phase}'"], { "web.yaml": pod });
    expect(out(2)).toBe("NAME   READY   STATUS    RESTARTS     AGE\nweb    2/2     Running   1 (1s ago)   11s\n");
    // Exits at 10 s (restarted at once), 20 s (back-off 10 s: restarted at 30 s) and 40 s (back-off 20 s).
    // kubectl's printer reports the first init container that is not started: Init:CrashLoopBackOff,
    // with the sidecar's restarts.
    expect(out(4)).toBe("NAME   READY   STATUS                  RESTARTS     AGE\nweb    1/2     Init:CrashLoopBackOff   2 (1s ago)   41s\n");
    expect(out(5)).toBe("CrashLoopBackOff Running");
  });

  it("a Never pod with a sidecar completes: the sidecar is stopped once the app exits, the pod Succeeds", () => {
    const pod = withProxy("", "Never", '["sh", "-c", "sleep 8"]');
    const out = session(["kubectl apply -f web.yaml", "sleep 13", "kubectl get pod web",
      "kubectl get events --field-selector reason=Killing -o custom-columns=MSG:.message --no-headers",
      "sleep 20", "kubectl get pod web",
      "kubectl get pod web -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].state.terminated.exitCode}'"], { "web.yaml": pod });
    // The app ran 4 s → 12 s; then the sidecar (sleep as PID 1 ignores SIGTERM) gets the grace period.
    expect(out(2)).toBe("NAME   READY   STATUS      RESTARTS   AGE\nweb    1/2     Completed   0          13s\n");
    expect(out(3)).toBe("Stopping container proxy\n");
    expect(out(5)).toBe("NAME   READY   STATUS      RESTARTS   AGE\nweb    0/2     Completed   0          33s\n");
    expect(out(6)).toBe("Succeeded 137");
  });

  it("on deletion the sidecar is stopped after the app container has exited", () => {
    const out = session(["kubectl apply -f web.yaml", "sleep 6", "kubectl delete pod web --wait=false", "sleep 1", "kubectl get pod web",
      "kubectl get pod web -o jsonpath='{.status.initContainerStatuses[0].state.running.startedAt} {.status.containerStatuses[0].state.terminated.reason}'"],
    { "web.yaml": withProxy() });
    // nginx exits on SIGTERM at once; the sidecar only then gets its SIGTERM (and ignores it).
    expect(out(4)).toBe("NAME   READY   STATUS        RESTARTS   AGE\nweb    1/2     Terminating   0          7s\n");
    expect(out(5)).toBe("2024-01-10T00:00:00Z Completed");
  });

  it("a failing readiness probe on a sidecar keeps the pod NotReady and out of the Service's endpoints", () => {
    const extra = `    readinessProbe:\n      exec: { command: ["cat", "/tmp/ready"] }\n      periodSeconds: 5`;
    const pod = withProxy().replace("      periodSeconds: 2\n", `      periodSeconds: 2\n${extra}\n`);
    const out = session(["kubectl apply -f web.yaml", "kubectl expose pod web --port 80", "sleep 20", "kubectl get pod web",
      "kubectl get endpoints web", "kubectl exec web -c proxy -- touch /tmp/ready", "sleep 5", "kubectl get pod web", "kubectl get endpoints web"],
    { "web.yaml": pod });
    expect(out(3)).toBe("NAME   READY   STATUS    RESTARTS   AGE\nweb    1/2     Running   0          20s\n");
    // Only a not-ready address: the ENDPOINTS cell is empty (formatEndpoints lists ready ones).
    expect(out(4)).toBe("NAME   ENDPOINTS   AGE\nweb                20s\n");
    expect(out(7)).toBe("NAME   READY   STATUS    RESTARTS   AGE\nweb    2/2     Running   0          25s\n");
    expect(out(8)).toMatch(/^NAME   ENDPOINTS       AGE\nweb    10\.244\.1\.\d+:80   25s\n$/);
  });

  it("a failed liveness probe restarts the sidecar with the init container's Killing message", () => {
    const pod = withProxy().replace(/    startupProbe:\n.*\n.*\n/, "    livenessProbe:\n      exec: { command: [\"cat\", \"/tmp/up\"] }\n      periodSeconds: 5\n      failureThreshold: 1\n")
      .replace('"sleep 4; touch /tmp/up; exec sleep 3600"', '"touch /tmp/up; trap \'exit 0\' TERM; while true; do sleep 1; done"');
    const out = session(["kubectl apply -f web.yaml", "sleep 2", "kubectl exec web -c proxy -- rm /tmp/up", "sleep 5",
      "kubectl get events --field-selector reason=Killing -o custom-columns=MSG:.message --no-headers", "sleep 2", "kubectl get pod web"], { "web.yaml": pod });
    expect(out(4)).toBe("Init container proxy failed liveness probe\n");
    expect(out(6)).toBe("NAME   READY   STATUS    RESTARTS     AGE\nweb    2/2     Running   1 (3s ago)   9s\n");
  });
});
