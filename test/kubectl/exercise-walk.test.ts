// What students type in the Kubernetes modules (20–37), replayed and compared with kubectl 1.30:
// the manifest side — mis-indented YAML, tabs, unclosed quotes and brackets, JSON mistakes, YAML
// 1.1 scalars, wrong field types — whose messages come from go-yaml v2 (as sigs.k8s.io/yaml
// vendors it), encoding/json and the API server's decoder. Each case pins the expected text, so
// it holds without a kubectl binary; with one, the same files are also checked against it.

import { describe, expect, test } from "vitest";
import { hasKubectl } from "./stub-apiserver";
import { real, sim } from "./exercise-helpers";

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n";

/** [case, manifest, go-yaml's message]: each a YAML error in the file's first document. */
const YAML_ERRORS: [string, string, string][] = [
  ["key indented under a scalar", POD + "  - name: web\n      image: nginx\n", "line 8: mapping values are not allowed in this context"],
  ["key indented less than its siblings", POD + "  - name: web\n   image: nginx\n", "line 7: did not find expected key"],
  ["tab indentation inside a mapping", POD + "  - name: web\n\timage: nginx\n", "line 8: found a tab character that violates indentation"],
  ["tab indentation at the top", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n", "line 4: found character that cannot start any token"],
  ["unclosed double quote", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"web\nspec:\n  containers:\n  - name: web\n    image: nginx\n", "line 9: found unexpected end of stream"],
  ["metadata key outdented by one", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n labels:\n    app: web\n", "line 4: did not find expected key"],
  ["list item outdented by one", POD + "  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n   - containerPort: 81\n", "line 10: did not find expected key"],
  ["containers at the spec's level", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\ncontainers:\n- name: web\n  image: nginx\n  - name: side\n    image: busybox\n", "line 8: did not find expected key"],
  ["ports indented under image", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n          ports:\n          - containerPort: 80\n", "line 11: mapping values are not allowed in this context"],
  ["unclosed flow sequence", POD + "  - name: web\n    image: nginx\n  command: [\"sleep\", \"3600\"\n", "line 9: did not find expected ',' or ']'"],
  ["unclosed flow mapping", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web, tier: front\nspec:\n  containers: []\n", "line 5: did not find expected ',' or '}'"],
  ["second item indented one more", POD + "  - name: web\n    image: nginx\n  - name: side\n     image: busybox\n", "line 10: mapping values are not allowed in this context"],
  ["dash without a space", POD + "  - name: web\n    image: nginx\n    env:\n    - name: A\n      value: x\n    -name: B\n      value: y\n", "line 13: mapping values are not allowed in this context"],
  ["sequence then mapping at the top", "- a\nb: c\n", "line 1: did not find expected '-' indicator"],
  ["two keys on one line", "apiVersion: v1\nkind: Pod\nmetadata: name: web\n", "line 3: mapping values are not allowed in this context"],
  ["text after a quoted scalar", POD + "  - name: web\n    image: nginx\n  - name: \"side\"x\n", "line 8: did not find expected key"],
];

describe("manifest YAML errors read as go-yaml v2 words them", () => {
  test.each(YAML_ERRORS)("%s", (_, text, message) => {
    const [step] = sim({ "pod.yaml": text }, "kubectl apply -f pod.yaml");
    expect(step!.exitCode).toBe(1);
    expect(step!.stdout).toBe("");
    expect(step!.stderr).toBe(`error: error parsing pod.yaml: error converting YAML to JSON: yaml: ${message}\n`);
  });

  test.skipIf(!hasKubectl).each(YAML_ERRORS)("kubectl 1.30 agrees: %s", (_, text, message) => {
    // Parsing happens before any request, so a client-side dry run without a cluster shows it.
    const r = real({ "pod.yaml": text }, ["create", "-f", "pod.yaml", "--dry-run=client", "-o", "name"]);
    expect(r.stderr).toBe(`error: error parsing pod.yaml: error converting YAML to JSON: yaml: ${message}\n`);
    expect(r.status).toBe(1);
  });

  test("line numbers count from the document's start; earlier documents are still applied", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n---\n" + POD + "  - name: web\n      image: nginx\n";
    const [step] = sim({ "all.yaml": text }, "kubectl apply -f all.yaml");
    expect(step!.stdout).toBe("namespace/dev created\n");
    expect(step!.stderr).toBe("error: error parsing all.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context\n");
    expect(step!.exitCode).toBe(1);
  });

  test("a separator followed by text is an error of kubectl's YAML reader", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n--- x\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n";
    const [step] = sim({ "ns.yaml": text }, "kubectl apply -f ns.yaml");
    expect(step!.stderr).toBe("error: error parsing ns.yaml: invalid Yaml document separator: x\n");
    expect(step!.stdout).toBe("");
    if (hasKubectl) expect(real({ "ns.yaml": text }, ["create", "-f", "ns.yaml", "--dry-run=client", "-o", "name"]).stderr).toBe(step!.stderr);
  });

  test("valid YAML go-yaml accepts stays valid: a continued plain scalar, duplicate keys (last wins)", () => {
    const steps = sim(
      { "a.yaml": POD + "  - name: web\n    image: nginx\n    args:\n    - sleep\n    - 3600\n     - x\n", "b.yaml": POD.replace("web", "dup") + "  - name: web\n    image: nginx\n    image: httpd\n" },
      "kubectl apply -f a.yaml\nkubectl apply -f b.yaml\nkubectl get pod web -o jsonpath='{.spec.containers[0].args}'\nkubectl get pod dup -o jsonpath='{.spec.containers[0].image}'",
    );
    expect(steps.map((s) => s.stdout)).toEqual(["pod/web created\n", "pod/dup created\n", '["sleep","3600 - x"]', "httpd"]);
  });
});

describe("rolling-update fields (module 25)", () => {
  const deploy = (rolling: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n${rolling}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
  test.each([
    ["a fraction is no IntOrString", "      maxSurge: 1\n      maxUnavailable: 1.5\n", 'Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxUnavailable of type int32\n'],
    ["both zero", "      maxSurge: 0\n      maxUnavailable: 0\n", 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0\n'],
  ])("%s", (_, rolling, stderr) => {
    const [step] = sim({ "d.yaml": deploy(rolling) }, "kubectl apply -f d.yaml");
    expect([step!.exitCode, step!.stderr]).toEqual([1, stderr]);
  });
});

describe("JSON manifests are read as encoding/json does", () => {
  const CASES: [string, string, string][] = [
    ["a trailing comma", '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p",},\n  "spec": {"containers": [{"name": "a", "image": "nginx"}]}\n}\n', "json: offset 69: invalid character '}' looking for beginning of object key string"],
    ["a missing comma", '{\n  "apiVersion": "v1",\n  "kind": "Pod"\n  "metadata": {"name": "p"}\n}\n', `json: offset 43: invalid character '"' after object key:value pair`],
    ["single quotes", "{'apiVersion': 'v1'}", "json: offset 2: invalid character '\\'' looking for beginning of object key string"],
    ["a misspelt literal", '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": tru}}}', "json: offset 82: invalid character '}' in literal true (expecting 'e')"],
    ["an unclosed object", '  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}\n', "unexpected EOF"],
  ];

  test.each(CASES)("%s", (_, text, message) => {
    const [step] = sim({ "p.json": text }, "kubectl apply -f p.json");
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([1, "", `error: error parsing p.json: ${message}\n`]);
  });

  test.skipIf(!hasKubectl).each(CASES)("kubectl 1.30 agrees: %s", (_, text, message) => {
    const r = real({ "p.json": text }, ["create", "-f", "p.json", "--dry-run=client", "-o", "name"]);
    expect(r.stderr).toBe(`error: error parsing p.json: ${message}\n`);
  });

  test("a valid JSON stream of two objects", () => {
    const [step] = sim({ "ns.json": '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}\n' }, "kubectl apply -f ns.json");
    expect([step!.exitCode, step!.stdout]).toEqual([0, "namespace/a created\nnamespace/b created\n"]);
  });
});

describe("YAML scalars as go-yaml v2 resolves them, fields in the order kubectl sends them", () => {
  test("dates and h:mm stay strings; yes/on are booleans; 0755 is octal", () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    released: 2024-01-01\n    at: 12:30\ndata:\n  mode: \"0755\"\n";
    const steps = sim({ "cm.yaml": cm }, "kubectl apply -f cm.yaml\nkubectl get cm c -o jsonpath='{.metadata.annotations.released} {.metadata.annotations.at}'");
    expect(steps.map((s) => s.stdout)).toEqual(["configmap/c created\n", "2024-01-01 12:30"]);
  });

  test("the first type error is the first in sorted key order (data before metadata)", () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    enabled: on\ndata:\n  mode: 0755\n";
    const [step] = sim({ "cm.yaml": cm }, "kubectl apply -f cm.yaml");
    expect(step!.stderr).toBe('Error from server (BadRequest): error when creating "cm.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n');
  });

  test("unknown fields are listed in sorted order, upper case first (field names are case-sensitive)", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  containers:\n  - name: a\n    image: nginx\n    ports:\n    - containerPort: 80\n      hostport: 80\n    imagePullPolicyy: Always\n    Image: x\n";
    const [step] = sim({ "q.yaml": pod }, "kubectl apply -f q.yaml");
    expect(step!.stderr).toBe('Error from server (BadRequest): error when creating "q.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].Image", unknown field "spec.containers[0].imagePullPolicyy", unknown field "spec.containers[0].ports[0].hostport"\n');
  });
});

describe("YAML that go-yaml v2 accepts or refuses", () => {
  const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
  /** [case, manifest, go-yaml's message or "" when the document is valid]. */
  const CASES: [string, string, string][] = [
    ["CRLF line ends", "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\n", ""],
    ["block scalars with indicators", CM + "data:\n  a: |\n    line\n      indented\n\n    after blank\n  b: >-\n    folded\n  c: |2\n      two extra\n", ""],
    ["comments at odd indents", "# top\napiVersion: v1 # trailing\nkind: ConfigMap\n    # odd\nmetadata:\n  name: c\n", ""],
    ["anchors and aliases", CM + "  labels: &l\n    a: b\n  annotations: *l\n", ""],
    ["a document end marker", "---\n" + CM + "...\n", ""],
    ["multi-line flow collections", "apiVersion: v1\nkind: Pod\nmetadata: {name: p,\n  labels: {a: b}}\nspec:\n  containers: [{name: a,\n    image: \"nginx:1.25\"}]\n", ""],
    ["a tab after a key", CM.replace("name: c", "name:\tc"), ""],
    ["a byte-order mark", "\ufeff" + CM, ""],
    ["a whole document indented", "  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n", ""],
    ["a plain scalar over lines", CM + "data:\n  a: this is\n    a long\n    value\n", ""],
    ["an unknown anchor", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *x\n", "yaml: unknown anchor 'x' referenced"],
    ["text after a block indicator", CM + "data:\n  a: | x\n    y\n", "yaml: line 6: did not find expected comment or line break"],
    ["a tab in a block scalar", CM + "data:\n  a: |\n\t  y\n", "yaml: line 7: found a tab character where an indentation space is expected"],
    ["a key without a colon", "apiVersion: v1\nkind: ConfigMap\nmetadata\n  name: c\n", "yaml: line 4: could not find expected ':'"],
    ["an unknown escape", CM + "data:\n  b: \"bad \\q\"\n", "yaml: line 6: found unknown escape character"],
    ["a %YAML directive without ---", "%YAML 1.1\napiVersion: v1\n", "yaml: line 1: did not find expected <document start>"],
  ];

  test.each(CASES)("%s", (_, text, message) => {
    const [step] = sim({ "c.yaml": text }, "kubectl create -f c.yaml --dry-run=client -o name");
    if (message) expect([step!.exitCode, step!.stderr]).toEqual([1, `error: error parsing c.yaml: error converting YAML to JSON: ${message}\n`]);
    else expect([step!.exitCode, step!.stderr]).toEqual([0, ""]);
  });

  // Offline, kubectl parses before it needs the server: a valid file gets as far as "unable to recognize".
  test.skipIf(!hasKubectl).each(CASES)("kubectl 1.30 agrees: %s", (_, text, message) => {
    const r = real({ "c.yaml": text }, ["create", "-f", "c.yaml", "--dry-run=client", "-o", "name", "--validate=false"]);
    const first = r.stderr.split("\n").filter((l) => !/^E\d{4} /.test(l))[0];
    if (message) expect(first).toBe(`error: error parsing c.yaml: error converting YAML to JSON: ${message}`);
    else expect(first).toMatch(/^error: unable to recognize "c.yaml"/);
  });

  test("only the first document of a chunk is decoded: an outdented second mapping is dropped", () => {
    const [step] = sim({ "c.yaml": "  apiVersion: v1\nkind: ConfigMap\n" }, "kubectl create -f c.yaml --dry-run=client -o name");
    expect(step!.stderr).toBe('error: error validating "c.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n');
  });

  test("a List item that is not an object", () => {
    const [step] = sim({ "l.yaml": "apiVersion: v1\nkind: List\nitems:\n-\n- a\n" }, "kubectl create -f l.yaml --dry-run=client -o name");
    expect(step!.stderr).toBe('error: unable to decode "l.yaml": json: cannot unmarshal string into Go value of type map[string]interface {}\n');
  });
});
