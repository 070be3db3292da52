// `kubectl create quota` (checked byte for byte against the real kubectl 1.30 when installed),
// `kubectl autoscale` and the HorizontalPodAutoscaler controller on a cluster without
// metrics-server: min/max bounds enforced, ScalingActive False with FailedGetResourceMetric.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "quota");



const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
const QUOTA_CASES = [
  "q --hard=pods=3,cpu=1,requests.memory=1Gi --dry-run=client -o yaml",
  "q --hard=pods=3 --scopes=BestEffort,NotTerminating --dry-run=client -o yaml",
  "q --hard=cpu=0.5,memory=1.5Gi --dry-run=client -o json",
  "q --dry-run=client -o yaml",
  "q --hard=pods --dry-run=client -o yaml",
  "q --hard=pods=x --dry-run=client",
  "--hard=pods=1 --dry-run=client",
];

describe("kubectl create quota", () => {
  it("creates a ResourceQuota that admission then enforces", () => {
    const r = run("kubectl create quota q --hard=pods=2\nkubectl run a --image=nginx\nkubectl run b --image=nginx\nkubectl run c --image=nginx\nkubectl get quota q -o jsonpath='{.status.used.pods}/{.status.hard.pods}'");
    expect(r.out[0]).toBe("resourcequota/q created\n");
    expect(r.err[3]).toContain('pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    expect(r.out[4]).toBe("2/2");
  });
  it.skipIf(!existsSync(K))("prints what the real kubectl 1.30 prints", () => {
    for (const args of QUOTA_CASES) {
      let real: string;
      try {
        real = execFileSync(K, ["create", "quota", ...args.split(" ")], { env: { ...process.env, KUBECONFIG: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] }).toString();
      } catch (e) {
        real = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      const r = run(`kubectl create quota ${args}`);
      expect(r.out[0] + r.err[0], args).toBe(real);
    }
  });
});

describe("kubectl autoscale and the HPA controller", () => {
  it("creates an HPA, brings the replicas within bounds, and reports the missing metrics API", () => {
    const r = run([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80",
      "kubectl get deploy web --no-headers",
      "sleep 16",
      "kubectl get hpa web -o jsonpath='{.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization} {.status.currentReplicas} {.status.conditions[1].reason}'",
      "kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=R:.reason --no-headers",
      "kubectl scale deploy web --replicas=9",
      "sleep 15",
      "kubectl get deploy web -o jsonpath='{.spec.replicas}'",
    ].join("\n"));
    expect(r.out[1]).toBe("horizontalpodautoscaler.autoscaling/web autoscaled\n");
    expect(r.out[2]).toMatch(/^web +2\/2 +2 +2 /);
    expect(r.out[4]).toBe("2 5 80 2 FailedGetResourceMetric");
    expect(r.out[5]).toBe("SuccessfulRescale\nFailedGetResourceMetric\nFailedComputeMetricsReplicas\n");
    expect(r.out[8]).toBe("5");
  });
  it("refuses bad bounds and targets without a scale subresource", () => {
    const r = run([
      "kubectl create deployment web --image=nginx",
      "kubectl autoscale deploy web --max=0",
      "kubectl autoscale deploy web --min=3 --max=2",
      "kubectl run p --image=nginx",
      "kubectl autoscale pod p --max=3",
      "kubectl autoscale deploy nope --max=3",
    ].join("\n"));
    expect(r.err[1]).toBe("error: --max=MAXPODS is required and must be at least 1, max: 0\n");
    expect(r.err[2]).toBe("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n");
    expect(r.err[4]).toBe("error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n");
    expect(r.err[5]).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
