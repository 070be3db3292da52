// Fidelity fixes (issue 4): -f naming no objects, `kubectl run --overrides`, `kubectl taint`
// continuing on error, kubeconfig contexts. Expected text is what kubectl 1.30 prints.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "kfix" }).run(script, { allowSim: true });
}

type Case = { name: string; script: string; exitCode?: number; stdout?: string; stderr?: string };

function table(cases: Case[]) {
  for (const c of cases) {
    test(c.name, () => {
      const steps = run(c.script);
      const last = steps[steps.length - 1]!;
      if (c.exitCode !== undefined) expect(last.exitCode).toBe(c.exitCode);
      if (c.stdout !== undefined) expect(last.stdout).toBe(c.stdout);
      if (c.stderr !== undefined) expect(last.stderr).toBe(c.stderr);
    });
  }
}

const EMPTY_DIR = "error: error reading [/]: recognized file extensions are [.json .yaml .yml]\n";

describe("-f naming no objects", () => {
  table([
    { name: "rollout status -f / (no manifests)", script: "kubectl rollout status -f /", exitCode: 1, stderr: EMPTY_DIR },
    { name: "rollout history -f /", script: "kubectl rollout history -f /", exitCode: 1, stderr: EMPTY_DIR },
    { name: "rollout undo -f /", script: "kubectl rollout undo -f /", exitCode: 1, stderr: EMPTY_DIR },
    { name: "rollout status on an empty file", script: "touch e.yaml\nkubectl rollout status -f e.yaml", exitCode: 0, stdout: "", stderr: "No resources found in default namespace.\n" },
    { name: "rollout status -n on an empty file", script: "touch e.yaml\nkubectl rollout status -n foo -f e.yaml", exitCode: 0, stderr: "No resources found in foo namespace.\n" },
    { name: "rollout history on an empty file", script: "touch e.yaml\nkubectl rollout history -f e.yaml", exitCode: 0, stdout: "", stderr: "" },
    { name: "rollout undo on an empty file", script: "touch e.yaml\nkubectl rollout undo -f e.yaml", exitCode: 0, stdout: "", stderr: "" },
    { name: "rollout restart on an empty file", script: "touch e.yaml\nkubectl rollout restart -f e.yaml", exitCode: 0, stderr: "No resources found in default namespace.\n" },
    { name: "get on an empty file", script: "touch e.yaml\nkubectl get -f e.yaml", exitCode: 0, stdout: "", stderr: "No resources found in default namespace.\n" },
    { name: "delete on an empty file", script: "touch e.yaml\nkubectl delete -f e.yaml", exitCode: 0, stdout: "No resources found\n", stderr: "" },
    { name: "delete -l matching nothing prints on stdout", script: "kubectl delete pods -l app=nope", exitCode: 0, stdout: "No resources found\n", stderr: "" },
    { name: "scale on an empty file", script: "touch e.yaml\nkubectl scale -f e.yaml --replicas=2", exitCode: 1, stderr: "error: no objects passed to scale\n" },
    { name: "wait on an empty file", script: "touch e.yaml\nkubectl wait -f e.yaml --for=delete", exitCode: 0, stdout: "", stderr: "" },
  ]);
  test("get -f and rollout status -f on a saved manifest", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl get deploy web -o yaml > w.yaml\nkubectl get -f w.yaml\nkubectl rollout status -f w.yaml\nkubectl delete deploy web\nkubectl get -f w.yaml");
    expect(steps[2]!.stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +1\/1 +1 +1 +0s\n$/);
    expect(steps[3]!.stdout).toBe('deployment "web" successfully rolled out\n');
    expect(steps[5]).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): deployments.apps "web" not found\n' });
  });
});

describe("kubectl run --overrides", () => {
  const cluster = "sim node add node02\nkubectl label node node02 cache=true\n";
  test("merge override adds a nodeSelector", () => {
    const steps = run(cluster + `kubectl run cache-client --image=busybox:1.36 --overrides='{"apiVersion":"v1","spec":{"nodeSelector":{"cache":"true"}}}' -- sleep 3600\nkubectl get pod cache-client -o jsonpath='{.spec.nodeSelector.cache} {.spec.nodeName} {.status.phase}'`);
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "pod/cache-client created\n" });
    expect(steps[3]!.stdout).toBe("true node02 Running");
  });
  test("strategic override merges containers by name", () => {
    const steps = run(`kubectl run s --image=busybox:1.36 --override-type=strategic --overrides='{"apiVersion":"v1","spec":{"containers":[{"name":"s","resources":{"limits":{"cpu":"100m"}}}]}}' --dry-run=client -o jsonpath='{.spec.containers[0].image} {.spec.containers[0].resources.limits.cpu}' -- sleep 1`);
    expect(steps[0]!.stdout).toBe("busybox:1.36 100m");
  });
  test("json override", () => {
    const steps = run(`kubectl run j --image=nginx --override-type=json --overrides='[{"op":"add","path":"/spec/hostname","value":"h"}]' --dry-run=client -o jsonpath='{.spec.hostname}'`);
    expect(steps[0]!.stdout).toBe("h");
  });
  test("malformed merge override", () => {
    expect(run(`kubectl run m --image=nginx --overrides='{bad'`)[0]).toMatchObject({ exitCode: 1, stderr: "error: Invalid JSON Patch\n" });
  });
});

describe("kubectl taint continues on error", () => {
  const setup = "sim node add node01\nsim node add node02\nkubectl taint nodes node01 maintenance=true:NoSchedule\nkubectl taint nodes node02 maintenance=true:NoSchedule\n";
  test("--all KEY- untaints the nodes that have it, reports the others", () => {
    const steps = run(setup + "kubectl taint nodes node01 node02 manager1 maintenance-\nkubectl get nodes node01 node02 -o jsonpath='{.items[*].spec.taints}'");
    expect(steps[4]).toMatchObject({ exitCode: 1, stdout: "node/node01 untainted\nnode/node02 untainted\n", stderr: 'error: taint "maintenance" not found\n' });
    expect(steps[5]!.stdout).toBe("");
  });
  test("several failing nodes print one error a line without the prefix", () => {
    const steps = run(setup + "kubectl taint nodes --all maintenance-");
    const last = steps[steps.length - 1]!;
    expect(last.exitCode).toBe(1);
    expect(last.stdout).toBe("node/node01 untainted\nnode/node02 untainted\n");
    expect(last.stderr).toMatch(/^(taint "maintenance" not found\n){2,}$/);
  });
  test("a missing node among named ones", () => {
    const steps = run(setup + "kubectl taint nodes node01 node99 a=b:NoSchedule");
    expect(steps[4]).toMatchObject({ exitCode: 1, stdout: "node/node01 tainted\n", stderr: 'Error from server (NotFound): nodes "node99" not found\n' });
  });
});

describe("kubeconfig contexts", () => {
  const HEADER = "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n";
  table([
    { name: "get-contexts", script: "kubectl config get-contexts", stdout: HEADER + "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n" },
    { name: "set-context --current --namespace", script: "kubectl config set-context --current --namespace=dev", stdout: 'Context "kubernetes-admin@kubernetes" modified.\n' },
    { name: "get-contexts shows the namespace", script: "kubectl config set-context --current --namespace=dev\nkubectl config get-contexts", stdout: HEADER + "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev\n" },
    { name: "new context", script: "kubectl config set-context dev-ctx --cluster=kubernetes --user=kubernetes-admin --namespace=prod", stdout: 'Context "dev-ctx" created.\n' },
    { name: "get-contexts -o name", script: "kubectl config set-context dev-ctx --cluster=kubernetes\nkubectl config get-contexts -o name", stdout: "dev-ctx\nkubernetes-admin@kubernetes\n" },
    { name: "get-contexts of a missing one", script: "kubectl config get-contexts nope", exitCode: 1, stdout: "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n", stderr: "error: context nope not found\n" },
    { name: "get-contexts -o wide", script: "kubectl config get-contexts -o wide", exitCode: 1, stderr: "error: --output wide is not available in kubectl config get-contexts; resetting to default output format\n" },
    { name: "set-context without a name", script: "kubectl config set-context", exitCode: 1, stderr: "error: you must specify a non-empty context name or --current\n" },
    { name: "set-context with a name and --current", script: "kubectl config set-context --current x", exitCode: 1, stderr: "error: you cannot specify both a context name and --current\n" },
    { name: "use-context", script: "kubectl config set-context dev-ctx --cluster=kubernetes --user=kubernetes-admin\nkubectl config use-context dev-ctx\nkubectl config current-context", stdout: "dev-ctx\n" },
    { name: "use alias", script: "kubectl config set-context dev-ctx\nkubectl config use dev-ctx", stdout: 'Switched to context "dev-ctx".\n' },
    { name: "use-context missing", script: "kubectl config use-context nope", exitCode: 1, stderr: 'error: no context exists with the name: "nope"\n' },
    { name: "context without the cluster reaches no server", script: "kubectl config set-context foo\nkubectl config use-context foo\nkubectl get pods", exitCode: 1, stderr: "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n" },
    { name: "view --minify namespace", script: "kubectl config set-context --current --namespace=dev\nkubectl config view --minify -o jsonpath='{..namespace}'", stdout: "dev" },
    { name: "minify with a missing cluster", script: "kubectl config set-context bar --cluster=other\nkubectl config use-context bar\nkubectl config view --minify", exitCode: 1, stderr: "error: cannot locate cluster other\n" },
    { name: "empty --namespace= clears it", script: "kubectl config set-context --current --namespace=dev\nkubectl config set-context --current --namespace=\nkubectl config view --minify -o jsonpath='{..namespace}'", stdout: "" },
  ]);
  test("the context namespace defaults every namespaced command", () => {
    const steps = run("kubectl create namespace dev\nkubectl config set-context --current --namespace=dev\nkubectl create deployment web --image=nginx\nkubectl get deploy web -o jsonpath='{.metadata.namespace}'\nkubectl get deploy -n default\nkubectl get pods -o name\nkubectl scale deploy web --replicas=2");
    expect(steps[3]!.stdout).toBe("dev");
    expect(steps[4]!.stderr).toBe("No resources found in default namespace.\n");
    expect(steps[5]!.stdout).toMatch(/^pod\/web-/);
    expect(steps[6]!.stdout).toBe("deployment.apps/web scaled\n");
  });
  test("the context namespace is not enforced on manifests that name another", () => {
    const steps = run("kubectl create namespace dev\nkubectl create namespace prod\nkubectl config set-context --current --namespace=dev\ncat <<'EOF' | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: prod }\nEOF\nkubectl get cm c -n prod -o name\nkubectl apply -n dev -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: prod }\nEOF");
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: "configmap/c created\n" });
    expect(steps[4]!.stdout).toBe("configmap/c\n");
    expect(steps[5]!.stderr).toContain('the namespace from the provided object "prod" does not match the namespace "dev"');
  });
  test("state snapshot", () => {
    const s = new Session({ seed: "kfix" });
    s.run("kubectl config set-context --current --namespace=dev", { allowSim: true });
    expect(s.world.snapshot().kubeconfig).toEqual({ manager1: { currentContext: "kubernetes-admin@kubernetes", contexts: [{ name: "kubernetes-admin@kubernetes", cluster: "kubernetes", user: "kubernetes-admin", namespace: "dev" }] } });
  });
});
