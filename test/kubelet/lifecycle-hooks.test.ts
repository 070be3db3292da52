// postStart and preStop hooks (lifecycle/handlers.go): the documentation's lifecycle-demo writes
// a file from postStart; a failing postStart kills the container (FailedPostStartHook, "PostStartHook
// failed" since 1.26); preStop runs before SIGTERM and eats into the grace period (the 1.30 sleep
// action included).
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const pod = (lifecycle: string, command = "") => `apiVersion: v1
kind: Pod
metadata: { name: demo }
spec:
  containers:
  - name: app
    image: ${command ? "busybox:1.36" : "nginx:1.25"}
${command ? `    command: ${command}\n` : ""}    lifecycle:
${lifecycle}
`;

describe("lifecycle hooks", () => {
  it("postStart runs in the container as it starts", () => {
    const out = session(["kubectl apply -f p.yaml", "kubectl exec demo -- cat /usr/share/message"],
      { "p.yaml": pod('      postStart:\n        exec:\n          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]') });
    expect(out(1)).toBe("Hello from the postStart handler\n");
  });

  it("a failing postStart kills the container, which then backs off", () => {
    const out = session(["kubectl apply -f p.yaml", "sleep 1", "kubectl get pod demo",
      "kubectl get events --field-selector involvedObject.name=demo -o custom-columns=REASON:.reason,MSG:.message --sort-by=.metadata.creationTimestamp | grep -E 'Hook|Killing'"],
    { "p.yaml": pod('      postStart:\n        exec: { command: ["sh", "-c", "badcommand"] }') });
    expect(out(2)).toMatch(/^NAME   READY   STATUS             RESTARTS     AGE\ndemo   0\/1     CrashLoopBackOff   1 \(1s ago\)   1s\n$/);
    expect(out(3)).toBe("FailedPostStartHook   PostStartHook failed\nKilling               FailedPostStartHook\n");
  });

  it("preStop sleep delays SIGTERM: the pod stays Terminating until the hook and the process are done", () => {
    const out = session(["kubectl apply -f p.yaml", "kubectl delete pod demo --wait=false", "sleep 4", "kubectl get pod demo",
      "sleep 2", "kubectl get pod demo"],
    { "p.yaml": pod("      preStop:\n        sleep: { seconds: 5 }", `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`) });
    expect(out(3)).toBe("NAME   READY   STATUS        RESTARTS   AGE\ndemo   1/1     Terminating   0          4s\n");
    expect(out(5)).toBe('Error from server (NotFound): pods "demo" not found\n');
  });

  it("an exec preStop's own sleep counts too, within the grace period", () => {
    const out = session(["kubectl apply -f p.yaml", "kubectl delete pod demo --wait=false", "sleep 9", "kubectl get pod demo --no-headers", "sleep 2", "kubectl get pod demo"],
    { "p.yaml": pod('      preStop:\n        exec: { command: ["sh", "-c", "sleep 10"] }') });
    // nginx quits on the SIGTERM that follows the 10 s hook.
    expect(out(3)).toMatch(/^demo   1\/1   Terminating   0     9s\n$/);
    expect(out(5)).toBe('Error from server (NotFound): pods "demo" not found\n');
  });
});

describe("a sidecar's preStop hook", () => {
  it("runs as the pod is deleted, while the app stops; the sidecar's SIGTERM waits for both", () => {
    const loop = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;
    const p = `apiVersion: v1
kind: Pod
metadata: { name: sp }
spec:
  initContainers:
  - { name: side, image: "busybox:1.36", restartPolicy: Always, command: ${loop}, lifecycle: { preStop: { sleep: { seconds: 8 } } } }
  containers:
  - { name: app, image: "busybox:1.36", command: ${loop}, lifecycle: { preStop: { sleep: { seconds: 3 } } } }
`;
    const out = session(["kubectl apply -f sp.yaml", "kubectl delete pod sp --wait=false", "sleep 5",
      "kubectl get pod sp -o jsonpath='{.status.initContainerStatuses[0].state.running.startedAt} {.status.containerStatuses[0].state.terminated.finishedAt}'",
      "sleep 5", "kubectl get pod sp"], { "sp.yaml": p });
    expect(out(3)).toBe("2024-01-10T00:00:00Z 2024-01-10T00:00:04Z");
    expect(out(5)).toBe('Error from server (NotFound): pods "sp" not found\n');
  });
});

describe("termination messages", () => {
  it("what the container wrote to /dev/termination-log, or its last log lines with FallbackToLogsOnError", () => {
    const p = `apiVersion: v1
kind: Pod
metadata: { name: tm }
spec:
  restartPolicy: Never
  containers:
  - { name: a, image: "busybox:1.36", command: ["sh", "-c", "echo Sleep expired > /dev/termination-log; exit 1"] }
  - { name: b, image: "busybox:1.36", terminationMessagePolicy: FallbackToLogsOnError, command: ["sh", "-c", "echo line1; echo oops >&2; exit 2"] }
  - { name: c, image: "busybox:1.36", command: ["sh", "-c", "echo hi; exit 3"] }
`;
    const out = session(["kubectl apply -f tm.yaml", "sleep 1",
      "kubectl get pod tm -o jsonpath='{range .status.containerStatuses[*]}{.name}={.state.terminated.message}|{end}'"], { "tm.yaml": p });
    expect(out(2)).toBe("a=Sleep expired\n|b=line1\noops\n|c=|");
  });
});
