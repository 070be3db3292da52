// `kubectl rollout history` visits every object (a bare TYPE lists them all), prints each
// history, and lists the errors after: kinds without a history viewer, objects not found. With
// -o it prints the revisions' own objects (ReplicaSets, ControllerRevisions) as typed objects.
// Golden cases hold without kubectl; the oracle compares with kubectl 1.30 through the stub API
// server (stub-apiserver.ts) reading the simulator's store.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { agreeWithKubectl } from "./exercise-helpers";
import { hasKubectl } from "./stub-apiserver";

const SETUP = [
  "kubectl create deployment web --image=nginx:1.25 --replicas=2",
  "sim advance 30s",
  "kubectl set image deployment/web nginx=nginx:1.26",
  "sim advance 30s",
  "kubectl create deployment solo --image=nginx",
  "sim advance 30s",
].join("\n");

function replay(extra: string) {
  const steps = new Session({ seed: "history" }).run(`${SETUP}\n${extra}`, { allowSim: true });
  const s = steps[steps.length - 1]!;
  return { stdout: s.stdout, stderr: s.stderr, exit: s.exitCode };
}

describe("kubectl rollout history", () => {
  test("a bare type lists every object's history", () => {
    expect(replay("kubectl rollout history deploy")).toEqual({
      stdout: "deployment.apps/solo \nREVISION  CHANGE-CAUSE\n1         <none>\n\ndeployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
      stderr: "",
      exit: 0,
    });
  });

  test("several objects: each printed, the errors after in visit order", () => {
    const r = replay("kubectl rollout history deploy/nosuch deploy/web svc/kubernetes");
    expect(r.stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    expect(r.stderr).toBe('Error from server (NotFound): deployments.apps "nosuch" not found\nerror retrieving history for "Service", no visitor method exists for { Service}\n');
    expect(r.exit).toBe(1);
    expect(replay("kubectl rollout history rs").stderr).toMatch(/^no history viewer has been implemented for "ReplicaSet.apps"\n(no history viewer has been implemented for "ReplicaSet.apps"\n)+$/);
  });

  test("-o prints the revisions' ReplicaSets, oldest first", () => {
    expect(replay("kubectl rollout history deploy/web -o name")).toEqual({
      stdout: expect.stringMatching(/^replicaset\.apps\/web-[a-z0-9]+\nreplicaset\.apps\/web-[a-z0-9]+\n$/),
      stderr: "",
      exit: 0,
    });
    const json = replay("kubectl rollout history deploy/web -o json --revision=1").stdout;
    expect(json.split("\n").slice(0, 3)).toEqual(["{", '    "kind": "ReplicaSet",', '    "apiVersion": "apps/v1",']);
    expect(json).not.toContain("minReadySeconds");
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", async () => {
    await agreeWithKubectl(SETUP, [
      ["rollout", "history", "deploy"],
      ["rollout", "history", "rs"],
      ["rollout", "history", "rs/web-7d4bcbbf5b"],
      ["rollout", "history", "cm"],
      ["rollout", "history", "deploy/web", "-o", "yaml"],
      ["rollout", "history", "deploy/web", "-o", "json", "--revision=1"],
      ["rollout", "history", "deploy/web", "-o", "name"],
      ["rollout", "history", "deploy/web", "-o", "jsonpath={.metadata.name}"],
      ["rollout", "history", "deploy/web", "--revision=9"],
      ["rollout", "history", "deploy/nosuch", "deploy/web"],
      ["rollout", "history", "rs/web-7d4bcbbf5b", "svc/kubernetes", "pod/x"],
      ["rollout", "status", "deploy"],
    ]);
  }, 120_000);
});
