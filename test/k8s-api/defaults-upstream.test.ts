// Defaults and server-kept objects as the v1.30 API server has them (pkg/apis/core/v1/defaults.go,
// the service registry, the API server's endpoint reconciler).
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Session } from "../../src/sim";

function run(script: string, files?: Record<string, string>): string[] {
  const s = new Session({ seed: "defaults-upstream", files, cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }], kubernetes: { controlPlane: ["cp"], workers: [] } } });
  return s.run(script, { allowSim: false }).map((st) => st.stdout);
}

const POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n    readinessProbe:\n      httpGet: {port: 80}\n";

describe("API server defaults", () => {
  it("an httpGet probe without a path gets path / (SetDefaults_HTTPGetAction)", () => {
    const out = run("kubectl apply -f probe.yaml\nkubectl get pod web -o jsonpath='{.spec.containers[0].readinessProbe.httpGet}'", { "probe.yaml": POD });
    expect(JSON.parse(out.at(-1)!)).toEqual({ path: "/", port: 80, scheme: "HTTP" });
  });

  it("Services: no generation, status.loadBalancer {}, sessionAffinity None for every type", () => {
    const out = run("kubectl create service externalname ext --external-name=example.com\nkubectl get svc ext -o yaml\nkubectl get svc kubernetes -o yaml");
    const ext = parse(out[1]!);
    expect(ext.metadata.generation).toBeUndefined();
    expect(ext.spec.sessionAffinity).toBe("None");
    expect(ext.spec.internalTrafficPolicy).toBeUndefined();
    expect(ext.status).toEqual({ loadBalancer: {} });
    expect(parse(out[2]!).status).toEqual({ loadBalancer: {} });
  });

  it("default has the API server's own kubernetes EndpointSlice", () => {
    const out = run("kubectl get endpointslices");
    expect(out[0]).toBe("NAME         ADDRESSTYPE   PORTS   ENDPOINTS   AGE\nkubernetes   IPv4          6443    10.0.0.10   0s\n");
  });
});
