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
