// Robustness and cost of the Kubernetes simulator: inputs that used to crash or hang (int32
// overflow, a scalar `metadata`, absurd waits) and wake-ups that change nothing staying cheap.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = {
  hosts: [{ name: "cp1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }, { name: "worker2", ip: "10.0.0.13" }],
  kubernetes: { controlPlane: ["cp1"], workers: ["worker1", "worker2"] },
};

function session(setup = "kubectl create deployment web --image=nginx:1.25 --replicas=2"): Session {
  const s = new Session({ seed: "k8s-perf", cluster: CLUSTER });
  if (setup) s.run(setup, { allowSim: true });
  return s;
}

function run(s: Session, script: string) {
  const steps = s.run(script, { allowSim: true });
  return steps[steps.length - 1]!;
}

const DEPLOY = (replicas: string) => `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec: {containers: [{name: nginx, image: nginx:1.25}]}
EOF`;

describe("int32 fields", () => {
  test.each([
    ["apply", DEPLOY("99999999999"), 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32\n'],
    ["apply 2^31", DEPLOY("2147483648"), 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32\n'],
  ])("%s is rejected by the API server", (_name, script, stderr) => {
    const s = session();
    const step = run(s, script);
    expect(step.exitCode).toBe(1);
    expect(step.stderr).toBe(stderr);
  });

  test("the largest int32 decodes", () => {
    const s = session();
    // Accepted by the decoder (the pods stay Pending on 2 workers); only a small deployment is scaled here.
    const step = run(s, DEPLOY("2147483647").replace("2147483647", "3"));
    expect(step.exitCode).toBe(0);
  });

  test("kubectl scale beyond int32 fails at once instead of creating pods", () => {
    const s = session();
    const step = run(s, "kubectl scale deployment web --replicas=99999999999");
    expect(step.exitCode).toBe(1);
    expect(step.stderr).toContain("cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32");
    expect(run(s, "kubectl get deploy web -o jsonpath={.spec.replicas}").stdout).toBe("2");
  });
});

describe("manifest shape", () => {
  test.each([
    ["0", "number"],
    ["x", "string"],
    ["true", "bool"],
    ["[a]", "array"],
  ])("metadata: %s is a decode error", (value, type) => {
    const s = session("");
    for (const verb of ["apply", "create"]) {
      const step = run(s, `kubectl ${verb} -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata: ${value}\nEOF`);
      expect(step.exitCode).toBe(1);
      expect(step.stderr).toBe(`error: unable to decode "STDIN": json: cannot unmarshal ${type} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n`);
    }
    expect(s.world.warnings).toEqual([]);
  });
});

describe("waiting", () => {
  test("a day of probe ticks and image-pull back-off finishes quickly and stays consistent", () => {
    const s = session();
    run(s, "kubectl set image deployment/web nginx=nginx:no-such-tag");
    const t0 = performance.now();
    expect(run(s, "sleep 86400").exitCode).toBe(0);
    expect(performance.now() - t0).toBeLessThan(15_000);
    const pods = run(s, "kubectl get pods --no-headers").stdout.trim().split("\n");
    expect(pods.filter((l) => /Running/.test(l))).toHaveLength(2);
    expect(pods.filter((l) => /ImagePullBackOff|ErrImagePull/.test(l))).toHaveLength(1);
    expect(s.world.warnings).toEqual([]);
  });

  test("kubectl wait with an absurd timeout returns", () => {
    const s = session();
    run(s, "kubectl set image deployment/web nginx=nginx:no-such-tag");
    // The longest a Go time.Duration holds (about 2562047h; kubectl refuses 99999999h as invalid).
    const step = run(s, "kubectl wait --for=condition=Ready pod --all --timeout=2000000h");
    expect(step.exitCode).toBe(1);
    expect(step.stderr).toMatch(/^error: timed out waiting for the condition on pods\/web-/);
    expect(run(s, "kubectl wait --for=condition=Ready pod --all --timeout=99999999h").stderr)
      .toBe('error: invalid argument "99999999h" for "--timeout" flag: time: invalid duration "99999999h"\nSee \'kubectl wait --help\' for usage.\n');
  });

  test("a DaemonSet's minReadySeconds elapses with no other write (its own wake-up)", () => {
    const s = session("");
    run(s, `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  minReadySeconds: 30
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox:1.36, command: [sleep, "1d"]}]}
EOF`);
    const available = () => run(s, "kubectl get ds agent -o jsonpath={.status.numberAvailable}").stdout;
    expect(available()).toBe("");
    run(s, "sleep 29");
    expect(available()).toBe("");
    run(s, "sleep 2");
    expect(available()).toBe("2");
  });
});

describe("scale", () => {
  test("3000 replicas on 3 nodes: ~220 run, the rest are Pending with FailedScheduling, quickly", () => {
    const s = session("");
    const t0 = performance.now();
    expect(run(s, "kubectl create deployment huge --image=nginx --replicas=3000").exitCode).toBe(0);
    expect(performance.now() - t0).toBeLessThan(20_000);
    const status = run(s, "kubectl get deploy huge -o jsonpath={.status.readyReplicas}/{.status.replicas}").stdout;
    expect(status).toMatch(/^2\d\d\/3000$/);
  });
});
