// Session 7 audit of kubectl/API server fidelity: regressions for what was found and fixed.

import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, test } from "vitest";
import { Session } from "../../src/sim";
import { kindInfo, type KindInfo } from "../../src/sim/k8s/api/kinds";
import { parseSelector, SelectorParseError } from "../../src/sim/k8s/api/selectors";
import { parseListSelectors } from "../../src/sim/k8s/kubectl/list-selectors";
import { base64Error } from "../../src/sim/k8s/api/decode";

const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
const hasKubectl = existsSync(K);

function run(script: string, files: Record<string, string> = {}) {
  return new Session({ seed: "audit-s7", files }).run(script, { allowSim: true });
}

const last = (script: string, files: Record<string, string> = {}) => run(script, files).at(-1)!;

const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("labels.Parse: apimachinery's messages", () => {
  test.each([
    // From real transcripts and upstream tests.
    ["app:monolith", `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART}`],
    ["type=app,versionv1.0.1)", "unable to parse requirement: found ')', expected: in, notin, =, ==, !=, gt, lt"],
    ["env IN (a)", "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt"],
    ["label0==label0, label0 in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["app.kubernetes_io/name=v", "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    // selector.go's other branches.
    ["env in prod", "unable to parse requirement: found 'prod' expected: '('"],
    ["a=b c", "found 'c', expected: ',' or 'end of string'"],
    ["a=b,", "found '', expected: identifier after ','"],
    [",a", "found ',', expected: !, identifier, or 'end of string'"],
    ["x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ["x>abc", "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ])("%s", (sel, msg) => {
    expect(() => parseSelector(sel)).toThrow(new SelectorParseError(msg));
  });

  test("x in (a,b,,) leaves a closing parenthesis the list cannot take (parseIdentifiersList consumes the second comma)", () => {
    expect(() => parseSelector("a in (b,,)")).toThrow(new SelectorParseError("unable to parse requirement: found ')', expected: ',', or identifier"));
  });

  test("in/notin read as identifiers where a key or value is expected; requirements sorted by key", () => {
    expect(parseSelector("in=x")).toEqual([{ key: "in", operator: "=", values: ["x"] }]);
    expect(parseSelector("z=1,a in (notin,b,,c)")).toEqual([
      { key: "a", operator: "in", values: ["", "b", "c", "notin"] },
      { key: "z", operator: "=", values: ["1"] },
    ]);
  });
});

describe("a list with -l / --field-selector", () => {
  test("a bad label selector is the server's BadRequest as kubectl's EnhanceListError words it", () => {
    const s = last("kubectl get pods -l app:web");
    expect(s.exitCode).toBe(1);
    expect(s.stdout).toBe("");
    expect(s.stderr).toBe(`Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app:web", field selector "": unable to parse requirement: <nil>: Invalid value: "app:web": ${NAME_PART}\n`);
  });

  test("a field label the kind does not select by is refused, in the kind's own words", () => {
    const steps = run([
      "kubectl get deploy --field-selector status.phase=Running",
      "kubectl get pods --field-selector status.podIP=1,spec.foo=x",
      "kubectl get nodes --field-selector metadata.namespace=default",
    ].join("\n"));
    expect(steps.map((s) => s.stderr)).toEqual([
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "status.phase=Running": "status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.podIP=1,spec.foo=x": field label not supported: spec.foo\n',
      'Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "", field selector "metadata.namespace=default": field label not supported: metadata.namespace\n',
    ]);
    expect(steps.map((s) => s.exitCode)).toEqual([1, 1, 1]);
  });

  test("delete --field-selector deletes only what the selector picks (it used to delete every pod)", () => {
    const steps = run([
      "kubectl run web --image=nginx",
      "kubectl run once --image=busybox --restart=Never -- true",
      "kubectl delete pods --field-selector status.phase==Succeeded",
      "kubectl get pods -o name",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe('pod "once" deleted\n');
    expect(steps[3]!.stdout).toBe("pod/web\n");
  });

  test("label and annotate take --field-selector too", () => {
    const steps = run([
      "kubectl run a --image=nginx",
      "kubectl run b --image=busybox --restart=Never -- true",
      "kubectl label pods --field-selector status.phase=Running state=up",
      "kubectl get pods -l state=up -o name",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe("pod/a labeled\n");
    expect(steps[3]!.stdout).toBe("pod/a\n");
  });

  test("pod field selectors: spec.nodeName, status.phase, spec.hostNetwork defaulting to false", () => {
    const steps = run([
      "kubectl run a --image=nginx",
      "kubectl get pods --field-selector spec.hostNetwork=false,status.phase=Running -o name",
      "kubectl get pods --field-selector spec.hostNetwork=true -o name",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("pod/a\n");
    expect(steps[2]!).toMatchObject({ stdout: "", exitCode: 0 });
  });

  test("set selector parses as ParseToLabelSelector does and refuses set-based terms for a Service", () => {
    const steps = run([
      "kubectl create service clusterip web --tcp=80",
      "kubectl set selector svc web 'a b'",
      "kubectl set selector svc web 'app in (x)'",
      "kubectl set selector svc web 'app=x,tier=y'",
      "kubectl get svc web -o jsonpath='{.spec.selector}'",
    ].join("\n"));
    expect(steps.slice(1).map((s) => s.stderr || s.stdout)).toEqual([
      "error: couldn't parse the selector string \"a b\": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n",
      "error: match expression [{app In [x]}] not supported on this object\n",
      "service/web selector updated\n",
      '{"app":"x","tier":"y"}',
    ]);
  });

  test("drain checks --pod-selector before anything else (it used to crash the simulator)", () => {
    const s = last("kubectl drain node01 --pod-selector 'a b'");
    expect(s).toMatchObject({ exitCode: 1, stdout: "", stderr: "error: --pod-selector=<pod_selector> must be a valid label selector\n" });
  });
});

// The real kubectl 1.30 against a stub server that refuses the list with the simulator's raw
// message: kubectl's own rewording (EnhanceListError) must be what the simulator prints.
describe.skipIf(!hasKubectl)("EnhanceListError against the real kubectl 1.30", () => {
  async function realWithRefusingServer(args: string[]): Promise<{ stderr: string; status: number }> {
    const infoFor = (path: string): KindInfo | undefined =>
      path.endsWith("/pods") ? kindInfo("Pod") : path.endsWith("/deployments") ? kindInfo("Deployment") : path.endsWith("/nodes") ? kindInfo("Node") : undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://stub");
      const send = (code: number, body: unknown) => {
        res.statusCode = code;
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify(body));
      };
      const p = url.pathname;
      if (p === "/api") return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
      if (p === "/apis") return send(200, { kind: "APIGroupList", apiVersion: "v1", groups: [{ name: "apps", versions: [{ groupVersion: "apps/v1", version: "v1" }], preferredVersion: { groupVersion: "apps/v1", version: "v1" } }] });
      const res1 = (name: string, kind: string, namespaced: boolean, short: string[]) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ["get", "list", "delete"], shortNames: short });
      if (p === "/api/v1") return send(200, { kind: "APIResourceList", apiVersion: "v1", groupVersion: "v1", resources: [res1("pods", "Pod", true, ["po"]), res1("nodes", "Node", false, ["no"])] });
      if (p === "/apis/apps/v1") return send(200, { kind: "APIResourceList", apiVersion: "v1", groupVersion: "apps/v1", resources: [res1("deployments", "Deployment", true, ["deploy"])] });
      const info = infoFor(p);
      if (!info) return send(404, { kind: "Status", apiVersion: "v1", status: "Failure", message: "not found", reason: "NotFound", code: 404 });
      try {
        parseListSelectors(info, { label: url.searchParams.get("labelSelector") ?? "", field: url.searchParams.get("fieldSelector") ?? "" });
      } catch (e) {
        return send(400, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: (e as Error).message, reason: "BadRequest", code: 400 });
      }
      return send(200, { kind: `${info.kind}List`, apiVersion: info.group ? `${info.group}/v1` : "v1", metadata: { resourceVersion: "1" }, items: [] });
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const dir = mkdtempSync(join(tmpdir(), "cg-s7-"));
    const config = join(dir, "config");
    writeFileSync(config, `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${(server.address() as AddressInfo).port}"}}]\ncontexts: [{name: s, context: {cluster: s, namespace: default}}]\ncurrent-context: s\nusers: []\n`);
    try {
      return await new Promise((ok) => {
        execFile(K, args, { cwd: dir, env: { ...process.env, KUBECONFIG: config, HOME: dir }, timeout: 30_000 }, (err, _stdout, stderr) => {
          ok({ stderr: stderr.replace(/^[WEI]\d{4} .*\n/gm, ""), status: err ? ((err as { code?: number }).code ?? 1) : 0 });
        });
      });
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("get, delete, label, describe, logs and cordon word a refused list alike", async () => {
    const cases = [
      ["get", "pods", "-l", "app:web"],
      ["get", "deploy", "--field-selector", "status.phase=Running"],
      ["get", "pods", "-l", "env in prod", "--field-selector", "spec.nodeName=x"],
      ["delete", "pods", "-l", "a b"],
      ["label", "pods", "-l", "a=b c", "x=y"],
      ["describe", "deploy", "-l", "!"],
      ["logs", "-l", "app:web"],
      ["cordon", "-l", "x in (a"],
    ];
    for (const args of cases) {
      const real = await realWithRefusingServer(args);
      const [step] = new Session({ seed: "audit-s7" }).run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stderr: real.stderr, exit: real.status });
    }
  }, 120_000);
});


describe("Secret data that is not base64: the byte Go's decoder reports", () => {
  // Checked with the real kubectl 1.30 (set image --local decodes the file into a v1.Secret).
  test.each([
    ["admin", 4], ["web", 0], ["password123", 8], ["abcdef", 4], ["YQ=", 3], ["YQ", 0], ["ab=c", 2],
    ["s3cr3t!", 6], ["my secret", 2], ["YQ==YQ==", 4], ["YWRt aW4=", 4], ["YWRtaW4=", undefined], ["YWJj\nZA==", undefined],
  ] as const)("%j", (text, byte) => expect(base64Error(text)).toBe(byte));

  test("plain text in data is refused with that byte", () => {
    const s = last("kubectl apply -f s.yaml", { "s.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: password123\n" });
    expect(s.stderr).toBe('Error from server (BadRequest): error when creating "s.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 8\n');
  });
});

describe("-o go-template / template / --template (GoTemplatePrinter)", () => {
  test("a Secret's value decoded, a list ranged over, the kind through --template alone", () => {
    const steps = run([
      "kubectl create secret generic db --from-literal=password=s3cret",
      "kubectl create deployment web --image=nginx --replicas=2",
      "kubectl get secret db -o go-template='{{.data.password | base64decode}}'",
      `kubectl get deploy -o go-template='{{range .items}}{{.metadata.name}} {{.spec.replicas}}{{"\\n"}}{{end}}'`,
      "kubectl get deploy web --template='{{.kind}}'",
      "kubectl get deploy web -o template='{{index .metadata.labels \"app\"}} {{exists . \"spec\" \"replicas\"}} {{.nope}}'",
    ].join("\n"));
    expect(steps.slice(2).map((s) => s.stdout)).toEqual(["s3cret", "web 2\n", "Deployment", "web true <no value>"]);
  });

  test("parse and execution errors as kubectl prints them", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx",
      "kubectl get deploy web -o go-template='{{.spec.replicas}'",
      "kubectl get deploy web -o go-template",
      "kubectl get deploy web -o go-template='{{.nope}}' --allow-missing-template-keys=false",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe("error: error parsing template {{.spec.replicas}, template: output:1: bad character U+007D '}'\n");
    expect(steps[2]!.stderr).toBe("error: template format specified but no template given\n");
    expect(steps[3]!.stdout).toMatch(/^Error executing template: template: output:1:2: executing "output" at <\.nope>: map has no entry for key "nope"\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\{\.nope\}\}\n\traw data was:\n\t\t\{"apiVersion":"apps\/v1",/);
    expect(steps[3]!.stderr).toBe('error: error executing template "{{.nope}}": template: output:1:2: executing "output" at <.nope>: map has no entry for key "nope"\n');
  });

  test("the other printers' messages: no template, no custom columns", () => {
    const steps = run("kubectl get pods -o jsonpath\nkubectl get pods -o custom-columns");
    expect(steps.map((s) => s.stderr)).toEqual([
      "error: template format specified but no template given\n",
      "error: custom-columns format specified but no custom columns given\n",
    ]);
  });

  test("a template printer runs over an empty list too", () => {
    const steps = run("kubectl get cm -n nons -o jsonpath='{.items[0].metadata.name}'\nkubectl get cm -n nons -o go-template='{{.kind}} {{len .items}}'");
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toMatch(/^error: error executing jsonpath "\{\.items\[0\]\.metadata\.name\}": Error executing template: array index out of bounds: index 0, length 0\./);
    expect(steps[1]!.stdout).toBe("List 0");
  });

  it.skipIf(!hasKubectl)("agrees with the real kubectl 1.30 (through the stub API server)", async () => {
    const { agreeWithKubectl } = await import("./exercise-helpers");
    await agreeWithKubectl("kubectl create deployment web --image=nginx --replicas=2\nkubectl create secret generic db --from-literal=password=s3cret", [
      ["get", "secret", "db", "-o", "go-template={{.data.password | base64decode}}"],
      ["get", "deploy", "-o", 'go-template={{range .items}}{{.metadata.name}} {{.spec.replicas}}{{"\\n"}}{{end}}'],
      ["get", "deploy", "web", "--template={{.kind}}"],
      ["get", "deploy", "web", "-o", "go-template={{.spec.replicas.x}}"],
      ["get", "deploy", "web", "-o", "go-template={{.metadata.name | base64decode}}"],
      ["get", "configmaps", "-n", "nons", "-o", "jsonpath={.items[0].metadata.name}"],
      ["get", "pods", "-o", "custom-columns"],
      ["get", "pods", "-o", "jsonpath"],
    ]);
  }, 120_000);
});

describe("validation values are printed as field.Error prints them (pointers dereferenced)", () => {
  test("an empty Deployment selector: v1.LabelSelector{…}, no &", () => {
    const yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n";
    const s = last("kubectl apply -f d.yaml", { "d.yaml": yaml });
    expect(s.stderr).toBe("The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment\n");
  });
});

describe("client-side checks kubectl 1.30 makes before asking the server", () => {
  test.each([
    ["top node a b", "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n"],
    ["top node a -l x=y", "error: only one of NAME or --selector can be provided\n"],
    ["top node -l 'a b'", "error: unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n"],
    ["top pod a --field-selector=x=y", "error: only one of NAME or selector can be provided\n"],
    ["top pod --sort-by=foo", "error: --sort-by accepts only cpu or memory\n"],
    ["autoscale deploy web", 'error: required flag(s) "max" not set\n'],
  ])("kubectl %s", (cmd, stderr) => {
    const s = last(`kubectl ${cmd}`);
    expect(s).toMatchObject({ exitCode: 1, stdout: "", stderr });
    if (hasKubectl) {
      const r = spawnSync("bash", ["-c", `${K} ${cmd}`], { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
      expect(r.stderr.replace(/^[WEI]\d{4} .*\n/gm, "")).toBe(stderr);
    }
  });
});

describe("-n against the files' namespaces (the builder's RequireNamespace)", () => {
  const multi = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg3\n  namespace: shop\n";
  const MISMATCH = "the namespace from the provided object \"shop\" does not match the namespace \"other\". You must pass '--namespace=shop' to perform this operation.\n";

  test.each(["apply", "create"])("%s: the other objects are still made, each refusal on its own line", (verb) => {
    const s = last(`kubectl create ns other\nkubectl ${verb} -f m.yaml -n other`, { "m.yaml": multi });
    expect(s).toMatchObject({ exitCode: 1, stdout: "namespace/shop created\nconfigmap/cfg2 created\n", stderr: MISMATCH + MISMATCH });
  });

  test("one refusal alone is an error: line", () => {
    const s = last("kubectl create ns other\nkubectl apply -f m.yaml -n other", { "m.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n" });
    expect(s).toMatchObject({ exitCode: 1, stdout: "", stderr: "error: " + MISMATCH });
  });

  test("delete: refusals too, and the cluster-scope warning once -n is given", () => {
    const s = last("kubectl create ns other\nkubectl delete -f m.yaml -n other --dry-run=client", { "m.yaml": multi });
    expect(s).toMatchObject({
      exitCode: 1,
      stdout: 'namespace "shop" deleted (dry run)\nconfigmap "cfg2" deleted (dry run)\n',
      stderr: "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n" + MISMATCH + MISMATCH,
    });
    const ns = last("kubectl create ns dev\nkubectl delete ns dev -n default");
    expect(ns).toMatchObject({ exitCode: 0, stdout: 'namespace "dev" deleted\n', stderr: "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n" });
  });
});

test("replace -f with an explicit -n: the refused objects alone, the others replaced", () => {
  const multi = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg2\n";
  const s = last("kubectl create ns other\nkubectl create cm cfg2 -n other\nkubectl replace -f m.yaml -n other", { "m.yaml": multi });
  expect(s).toMatchObject({
    exitCode: 1,
    stdout: "configmap/cfg2 replaced\n",
    stderr: "error: the namespace from the provided object \"shop\" does not match the namespace \"other\". You must pass '--namespace=shop' to perform this operation.\n",
  });
});

describe("kubectl expose: --session-affinity, --load-balancer-ip, --overrides", () => {
  test("they reach the Service", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx --port=80",
      "kubectl expose deployment web --port=80 --session-affinity=ClientIP --type=LoadBalancer --load-balancer-ip=1.2.3.4 --overrides='{\"metadata\":{\"annotations\":{\"a\":\"b\"}}}'",
      "kubectl get svc web -o jsonpath='{.spec.sessionAffinity} {.spec.loadBalancerIP} {.metadata.annotations.a}'",
      "kubectl expose deployment web --port=80 --name=x --session-affinity=Foo",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("service/web exposed\n");
    expect(steps[2]!.stdout).toBe("ClientIP 1.2.3.4 b");
    expect(steps[3]!.stderr).toBe("error: unknown session affinity: Foo\n");
  });

  it.skipIf(!hasKubectl)("agrees with the real kubectl 1.30 (through the stub API server)", async () => {
    const { agreeWithKubectl } = await import("./exercise-helpers");
    await agreeWithKubectl("kubectl create deployment web --image=nginx --port=80 --replicas=2", [
      ["expose", "deployment", "web", "--port=80", "--session-affinity=ClientIP", "--cluster-ip=None", "--dry-run=client", "-o", "yaml"],
      ["expose", "deployment", "web", "--port=abc", "--session-affinity=Foo", "--dry-run=client", "-o", "yaml"],
      ["expose", "deployment", "web", "--port=80", "--load-balancer-ip=1.2.3.4", "--type=LoadBalancer", "--dry-run=client", "-o", "yaml"],
      ["expose", "deployment", "web", "--port=80", '--overrides={"spec":{"type":"NodePort"}}', "--dry-run=client", "-o", "yaml"],
    ]);
  }, 120_000);
});

describe("kubectl run: what the real 1.30 generator and checks do", () => {
  test("an image that is no reference is refused before anything else", () => {
    expect(last("kubectl run p --image=Nginx:Latest")).toMatchObject({ exitCode: 1, stderr: 'error: Invalid image name "Nginx:Latest": invalid reference format\n' });
  });

  test("--privileged, an empty --env value (omitted), -n in the printed object, the annotations message", () => {
    const steps = run([
      "kubectl create ns other",
      "kubectl run p --image=nginx --privileged --env=B= -n other --dry-run=client -o yaml",
      "kubectl run p --image=nginx --annotations=bad --dry-run=client -o yaml",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe([
      "apiVersion: v1", "kind: Pod", "metadata:", "  creationTimestamp: null", "  labels:", "    run: p", "  name: p", "  namespace: other", "spec:",
      "  containers:", "  - env:", "    - name: B", "    image: nginx", "    name: p", "    resources: {}", "    securityContext:", "      privileged: true",
      "  dnsPolicy: ClusterFirst", "  restartPolicy: Always", "status: {}", "",
    ].join("\n"));
    expect(steps[2]!.stderr).toBe("error: invalid annotations format: bad\n");
  });

  it.skipIf(!hasKubectl)("agrees with the real kubectl 1.30 (through the stub API server)", async () => {
    const { agreeWithKubectl } = await import("./exercise-helpers");
    await agreeWithKubectl("kubectl create ns other\nkubectl create deployment web --image=nginx --port=80", [
      ["run", "p", "--image=nginx", "--privileged", "--env=A=1", "--env=B=", "--dry-run=client", "-o", "yaml"],
      ["run", "p", "--image=nginx", "--port=80", "--expose", "-n", "other", "--dry-run=client", "-o", "yaml"],
      ["run", "p", "--image=Nginx:Latest", "--dry-run=client", "-o", "yaml"],
      ["run", "p", "--image=nginx", "--annotations=bad", "--dry-run=client", "-o", "yaml"],
      ["expose", "deployment", "web", "--port=80", "-n", "default", "--dry-run=client", "-o", "yaml"],
    ]);
  }, 120_000);
});

describe("kubectl label / annotate -o (the printer was ignored)", () => {
  test("-o name, -o jsonpath, and a server dry run that validates", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx",
      "kubectl label deployment web tier=fe -o name",
      "kubectl annotate deployment web a=b --dry-run=client -o jsonpath='{.metadata.annotations.a}'",
      "kubectl label deployment web 'bad key=x' --dry-run=server",
      "kubectl get deploy web -o jsonpath='{.metadata.labels}'",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("deployment.apps/web\n");
    expect(steps[2]!.stdout).toBe("b");
    expect(steps[3]!.exitCode).toBe(1);
    expect(steps[3]!.stderr).toMatch(/^The Deployment "web" is invalid: metadata.labels: Invalid value: "bad key"/);
    expect(steps[4]!.stdout).toBe('{"app":"web","tier":"fe"}');
  });

  it.skipIf(!hasKubectl)("agrees with the real kubectl 1.30 (through the stub API server)", async () => {
    const { agreeWithKubectl } = await import("./exercise-helpers");
    await agreeWithKubectl("kubectl create deployment web --image=nginx --replicas=2", [
      ["label", "deployment/web", "tier=fe", "--dry-run=client", "-o", "yaml"],
      ["label", "pods", "--all", "x=y", "--dry-run=client", "-o", "yaml"],
      ["annotate", "deployment/web", "a=b", "--dry-run=client", "-o", "json"],
      ["label", "deployment/web", "tier-", "--dry-run=client", "-o", "name"],
    ]);
  }, 120_000);
});

test("set env --from: a key renamed into an env name is reported on stderr", () => {
  const s = last("kubectl create deployment web --image=nginx\nkubectl create cm cfg --from-literal=MODE=prod --from-literal=log.level=debug\nkubectl set env deployment/web --from=configmap/cfg");
  expect(s).toMatchObject({ exitCode: 0, stdout: "deployment.apps/web env updated\n", stderr: "Warning: key log.level transferred to LOG_LEVEL\n" });
});

test("describe: a long or multi-line annotation prints under its key, indented, cut at 138 characters", () => {
  const long = "x".repeat(150);
  const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    note: "one\\ntwo"\n    big: "${long}"\n    short: ok\n`;
  const s = last("kubectl apply -f c.yaml\nkubectl describe cm c", { "c.yaml": yaml });
  expect(s.stdout).toContain(`Annotations:  big:\n                ${"x".repeat(138)}...\n              note:\n                one\n                two\n              short: ok\n`);
});
