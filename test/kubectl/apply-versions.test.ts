// kubectl apply works in the manifest's version: it reads the live object through that version
// and says "unchanged" only when its three-way patch is empty. An autoscaling/v1 HPA (stored
// as v2) re-applied unchanged is "unchanged"; a changed one converts back to v2; the answers
// print in the request's version (autoscale, apply -o yaml); an events.k8s.io/v1 Event is named
// event.events.k8s.io. A quantity in non-canonical form ("0.5") is a patch every time, as
// kubernetes/kubernetes#116135 reports for the real kubectl.
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const HPA_V1 = (max: number, cpu?: number) => `cat > hpa.yaml <<'EOF'
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: ${max}
${cpu === undefined ? "" : `  targetCPUUtilizationPercentage: ${cpu}\n`}EOF`;

describe("kubectl apply across API versions", () => {
  it("re-applying an unchanged autoscaling/v1 HPA is unchanged, a change is configured", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      HPA_V1(5, 50),
      "kubectl apply -f hpa.yaml",
      "kubectl apply -f hpa.yaml",
      "kubectl get hpa web -o jsonpath='{.apiVersion} {.metadata.generation} {.spec.metrics[0].resource.target.averageUtilization}'",
      HPA_V1(7, 60),
      "kubectl apply -f hpa.yaml",
      "kubectl apply -f hpa.yaml",
      "kubectl get hpa web -o jsonpath='{.apiVersion} {.metadata.generation} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization}'",
    ].join("\n"));
    expect(r.out[2]).toBe("horizontalpodautoscaler.autoscaling/web created\n");
    expect(r.out[3]).toBe("horizontalpodautoscaler.autoscaling/web unchanged\n");
    expect(r.out[4]).toBe("autoscaling/v2 1 50");
    expect(r.out[6]).toBe("horizontalpodautoscaler.autoscaling/web configured\n");
    expect(r.out[7]).toBe("horizontalpodautoscaler.autoscaling/web unchanged\n");
    expect(r.out[8]).toBe("autoscaling/v2 2 7 60");
  });

  it("a v1 HPA without a CPU target keeps v2's default and stays unchanged", () => {
    const r = replayK8s(["kubectl create deployment web --image=nginx", HPA_V1(3), "kubectl apply -f hpa.yaml", "sleep 20", "kubectl apply -f hpa.yaml"].join("\n"));
    expect(r.out[4]).toBe("horizontalpodautoscaler.autoscaling/web unchanged\n");
  });

  it("answers in the request's version: autoscale and apply -o yaml print autoscaling/v1", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deploy web --max=4 --cpu-percent=60 -o yaml",
      "sleep 20",
      HPA_V1(4, 70),
      "kubectl apply -f hpa.yaml -o yaml",
    ].join("\n"));
    expect(r.out[1]).toContain("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\n");
    expect(r.out[1]).toContain("spec:\n  maxReplicas: 4\n  minReplicas: 1\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  targetCPUUtilizationPercentage: 60\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n");
    // What v1 cannot say travels in the round-trip annotations (Go struct field order).
    expect(r.out[4]).toContain("autoscaling.alpha.kubernetes.io/conditions: '[{\"type\":\"AbleToScale\",\"status\":\"True\",");
    expect(r.out[4]).toContain("  targetCPUUtilizationPercentage: 70\nstatus:\n  currentReplicas: 1\n  desiredReplicas: 0\n");
    expect(r.out[4]).not.toMatch(/^ *metrics:/m);
  });

  it("applies an events.k8s.io/v1 Event under its own group", () => {
    const ev = `cat > ev.yaml <<'EOF'
apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: hello
eventTime: "2024-01-10T00:00:00.000000Z"
reportingController: example.com/ctl
reportingInstance: ctl-1
action: Test
reason: Testing
type: Normal
note: just a note
regarding: {kind: Pod, name: x, namespace: default}
EOF`;
    const r = replayK8s([ev, "kubectl apply -f ev.yaml", "kubectl apply -f ev.yaml", "kubectl get ev hello -o jsonpath='{.apiVersion} {.message}|{.involvedObject.name}|{.reportingComponent}'", "kubectl delete -f ev.yaml"].join("\n"));
    expect(r.out[1]).toBe("event.events.k8s.io/hello created\n");
    expect(r.out[2]).toBe("event.events.k8s.io/hello unchanged\n");
    expect(r.out[3]).toBe("v1 just a note|x|example.com/ctl");
    expect(r.out[4]).toBe('event.events.k8s.io "hello" deleted\n');
  });

  it("a non-canonical quantity is configured on every apply (the patch is never empty)", () => {
    const deploy = (cpu: string) => `cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: {requests: {cpu: "${cpu}"}}
EOF`;
    const r = replayK8s([deploy("0.5"), "kubectl apply -f d.yaml", "kubectl apply -f d.yaml", deploy("500m"), "kubectl apply -f d.yaml", "kubectl apply -f d.yaml", "kubectl get deploy web -o jsonpath='{.metadata.generation}'"].join("\n"));
    expect(r.out[2]).toBe("deployment.apps/web configured\n");
    expect(r.out[4]).toBe("deployment.apps/web configured\n");
    expect(r.out[5]).toBe("deployment.apps/web unchanged\n");
    expect(r.out[6]).toBe("1");
  });

  it("get reads through the version or group a resource word names", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deploy web --max=4 --cpu-percent=60",
      "kubectl get hpa.v1.autoscaling web -o jsonpath='{.apiVersion} {.spec.targetCPUUtilizationPercentage} {.spec.metrics}'",
      "kubectl get hpa web -o jsonpath='{.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}'",
      "kubectl get hpa.v1.autoscaling --no-headers",
      "kubectl get events.events.k8s.io -o jsonpath='{.items[0].apiVersion} {.items[0].regarding.kind}'",
      "kubectl get events.v1.events.k8s.io nope",
    ].join("\n"));
    expect(r.out[2]).toBe("autoscaling/v1 60 ");
    expect(r.out[3]).toBe("autoscaling/v2 60");
    expect(r.out[4]).toMatch(/^web +Deployment\/web +cpu: <unknown>\/60% +1 +4 +1 /);
    expect(r.out[5]).toMatch(/^events.k8s.io\/v1 (Deployment|ReplicaSet|Pod)$/);
    expect(r.err[6]).toBe('Error from server (NotFound): events.events.k8s.io "nope" not found\n');
  });

  it("a v2 HPA with v1's targetCPUUtilizationPercentage is refused as an unknown field", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      `cat > hpa.yaml <<'EOF'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  targetCPUUtilizationPercentage: 50
EOF`,
      "kubectl apply -f hpa.yaml",
      "kubectl autoscale deploy web --max=3",
      `kubectl patch hpa web -p '{"spec":{"targetCPUUtilizationPercentage":70}}'`,
    ].join("\n"));
    expect(r.err[2]).toBe('Error from server (BadRequest): error when creating "hpa.yaml": HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field "spec.targetCPUUtilizationPercentage"\n');
    expect(r.out[4]).toBe("horizontalpodautoscaler.autoscaling/web patched (no change)\n");
    expect(r.err[4]).toBe('Warning: unknown field "spec.targetCPUUtilizationPercentage"\n');
  });

  it("replacing an HPA with its own v1 view changes nothing (fields in another order are no change)", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deploy web --max=4",
      "sleep 20",
      "kubectl get hpa.v1.autoscaling web -o yaml > h.yaml",
      "kubectl replace -f h.yaml",
      "kubectl get hpa web -o jsonpath='{.metadata.generation} {.metadata.annotations}'",
    ].join("\n"));
    expect(r.out[4]).toBe("horizontalpodautoscaler.autoscaling/web replaced\n");
    expect(r.out[5]).toBe("1 ");
  });

  it("verbs edit the version a word names: patch, label and annotate through hpa.v1.autoscaling", () => {
    const r = replayK8s([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deploy web --max=4 --cpu-percent=50",
      `kubectl patch hpa.v1.autoscaling web -p '{"spec":{"targetCPUUtilizationPercentage":70}}'`,
      `kubectl patch hpa.v1.autoscaling web -p '{"spec":{"targetCPUUtilizationPercentage":70}}'`,
      "kubectl label hpa.v1.autoscaling web team=a",
      "kubectl get hpa web -o jsonpath='{.spec.metrics[0].resource.target.averageUtilization} {.metadata.labels.team} {.metadata.annotations}'",
    ].join("\n"));
    expect(r.out[2]).toBe("horizontalpodautoscaler.autoscaling/web patched\n");
    expect(r.out[3]).toBe("horizontalpodautoscaler.autoscaling/web patched (no change)\n");
    expect(r.out[4]).toBe("horizontalpodautoscaler.autoscaling/web labeled\n");
    expect(r.out[5]).toBe("70 a ");
  });
});
