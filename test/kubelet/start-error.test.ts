// A container whose command cannot start (a missing binary): runc's StartError, exit 128, then —
// with restartPolicy Always — the kubelet's RunContainerError until PLEG sees the container exited
// and starts it again, after which the restart back-off (CrashLoopBackOff, 10 s doubling) applies.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

describe("a command that cannot start, restartPolicy Always", () => {
  it("RunContainerError, then restarts under CrashLoopBackOff", () => {
    const out = session([
      "kubectl run bad --image=busybox:1.36 --command -- nosuchcmd",
      "kubectl get pods",
      "sleep 2",
      "kubectl get pods",
      "sleep 30",
      "kubectl get pods --no-headers",
      "kubectl get pod bad -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'",
    ]);
    expect(out(1)).toBe("NAME   READY   STATUS              RESTARTS   AGE\nbad    0/1     RunContainerError   0          0s\n");
    expect(out(3)).toBe("NAME   READY   STATUS             RESTARTS     AGE\nbad    0/1     CrashLoopBackOff   1 (1s ago)   2s\n");
    // Attempts at 0 s, 1 s (back-off 10 s), 11 s (20 s), 31 s (40 s).
    expect(out(5)).toBe("bad   0/1   CrashLoopBackOff   3 (1s ago)   32s\n");
    expect(out(6)).toBe("StartError 128");
  });
});
