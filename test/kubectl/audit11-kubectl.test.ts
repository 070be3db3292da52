// Audit 11: commands students type, replayed in the simulator and, where the real kubectl 1.30
// is installed, through the stub API server (stub-apiserver.ts): same stdout, stderr and exit.
// Each case also pins the expected text, so it holds without a kubectl binary.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const SETUP = [
  "kubectl create deployment web --image=nginx:1.25 --replicas=3",
  "kubectl create namespace dev",
  "kubectl run p1 --image=busybox -n dev --labels=app=p1,env=dev -- sleep 3600",
  "kubectl run p2 --image=nginx --labels=env=test",
  "kubectl create configmap cfg --from-literal=a=1 --from-literal=b=two",
  "kubectl label deploy web tier=frontend env=prod",
].join("\n");

const DEPLOY_D1 = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: d1\n  name: d1\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: d1\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: d1\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n";
const D1_APPLIED = '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d1","creationTimestamp":null,"labels":{"app":"d1"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"d1"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"d1"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}';
const SVC_WEB = (labels: string, selector: string) => `{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "web",\n        "creationTimestamp": null,\n        "labels": {\n${labels}\n        }\n    },\n    "spec": {\n        "ports": [\n            {\n                "protocol": "TCP",\n                "port": 80,\n                "targetPort": 80\n            }\n        ],\n        "selector": {\n${selector}\n        }\n    },\n    "status": {\n        "loadBalancer": {}\n    }\n}\n`;

/** [argv, exit code, stdout, stderr] after SETUP. */
const CASES: [string[], number, string, string][] = [
  // create role/clusterrole --resource: the mapper's NoMatch, in cmdutil.CheckErr's words.
  [["create", "role", "r", "--verb=get", "--resource=foo"], 1, "", 'the server doesn\'t have a resource type "foo"\n'],
  [["create", "role", "r", "--verb=get", "--resource=rs.extensions"], 1, "", 'the server doesn\'t have a resource type "rs" in group "extensions"\n'],
  [["create", "clusterrole", "r", "--verb=get", "--resource=foo.apps"], 1, "", 'the server doesn\'t have a resource type "foo" in group "apps"\n'],
  // docker-registry's Validate error has no usage line.
  [["create", "secret", "docker-registry", "r", "--docker-username=u", "--dry-run=client", "-o", "yaml"], 1, "",
    "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n"],
  // rollout: StatusViewerFor / RollbackerFor name the GroupKind as its String() prints it.
  [["rollout", "status", "pod/p2"], 1, "", "error: no status viewer has been implemented for Pod\n"],
  [["rollout", "status", "cm/cfg"], 1, "", "error: no status viewer has been implemented for ConfigMap\n"],
  [["rollout", "undo", "pod/p2"], 1, "", 'error: no rollbacker has been implemented for "Pod"\n'],
  [["rollout", "undo", "cm/cfg"], 1, "", 'error: error retrieving rollbacker for "ConfigMap", no visitor method exists for { ConfigMap}\n'],
  // delete: the boolean --cascade warns (as typed), -o is name only, a selector needs a type.
  [["delete", "pod", "p2", "--cascade=false", "--dry-run=client"], 0, 'pod "p2" deleted (dry run)\n', "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n"],
  [["delete", "pod", "p2", "--cascade=T", "--dry-run=client"], 0, 'pod "p2" deleted (dry run)\n', "warning: --cascade=T is deprecated (boolean value) and can be replaced with --cascade=background.\n"],
  [["delete", "pod", "p2", "-o", "yaml", "--dry-run=client"], 1, "", "error: unexpected -o output mode: yaml. We only support '-o name'\n"],
  [["delete", "--all"], 1, "", "error: at least one resource must be specified to use a selector\n"],
  [["delete", "-l", "a=b"], 1, "", "error: at least one resource must be specified to use a selector\n"],
  // label's parseLabels: exactly one "=".
  [["label", "pod", "p2", "a=b=c"], 1, "", "error: invalid label spec: a=b=c\n"],
  // --save-config: the typed object's compact JSON (struct order) as the last-applied annotation;
  // run and expose add it only to what they send, create service never.
  [["create", "deployment", "d1", "--image=nginx", "--save-config", "--dry-run=client", "-o", "yaml"], 0,
    DEPLOY_D1.replace("metadata:\n  creationTimestamp", `metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${D1_APPLIED}\n  creationTimestamp`), ""],
  [["run", "p", "--image=nginx", "--save-config", "--dry-run=client", "-o", "name"], 0, "pod/p\n", ""],
  [["create", "service", "clusterip", "s", "--tcp=80", "--save-config", "--dry-run=client", "-o", "jsonpath={.metadata.annotations}"], 0, "", ""],
  [["create", "cm", "c", "--from-literal=z=<1>", "--save-config", "--dry-run=client", "-o", "jsonpath={.metadata.annotations}"], 0,
    '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"kind\\":\\"ConfigMap\\",\\"apiVersion\\":\\"v1\\",\\"metadata\\":{\\"name\\":\\"c\\",\\"creationTimestamp\\":null},\\"data\\":{\\"z\\":\\"\\\\u003c1\\\\u003e\\"}}\\n"}', ""],
  // Typed objects' maps encode sorted, whatever order the flags or the source object gave.
  [["expose", "deploy", "web", "--port=80", "--dry-run=client", "-o", "json"], 0,
    SVC_WEB('            "app": "web",\n            "env": "prod",\n            "tier": "frontend"', '            "app": "web"'), ""],
  [["expose", "deploy", "web", "--port=80", "--selector=b=1,a=2", "--labels=z=1,a=1", "--dry-run=client", "-o", "json"], 0,
    SVC_WEB('            "a": "1",\n            "z": "1"', '            "a": "2",\n            "b": "1"'), ""],
  [["run", "p", "--image=nginx", "--labels=z=1,a=2", "--dry-run=client", "-o", "jsonpath={.metadata.labels}"], 0, '{"a":"2","z":"1"}', ""],
  // --append-hash: ten characters of the SHA-256 of kind, name, data (and a Secret's type).
  [["create", "cm", "c", "--from-literal=k=v", "--append-hash", "--dry-run=client", "-o", "name"], 0, "configmap/c-tgfmcfgbt5\n", ""],
  [["create", "cm", "c", "--append-hash", "--dry-run=client", "-o", "name"], 0, "configmap/c-94b26g54cg\n", ""],
  [["create", "secret", "generic", "s", "--from-literal=k=v", "--append-hash", "--dry-run=client", "-o", "name"], 0, "secret/s-c54ghmfcdb\n", ""],
  [["create", "secret", "generic", "s", "--append-hash", "--dry-run=client", "-o", "name"], 0, "secret/s-6cmg28h685\n", ""],
];

function sim(session: Session, args: string[]) {
  return session.run("kubectl " + args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" "), { allowSim: true })[0]!;
}

describe("audit 11: kubectl as students type it", () => {
  test.each(CASES)("kubectl %j", (args, exitCode, stdout, stderr) => {
    const session = new Session({ seed: "audit11" });
    session.run(SETUP, { allowSim: true });
    expect(sim(session, args)).toMatchObject({ exitCode, stdout, stderr });
  });
});

test("create --save-config, then apply: the annotation is there, so apply merges without a warning", () => {
  const session = new Session({ seed: "audit11", files: { "d1.yaml": DEPLOY_D1.replace("replicas: 1", "replicas: 2") } });
  const steps = session.run("kubectl create deployment d1 --image=nginx --save-config\nkubectl apply -f d1.yaml\nkubectl create cm c --from-literal=k=v --append-hash\nkubectl get cm -o name", { allowSim: true });
  expect(steps.map((s) => [s.stdout, s.stderr])).toEqual([
    ["deployment.apps/d1 created\n", ""],
    ["deployment.apps/d1 configured\n", ""],
    ["configmap/c-tgfmcfgbt5 created\n", ""],
    ["configmap/c-tgfmcfgbt5\nconfigmap/kube-root-ca.crt\n", ""],
  ]);
});

test("a kind spelled in lowercase maps (discovery adds it) but the server's scheme refuses it", () => {
  const pod = "apiVersion: v1\nkind: pod\nmetadata:\n  name: pp\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
  const deploy = "apiVersion: apps/v1\nkind: deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
  const session = new Session({ seed: "audit11", files: { "pod.yaml": pod, "deploy.yaml": deploy, "Pod.yaml": pod.replace("kind: pod", "kind: POD") } });
  const steps = session.run("kubectl apply -f pod.yaml\nkubectl create -f deploy.yaml\nkubectl apply -f pod.yaml --dry-run=client\nkubectl apply -f Pod.yaml\nkubectl get pods", { allowSim: true });
  expect(steps.map((s) => [s.exitCode, s.stdout, s.stderr])).toEqual([
    [1, "", 'Error from server (BadRequest): error when creating "pod.yaml": pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"\n'],
    [1, "", 'Error from server (BadRequest): error when creating "deploy.yaml": deployment in version "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"\n'],
    // A client dry run sends nothing: the mapping alone decides.
    [0, "pod/pp created (dry run)\n", ""],
    [1, "", 'error: resource mapping not found for name: "pp" namespace: "" from "Pod.yaml": no matches for kind "POD" in version "v1"\nensure CRDs are installed first\n'],
    [0, "", "No resources found in default namespace.\n"],
  ]);
});

test("apply on an object without the last-applied annotation warns only when it sends the patch", () => {
  const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b}\nspec:\n  containers:\n  - name: p\n    image: nginx\n";
  const session = new Session({ seed: "audit11", files: { "p.yaml": pod } });
  const steps = session.run("kubectl run p --image=nginx\nkubectl apply -f p.yaml --dry-run=client\nkubectl apply -f p.yaml --dry-run=server\nkubectl apply -f p.yaml", { allowSim: true });
  const warning = "Warning: resource pods/p is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n";
  expect(steps.slice(1).map((s) => [s.stdout, s.stderr])).toEqual([
    ["pod/p configured (dry run)\n", ""],
    ["pod/p configured (server dry run)\n", warning],
    ["pod/p configured\n", warning],
  ]);
});

/** custom-columns-file: [file content, extra args, exit, stdout, stderr] of `get pods -o custom-columns-file=cols.txt`. */
const COLUMN_FILES: [string | undefined, string[], number, string, string][] = [
  ["NAME          NS\nmetadata.name metadata.namespace\n", [], 0, "NAME   NS\np2     default\n", ""],
  ["NAME   IMAGE\n{.metadata.name}\t.spec.containers[*].image\n", ["--no-headers"], 0, "NAME   IMAGE\np2     nginx\n", ""],
  ["NAME IMAGE\n.metadata.name\n", [], 1, "", "error: number of headers (2) and field specifications (1) don't match\n"],
  ["NAME\n", [], 1, "", "error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n"],
  ["", [], 1, "", "error: invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.\n"],
  [undefined, [], 1, "", "error: error reading template cols.txt, open cols.txt: no such file or directory\n"],
];
const COLUMNS_ARGS = (extra: string[]) => ["get", "pods", "-l", "env=test", "-o", "custom-columns-file=cols.txt", ...extra];

test.each(COLUMN_FILES)("kubectl get -o custom-columns-file (%j)", (file, extra, exitCode, stdout, stderr) => {
  const files: Record<string, string> = file === undefined ? {} : { "cols.txt": file };
  const session = new Session({ seed: "audit11", files });
  session.run(SETUP, { allowSim: true });
  expect(sim(session, COLUMNS_ARGS(extra))).toMatchObject({ exitCode, stdout, stderr });
});

/** jsonpath with --allow-missing-template-keys=false: argv, and the first line of the error (the
 *  rest is the %#v dump of the object, compared whole with the real kubectl below). */
const MISSING_KEYS: [string[], string][] = [
  [["get", "cm", "cfg", "-o", "jsonpath={.data.zz}", "--allow-missing-template-keys=false"], 'error: error executing jsonpath "{.data.zz}": Error executing template: zz is not found. Printing more information for debugging the template:'],
  [["get", "pods", "-n", "dev", "-o", "jsonpath={.items[*].metadata.labels.tier}", "--allow-missing-template-keys=false"], 'error: error executing jsonpath "{.items[*].metadata.labels.tier}": Error executing template: tier is not found. Printing more information for debugging the template:'],
];

test.each(MISSING_KEYS)("kubectl %j fails on the missing key", (args, first) => {
  const session = new Session({ seed: "audit11" });
  session.run(SETUP, { allowSim: true });
  const r = sim(session, args);
  expect(r.exitCode).toBe(1);
  expect(r.stderr.split("\n")[0]).toBe(first);
  expect(sim(session, args.slice(0, -1)).exitCode).toBe(0);
});

test("only create, apply and replace validate: the others (and --validate=false) decode unstructured", () => {
  const files = { "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: p2\n", "scalar.yaml": "foo\n", "nover.yaml": "kind: ConfigMap\nmetadata:\n  name: c9\n" };
  const session = new Session({ seed: "audit11", files });
  const steps = session.run([
    "kubectl get -f nokind.yaml",
    "kubectl delete -f scalar.yaml",
    "kubectl apply -f nokind.yaml --validate=false",
    "kubectl apply -f nokind.yaml",
    "kubectl create -f scalar.yaml --validate=ignore",
    "kubectl create -f nover.yaml --validate=false",
    "kubectl create -f nover.yaml",
  ].join("\n"), { allowSim: true });
  const kindMissing = `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"p2"}}'\n`;
  const scalar = 'error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n';
  expect(steps.map((s) => s.stdout + s.stderr)).toEqual([
    kindMissing,
    scalar,
    kindMissing,
    'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    scalar,
    "configmap/c9 created\n",
    'error: error validating "nover.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
  ]);
});

describe.skipIf(!hasKubectl)("audit 11: the real kubectl 1.30 agrees", () => {
  test("every case", async () => {
    const { session } = replayNow(SETUP);
    for (const args of [...CASES.map((c) => c[0]), ...MISSING_KEYS.map((c) => c[0])]) {
      const r = await realKubectl(session, args);
      const s = sim(session, args);
      expect({ args, stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr.replace(/^[WEI]\d{4} .*\n/gm, ""), exit: r.status });
    }
  }, 120_000);
  test("custom-columns-file", async () => {
    const { session } = replayNow(SETUP);
    for (const [file, extra] of COLUMN_FILES) {
      const files: Record<string, string> = file === undefined ? {} : { "cols.txt": file };
      const r = await realKubectl(session, COLUMNS_ARGS(extra), files);
      const fs = session.world.hosts[0]!.fs;
      if (file !== undefined) fs.write("cols.txt", file);
      else fs.remove("cols.txt");
      const s = sim(session, COLUMNS_ARGS(extra));
      expect({ file, stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }).toEqual({ file, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 120_000);
});
