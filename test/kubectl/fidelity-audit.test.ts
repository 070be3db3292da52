// Fidelity audit: behaviours checked against the real kubectl 1.30 (through the stub API server
// of describe-oracle.test.ts, or offline), kept here as plain transcript assertions so they hold
// where no kubectl binary is installed.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "audit" }).run(script, { allowSim: true });
}

function last(script: string) {
  const steps = run(script);
  return steps[steps.length - 1]!;
}

describe("describe", () => {
  test("deployment lists old ReplicaSets scaled to zero", () => {
    const out = last("kubectl create deployment web --image=nginx:1.25\nkubectl set image deploy/web nginx=nginx:1.26\nkubectl describe deploy web").stdout;
    expect(out).toMatch(/^OldReplicaSets:  web-[a-z0-9]+ \(0\/0 replicas created\)$/m);
    expect(out).toMatch(/^NewReplicaSet:   web-[a-z0-9]+ \(1\/1 replicas created\)$/m);
  });

  test("service: no Internal Traffic Policy line (kubectl 1.30)", () => {
    const out = last("kubectl create deployment web --image=nginx\nkubectl expose deploy web --port=80\nkubectl describe svc web").stdout;
    expect(out).not.toContain("Internal Traffic Policy");
    expect(out).toMatch(/Session Affinity:  None\nEvents:            <none>\n$/);
  });

  test("service without endpoints shows <none>; ExternalName shows IP lines", () => {
    expect(last("kubectl create service clusterip lonely --tcp=80\nkubectl describe svc lonely").stdout).toContain("\nEndpoints:         <none>\n");
    const ext = last("kubectl create service externalname ext --external-name=example.com\nkubectl describe svc ext").stdout;
    expect(ext).toContain("\nIP Families:       <none>\nIP:                \nIPs:               <none>\nExternal Name:     example.com\n");
  });

  test("node pod table has kubectl's empty column after Name", () => {
    const out = last("kubectl run p --image=nginx --overrides='{\"spec\":{\"nodeName\":\"worker1\"}}'\nkubectl describe node worker1").stdout;
    // The longest name (kube-proxy-xxxxx) is followed by its 2 spaces of padding plus the
    // empty column's 2.
    expect(out).toMatch(/^  kube-system {17}kube-proxy-[a-z0-9]{5} {4}0 \(0%\)/m);
  });

  test("configmap entries are not separated by blank lines", () => {
    const out = last("kubectl create cm cfg --from-literal=a=1 --from-literal=b=2\nkubectl describe cm cfg").stdout;
    expect(out).toContain("\nData\n====\na:\n----\n1\nb:\n----\n2\n\nBinaryData\n====\n\nEvents:  <none>\n");
  });

  test("pod: fieldRef values resolved for name/namespace, resourceFieldRef computed, node selectors one per line", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: fr}
spec:
  nodeSelector: {a: "1", b: "2"}
  containers:
  - name: app
    image: nginx
    resources: {requests: {cpu: 250m}}
    env:
    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: M, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
    - {name: R, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
`;
    const out = last(`cat > p.yaml <<'EOF'\n${pod}EOF\nkubectl apply -f p.yaml\nkubectl describe pod fr`).stdout;
    expect(out).toContain("\n      POD:  fr (v1:metadata.name)\n      IP:    (v1:status.podIP)\n      M:    node allocatable (limits.memory)\n      R:    250 (requests.cpu)\n");
    expect(out).toMatch(/^Node-Selectors: +a=1\n +b=2\n/m);
  });

  test("pending pod: containers without status print no status lines", () => {
    const out = last(`kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'\nkubectl describe pod big`).stdout;
    expect(out).toContain("Containers:\n  big:\n    Image:      nginx\n    Port:       <none>\n    Host Port:  <none>\n    Requests:\n");
  });

  test("ingress path cells carry kubectl's trailing space", () => {
    const out = last('kubectl create ingress ing --rule="foo.com/bar*=web:80"\nkubectl describe ingress ing').stdout;
    expect(out).toContain("  foo.com     \n              /bar   web:80 (<error: endpoints \"web\" not found>)\n");
  });

  test("prefix matching only for `describe TYPE NAME`, each match followed by a newline", () => {
    const setup = "kubectl run web1 --image=nginx\nkubectl run web2 --image=nginx\n";
    const byPrefix = last(setup + "kubectl describe pod web");
    expect(byPrefix.exitCode).toBe(0);
    expect(byPrefix.stdout.match(/^Name: /gm)).toHaveLength(2);
    expect(byPrefix.stdout).toMatch(/\n\nName: +web2\n/);
    expect(byPrefix.stdout.endsWith("\n\n")).toBe(true);
    expect(last(setup + "kubectl describe pod/web")).toMatchObject({ exitCode: 1, stdout: "", stderr: 'Error from server (NotFound): pods "web" not found\n' });
    const three = last(setup + "kubectl describe pod web1 web");
    expect(three.exitCode).toBe(1);
    expect(three.stdout.match(/^Name: /gm)).toHaveLength(1);
  });
});

describe("rollout history", () => {
  const script = "kubectl create deployment web --image=nginx:1.25\nkubectl set image deploy/web nginx=nginx:1.26\nkubectl annotate deploy web kubernetes.io/change-cause=bump\n";
  test("header line keeps kubectl's trailing space", () => {
    expect(last(script + "kubectl rollout history deploy/web").stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         bump\n\n");
  });
  test("--revision prints the ReplicaSet template with raw tabs", () => {
    const out = last(script + "kubectl rollout history deploy/web --revision=2").stdout;
    expect(out).toMatch(/^deployment\.apps\/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n  Annotations:\tkubernetes\.io\/change-cause: bump\n  Containers:\n   nginx:\n    Image:\tnginx:1\.26\n/);
    expect(out.endsWith("  Tolerations:\t<none>\n\n")).toBe(true);
  });
});

describe("kubectl events", () => {
  const setup = "kubectl run bad --image=nginx:nope\nkubectl create deployment web --image=nginx\n";
  test("table: LAST SEEN, TYPE, REASON, OBJECT as Kind/name, MESSAGE", () => {
    const out = last(setup + "kubectl events --for pod/bad").stdout;
    expect(out.split("\n")[0]).toBe("LAST SEEN   TYPE      REASON      OBJECT    MESSAGE");
    expect(out).toContain("\n0s          Warning   Failed      Pod/bad   Error: ErrImagePull\n");
  });
  test("-A adds NAMESPACE; --types filters case-insensitively", () => {
    expect(last(setup + "kubectl events -A --types=warning").stdout).toMatch(/^NAMESPACE   LAST SEEN   TYPE      REASON   OBJECT    MESSAGE\ndefault     0s          Warning   Failed   Pod\/bad   /);
  });
  test("messages for nothing found and bad flags", () => {
    expect(last("kubectl events -n nope")).toMatchObject({ exitCode: 0, stdout: "", stderr: "No events found in nope namespace.\n" });
    expect(last("kubectl events --types=Bad")).toMatchObject({ exitCode: 1, stderr: "error: valid --types are Normal or Warning\n" });
    expect(last("kubectl events --for=pod")).toMatchObject({ exitCode: 1, stderr: "error: --for must be in resource/name form\n" });
    expect(last("kubectl events --for=foo/x")).toMatchObject({ exitCode: 1, stderr: 'the server doesn\'t have a resource type "foo"\n' });
  });
  test("-o yaml prints a typed EventList", () => {
    expect(last(setup + "kubectl events -o yaml --for deploy/web").stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n[^]*\nkind: EventList\nmetadata: {}\n$/);
  });
});

describe("more describers", () => {
  test("job and cronjob", () => {
    expect(last("kubectl create job j --image=busybox -- echo hi\nkubectl describe job j").stdout).toMatch(/^Name:             j\nNamespace:        default\nSelector:         \S*\nLabels:/);
    const cj = last('kubectl create cronjob cj --image=busybox --schedule="*/5 * * * *" -- date\nkubectl describe cronjob cj').stdout;
    expect(cj).toContain("\nSchedule:                      */5 * * * *\nConcurrency Policy:            Allow\nSuspend:                       False\n");
    expect(cj).toContain("\nLast Schedule Time:  <unset>\nActive Jobs:         <none>\n");
  });
  test("daemonset has no Namespace line", () => {
    const ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: busybox}]\n";
    expect(last(`cat > ds.yaml <<'EOF'\n${ds}EOF\nkubectl apply -f ds.yaml\nkubectl describe ds agent`).stdout).toMatch(/^Name:           agent\nSelector:       app=agent\nNode-Selector:  <none>\n/);
  });
  test("rollout history of a StatefulSet: its ControllerRevisions", () => {
    const sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: redis}]\n";
    const script = `cat > s.yaml <<'EOF'\n${sts}EOF\nkubectl apply -f s.yaml\n`;
    expect(last(script + "kubectl rollout history sts/db").stdout).toBe("statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
    expect(last(script + "kubectl rollout history sts/db --revision=2").stderr).toBe("error: unable to find the specified revision\n");
  });
});

describe("validation order (pkg/apis/core/validation, 1.30)", () => {
  test("per container: common fields (ports, resources), name uniqueness, then probes; init containers after", () => {
    const d = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - {name: web, image: busybox}
      containers:
      - name: web
        image: nginx
        ports: [{containerPort: 70000}]
        resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}
        livenessProbe: {httpGet: {path: /}, successThreshold: 2}
        readinessProbe: {periodSeconds: 5}
`;
    const out = last(`cat > d.yaml <<'EOF'\n${d}EOF\nkubectl apply -f d.yaml`);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(`The Deployment "web" is invalid: 
* spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
* spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1
* spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive
* spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1
* spec.template.spec.containers[0].readinessProbe: Required value: must specify a handler type
* spec.template.spec.initContainers[0].name: Duplicate value: "web"
`);
  });
});

describe("run --expose -o yaml", () => {
  test("two --- lines between the Service and the Pod, dry run or not", () => {
    for (const dry of [" --dry-run=client", ""]) {
      const out = last(`kubectl run nginx --image=nginx --port=80 --expose${dry} -o yaml`).stdout;
      expect(out).toMatch(/^apiVersion: v1\nkind: Service\n[^]*\n---\n---\napiVersion: v1\nkind: Pod\n/);
    }
  });
});

describe("rollout undo --dry-run and label removals", () => {
  const setup = "kubectl create deployment web --image=nginx:1.25\nkubectl set image deploy/web nginx=nginx:1.26\n";
  test("undo --dry-run=client prints the revision's template and changes nothing", () => {
    const steps = run(setup + "kubectl rollout undo deploy/web --dry-run=client\nkubectl rollout history deploy/web");
    expect(steps[2]!.stdout).toMatch(/^deployment\.apps\/web Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n  Containers:\n   nginx:\n    Image:\tnginx:1\.25\n[^]*  Tolerations:\t<none>\n \(dry run\)\n$/);
    expect(steps[3]!.stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });
  test("undo --dry-run=server answers rolled back and changes nothing", () => {
    const steps = run(setup + "kubectl rollout undo deploy/web --dry-run=server\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'");
    expect(steps[2]!.stdout).toBe("deployment.apps/web rolled back (server dry run)\n");
    expect(steps[3]!.stdout).toBe("nginx:1.26");
  });
  test("label KEY- for a missing label says so", () => {
    expect(last("kubectl run p --image=nginx\nkubectl label pod p nope- run-").stdout).toBe('label "nope" not found.\npod/p unlabeled\n');
  });
});
