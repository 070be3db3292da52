import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { deployment, newCluster } from "./helpers";

const SCRIPT = `kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl expose deployment web --port=80
kubectl get endpoints web
kubectl create service clusterip nomatch --tcp=80:80
kubectl get endpoints nomatch
kubectl set image deployment/web nginx=nginx:1.26
kubectl rollout status deployment/web
sleep 5
kubectl get pods -o wide`;

describe("services follow ready pods", () => {
  it("Endpoints list the ready pods' IPs; a selector that matches nothing has <none>", () => {
    const s = new Session({ seed: "svc" });
    const steps = s.run(SCRIPT, { allowSim: true });
    const out = steps.map((x) => x.stdout + x.stderr);
    expect(out[2]).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s+0s\n$/);
    expect(out[4]).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nnomatch\s+<none>\s+0s\n$/);
    const ips = [...out[8]!.matchAll(/10\.244\.\d+\.\d+/g)].map((m) => m[0]).sort();
    const ep = s.run("kubectl get endpoints web -o jsonpath='{.subsets[0].addresses[*].ip}'", { allowSim: true })[0]!.stdout.split(" ").sort();
    expect(ep).toEqual(ips);
  });

  it("terminating pods leave the Endpoints at once but stay in the EndpointSlice as terminating", () => {
    const t = newCluster();
    t.apply({ ...deployment("web", "busybox", 1), spec: { ...(deployment("web", "busybox", 1).spec as object),
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] } } } });
    t.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
    const pod = t.pods()[0]!;
    t.cluster.api.deletePod(pod);
    t.session.world.settle();
    const ep = t.cluster.store.get<any>("Endpoints", "default", "web");
    expect(ep.subsets?.flatMap((x: any) => x.addresses ?? []).map((a: any) => a.targetRef.name)).not.toContain(pod.metadata.name);
    const slice = t.cluster.store.list<any>("EndpointSlice", "default").find((x) => x.metadata.labels["kubernetes.io/service-name"] === "web");
    expect(slice.endpoints.find((e: any) => e.targetRef.name === pod.metadata.name).conditions).toEqual({ ready: false, serving: true, terminating: true });
  });
});

describe("determinism", () => {
  it("the same script and seed give byte-identical transcripts and state", () => {
    const runOnce = () => {
      const s = new Session({ seed: "same" });
      const steps = s.run(`${SCRIPT}\nkubectl run bb --image=busybox\nsleep 120\nkubectl get pods`, { allowSim: true });
      return JSON.stringify({ steps, state: s.world.snapshot(), events: s.world.events });
    };
    expect(runOnce()).toBe(runOnce());
  });
});

describe("minReadySeconds", () => {
  it("pods count as available only after minReadySeconds, which paces the rollout", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 2, { minReadySeconds: 10 }));
    expect(t.deploy("web").status).toMatchObject({ readyReplicas: 2 });
    expect(t.deploy("web").status?.availableReplicas).toBeUndefined();
    t.advance(10_000);
    expect(t.deploy("web").status).toMatchObject({ availableReplicas: 2 });
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.25"; });
    t.advance(9_000);
    expect(t.deploy("web").status?.updatedReplicas).toBe(1);
    t.advance(30_000);
    expect(t.deploy("web").status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2, replicas: 2 });
  });
});
