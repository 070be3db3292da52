// A server-side dry run answers with the object as the real API server would store it: a created
// object's uid and creationTimestamp (BeforeCreate) and generation 1 (for kinds that have one), no
// resourceVersion; an update whose spec changes shows the generation it would get.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function run(script: string) {
  return new Session({ seed: "dry", cluster: CLUSTER } as never).run(script, { allowSim: true });
}

const DEPLOY = (image: string) =>
  `cat > d.yaml <<'Y'\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: ${image}\nY\n`;

describe("server-side dry-run answers", () => {
  test("create: uid, creationTimestamp, generation; no resourceVersion", () => {
    const [step] = run("kubectl create deployment web --image=nginx --dry-run=server -o yaml");
    expect(step!.exitCode).toBe(0);
    expect(step!.stdout).toMatch(/\nmetadata:\n {2}creationTimestamp: "\d{4}-\d\d-\d\dT[\d:]+Z"\n {2}generation: 1\n/);
    expect(step!.stdout).toMatch(/\n {2}uid: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n/);
    expect(step!.stdout).not.toContain("resourceVersion");
    const [cm] = run("kubectl create configmap cm --from-literal=a=b --dry-run=server -o yaml");
    expect(cm!.stdout).toContain("  uid: ");
    expect(cm!.stdout).not.toContain("generation");
  });

  test("update: the generation a spec change would bring", () => {
    const gen = "-o jsonpath='{.metadata.generation}'";
    const steps = run(
      `${DEPLOY("nginx")}kubectl apply -f d.yaml\n` +
        `kubectl apply -f d.yaml --dry-run=server ${gen}\n` +
        `kubectl label deploy web tier=web --dry-run=server ${gen}\n` +
        `${DEPLOY("nginx:1.25")}kubectl apply -f d.yaml --dry-run=server ${gen}\n` +
        `kubectl get deploy web ${gen}`,
    );
    const answers = steps.filter((s) => /dry-run|get deploy/.test(s.command)).map((s) => s.stdout);
    // unchanged, metadata only, a new image, and the stored object untouched by any of them
    expect(answers).toEqual(["1", "1", "2", "1"]);
  });

  test("a dry run leaves the names and ids of later objects as they were", () => {
    const after = "kubectl create deployment api --image=nginx\nkubectl get pods -o jsonpath='{.items[*].metadata.name} {.items[*].metadata.uid}'";
    const plain = run(after).at(-1)!.stdout;
    const withDryRun = run(`kubectl create deployment web --image=nginx --dry-run=server -o name\n${after}`).at(-1)!.stdout;
    expect(plain).toMatch(/^api-\S+ [0-9a-f-]{36}$/);
    expect(withDryRun).toBe(plain);
  });
});
