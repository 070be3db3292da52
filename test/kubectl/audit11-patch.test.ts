// Audit 11: what `kubectl patch` sends and how it fails. apimachinery's util/yaml.ToJSON passes
// a text starting with "{" through untouched (a YAML flow mapping such as {spec: {replicas: 5}}
// is then invalid JSON) and converts anything else from YAML; --local and --dry-run=client patch
// the object in kubectl (getPatchedJSON's errors), otherwise the server decodes the bytes.
// The --local cases are checked against the real kubectl 1.30 offline when it is installed.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n";

/** [--type, patch file content, stdout, stderr] of `kubectl patch --local -f d.yaml --patch-file=p.txt -o jsonpath={.spec}`. */
const LOCAL: [string, string, string, string][] = [
  ["strategic", '{"spec":{"replicas":5}', "", "error: invalid JSON document\n"],
  ["strategic", "{spec: {replicas: 5}}", "", "error: invalid JSON document\n"],
  ["strategic", '{"spec":{"replicas":5}} junk', "", "error: invalid JSON document\n"],
  ["strategic", "[1]", "", "error: invalid JSON document\n"],
  ["strategic", "null", '{"replicas":1}', ""],
  ["strategic", "spec:\n  replicas: 4\n", '{"replicas":4}', ""],
  ["strategic", "a: b\na: c", '{"replicas":1}', ""],
  ["strategic", "a: *x", "", "error: unable to parse \"\": yaml: unknown anchor 'x' referenced\n"],
  ["strategic", "a: b: c", "", 'error: unable to parse "": yaml: mapping values are not allowed in this context\n'],
  ["merge", '{"spec":{"replicas":5}', "", "error: Invalid JSON Patch\n"],
  ["merge", "null", "", "error: Invalid JSON Patch\n"],
  ["merge", '[{"op":"add","path":"/spec/x","value":1}]', "", "error: json: cannot unmarshal array into Go value of type unstructured.detector\n"],
  ["merge", "spec: {replicas: 3}", '{"replicas":3}', ""],
  ["json", '{"spec":{"replicas":5}', "", "error: unexpected end of JSON input\n"],
  ["json", '{"spec":{"replicas":5}}', "", "error: json: cannot unmarshal object into Go value of type jsonpatch.Patch\n"],
  ["json", "[1]", "", "error: json: cannot unmarshal number into Go value of type jsonpatch.Operation\n"],
  ["json", "null", '{"replicas":1}', ""],
  ["json", '[{"op":"remove","path":"/spec/nope"}]', "", "error: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n"],
  ["json", '[{"op":"replace","path":"/metadata/labels/x","value":"1"}]', "", "error: replace operation does not apply: doc is missing path: /metadata/labels/x: missing value\n"],
  ["json", '[{"op":"bogus","path":"/spec"}]', "", "error: Unexpected kind: bogus\n"],
  ["json", '[{"path":"/spec"}]', "", "error: Unexpected kind: unknown\n"],
  ["json", '[{"op":"replace","path":"/spec/replicas","value":2}]', '{"replicas":2}', ""],
];

const ARGS = (type: string) => ["patch", "--local", "-f", "d.yaml", `--type=${type}`, "--patch-file=p.txt", "-o", "jsonpath={.spec}"];

function sim(patch: string, args: string[]) {
  const session = new Session({ seed: "audit11", files: { "d.yaml": DEPLOY, "p.txt": patch } });
  return session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true })[0]!;
}

describe("kubectl patch --local (getPatchedJSON)", () => {
  test.each(LOCAL)("--type=%s %j", (type, patch, stdout, stderr) => {
    expect(sim(patch, ARGS(type))).toMatchObject({ stdout, stderr, exitCode: stderr ? 1 : 0 });
  });

  test.skipIf(!hasKubectl)("the real kubectl 1.30 agrees", () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-patch-"));
    try {
      writeFileSync(join(dir, "d.yaml"), DEPLOY);
      for (const [type, patch] of LOCAL) {
        writeFileSync(join(dir, "p.txt"), patch);
        const r = spawnSync(KUBECTL, ARGS(type), { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        const s = sim(patch, ARGS(type));
        expect({ type, patch, stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }).toEqual({ type, patch, stdout: r.stdout, stderr: r.stderr, exit: r.status });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

test("against the server: raw JSON-looking bytes fail to decode; the printer has no dry-run suffix", () => {
  const session = new Session({ seed: "audit11" });
  const steps = session.run([
    "kubectl create deployment web --image=nginx",
    "kubectl patch deploy web -p '{spec: {replicas: 5}}'",
    "kubectl patch deploy web --type=merge -p '{spec: {replicas: 5}}'",
    "kubectl patch deploy web --type=json -p '{\"spec\":{\"replicas\":5}'",
    "kubectl patch deploy web -p 'spec: {replicas: 2}' --dry-run=server",
    "kubectl patch deploy web -p '{\"spec\":{\"replicas\":3}}' --dry-run=client",
    "kubectl patch deploy web -p '{}' --dry-run=client",
    "kubectl patch deploy web -p 'spec: {replicas: 2}'",
    "kubectl get deploy web -o jsonpath={.spec.replicas}",
  ].join("\n"), { allowSim: true });
  expect(steps.slice(1).map((s) => s.stdout + s.stderr)).toEqual([
    "Error from server (BadRequest): invalid character 's' looking for beginning of object key string\n",
    "Error from server (BadRequest): error decoding patch: invalid character 's' looking for beginning of object key string\n",
    "Error from server (BadRequest): error decoding patch: unexpected end of JSON input\n",
    "deployment.apps/web patched\n",
    "deployment.apps/web patched\n",
    "deployment.apps/web patched (no change)\n",
    "deployment.apps/web patched\n",
    "2",
  ]);
});
