// What students type in the Kubernetes modules (20–37), replayed and compared with kubectl 1.30:
// the verbs — scale, set image, rollout, label, taint, expose, run, logs — with their mistakes
// (a misspelled name among several, the wrong kind, a selector with names, a bad --port…). Each
// case pins the expected text; with a kubectl binary the same argv also runs through the stub
// API server, and both must print the same.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";
import { agreeWithKubectl } from "./exercise-helpers";

/** Verbs printing objects: scale and set image under -o and --dry-run, against kubectl through the stub API server. */
const PRINTING: string[][] = [
  // 1.30 prints the object as fetched, before the scale: -o yaml still shows the old replicas.
  ["scale", "deploy", "web", "--replicas=3", "--dry-run=client", "-o", "yaml"],
  ["scale", "deploy", "web", "--replicas=3", "--dry-run=client", "-o", "name"],
  ["scale", "deploy", "web", "--replicas=3", "--dry-run=client"],
  ["scale", "deploy/web", "deploy/api", "--replicas=3", "--dry-run=client", "-o", "yaml"],
  ["set", "image", "deploy/web", "nginx=nginx:1.26", "--dry-run=client", "-o", "yaml"],
  ["set", "image", "deploy/web", "*=nginx:1.26", "--dry-run=client", "-o", "name"],
  ["set", "image", "deploy/web", "nginx=nginx:1.26", "--dry-run=client"],
  ["set", "image", "deploy/web", "ngin=nginx:1.26", "--dry-run=client"],
];

describe("scale and set image print objects as kubectl 1.30 does", () => {
  const script = "kubectl create deployment web --image=nginx --replicas=2\nkubectl create deployment api --image=nginx:1.25";

  test("scale -o yaml prints the object before the scale; -o name has no verb", () => {
    const s = new Session({ seed: "walk" });
    s.run(script, { allowSim: true });
    const [yaml, name, line] = s.run("kubectl scale deploy web --replicas=3 --dry-run=client -o yaml\nkubectl scale deploy web --replicas=5 -o name\nkubectl get deploy web -o jsonpath='{.spec.replicas}'", { allowSim: true });
    expect(yaml!.stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(yaml!.stdout).toContain("\n  replicas: 2\n");
    expect(name!.stdout).toBe("deployment.apps/web\n");
    expect(line!.stdout).toBe("5");
  });

  test("set image --dry-run=client -o yaml prints the edited object and changes nothing", () => {
    const s = new Session({ seed: "walk" });
    s.run(script, { allowSim: true });
    const [yaml, image] = s.run("kubectl set image deploy/web nginx=nginx:1.26 --dry-run=client -o yaml\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'", { allowSim: true });
    expect(yaml!.stdout).toContain("      - image: nginx:1.26\n");
    expect(image!.stdout).toBe("nginx");
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", async () => {
    const { session } = replayNow(script);
    for (const args of PRINTING) {
      const r = await realKubectl(session, args);
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 120_000);
});

describe("rollout mistakes of module 24", () => {
  const script = "kubectl create deployment web --image=nginx:1.24 --replicas=2\nkubectl set image deploy/web nginx=nginx:1.25\nkubectl rollout pause deploy/web\nkubectl create deployment solo --image=nginx";
  /** [argv, exit, stderr] — errors decided before any write, so the read-only stub serves kubectl too. */
  const CASES: [string[], number, string][] = [
    [["rollout", "undo", "deploy/web"], 1, "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"],
    [["rollout", "undo", "deploy/web", "--to-revision=9"], 1, "error: unable to find specified revision 9 in history\n"],
    [["rollout", "undo", "deploy/web", "--to-revision=-1"], 1, "error: unable to find specified revision -1 in history\n"],
    [["rollout", "undo", "deploy/solo"], 1, 'error: no rollout history found for deployment "solo"\n'],
    [["rollout", "history", "deploy/web", "--revision=9"], 1, "error: unable to find the specified revision\n"],
    [["rollout", "status", "deploy/solo", "--revision=3"], 1, "error: desired revision (3) is different from the running revision (1)\n"],
    [["rollout", "status", "deploy/solo", "--revision=-1"], 1, "error: revision must be a positive integer: -1\n"],
    [["rollout", "pause", "deploy/web"], 1, 'error: deployments.apps "web" is already paused\n'],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(script, { allowSim: true });
    const [step] = s.run("kubectl " + args.join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stderr, step!.stdout]).toEqual([exit, stderr, ""]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", async () => {
    const { session } = replayNow(script);
    for (const [args] of CASES) {
      const r = await realKubectl(session, args);
      const [step] = session.run("kubectl " + args.join(" "), { allowSim: true });
      // The stub cannot stream watches; client-go's klog lines about it are not kubectl's output.
      const stderr = r.stderr.replace(/^[WEI]\d{4} .*\n/gm, "");
      expect({ args, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stderr, exit: r.status });
    }
  }, 120_000);

  test("a rollback replaces the annotations: the change-cause recorded since that revision is dropped", () => {
    const s = new Session({ seed: "walk" });
    const steps = s.run("kubectl create deployment web --image=nginx:1.24\nkubectl set image deploy web nginx=nginx:1.26 --record\nkubectl rollout undo deployment/web --to-revision=1\nkubectl rollout history deploy web", { allowSim: true });
    expect(steps[3]!.stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         kubectl set image deploy web nginx=nginx:1.26 --record=true\n3         <none>\n\n");
  });
});

describe("selectors with names (module 36)", () => {
  const setup = "kubectl run solo --image=nginx --labels=app=solo,tier=back\nkubectl create deployment web --image=nginx --replicas=2";
  // An unquoted set-based selector splits into names: `-l tier in (back)` is `-l tier` plus names.
  const CASES: string[][] = [
    ["get", "pods", "-l", "tier", "in", "(back)"],
    ["get", "pods", "solo", "-l", "app=solo"],
    ["describe", "pods", "solo", "-l", "app=solo"],
    ["delete", "pod", "solo", "-l", "app=solo"],
    ["label", "pod", "solo", "-l", "app=solo", "x=y"],
  ];

  test.each(CASES)("kubectl %s %s …", (...args) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step, after] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" ") + "\nkubectl get pod solo -o name", { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([1, "", "error: name cannot be provided when a selector is specified\n"]);
    expect(after!.stdout).toBe("pod/solo\n");
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", async () => {
    const { session } = replayNow(setup);
    for (const args of CASES) {
      const r = await realKubectl(session, args);
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 120_000);
});

describe("-o jsonpath mistakes", () => {
  const setup = "kubectl run solo --image=nginx --labels=app=solo";
  // jsonpath.Parse prints text outside {…} as it is; only --sort-by and wait --for relax it.
  const CASES: [string[], string][] = [
    [["get", "pods", "-o", "jsonpath=.items[*].metadata.name"], ".items[*].metadata.name"],
    [["get", "pod", "solo", "-o", "jsonpath=metadata.name"], "metadata.name"],
    [["get", "pod", "solo", "-o", "jsonpath=name: {.metadata.name}"], "name: solo"],
    [["get", "pod", "solo", "-o", "jsonpath={.metadata.labels.tier}"], ""],
  ];

  test.each(CASES)("kubectl %j", (args, stdout) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([0, stdout, ""]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", async () => {
    const { session } = replayNow(setup);
    for (const [args] of CASES) {
      const r = await realKubectl(session, args);
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: step!.stdout, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, exit: r.status });
    }
  }, 120_000);
});

describe("kubectl expose mistakes (modules 28–30)", () => {
  const setup = "kubectl create deployment web --image=nginx --replicas=2 --port=80\nkubectl create configmap x --from-literal=a=b";
  const CASES: [string[], number, string, string][] = [
    [["expose", "deployment/web", "--port=http"], 1, "", 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    [["expose", "cm", "x", "--port=80"], 1, "", "error: cannot expose a ConfigMap\n"],
    [["expose", "deploy", "web", "--port=80", "--selector=app", "--dry-run=client"], 1, "", "error: unexpected label spec: app\n"],
    [["expose", "deploy", "web", "--port=80", "--selector==x", "--dry-run=client"], 1, "", "error: unexpected empty label key\n"],
    [["expose", "deploy", "web", "--port=80", "--labels=a=b=c", "--dry-run=client"], 1, "", "error: unexpected label spec: a=b=c\n"],
    [["expose", "deploy", "web", "--port=80", "--selector=app=other", "--dry-run=client", "-o", "jsonpath={.spec.selector}"], 0, '{"app":"other"}', ""],
    [["expose", "deploy", "web", "--port=80,8080", "--dry-run=client", "-o", "jsonpath={.spec.ports[*].name}"], 0, "port-1 port-2", ""],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("label and taint mistakes (modules 35–36)", () => {
  const setup = "kubectl run solo --image=nginx --labels=app=solo,tier=back\nkubectl taint node worker1 team=blue:NoSchedule";
  const CASES: [string[], number, string, string][] = [
    [["label", "pod", "solo", "a=b", "a-"], 1, "", "error: can not both modify and remove a label in the same command\n"],
    [["annotate", "pod", "solo", "a=b", "a-", "c=d", "c-"], 1, "", "error: can not both modify and remove the following annotation(s) in the same command: a, c\n"],
    [["label", "pod", "solo", "a=b", "x"], 1, "", "error: all resources must be specified before label changes: x\n"],
    // "=x" is not a pair (GetResourcesAndPairs), so it is a resource name and no update is left.
    [["label", "pod", "solo", "=x"], 1, "", "error: at least one label update is required\n"],
    [["taint", "node", "worker1", "team=blue:NoSchedule"], 1, "", "error: node worker1 already has team taint(s) with same effect(s) and --overwrite is false\n"],
    [["taint", "node", "worker1", "team=red:NoSchedule", "--overwrite", "--dry-run=client"], 0, "node/worker1 modified\n", ""],
    [["taint", "node", "worker1", "team-", "--dry-run=client"], 0, "node/worker1 untainted\n", ""],
    [["taint", "node", "worker1", "a=b:NoExecute", "--dry-run=client", "-o", "name"], 0, "node/worker1\n", ""],
    [["taint", "node", "worker1", "a=b:NoExecute", "--dry-run=client", "-o", "jsonpath={.spec.taints[*].key}"], 0, "a team", ""],
    [["taint", "node", "worker1", "=x:NoSchedule"], 1, "", "error: invalid taint spec: =x:NoSchedule, name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n"],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk", cluster: { hosts: [{ name: "cp" }, { name: "worker1" }], kubernetes: { controlPlane: ["cp"], workers: ["worker1"] } } });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("scale on the wrong name or kind (modules 23–24)", () => {
  const setup = "kubectl create deployment web --image=nginx\nkubectl run solo --image=nginx";
  const CASES: [string[], number, string, string][] = [
    // 1.30 drops the lookup error when nothing was found.
    [["scale", "deploy", "nope", "--replicas=2"], 1, "", "error: no objects passed to scale\n"],
    [["scale", "deploy", "web", "nope", "--replicas=2", "--dry-run=client"], 1, "deployment.apps/web scaled (dry run)\n", 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    // No kind check on the client: a dry run "scales" a pod.
    [["scale", "pod", "solo", "--replicas=2", "--dry-run=client"], 0, "pod/solo scaled (dry run)\n", ""],
    [["scale", "deploy", "web", "--replicas=2", "--current-replicas=5", "--dry-run=client"], 0, "deployment.apps/web scaled (dry run)\n", ""],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test("a kind without a scale subresource is a 404 from the server; the others are still scaled", () => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [pod, both, get] = s.run("kubectl scale pod solo --replicas=2\nkubectl scale deploy web solo --replicas=3\nkubectl get deploy web -o jsonpath='{.spec.replicas}'", { allowSim: true });
    expect([pod!.exitCode, pod!.stderr]).toEqual([1, "Error from server (NotFound): the server could not find the requested resource\n"]);
    expect([both!.exitCode, both!.stdout, both!.stderr]).toEqual([1, "deployment.apps/web scaled\n", 'Error from server (NotFound): deployments.apps "solo" not found\n']);
    expect(get!.stdout).toBe("3");
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("a typo in one of several names: the others still change (ContinueOnError)", () => {
  const setup = "kubectl create deployment web --image=nginx\nkubectl create deployment api --image=nginx\nkubectl run solo --image=nginx\nkubectl rollout pause deploy/api";
  const CASES: [string[], number, string, string][] = [
    [["label", "deploy", "nope", "web", "a=b", "--dry-run=client"], 1, "deployment.apps/web labeled (dry run)\n", 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [["annotate", "pods", "solo", "nope", "a=b", "--dry-run=client"], 1, "pod/solo annotated (dry run)\n", 'Error from server (NotFound): pods "nope" not found\n'],
    [["rollout", "pause", "deploy/api"], 1, "", 'error: deployments.apps "api" is already paused\n'],
    [["rollout", "pause", "pod/solo"], 1, "", 'error: pods "solo" pausing is not supported\n'],
    [["rollout", "restart", "pod/solo"], 1, "", 'error: pods "solo" restarting is not supported\n'],
    [["rollout", "restart", "deploy/api"], 1, "", `error: deployments.apps "api" can't restart paused deployment (run rollout resume first)\n`],
    [["set", "image", "deploy/web", "nginx", "--dry-run=client"], 1, "", "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    [["get", "deploy", "nope", "--ignore-not-found"], 0, "", ""],
    [["logs", "nope"], 1, "", 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test("rollout pause of two deployments, one misspelled, pauses the other", () => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [pause, get] = s.run("kubectl rollout pause deploy/web deploy/nope\nkubectl get deploy web -o jsonpath='{.spec.paused}'", { allowSim: true });
    expect([pause!.exitCode, pause!.stdout, pause!.stderr]).toEqual([1, "deployment.apps/web paused\n", 'Error from server (NotFound): deployments.apps "nope" not found\n']);
    expect(get!.stdout).toBe("true");
  });

  // The stub prints kubectl's own binary name in the separate-type hint, so that case is left out.
  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0]).filter((a) => a[0] !== "set")), 120_000);
});

describe("imperative create/run mistakes", () => {
  const setup = "kubectl create deployment web --image=nginx";
  const CASES: [string[], number, string, string][] = [
    [["run", "web4", "--image=nginx", "--port=http", "--dry-run=client"], 1, "", 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    [["run", "web4", "--image=nginx", "--labels=app", "--dry-run=client"], 1, "", "error: unexpected label spec: app\n"],
    [["run", "web4", "--image=nginx", "--labels=app=a,=b", "--dry-run=client"], 1, "", "error: unexpected empty label key\n"],
    [["run", "web4", "--image=nginx", "--labels=app", "--env=X", "--dry-run=client"], 1, "", "error: invalid env: X\n"],
    // A bare --dry-run is the deprecated spelling of client (kubectl adds a klog warning only).
    [["run", "web4", "--image=nginx", "--dry-run", "-o", "name"], 0, "pod/web4\n", ""],
    [["create", "configmap", "cfg", "--from-literal=bad key=1", "--dry-run=client"], 1, "", `error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`],
    [["delete", "deploy", "nope", "--dry-run=client"], 0, 'deployment.apps "nope" deleted (dry run)\n', ""],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("logs of a multi-container pod (module 22)", () => {
  const setup = "cat > mc.yaml <<'EOT'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: two\n  labels: {app: two}\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: side\n    image: busybox\n    command: [\"sh\", \"-c\", \"echo tick; sleep 3600\"]\nEOT\nkubectl apply -f mc.yaml";
  const CASES: [string[], number, string, string][] = [
    [["logs", "two", "side"], 0, "tick\n", ""],
    [["logs", "two", "nope"], 1, "", "error: container nope is not valid for pod two\n"],
    [["logs", "two", "side", "extra"], 1, "", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    [["logs", "two", "-l", "app=two"], 1, "", "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  // Without a log subresource in the stub, only the errors decided before reading logs compare.
  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.slice(1).map((c) => c[0])), 120_000);
});

describe("resource types and --sort-by as the REST mapper and sorter read them", () => {
  const setup = "kubectl create deployment web --image=nginx";
  const CASES: [string[], number, string, string][] = [
    // Short names match as typed; full names are lowercased first; kinds match too.
    [["get", "DEPLOY", "-o", "name"], 1, "", 'error: the server doesn\'t have a resource type "DEPLOY"\n'],
    [["get", "DEPLOYMENTS", "-o", "name"], 0, "deployment.apps/web\n", ""],
    [["get", "Deployment", "web", "-o", "name"], 0, "deployment.apps/web\n", ""],
    [["get", "/web"], 1, "", "error: arguments in resource/name form must have a single resource and name\n"],
    [["get", "deploy", "--sort-by=.spec.nope", "-o", "name"], 1, "", 'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n'],
    [["get", "deploy", "--sort-by=metadata.creationTimestamp", "-o", "name"], 0, "deployment.apps/web\n", ""],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("label without --overwrite across several pods (module 36)", () => {
  const setup = "kubectl run a --image=nginx --labels=env=prod\nkubectl run b --image=nginx";
  const CASES: [string[], number, string, string][] = [
    [["label", "pods", "a", "b", "env=dev", "--dry-run=client"], 1, "pod/b labeled (dry run)\n", "error: 'env' already has a value (prod), and --overwrite is false\n"],
    [["label", "pods", "--all", "env=dev", "--dry-run=client"], 1, "pod/b labeled (dry run)\n", "error: 'env' already has a value (prod), and --overwrite is false\n"],
  ];

  test.each(CASES)("kubectl %j", (args, exit, stdout, stderr) => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [step] = s.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
    expect([step!.exitCode, step!.stdout, step!.stderr]).toEqual([exit, stdout, stderr]);
  });

  test("the pods that could be labeled are", () => {
    const s = new Session({ seed: "walk" });
    s.run(setup, { allowSim: true });
    const [, get] = s.run("kubectl label pods a b env=dev\nkubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}={.metadata.labels.env} {end}'", { allowSim: true });
    expect(get!.stdout).toBe("a=prod b=dev ");
  });

  test.skipIf(!hasKubectl)("kubectl 1.30 agrees", () => agreeWithKubectl(setup, CASES.map((c) => c[0])), 120_000);
});

describe("delete -f of what is already gone", () => {
  test("deleteResource names the file in the server's error; a name argument has none", () => {
    const s = new Session({ seed: "walk" });
    const steps = s.run("cat > c.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nEOF\nkubectl delete -f c.yaml\nkubectl delete cm c\nkubectl delete -f c.yaml --ignore-not-found", { allowSim: true });
    expect(steps.slice(1).map((x) => [x.exitCode, x.stderr])).toEqual([
      [1, 'Error from server (NotFound): error when deleting "c.yaml": configmaps "c" not found\n'],
      [1, 'Error from server (NotFound): configmaps "c" not found\n'],
      [0, ""],
    ]);
  });
});
