import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { deployment, newCluster, podStatus } from "./helpers";

const PROBES = resolve(__dirname, "../../../shared/corpus/kubernetes-website-examples/pods/probe");

function run(script: string, files: Record<string, string> = {}, seed = "kubelet") {
  const s = new Session({ seed, files });
  const steps = s.run(script, { allowSim: true });
  return { s, steps, out: (i: number) => steps[i]!.stdout + steps[i]!.stderr };
}

const pod = (name: string, containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: name } }, spec: { containers, ...extra },
});

describe("kubelet: restarts and CrashLoopBackOff", () => {
  it("busybox without a command completes and backs off 10s, 20s, 40s… between restarts", () => {
    const t = newCluster();
    t.apply(pod("bb", [{ name: "bb", image: "busybox" }]));
    const status = () => t.pods()[0]!.status.containerStatuses![0]!;
    // First exit: restarted at once; second exit: back off 10 s.
    expect(status().restartCount).toBe(1);
    expect(status().lastState.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(podStatus(t.pods()[0]!)).toBe("CrashLoopBackOff");
    expect(status().state.waiting?.message).toMatch(/^back-off 10s restarting failed container=bb pod=bb_default\([0-9a-f-]{36}\)$/);
    t.advance(10_000);
    expect(status().restartCount).toBe(2);
    expect(status().state.waiting?.message).toMatch(/^back-off 20s /);
    t.advance(20_000);
    expect(status().restartCount).toBe(3);
    expect(status().state.waiting?.message).toMatch(/^back-off 40s /);
    t.advance(40_000 + 80_000 + 160_000);
    expect(status().state.waiting?.message).toMatch(/^back-off 5m0s /);
    expect(t.events("BackOff").map((e) => e.message)[0]).toMatch(/^Back-off restarting failed container bb in pod bb_default\(/);
    expect(t.pods()[0]!.status.phase).toBe("Running");
  });

  it("kubectl exec … kill 1 ends nginx (it handles SIGTERM): the kubelet restarts the container", () => {
    const { out } = run("kubectl run p --image=nginx:1.25\nsleep 5\nkubectl exec p -- kill 1\nsleep 20\nkubectl get pod p\nkubectl exec p -- echo hi");
    expect(out(4)).toBe("NAME   READY   STATUS    RESTARTS      AGE\np      1/1     Running   1 (20s ago)   25s\n");
    expect(out(5)).toBe("hi\n");
  });

  it("restartPolicy Never / OnFailure end in Succeeded / Failed", () => {
    const t = newCluster();
    t.apply(pod("done", [{ name: "c", image: "busybox", command: ["sh", "-c", "echo hi; sleep 2"] }], { restartPolicy: "Never" }));
    t.apply(pod("fail", [{ name: "c", image: "busybox", command: ["sh", "-c", "exit 3"] }], { restartPolicy: "Never" }));
    expect(t.pods().map((p) => p.status.phase)).toEqual(["Running", "Failed"]);
    t.advance(3_000);
    const done = t.pods().find((p) => p.metadata.name === "done")!;
    expect(done.status.phase).toBe("Succeeded");
    expect(done.status.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    const fail = t.pods().find((p) => p.metadata.name === "fail")!;
    expect(fail.status.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
  });

  it("a missing binary is a StartError (exit 128)", () => {
    const t = newCluster();
    t.apply(pod("nobash", [{ name: "c", image: "alpine:3.19", command: ["bash"] }], { restartPolicy: "Never" }));
    const st = t.pods()[0]!.status.containerStatuses![0]!;
    expect(st.state.terminated).toMatchObject({ exitCode: 128, reason: "StartError" });
    expect(st.state.terminated?.message).toContain('exec: "bash": executable file not found in $PATH');
  });

  it("a missing ConfigMap key fails the container after the pull, retried every 10 s (CreateContainerConfigError)", () => {
    const t = newCluster();
    t.apply(pod("cfg", [{ name: "c", image: "nginx:1.25", env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "app-config", key: "mode" } } }] }]));
    const st = () => t.pods()[0]!.status.containerStatuses![0]!;
    expect(st().state.waiting).toEqual({ reason: "CreateContainerConfigError", message: 'configmap "app-config" not found' });
    // startContainer pulls first, then builds the config.
    expect(t.events().map((e) => e.reason)).toEqual(["Scheduled", "Pulling", "Pulled", "Failed"]);
    t.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config" }, data: { other: "x" } });
    t.advance(10_000);
    expect(st().state.waiting?.message).toBe("couldn't find key mode in ConfigMap default/app-config");
    expect(t.events("Pulled").map((e) => [e.message, e.count])).toEqual([
      [expect.stringMatching(/^Successfully pulled image "nginx:1.25" in /), 1],
      ['Container image "nginx:1.25" already present on machine', 1],
    ]);
    t.update("ConfigMap", "app-config", (o) => { o.data.mode = "prod"; });
    expect(st().state.waiting?.reason).toBe("CreateContainerConfigError"); // until the next sync
    t.advance(10_000);
    expect(st().state.running).toBeDefined();
  });

  it("a missing Secret volume keeps the pod ContainerCreating with FailedMount", () => {
    const t = newCluster();
    t.apply(pod("vol", [{ name: "c", image: "nginx:1.25", volumeMounts: [{ name: "certs", mountPath: "/certs" }] }],
      { volumes: [{ name: "certs", secret: { secretName: "tls" } }] }));
    expect(podStatus(t.pods()[0]!)).toBe("ContainerCreating");
    expect(t.events("FailedMount").map((e) => e.message)).toEqual(['MountVolume.SetUp failed for volume "certs" : secret "tls" not found']);
  });

  it("an invalid image name is InvalidImageName without retries", () => {
    const t = newCluster();
    t.apply(pod("bad", [{ name: "c", image: "Nginx" }]));
    expect(podStatus(t.pods()[0]!)).toBe("InvalidImageName");
    expect(t.events("InspectFailed")[0]!.message).toContain('Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx"');
  });

  it("QoS, pod IPs from the node's podCIDR, and conditions in the real order", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 3));
    const p = t.pods()[0]!;
    expect(p.status.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(p.status.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True",
    ]);
    expect(p.status.containerStatuses![0]).toMatchObject({ image: "docker.io/library/nginx:1.25", ready: true, started: true, restartCount: 0 });
    expect(p.status.containerStatuses![0]!.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });
});

describe("kubelet: probes (the documentation's probe examples)", () => {
  it.skipIf(!existsSync(PROBES))("exec-liveness.yaml restarts the container after /tmp/healthy is removed", () => {
    const { s, out } = run(`kubectl apply -f exec-liveness.yaml
sleep 25
kubectl get pod liveness-exec
sleep 50
kubectl get pod liveness-exec`, { "exec-liveness.yaml": readFileSync(`${PROBES}/exec-liveness.yaml`, "utf8") });
    expect(out(0)).toBe("pod/liveness-exec created\n");
    expect(out(2)).toMatch(/liveness-exec\s+1\/1\s+Running\s+0\s/);
    // Killed at ~40 s; sh ignores SIGTERM as PID 1, so SIGKILL comes after the 30 s grace period.
    expect(out(4)).toMatch(/liveness-exec\s+1\/1\s+Running\s+1 \(\d+s ago\)\s/);
    const events = s.run("kubectl get events --field-selector involvedObject.name=liveness-exec -o jsonpath='{range .items[*]}{.reason}: {.message}{\"\\n\"}{end}'", { allowSim: true })[0]!.stdout;
    expect(events).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(events).toContain("Killing: Container liveness failed liveness probe, will be restarted");
  });

  it("readiness gates Service endpoints", () => {
    const t = newCluster({
      hosts: [{ name: "cp" }, { name: "n1" }], kubernetes: { controlPlane: ["cp"], workers: ["n1"] },
      images: [{ name: "example/warm:1.0", ports: [8080], http: { "/ready": { status: 200, from: "20s", beforeStatus: 503 } } }],
    });
    t.apply(pod("warm", [{ name: "app", image: "example/warm:1.0", ports: [{ containerPort: 8080 }],
      readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 } }]));
    t.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "warm" }, spec: { selector: { app: "warm" }, ports: [{ port: 80, targetPort: 8080 }] } });
    const ep = () => t.cluster.store.get<any>("Endpoints", "default", "warm");
    const ip = t.pods()[0]!.status.podIP;
    expect(ep().subsets).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip, nodeName: "n1" })], ports: [{ port: 8080, protocol: "TCP" }] }]);
    expect(t.events("Unhealthy")[0]!.message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 503");
    t.advance(20_000);
    expect(ep().subsets).toEqual([{ addresses: [expect.objectContaining({ ip, targetRef: expect.objectContaining({ kind: "Pod", name: "warm" }) })], ports: [{ port: 8080, protocol: "TCP" }] }]);
    const slice = t.cluster.store.list<any>("EndpointSlice", "default").find((x) => x.metadata.labels["kubernetes.io/service-name"] === "warm");
    expect(slice.metadata.name).toMatch(/^warm-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
    expect(t.pods()[0]!.status.containerStatuses![0]!.restartCount).toBe(0);
  });

  it("a failing liveness probe on a custom image restarts it; a wrong port never becomes ready", () => {
    const t = newCluster({
      hosts: [{ name: "cp" }, { name: "n1" }], kubernetes: { controlPlane: ["cp"], workers: ["n1"] },
      images: [{ name: "example/api:1.0", ports: [8080], http: { "/healthz": { status: 200, failAfter: "30s" } } }],
    });
    t.apply(pod("api", [{ name: "api", image: "example/api:1.0", livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 } }]));
    t.apply(pod("wrong", [{ name: "api", image: "example/api:1.0", readinessProbe: { tcpSocket: { port: 9090 } } }]));
    t.advance(55_000);
    const api = t.pods().find((p) => p.metadata.name === "api")!;
    expect(api.status.containerStatuses![0]!.restartCount).toBe(1);
    expect(t.events("Unhealthy").filter((e) => e.object === "api").map((e) => [e.message, e.count])).toEqual([["Liveness probe failed: HTTP probe failed with statuscode: 500", 3]]);
    const wrong = t.pods().find((p) => p.metadata.name === "wrong")!;
    expect(wrong.status.containerStatuses![0]!.ready).toBe(false);
    expect(t.events("Unhealthy").find((e) => e.object === "wrong")!.message).toMatch(/^Readiness probe failed: dial tcp 10\.244\.1\.\d+:9090: connect: connection refused$/);
  });

  it("a container over its memory limit is OOMKilled (137) and restarted", () => {
    const t = newCluster({
      hosts: [{ name: "cp" }, { name: "n1" }], kubernetes: { controlPlane: ["cp"], workers: ["n1"] },
      images: [{ name: "example/leaky:1.0", memory: { start: "50Mi", growPerSecond: "10Mi" } }],
    });
    t.apply(pod("leaky", [{ name: "app", image: "example/leaky:1.0", resources: { limits: { memory: "100Mi" } } }]));
    t.advance(6_000);
    const st = t.pods()[0]!.status.containerStatuses![0]!;
    expect(st.lastState.terminated).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
    expect(st.restartCount).toBe(1);
    expect(t.pods()[0]!.status.qosClass).toBe("Burstable");
  });
});

describe("kubelet: admission", () => {
  it("a pod pinned with nodeName that does not fit is rejected: Failed, OutOfcpu", () => {
    const t = newCluster();
    t.apply(pod("pinned", [{ name: "c", image: "nginx:1.25", resources: { requests: { cpu: "3" } } }], { nodeName: "worker1" }));
    const p = t.pods()[0]!;
    expect(p.status).toMatchObject({
      phase: "Failed", reason: "OutOfcpu", message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
    });
    expect(t.events("OutOfcpu").map((e) => e.message)).toEqual(["Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000"]);
  });

  it("nodeName bypasses the scheduler: taints and cordon do not stop it", () => {
    const t = newCluster();
    t.apply(pod("oncp", [{ name: "c", image: "nginx:1.25" }], { nodeName: "manager1" }));
    expect(podStatus(t.pods()[0]!)).toBe("Running");
    expect(t.events("Scheduled")).toEqual([]);
  });
});

describe("kubelet: termination", () => {
  it("a container that ignores SIGTERM keeps the pod Terminating for the grace period", () => {
    const t = newCluster();
    t.apply(pod("sleeper", [{ name: "c", image: "busybox", command: ["sleep", "3600"] }], { terminationGracePeriodSeconds: 10 }));
    t.cluster.api.deletePod(t.pods()[0]!);
    t.session.world.settle();
    expect(podStatus(t.pods()[0]!)).toBe("Terminating");
    expect(t.events("Killing").map((e) => e.message)).toEqual(["Stopping container c"]);
    t.advance(9_000);
    expect(t.pods().length).toBe(1);
    t.advance(1_000);
    expect(t.pods().length).toBe(0);
  });

  it("kubectl logs reads the container's output; a waiting container has none", () => {
    const { out } = run(`kubectl run hello --image=busybox --restart=Never -- sh -c 'echo hello from the pod'
kubectl logs hello
kubectl run broken --image=nginx:nope
kubectl logs broken`);
    expect(out(1)).toBe("hello from the pod\n");
    expect(out(3)).toBe('Error from server (BadRequest): container "broken" in pod "broken" is waiting to start: trying and failing to pull image\n');
  });
});
