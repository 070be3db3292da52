// --subresource=status|scale on get, patch, replace and edit (kubectl 1.30, the API server's
// StatusREST and ScaleREST): the scale patch moves only spec.replicas through an
// autoscaling/v1 Scale (printed scale.autoscaling/<name>), the status patch leaves the spec
// alone, kinds without the subresource answer the server's 404, and the flag's value is checked
// client-side exactly as the real kubectl does (compared with it when installed).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
const WEB = "kubectl create deployment web --image=nginx --replicas=2\n";

describe("kubectl patch --subresource", () => {
  it("scales through the Scale object, then says (no change)", () => {
    const r = replayK8s(WEB + [
      `kubectl patch deployment web --subresource='scale' --type='merge' -p '{"spec":{"replicas":3}}'`,
      "kubectl get deploy web --no-headers",
      `kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":3}}'`,
      `kubectl patch deployment web --subresource=scale -p '{"spec":{"replicas":4}}' -o yaml`,
      `kubectl patch deployment web --subresource=scale -p '{"spec":{"replicas":-1}}'`,
      `kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":1}}' --dry-run=server`,
      "kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.generation}'",
    ].join("\n"));
    expect(r.out[1]).toBe("scale.autoscaling/web patched\n");
    expect(r.out[2]).toMatch(/^web +3\/3 +3 +3 /);
    expect(r.out[3]).toBe("scale.autoscaling/web patched (no change)\n");
    expect(r.out[4]).toMatch(/^apiVersion: autoscaling\/v1\nkind: Scale\nmetadata:\n  creationTimestamp: .*\n  name: web\n  namespace: default\n  resourceVersion: "\d+"\n  uid: .*\nspec:\n  replicas: 4\nstatus:\n  replicas: 3\n  selector: app=web\n$/);
    expect(r.err[5]).toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(r.code[5]).toBe(1);
    // kubectl 1.30's patch printer carries no dry-run suffix (checked over the stub server).
    expect(r.out[6]).toBe("scale.autoscaling/web patched\n");
    expect(r.out[7]).toBe("4 3");
  });

  it("a status patch keeps the spec; kinds without the subresource are a 404", () => {
    const r = replayK8s(WEB + [
      `kubectl patch deployment web --subresource=status --type=merge -p '{"spec":{"replicas":9},"status":{"observedGeneration":1}}'`,
      "kubectl get deploy web -o jsonpath='{.spec.replicas}'",
      `kubectl patch deployment web --subresource=status --type=merge -p '{"spec":{"replicas":9}}'`,
      "kubectl create configmap cm --from-literal=a=b",
      `kubectl patch cm cm --subresource=status -p '{"data":{"a":"c"}}'`,
      `kubectl patch cm cm --subresource=scale -p '{"data":{"a":"c"}}'`,
      `kubectl patch deploy nope --subresource=status -p '{}'`,
    ].join("\n"));
    expect(r.out[1]).toMatch(/^deployment.apps\/web patched( \(no change\))?\n$/);
    expect(r.out[2]).toBe("2");
    expect(r.out[3]).toBe("deployment.apps/web patched (no change)\n");
    expect(r.err[5]).toBe("Error from server (NotFound): the server could not find the requested resource\n");
    expect(r.err[6]).toBe("Error from server (NotFound): the server could not find the requested resource\n");
    expect(r.err[7]).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});

describe("kubectl get/replace/edit --subresource", () => {
  it("get shows the Scale table (NAME DESIRED AVAILABLE AGE), status the usual one", () => {
    const r = replayK8s(WEB + [
      "kubectl get deploy web --subresource=scale",
      "kubectl get deploy web --subresource status",
      "kubectl get deploy --subresource=status",
      "kubectl create cm c",
      "kubectl get cm c --subresource=status",
      "kubectl get deploy/web --subresource=scale -o jsonpath='{.kind} {.spec.replicas} {.status.selector}'",
    ].join("\n"));
    expect(r.out[1]).toBe("NAME   DESIRED   AVAILABLE   AGE\nweb    2         2           0s\n");
    expect(r.out[2]).toBe("NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           0s\n");
    expect(r.err[3]).toBe("error: subresource cannot be used when bulk resources are specified\n");
    expect(r.err[5]).toBe("Error from server (NotFound): the server could not find the requested resource\n");
    expect(r.out[6]).toBe("Scale 2 app=web");
  });

  it("replace writes only the status; edit accepts only status", () => {
    const r = replayK8s(WEB + [
      "kubectl get deploy web -o yaml > d.yaml",
      "sed -i 's/replicas: 2/replicas: 5/g' d.yaml",
      "kubectl replace -f d.yaml --subresource=status",
      "kubectl get deploy web -o jsonpath='{.spec.replicas}'",
      "kubectl edit deploy web --subresource=scale",
    ].join("\n"));
    expect(r.out[3]).toBe("deployment.apps/web replaced\n");
    expect(r.out[4]).toBe("2");
    expect(r.err[5]).toBe('error: invalid subresource value: "scale". Must be one of [status]\n');
  });

  const CLIENT_CASES = [
    "patch deploy web -p {} --subresource=foo",
    "patch deploy web -p {} --subresource=Status",
    "patch deploy web --subresource=foo",
    "patch deploy web -p {} --type=bad --subresource=foo",
    "patch deploy web -p {bad --subresource=foo",
    "patch deploy web -p {} --subresource=scale --local",
    "get deploy web --subresource=logs",
    "get deploy web --subresource=foo -o wide",
    "replace --subresource=foo",
    "label deploy web a=b --subresource=status",
  ];
  it.skipIf(!existsSync(K))("checks the flag as the real kubectl 1.30 does", () => {
    for (const args of CLIENT_CASES) {
      let real: string;
      try {
        real = execFileSync(K, args.split(" "), { env: { ...process.env, KUBECONFIG: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] }).toString();
      } catch (e) {
        real = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      const r = replayK8s(WEB + `kubectl ${args}`);
      expect(r.out[1] + r.err[1], args).toBe(real);
    }
  });
});
