// The DaemonSet registry keeps a template generation apart from metadata.generation: 1 on create,
// one more only when the pod template changes (an updateStrategy change bumps generation alone),
// whatever a request says. apps/v1 shows it as the deprecated.daemonset.template.generation
// annotation, and the controller labels its pods pod-template-generation with it.
import { describe, expect, it } from "vitest";
import { session } from "../kubelet/helpers";

const ds = `cat <<'Y' | kubectl apply -f -
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  annotations: { deprecated.daemonset.template.generation: "7" }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      tolerations: [{ operator: Exists }]
      containers: [{ name: agent, image: busybox:1.36, command: ["sleep", "3600"] }]
Y`;
const gens = "kubectl get ds agent -o jsonpath='{.metadata.generation} {.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}'";

describe("a DaemonSet's template generation", () => {
  it("starts at 1, moves with the template only, and labels the pods", () => {
    const out = session([
      ds, gens,
      `kubectl patch ds agent -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":2}}}}'`, gens,
      "kubectl set image ds/agent agent=busybox:1.37", gens,
      "sleep 60",
      "kubectl get pods -l app=agent -o jsonpath='{range .items[*]}{.metadata.labels.pod-template-generation} {end}'",
      "kubectl get ds agent -o yaml | sed -n 4,6p",
    ]);
    expect(out(1)).toBe("1 1");
    expect(out(3)).toBe("2 1");
    expect(out(5)).toBe("3 2");
    expect(out(7)).toBe("2 2 ");
    expect(out(8)).toBe("  annotations:\n    deprecated.daemonset.template.generation: \"2\"\n    kubectl.kubernetes.io/last-applied-configuration: |\n");
  });
});
