// -f and resource arguments together: the builder's visitByPaths refuses the arguments (a bare
// TYPE [NAME] as resources, TYPE/NAME as resource tuples), whatever the verb; describe -f
// describes the files' objects; -f naming nothing visits nothing. Messages as kubectl 1.30 prints them.
import { describe, expect, it } from "vitest";
import { session } from "../kubelet/helpers";

const files = {
  "web.yaml": [
    "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:", "  replicas: 1",
    "  selector: { matchLabels: { app: web } }", "  template:", "    metadata: { labels: { app: web } }",
    "    spec: { containers: [{ name: web, image: nginx }] }", "---",
    "apiVersion: v1", "kind: Service", "metadata: { name: web }", "spec: { selector: { app: web }, ports: [{ port: 80 }] }", "",
  ].join("\n"),
};
const RESOURCES = "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n";
const TUPLES = "error: resource/name arguments cannot be provided when a path is specified\n";

describe("-f with resource arguments", () => {
  it.each([
    ["kubectl get -f web.yaml pods", RESOURCES],
    ["kubectl get -f web.yaml deploy/web -o name", TUPLES],
    ["kubectl describe -f web.yaml pods", RESOURCES],
    ["kubectl describe -f web.yaml deploy/web", TUPLES],
    ["kubectl delete -f web.yaml svc web", RESOURCES],
    ["kubectl delete -f web.yaml svc/web", TUPLES],
    ["kubectl label -f web.yaml pods a=b", RESOURCES],
    ["kubectl annotate -f web.yaml deploy/web a=b", TUPLES],
    ["kubectl expose -f web.yaml pod x", RESOURCES],
    ["kubectl scale -f web.yaml --replicas=2 deploy/web", TUPLES],
  ])("%s", (command, stderr) => {
    const out = session(["kubectl apply -f web.yaml", command, "kubectl get deploy,svc --no-headers | wc -l"], files);
    expect(out(1)).toBe(stderr);
    expect(out(2)).toBe("3\n"); // web, web and the kubernetes Service
  });
});

describe("describe -f", () => {
  it("describes the objects the files name, as stored", () => {
    const out = session(["kubectl describe -f web.yaml", "kubectl apply -f web.yaml", "kubectl describe -f web.yaml | grep -E '^(Name|Type|Replicas):'", "echo '' | kubectl describe -f -"], files);
    expect(out(0)).toBe('Error from server (NotFound): deployments.apps "web" not found\nError from server (NotFound): services "web" not found\n');
    expect(out(2)).toBe("Name:                   web\nReplicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable\nName:              web\nType:              ClusterIP\n");
    expect(out(3)).toBe("No resources found in default namespace.\n");
  });

  it("expose -f naming nothing does nothing", () => {
    const out = session(["echo '' | kubectl expose -f -", "echo $?"]);
    expect(out(0)).toBe("");
    expect(out(1)).toBe("0\n");
  });
});

describe("apply and create with arguments", () => {
  it.each([
    ["kubectl apply x", "error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n"],
    ["kubectl apply -f web.yaml deploy/web", "error: Unexpected args: [deploy/web]\nSee 'kubectl apply -h' for help and examples\n"],
    ["kubectl create -f web.yaml x y", "error: Unexpected args: [x y]\nSee 'kubectl create -h' for help and examples\n"],
    // A typo'd generator is an unknown command of create, after its complaint about -f.
    ["kubectl create deploymnet web", "Error: must specify one of -f and -k\n\nerror: unknown command \"deploymnet web\"\nSee 'kubectl create -h' for help and examples\n"],
  ])("%s", (command, stderr) => {
    const out = session([command, "echo $?", "kubectl get deploy --no-headers 2>/dev/null | wc -l"], files);
    expect(out(0)).toBe(stderr);
    expect(out(1)).toBe("1\n");
    expect(out(2)).toBe("0\n");
  });
});

describe("the same object named twice", () => {
  // Each visit decides on the object as it was found and sends a patch without a resourceVersion:
  // the second patch changes nothing, and both are reported.
  it.each([
    ["kubectl cordon w1 w1", "node/w1 cordoned\nnode/w1 cordoned\n"],
    ["kubectl label node w1 w1 x=y", "node/w1 labeled\nnode/w1 labeled\n"],
    ["kubectl annotate node w1 w1 x=y", "node/w1 annotated\nnode/w1 annotated\n"],
    ["kubectl taint node w1 w1 a=b:NoSchedule", "node/w1 tainted\nnode/w1 tainted\n"],
    ["kubectl scale deploy web web --replicas=3", "deployment.apps/web scaled\ndeployment.apps/web scaled\n"],
    ["kubectl set image deploy/web deploy/web web=nginx:1.27", "deployment.apps/web image updated\ndeployment.apps/web image updated\n"],
    ["kubectl set env deploy/web deploy/web A=1", "deployment.apps/web env updated\ndeployment.apps/web env updated\n"],
  ])("%s", (command, stdout) => {
    const out = session(["kubectl apply -f web.yaml", command, "echo $?"], files);
    expect(out(1)).toBe(stdout);
    expect(out(2)).toBe("0\n");
  });
});

describe("kubectl patch text that starts with '{'", () => {
  // apimachinery's util/yaml.ToJSON passes a text that starts with "{" through as JSON (kubectl
  // 1.30 --local answers "invalid JSON document" for each): the server's decoder refuses it.
  it.each([
    ["'{{ .Nope.Deeper }}'", "Error from server (BadRequest): invalid character '{' looking for beginning of object key string\n"],
    ["'{[a, b]: 1}'", "Error from server (BadRequest): invalid character '[' looking for beginning of object key string\n"],
    ["'{spec: {replicas: 3'", "Error from server (BadRequest): invalid character 's' looking for beginning of object key string\n"],
  ])("-p %s", (patch, stderr) => {
    const out = session(["kubectl apply -f web.yaml", `kubectl patch deployment web -p ${patch}`, "echo $?"], files);
    expect(out(1)).toBe(stderr);
    expect(out(2)).toBe("1\n");
  });
});
