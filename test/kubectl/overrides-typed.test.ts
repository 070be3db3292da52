// kubectl run|expose --overrides: the merged JSON is decoded back into the kind's Go type, so a
// container the fragment replaces still prints `resources: {}` and unknown fields are dropped.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { agreeWithKubectl } from "./exercise-helpers";
import { hasKubectl } from "./stub-apiserver";

const OVERRIDE = '{"apiVersion":"v1","spec":{"containers":[{"name":"x","image":"busybox","args":["sleep","1"],"bogus":1}]}}';

describe("--overrides", () => {
  test("the overridden object prints as its Go type", () => {
    const [step] = new Session({ seed: "ov" }).run(`kubectl run x --image=nginx --overrides='${OVERRIDE}' --dry-run=client -o yaml`, { allowSim: true });
    expect(step!.stdout).toBe(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: x\n  name: x\nspec:\n  containers:\n  - args:\n    - sleep\n    - \"1\"\n" +
        "    image: busybox\n    name: x\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n",
    );
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", async () => {
    await agreeWithKubectl("kubectl create deployment web --image=nginx", [
      ["run", "x", "--image=nginx", `--overrides=${OVERRIDE}`, "--dry-run=client", "-o", "yaml"],
      ["run", "x", "--image=nginx", `--overrides=${OVERRIDE}`, "--dry-run=client", "-o", "json"],
      ["expose", "deploy", "web", "--port=80", '--overrides={"spec":{"ports":[{"port":90}]}}', "--dry-run=client", "-o", "yaml"],
    ]);
  }, 60_000);
});
