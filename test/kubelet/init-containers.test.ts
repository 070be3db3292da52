// Regular init containers as the 1.30 kubelet reports them: `ready` only once exited 0 (never
// while running, prober_manager UpdatePodStatus), `started` while running, the Init:N/M,
// Init:Error and Init:CrashLoopBackOff STATUS, and the Initialized condition.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const pod = (second: string, policy = "Always") => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  restartPolicy: ${policy}
  initContainers:
  - { name: warmup, image: "busybox:1.36", command: ["sleep", "10"] }
  - { name: check, image: "busybox:1.36", command: ["sh", "-c", "${second}"] }
  containers: [{ name: app, image: "nginx:1.25" }]
`;
const fields = "kubectl get pod p -o jsonpath='{range .status.initContainerStatuses[*]}{.name} ready={.ready} started={.started} {.state}{\"\\n\"}{end}'";

describe("init containers", () => {
  it("a running init container is started but not ready; a completed one is ready", () => {
    const out = session([
      "kubectl apply -f p.yaml", "sleep 2", "kubectl get pod p", fields, "sleep 10", fields, "kubectl get pod p",
      "kubectl describe pod p | grep -E '^    (State|Ready|Restart Count):'",
      "kubectl get pod p -o jsonpath='{.status.conditions[?(@.type==\"Initialized\")].status} {.status.phase}'",
    ], { "p.yaml": pod("exit 0") });
    expect(out(2)).toBe("NAME   READY   STATUS     RESTARTS   AGE\np      0/1     Init:0/2   0          2s\n");
    expect(out(3)).toMatch(/^warmup ready=false started=true \{"running":\{"startedAt":"[^"]+"\}\}\ncheck ready=false started=false \{"waiting":\{"reason":"PodInitializing"\}\}\n$/);
    expect(out(5)).toMatch(/^warmup ready=true started=false \{"terminated":\{[^\n]*"reason":"Completed"[^\n]*\}\}\ncheck ready=true started=false \{"terminated":/);
    expect(out(6)).toBe("NAME   READY   STATUS    RESTARTS   AGE\np      1/1     Running   0          12s\n");
    expect(out(7)).toBe([
      "    State:          Terminated", "    Ready:          True", "    Restart Count:  0",
      "    State:          Terminated", "    Ready:          True", "    Restart Count:  0",
      "    State:          Running", "    Ready:          True", "    Restart Count:  0", "",
    ].join("\n"));
    expect(out(8)).toBe("True Running");
  });

  it("kubectl logs of the app while an init container runs: waiting to start: PodInitializing", () => {
    const out = session(["kubectl apply -f p.yaml", "sleep 1", "kubectl logs p -c app", "kubectl logs p -c warmup"], { "p.yaml": pod("exit 0") });
    expect(out(2)).toBe('Error from server (BadRequest): container "app" in pod "p" is waiting to start: PodInitializing\n');
    expect(out(3)).toBe("");
  });

  it("a failing init container: Init:Error, then Init:CrashLoopBackOff with restarts; never ready", () => {
    const out = session([
      "kubectl apply -f p.yaml", "sleep 10", "kubectl get pod p", "sleep 1", "kubectl get pod p", fields,
      "kubectl get pod p -o jsonpath='{.status.conditions[?(@.type==\"Initialized\")].message}'",
    ], { "p.yaml": pod("exit 3") });
    expect(out(2)).toMatch(/^NAME   READY   STATUS                  RESTARTS     AGE\np      0\/1     Init:CrashLoopBackOff   1 \(0s ago\)   10s\n$/);
    expect(out(4)).toMatch(/^p      0\/1     Init:CrashLoopBackOff   1 \(1s ago\)   11s\n$/m);
    expect(out(5)).toMatch(/\ncheck ready=false started=false \{"waiting":\{"message":"back-off 10s restarting failed container=check pod=p_default\([0-9a-f-]+\)","reason":"CrashLoopBackOff"\}\}\n$/);
    expect(out(6)).toBe("containers with incomplete status: [check]");
  });

  it("restartPolicy Never: the failed init container fails the pod (Init:Error, phase Failed, PodFailed)", () => {
    const out = session([
      "kubectl apply -f p.yaml", "sleep 11", "kubectl get pod p",
      "kubectl get pod p -o jsonpath='{.status.phase} {.status.conditions[?(@.type==\"Ready\")].reason} {.status.containerStatuses[0].state.waiting.reason}'",
    ], { "p.yaml": pod("exit 3", "Never") });
    expect(out(2)).toBe("NAME   READY   STATUS       RESTARTS   AGE\np      0/1     Init:Error   0          11s\n");
    expect(out(3)).toBe("Failed PodFailed PodInitializing");
  });

  it("a Succeeded pod reports Initialized True with reason PodCompleted, Ready False PodCompleted", () => {
    const out = session([
      "kubectl run once --image=busybox:1.36 --restart=Never -- sh -c 'exit 0'", "sleep 1",
      "kubectl get pod once -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason} {end}'",
      "kubectl run bad --image=busybox:1.36 --restart=Never -- sh -c 'exit 1'", "sleep 1",
      "kubectl get pod bad -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason} {end}'",
    ]);
    expect(out(2)).toBe("PodReadyToStartContainers=False/ Initialized=True/PodCompleted Ready=False/PodCompleted ContainersReady=False/PodCompleted PodScheduled=True/ ");
    expect(out(5)).toBe("PodReadyToStartContainers=False/ Initialized=True/ Ready=False/PodFailed ContainersReady=False/PodFailed PodScheduled=True/ ");
  });

  it("fixing an init container's image is tried at once, not after the pull back-off", () => {
    const out = session([
      "kubectl apply -f p.yaml", "sleep 12", "kubectl get pod p", "kubectl set image pod/p check=busybox:1.36", "kubectl get pod p", "sleep 10", "kubectl get pod p",
    ], { "p.yaml": pod("exit 0").replace('name: check, image: "busybox:1.36"', 'name: check, image: "busybox:nope"') });
    expect(out(2)).toBe("NAME   READY   STATUS                  RESTARTS   AGE\np      0/1     Init:ImagePullBackOff   0          12s\n");
    expect(out(4)).toBe("NAME   READY   STATUS    RESTARTS   AGE\np      1/1     Running   0          12s\n");
  });
});

describe("spec.activeDeadlineSeconds", () => {
  it("fails the pod with DeadlineExceeded once it ran that long, and stops its containers", () => {
    const out = session([
      "kubectl run dl --image=nginx:1.25 --overrides='{\"spec\":{\"activeDeadlineSeconds\":20}}'", "sleep 19", "kubectl get pod dl --no-headers", "sleep 2",
      "kubectl get pod dl -o jsonpath='{.status.phase} {.status.reason} {.status.message}|{.status.containerStatuses[0].state.terminated.reason}'",
      "kubectl get events --field-selector reason=DeadlineExceeded -o custom-columns=TYPE:.type,MSG:.message --no-headers",
    ]);
    expect(out(2)).toMatch(/^dl    1\/1   Running   0     19s\n$/);
    expect(out(4)).toBe("Failed DeadlineExceeded Pod was active on the node longer than the specified deadline|Completed");
    expect(out(5)).toBe("Normal   Pod was active on the node longer than the specified deadline\n");
  });
});

describe("a node reboot", () => {
  it("runs the init containers again before the app (a new sandbox)", () => {
    const out = session([
      "kubectl apply -f p.yaml", "sleep 5", "sim node restart w1", "sleep 1",
      "kubectl get pod p -o jsonpath='{range .status.initContainerStatuses[*]}{.name}={.restartCount} {end}{range .status.containerStatuses[*]}{.name}={.restartCount} {end}'",
    ], { "p.yaml": pod("exit 0").replace('command: ["sleep", "10"]', 'command: ["true"]') });
    expect(out(4)).toBe("warmup=1 check=1 app=1 ");
  });
});
