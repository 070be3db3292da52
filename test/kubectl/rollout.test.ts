// Rollouts and waiting commands on the virtual clock: rollout status lines, a broken image
// stuck until the progress deadline, kubectl wait, and the informational verbs.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const s = new Session({ seed: "rollout" });
  return s.run(script, { allowSim: true });
}

describe("rollout", () => {
  test("broken image: status reports the progress deadline", () => {
    const steps = run("kubectl create deployment web --image=nginx --replicas=3\nkubectl set image deployment/web nginx=nginx:1.999-typo\nkubectl rollout status deployment/web");
    const last = steps[steps.length - 1]!;
    expect(last.exitCode).toBe(1);
    expect(last.stdout).toContain('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect(last.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
  });
  test("status with timeout", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl set image deployment/web nginx=nginx:1.999-typo\nkubectl rollout status deployment/web --timeout=30s");
    expect(steps[2]!.stderr).toBe("error: timed out waiting for the condition\n");
  });
  test("history with change-cause annotation", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl annotate deployment web kubernetes.io/change-cause='image 1.25'\nkubectl set image deployment/web nginx=nginx:1.25\nkubectl rollout history deployment/web");
    expect(steps[3]!.stdout).toContain("2         image 1.25\n");
  });
  test("undo to revision", () => {
    const steps = run("kubectl create deployment web --image=nginx:1.24\nkubectl set image deployment/web nginx=nginx:1.25\nkubectl set image deployment/web nginx=nginx:1.26\nkubectl rollout undo deployment/web --to-revision=1\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'");
    expect(steps[3]!.stdout).toBe("deployment.apps/web rolled back\n");
    expect(steps[4]!.stdout).toBe("nginx:1.24");
  });
  test("undo to missing revision", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl rollout undo deployment/web --to-revision=5");
    expect(steps[1]!.stderr).toBe("error: unable to find specified revision 5 in history\n");
  });
  test("restart makes a new revision", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl rollout restart deployment/web\nkubectl rollout history deployment/web");
    expect(steps[1]!.stdout).toBe("deployment.apps/web restarted\n");
    expect(steps[2]!.stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });
});

describe("waiting and informational verbs", () => {
  test("wait for Ready", () => {
    const steps = run("kubectl run p --image=nginx\nkubectl wait --for=condition=Ready pod/p --timeout=60s");
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "pod/p condition met\n" });
  });
  test("wait times out", () => {
    const steps = run("kubectl run p --image=nginx:nope-tag\nkubectl wait --for=condition=Ready pod/p --timeout=5s");
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: "error: timed out waiting for the condition on pods/p\n" });
  });
  test("version", () => {
    expect(run("kubectl version")[0]!.stdout).toBe("Client Version: v1.30.0\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.0\n");
  });
  test("cluster-info", () => {
    expect(run("kubectl cluster-info")[0]!.stdout).toContain("Kubernetes control plane is running at https://10.0.0.11:6443\n");
  });
  test("api-resources", () => {
    expect(run("kubectl api-resources")[0]!.stdout).toMatch(/\ndeployments +deploy +apps\/v1 +true +Deployment\n/);
  });
  test("sim node add joins as a worker", () => {
    const steps = run("sim node add worker3\nkubectl get node worker3");
    expect(steps[1]!.stdout).toBe("NAME      STATUS   ROLES    AGE   VERSION\nworker3   Ready    <none>   0s    v1.30.0\n");
  });
});

test("same script, same seed → byte-identical transcript and state", () => {
  const script = "kubectl create deployment web --image=nginx --replicas=3\nkubectl expose deploy web --port=80 --type=NodePort\nkubectl set image deploy/web nginx=nginx:1.25\nkubectl rollout status deploy/web\nkubectl get all -o wide\nkubectl describe svc web";
  const a = new Session({ seed: "det" });
  const b = new Session({ seed: "det" });
  expect(JSON.stringify(a.run(script, { allowSim: true }))).toBe(JSON.stringify(b.run(script, { allowSim: true })));
  expect(JSON.stringify(a.world.snapshot())).toBe(JSON.stringify(b.world.snapshot()));
});

test("pause/resume/restart naming the same object twice patch it twice, the second time to no effect", () => {
  const steps = run([
    "kubectl create deployment web --image=nginx",
    "kubectl rollout pause deployment/web deployment/web",
    "kubectl rollout resume deploy/web deployment/web",
    "kubectl rollout restart deployment/web deployment/web",
    "kubectl get deploy web -o jsonpath='{.metadata.generation}'",
  ].join("\n"));
  expect(steps[1]!.stdout).toBe("deployment.apps/web paused\ndeployment.apps/web paused\n");
  expect(steps[2]!.stdout).toBe("deployment.apps/web resumed\ndeployment.apps/web resumed\n");
  expect(steps[3]!.stdout).toBe("deployment.apps/web restarted\ndeployment.apps/web restarted\n");
  expect(steps[4]!.stdout).toBe("4");
});
