// validateInitContainers / validateContainers (v1.30): a restartPolicy on a regular container is
// Forbidden, an init container's may only be Always, and probes or lifecycle hooks belong to
// sidecars (init containers with restartPolicy Always) only.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

describe("init container validation", () => {
  it("refuses restart policies and probes where v1.30 refuses them, in its order", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: i\n    image: busybox\n    restartPolicy: Never\n    readinessProbe: {exec: {command: [\"true\"]}}\n  containers:\n  - name: c\n    image: nginx\n    restartPolicy: Always\n";
    const sidecar = "apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  initContainers:\n  - name: log\n    image: busybox\n    restartPolicy: Always\n    command: [sleep, \"3600\"]\n    readinessProbe: {exec: {command: [\"true\"]}}\n  containers:\n  - name: c\n    image: nginx\n";
    const r = replayK8s("kubectl apply -f p.yaml\nkubectl apply -f s.yaml", { "p.yaml": pod, "s.yaml": sidecar }, "init-validation");
    expect(r.err[0]).toBe('The Pod "p" is invalid: \n* spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers\n* spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"\n* spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always\n');
    expect(r.out[1]).toBe("pod/s created\n");
  });
});
