// describePod's Readiness Gates section (kubectl 1.30): each gate's condition status, <none> until set.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

describe("kubectl describe pod: Readiness Gates", () => {
  it("lists each gate before the conditions", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: g}\nspec:\n  readinessGates: [{conditionType: \"example.com/feature-1\"}]\n  containers: [{name: c, image: nginx}]\n";
    const r = replayK8s("kubectl apply -f g.yaml\nkubectl describe pod g", { "g.yaml": pod }, "gates");
    expect(r.out[1]).toContain("Readiness Gates:\n  Type                    Status\n  example.com/feature-1   <none> \nConditions:\n");
  });
});

describe("kubectl describe pod: Service Account", () => {
  it("is printed only when the pod has one (a static pod's mirror has none)", () => {
    const r = replayK8s("kubectl run web --image=nginx\nkubectl describe pod web | grep -c 'Service Account:'\nkubectl describe pod -n kube-system etcd-controlplane | grep -c 'Service Account:'", {}, "sa-line");
    expect(r.out[1]).toBe("1\n");
    expect(r.out[2]).toBe("0\n");
  });
});
