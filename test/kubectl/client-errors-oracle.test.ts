// Client-side argument errors checked against kubectl 1.30 (the design baseline): offline for
// what fails before any request, through the stub API server (stub-apiserver.ts) for what fails
// after discovery. Each case also pins the expected text, so it holds without a kubectl binary.

import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL, realKubectl } from "./stub-apiserver";

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/** argv after `kubectl` → expected stderr (exit 1, empty stdout). */
const OFFLINE: [string, string][] = [
  ["create deployment", 'error: required flag(s) "image" not set\n'],
  ["run", 'error: required flag(s) "image" not set\n'],
  ["create cronjob", 'error: required flag(s) "image", "schedule" not set\n'],
  ["create cronjob c --image=busybox", 'error: required flag(s) "schedule" not set\n'],
  ["create service externalname", 'error: required flag(s) "external-name" not set\n'],
  ["run nginx --image=", "error: --image is required\n"],
  ["create job j", "error: either --image or --from must be specified\n"],
  ["exec", "error: pod, type/name or --filename must be specified\n"],
  ["exec -- ls", "error: pod, type/name or --filename must be specified\n"],
  ["label", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"],
  ["annotate a=b", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"],
  ["wait", 'error: unrecognized condition: ""\n'],
  ["wait --for=delete", NO_RESOURCES],
  ["wait --for=condition=Ready", NO_RESOURCES],
  ["taint", "error: one or more resources must be specified as <resource> <name>\n"],
  ["taint nodes", "error: at least one taint update is required\n"],
  ["taint foo", "error: at least one taint update is required\n"],
  ["taint node n1 a=b:NoSchedule x", "error: all resources must be specified before taint changes: x\n"],
  ["api-versions x", "error: unexpected arguments: [x]\nSee 'kubectl api-versions -h' for help and examples\n"],
  ["explain", 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n'],
];

/** `kubectl create` without -f: "Error: …" then create's own help, on stderr. */
const CREATE_HELP_PREFIX = "Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin.\n";

/** Failing after discovery: [argv, exit code, stderr]. */
const WITH_SERVER: [string, number, string][] = [
  ["taint foo bar a=b:NoSchedule", 1, 'the server doesn\'t have a resource type "foo"\n'],
  ["taint node/n1 a=b:NoSchedule", 1, 'the server doesn\'t have a resource type "node/n1"\n'],
  ["taint pods p a=b:NoSchedule", 1, "error: invalid resource type pods, only node types are supported\n"],
  ["taint nodes a=b:NoSchedule", 1, "error: at least one resource name must be specified since 'all' parameter is not set\n"],
  ["taint nodes n1 a=b:NoSchedule a=b:NoSchedule-", 1, "error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n"],
  ["taint nodes n1 a=b:NoSchedule a-", 1, "error: can not both modify and remove the following taint(s) in the same command: a=\n"],
  ["taint nodes --all -l x=y a=b:NoSchedule", 1, "error: setting 'all' parameter with a non empty selector is prohibited\n"],
  ["wait --for=foo pod/x", 1, 'error: unrecognized condition: "foo"\n'],
  ["wait pod/x", 1, 'error: unrecognized condition: ""\n'],
  ["wait --for=delete pod/x", 0, ""],
  ["wait --for=Delete pods -l a=b", 0, ""],
  ["delete pod p --cascade=foo", 1, 'error: invalid cascade value (foo). Must be "background", "foreground", or "orphan"\n'],
  ["delete pod p --now --grace-period=5", 1, "error: --now and --grace-period cannot be specified together\n"],
  ["delete pod p --force --grace-period=5", 1, "error: --force and --grace-period greater than 0 cannot be specified together\n"],
  ["delete pods --all -l a=b", 1, "error: setting 'all' parameter but found a non empty selector. \n"],
  ["expose svc kubernetes --port=80 --name=k2", 1, "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n"],
];

function sim(argv: string) {
  return new Session({ seed: "errs" }).run("kubectl " + argv.split(" ").map((a) => `'${a}'`).join(" "), { allowSim: true })[0]!;
}

describe("client-side errors (kubectl 1.30)", () => {
  test.each(OFFLINE)("kubectl %s", (argv, stderr) => {
    expect(sim(argv)).toMatchObject({ exitCode: 1, stdout: "", stderr });
  });
  test.each(WITH_SERVER)("kubectl %s", (argv, exitCode, stderr) => {
    expect(sim(argv)).toMatchObject({ exitCode, stdout: "", stderr });
  });
});

test("kubectl create without -f prints its help on stderr", () => {
  const r = sim("create");
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr.startsWith(CREATE_HELP_PREFIX)).toBe(true);
  expect(r.stderr).toContain("\nUsage:\n  kubectl create -f FILENAME [options]\n");
});

describe.skipIf(!hasKubectl)("the real kubectl 1.30 agrees", () => {
  test("kubectl create", () => {
    const real = spawnSync(KUBECTL, ["create"], { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    expect({ status: real.status, stdout: real.stdout, stderr: real.stderr }).toEqual({ status: 1, stdout: "", stderr: sim("create").stderr });
  });
  test.each(OFFLINE)("kubectl %s", (argv, stderr) => {
    const real = spawnSync(KUBECTL, argv.split(" "), { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    expect({ status: real.status, stdout: real.stdout, stderr: real.stderr }).toEqual({ status: 1, stdout: "", stderr });
  });
  test.each(WITH_SERVER)("kubectl %s", async (argv, exitCode, stderr) => {
    const real = await realKubectl(new Session({ seed: "errs" }), argv.split(" "));
    expect({ status: real.status, stdout: real.stdout, stderr: real.stderr }).toEqual({ status: exitCode, stdout: "", stderr });
  });
});

/** Client-side printing of -f objects (dry run, validation off: the stub serves no OpenAPI). */
const MANIFESTS = { "m.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: nginx}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n" };
const PRINTING = [
  "create -f m.yaml --dry-run=client -o yaml --validate=false",
  "create -f m.yaml --dry-run=client -o json --validate=false",
  "apply -f m.yaml --dry-run=client -o yaml --validate=false",
  "apply -f m.yaml --dry-run=client -o json --validate=false",
];

describe("create/apply -f printing", () => {
  const run = (argv: string) => new Session({ seed: "errs", files: MANIFESTS }).run(`kubectl ${argv}`, { allowSim: true })[0]!;
  test("create prints each object (--- between YAML documents)", () => {
    expect(run(PRINTING[0]!).stdout).toMatch(/^apiVersion: v1\nkind: Pod\n[^]*\n---\napiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\n/);
  });
  test("apply gathers several objects into a List with empty metadata", () => {
    expect(run(PRINTING[2]!).stdout).toMatch(/\nkind: List\nmetadata: {}\n$/);
    expect(run(PRINTING[3]!).stdout).toMatch(/^{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": \[/);
  });
  test("last-applied-configuration records the namespace and an annotations map", () => {
    const out = new Session({ seed: "errs", files: MANIFESTS }).run("kubectl apply -f m.yaml\nkubectl get pod a -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'", { allowSim: true })[1]!;
    expect(out.stdout).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"a","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"a"}]}}\n');
  });
});

describe.skipIf(!hasKubectl)("create/apply -f printing agrees with kubectl 1.30", () => {
  test.each(PRINTING)("kubectl %s", async (argv) => {
    const session = new Session({ seed: "errs", files: MANIFESTS });
    const sim = session.run(`kubectl ${argv}`, { allowSim: true })[0]!;
    const real = await realKubectl(session, argv.split(" "), MANIFESTS);
    expect({ status: sim.exitCode, stdout: sim.stdout, stderr: sim.stderr }).toEqual({ status: real.status, stdout: real.stdout, stderr: real.stderr });
  });
});
