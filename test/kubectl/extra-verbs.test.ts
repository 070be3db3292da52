// kubectl patch, set env|resources|selector, exec, create ingress, replace, edit, explain and
// config view replayed through the simulator (table-driven: the last command's output and exit
// code), plus oracle cases for what the real client decides offline (create ingress).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { applyJsonPatch } from "../../src/sim/k8s/kubectl/json-patch";
import { jsonMergePatch, strategicMergePatch } from "../../src/sim/k8s/kubectl/strategic-merge";

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
`;

const FILES: Record<string, string> = {
  "deploy.yaml": DEPLOY,
  "deploy3.yaml": DEPLOY.replace("replicas: 2", "replicas: 3"),
  "bad.yaml": DEPLOY.replace("labels: {app: web}\n    spec", "labels: {app: api}\n    spec"),
  "patch.yaml": "spec:\n  replicas: 4\n",
  "pending.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  nodeSelector: {zone: nowhere}\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, '3600']\n",
};

const WEB = "kubectl apply -f deploy.yaml\n";

interface Case {
  name: string;
  script: string;
  exit?: number;
  stdout?: string;
  stderr?: string;
  contains?: string[];
}

const CASES: Case[] = [
  // patch
  { name: "patch strategic", script: WEB + `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`, stdout: "deployment.apps/web patched\n" },
  { name: "patch no change", script: WEB + `kubectl patch deploy web -p '{"spec":{"replicas":2}}'`, stdout: "deployment.apps/web patched (no change)\n" },
  { name: "patch merges containers by name", script: WEB + `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].image} {.spec.template.spec.containers[0].ports[0].containerPort} {.metadata.generation}'`, stdout: "nginx:1.26 80 2" },
  { name: "patch new container comes first", script: WEB + `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"log","image":"busybox"}]}}}}'\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].name}'`, stdout: "log nginx" },
  { name: "patch merge type replaces lists", script: WEB + `kubectl patch deploy web --type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].ports}'`, stdout: "" },
  { name: "patch json replace", script: WEB + `kubectl patch deploy web --type=json -p='[{"op":"replace","path":"/spec/replicas","value":5}]'\nkubectl get deploy web -o jsonpath='{.spec.replicas}'`, stdout: "5" },
  { name: "patch json missing path", script: WEB + `kubectl patch deploy web --type=json -p='[{"op":"replace","path":"/spec/nope/x","value":5}]'`, exit: 1, stderr: "The request is invalid: the server rejected our request due to an error in our request\n" },
  { name: "patch json not a list", script: WEB + `kubectl patch deploy web --type=json -p='{"op":"add"}'`, exit: 1, stderr: "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n" },
  { name: "patch bad type", script: WEB + `kubectl patch deploy web --type=foo -p '{}'`, exit: 1, stderr: 'error: --type must be one of [json merge strategic], not "foo"\n' },
  { name: "patch without patch", script: WEB + "kubectl patch deploy web", exit: 1, stderr: "error: must specify --patch or --patch-file containing the contents of the patch\n" },
  { name: "patch not found", script: `kubectl patch deploy nope -p '{"spec":{}}'`, exit: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  { name: "patch invalid result", script: WEB + `kubectl patch deploy web -p '{"spec":{"template":{"metadata":{"labels":{"app":"x"}}}}}'`, exit: 1, contains: ['The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'] },
  { name: "patch strategy zero", script: WEB + `kubectl patch deploy web -p '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}}}}'`, exit: 1, contains: ["may not be 0 when `maxSurge` is 0"] },
  { name: "patch recreate null", script: WEB + `kubectl patch deploy web -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}'\nkubectl get deploy web -o jsonpath='{.spec.strategy}'`, stdout: '{"type":"Recreate"}' },
  { name: "patch file", script: WEB + "kubectl patch deploy web --patch-file patch.yaml\nkubectl get deploy web -o jsonpath='{.spec.replicas}'", stdout: "4" },
  { name: "patch yaml patch", script: WEB + "kubectl patch deploy web -p 'spec: {replicas: 1}' -o name", stdout: "deployment.apps/web\n" },
  { name: "patch dry run", script: WEB + `kubectl patch deploy web -p '{"spec":{"replicas":3}}' --dry-run=server`, stdout: "deployment.apps/web patched\n" },
  { name: "patch service ports by port", script: "kubectl create service clusterip api --tcp=80:8080\n" + `kubectl patch svc api -p '{"spec":{"ports":[{"port":80,"targetPort":9090}]}}'\nkubectl get svc api -o jsonpath='{.spec.ports[*].targetPort} {.spec.ports[0].name}'`, stdout: "9090 80-8080" },
  { name: "patch unknown field warns", script: WEB + `kubectl patch deploy web -p '{"spec":{"foo":1}}'`, stdout: "deployment.apps/web patched (no change)\n", stderr: 'Warning: unknown field "spec.foo"\n' },
  { name: "patch node", script: `kubectl patch node worker1 -p '{"spec":{"unschedulable":true}}'\nkubectl get node worker1 -o jsonpath='{.spec.unschedulable}'`, stdout: "true" },
  { name: "patch pod forbidden field", script: `kubectl run p --image=nginx\nkubectl patch pod p -p '{"spec":{"containers":[{"name":"p","ports":[{"containerPort":81}]}]}}'`, exit: 1, contains: ['The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than'] },
  // set env
  { name: "set env", script: WEB + "kubectl set env deployment/web MODE=prod", stdout: "deployment.apps/web env updated\n" },
  { name: "set env unchanged prints nothing", script: WEB + "kubectl set env deployment/web MODE=prod\nkubectl set env deploy web MODE=prod", stdout: "" },
  { name: "set env list", script: WEB + "kubectl create configmap cfg --from-literal=log.level=debug\nkubectl set env deploy/web A=1 --from=configmap/cfg\nkubectl set env deploy/web B=2 A-\nkubectl set env deploy/web --list", stdout: "# Deployment web, container nginx\n# LOG_LEVEL from configmap cfg, key log.level\nB=2\n" },
  { name: "set env from secret with prefix and keys", script: WEB + "kubectl create secret generic db --from-literal=user=u --from-literal=pass=p\nkubectl set env deploy/web --from=secret/db --prefix=DB_ --keys=user\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].env[0]}'", stdout: '{"name":"DB_USER","valueFrom":{"secretKeyRef":{"key":"user","name":"db"}}}' },
  { name: "set env bad name", script: WEB + "kubectl set env deploy/web 1A=x", exit: 1, contains: ['error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters'] },
  { name: "set env no resource", script: "kubectl set env A=1", exit: 1, stderr: "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n" },
  { name: "set env resources after env", script: WEB + "kubectl set env A=1 deploy/web", exit: 1, stderr: "error: all resources must be specified before environment changes: A=1 deploy/web\n" },
  { name: "set env missing configmap", script: WEB + "kubectl set env deploy/web --from=configmap/nope", exit: 1, stderr: 'Error from server (NotFound): configmaps "nope" not found\n' },
  { name: "set env no container", script: WEB + "kubectl set env deploy/web -c nope A=1", stderr: 'warning: Deployment/web does not have any containers matching "nope"\n' },
  // set resources
  { name: "set resources", script: WEB + "kubectl set resources deployment/web -c nginx --limits=cpu=0.5,memory=256Mi --requests=cpu=100m", stdout: "deployment.apps/web resource requirements updated\n" },
  { name: "set resources canonical", script: WEB + "kubectl set resources deploy web --limits=cpu=0.5,memory=1024Mi\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources.limits}'", stdout: '{"cpu":"500m","memory":"1Gi"}' },
  { name: "set resources nothing", script: WEB + "kubectl set resources deploy web", exit: 1, stderr: "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n" },
  { name: "set resources bad quantity", script: WEB + "kubectl set resources deploy web --limits=memory=256MB", exit: 1, stderr: "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n" },
  { name: "set resources bad syntax", script: WEB + "kubectl set resources deploy web --limits=memory", exit: 1, stderr: "error: Invalid argument syntax memory, expected <resource>=<value>\n" },
  { name: "set resources requests over limits", script: WEB + "kubectl set resources deploy web --limits=cpu=100m --requests=cpu=1", exit: 1, stderr: 'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 100m\n' },
  { name: "set resources unknown container", script: WEB + "kubectl set resources deploy web -c nope --limits=cpu=1", exit: 1, stderr: "error: unable to find container named nope\n" },
  // set selector
  { name: "set selector", script: "kubectl create service clusterip api --tcp=80\nkubectl set selector service api app=api,tier=backend\nkubectl get svc api -o jsonpath='{.spec.selector}'", stdout: '{"app":"api","tier":"backend"}' },
  { name: "set selector output", script: "kubectl create service clusterip api --tcp=80\nkubectl set selector svc/api app=x", stdout: "service/api selector updated\n" },
  // set serviceaccount, create serviceaccount
  { name: "create serviceaccount", script: "kubectl create sa builder", stdout: "serviceaccount/builder created\n" },
  { name: "create serviceaccount twice", script: "kubectl create sa builder\nkubectl create serviceaccount builder", exit: 1, stderr: 'error: failed to create serviceaccount: serviceaccounts "builder" already exists\n' },
  { name: "set serviceaccount", script: WEB + "kubectl create sa builder\nkubectl set sa deploy web builder\nkubectl get deploy web -o jsonpath='{.spec.template.spec.serviceAccountName}'", stdout: "builder" },
  { name: "set serviceaccount output", script: WEB + "kubectl set serviceaccount deployment/web builder", stdout: "deployment.apps/web serviceaccount updated\n" },
  // exec
  { name: "exec printenv", script: WEB + "kubectl set env deploy/web MODE=prod\nkubectl exec deploy/web -- printenv MODE", stdout: "prod\n" },
  { name: "exec remote exit code", script: WEB + "kubectl exec deploy/web -- printenv NOPE", exit: 1, stdout: "", stderr: "command terminated with exit code 1\n" },
  { name: "exec cat", script: WEB + "kubectl exec deploy/web -- cat /nope", exit: 1, stderr: "cat: /nope: No such file or directory\ncommand terminated with exit code 1\n" },
  { name: "exec sh -c", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- sh -c 'echo $((1+2)) > /tmp/x; cat /tmp/x'", stdout: "3\n" },
  { name: "exec wget through a service", script: WEB + "kubectl expose deploy web --port=80\nkubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- wget -qO- -T 2 http://web.default.svc.cluster.local", contains: ["<title>Welcome to nginx!</title>"] },
  { name: "exec wget unknown host", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- wget -qO- http://nope", exit: 1, stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n" },
  { name: "exec service without endpoints", script: "kubectl create service clusterip api --tcp=80\nkubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- wget -qO- http://api", exit: 1, contains: ["Connection refused"] },
  // containerd: the exec never starts, the API server answers 500 (kubectl prints it, exit 1).
  { name: "exec missing binary", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -- bash", exit: 1, contains: ['error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "', '": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n'] },
  { name: "exec no command", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c", exit: 1, stderr: "error: you must specify at least one command for the container\n" },
  { name: "exec deprecated form", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c echo hi", stdout: "hi\n", stderr: "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n" },
  { name: "exec pod not found", script: "kubectl exec nope -- ls", exit: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  { name: "exec bad container", script: "kubectl run c --image=busybox:1.36 -- sleep 3600\nkubectl exec c -c x -- ls", exit: 1, stderr: "Error from server (BadRequest): container x is not valid for pod c\n" },
  { name: "exec pending pod", script: "kubectl apply -f pending.yaml\nkubectl exec c -- ls", exit: 1, contains: ["does not have a host assigned"] },
  // create ingress
  { name: "create ingress", script: 'kubectl create ingress web --rule="shop.example.com/api*=api:8080" --class=nginx', stdout: "ingress.networking.k8s.io/web created\n" },
  { name: "create ingress bad rule", script: 'kubectl create ingress web --rule="shop.example.com=api:8080"', exit: 1, stderr: "error: rule shop.example.com=api:8080 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n" },
  // replace
  { name: "replace", script: WEB + "kubectl replace -f deploy3.yaml\nkubectl get deploy web -o jsonpath='{.spec.replicas}'", stdout: "3" },
  { name: "replace output", script: WEB + "kubectl replace -f deploy3.yaml", stdout: "deployment.apps/web replaced\n" },
  { name: "replace missing", script: "kubectl replace -f deploy.yaml", exit: 1, stderr: 'Error from server (NotFound): error when replacing "deploy.yaml": deployments.apps "web" not found\n' },
  { name: "replace force", script: WEB + "kubectl replace --force -f deploy3.yaml", stdout: 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n' },
  { name: "replace invalid", script: WEB + "kubectl replace -f bad.yaml", exit: 1, contains: ['The Deployment "web" is invalid'] },
  { name: "replace without -f", script: "kubectl replace", exit: 1, stderr: "error: must specify one of -f and -k\n" },
  // edit, explain, config
  { name: "edit has no editor", script: WEB + "kubectl edit deploy web", exit: 1, contains: ['error: unable to launch the editor "vi"'] },
  { name: "edit not found", script: "kubectl edit deploy nope", exit: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  { name: "explain unknown type", script: "kubectl explain foo", exit: 1, stderr: 'error: the server doesn\'t have a resource type "foo"\n' },
  { name: "config view", script: "kubectl config view -o jsonpath='{.current-context} {.clusters[0].cluster.server}'", stdout: "kubernetes-admin@kubernetes https://10.0.0.11:6443" },
  { name: "config view redacts", script: "kubectl config view", contains: ["certificate-authority-data: DATA+OMITTED\n", "current-context: kubernetes-admin@kubernetes\n"] },
];

describe("kubectl extra verbs", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const s = new Session({ seed: `extra:${c.name}`, files: FILES });
    const steps = s.run(c.script, { allowSim: true });
    const last = steps[steps.length - 1]!;
    const where = `${c.script}\n--- stdout:\n${last.stdout}--- stderr:\n${last.stderr}`;
    expect(last.exitCode, where).toBe(c.exit ?? 0);
    if (c.stdout !== undefined) expect(last.stdout, where).toBe(c.stdout);
    if (c.stderr !== undefined) expect(last.stderr, where).toBe(c.stderr);
    for (const frag of c.contains ?? []) expect(last.stdout + last.stderr, where).toContain(frag);
  });

  test("patch bumps generation and rolls out", () => {
    const s = new Session({ seed: "extra:rollout", files: FILES });
    s.run(WEB + `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`, { allowSim: true });
    const steps = s.run("sleep 40\nkubectl get pods -o jsonpath='{.items[*].spec.containers[0].image}'\nkubectl get rs -o name", { allowSim: true });
    expect(steps[1]!.stdout).toBe("nginx:1.26 nginx:1.26");
    expect(steps[2]!.stdout.trim().split("\n")).toHaveLength(2);
  });
});

describe("patch algorithms", () => {
  test("strategic merge: env by name, volumeMounts by mountPath, $patch delete, null", () => {
    const orig = { kind: "Pod", spec: { containers: [{ name: "a", env: [{ name: "X", value: "1" }, { name: "Y", value: "2" }], volumeMounts: [{ name: "v", mountPath: "/d" }] }], tolerations: [{ key: "k" }] } };
    const patched = strategicMergePatch(orig, { spec: { containers: [{ name: "a", env: [{ name: "Y", value: "3" }, { name: "X", $patch: "delete" }], volumeMounts: [{ name: "w", mountPath: "/d" }] }], tolerations: [{ key: "j" }], nodeName: null } }, "Pod");
    expect(patched).toEqual({ kind: "Pod", spec: { containers: [{ name: "a", env: [{ name: "Y", value: "3" }], volumeMounts: [{ name: "w", mountPath: "/d" }] }], tolerations: [{ key: "j" }] } });
  });
  test("strategic merge: missing merge key", () => {
    expect(() => strategicMergePatch({ kind: "Pod", spec: { containers: [{ name: "a" }] } }, { spec: { containers: [{ image: "x" }] } }, "Pod")).toThrow("map: map[image:x] does not contain declared merge key: name");
  });
  test("json merge patch (RFC 7386)", () => {
    expect(jsonMergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } })).toEqual({ a: "z", c: { d: "e" } });
  });
  test("json patch add/remove/move/copy/test", () => {
    const doc = { a: [1, 2], b: { c: 1 } };
    expect(applyJsonPatch(doc, [{ op: "add", path: "/a/-", value: 3 }, { op: "remove", path: "/a/0" }, { op: "copy", from: "/b/c", path: "/d" }, { op: "move", from: "/b", path: "/e" }, { op: "test", path: "/d", value: 1 }])).toEqual({ a: [2, 3], d: 1, e: { c: 1 } });
    expect(() => applyJsonPatch(doc, [{ op: "test", path: "/b/c", value: 2 }])).toThrow();
  });
});

const ORACLE = process.env.KUBECTL ?? (existsSync("/usr/lib/google-cloud-sdk/bin/kubectl.1.30") ? "/usr/lib/google-cloud-sdk/bin/kubectl.1.30" : "kubectl");
function hasKubectl(): boolean {
  try {
    execFileSync(ORACLE, ["version", "--client"], { stdio: "ignore", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    return true;
  } catch {
    return false;
  }
}

const ORACLE_CASES: string[][] = [
  ["create", "ingress", "web", "--rule=foo.com/bar*=svc1:8080,tls=my-cert", "--rule=bar.com/=svc2:http", "--class=nginx", "--annotation=a=b", "--default-backend=def:80", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=/path=svc:80", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=foo.com/=svc:80,tls", "--dry-run=client", "-o", "json"],
  ["create", "ingress", "web", "--rule=a.com/p=svc:80,tls=s1", "--rule=a.com/q*=svc2:81,tls=s2", "--rule=b.com/=svc:80,tls=s1", "--dry-run=client", "-o", "json"],
  ["create", "ingress", "web", "--rule=/p=svc:80,tls=a", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=a.com/p=svc:80,tls=s1,b", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=a.com/p=svc:80xyz", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=a.com/=svc:80", "--dry-run=client"],
  ["create", "ingress", "web", "--rule=a.com/=svc:80", "--dry-run=client", "-o", "name"],
  ["create", "ingress", "web", "--rule=foo.com=svc:80", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--rule=foo.com/path=svc", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--default-backend=x", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "web", "--dry-run=client", "-o", "yaml"],
  ["create", "ingress", "--rule=/=a:80", "--dry-run=client"],
  ["create", "serviceaccount", "builder", "--dry-run=client", "-o", "yaml"],
  ["create", "sa", "builder", "--dry-run=client", "-o", "json"],
  ["create", "sa", "--dry-run=client"],
  ["patch", "deploy", "web", "--type=foo", "-p", "[]"],
  ["patch", "deploy", "web"],
  ["exec", "web"],
  ["replace"],
];

describe.skipIf(!hasKubectl())("kubectl extra verbs oracle (real client, offline)", () => {
  test.each(ORACLE_CASES.map((c) => [c.join(" "), c] as const))("kubectl %s", (_name, argv) => {
    const real = spawnSync(ORACLE, argv, { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    const s = new Session({ seed: "oracle", files: {} });
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const [step] = s.run(`kubectl ${quoted}`, { allowSim: true });
    expect(step!.stdout).toBe(real.stdout);
    expect(step!.stderr).toBe(real.stderr);
    expect(step!.exitCode).toBe(real.status);
  });
});
