// kubectl output fidelity (issue 4): custom-columns through the shared printer, events tables
// (get events, -o wide, describe's Events sorted by last seen with "(xN over T)"), the batch
// tables, and -w / logs -f printing once instead of hanging. Expected text is kubectl 1.30's.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "kfix2" }).run(script, { allowSim: true });
}

const last = (script: string) => run(script).at(-1)!;

describe("custom-columns", () => {
  const pod = "kubectl run web --image=nginx --labels=app=web,tier=fe\n";
  test.each([
    { name: "map cell printed the Go way", cmd: "kubectl get pod web -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels", stdout: "NAME   LABELS\nweb    map[app:web tier:fe]\n" },
    { name: "path without a leading dot", cmd: "kubectl get pods -o custom-columns=NAME:metadata.name,IMG:.spec.containers[*].image", stdout: "NAME   IMG\nweb    nginx\n" },
    { name: "missing field is <none>", cmd: "kubectl get pods -o custom-columns=NAME:.metadata.name,NS:.spec.nodeSelector", stdout: "NAME   NS\nweb    <none>\n" },
    { name: "--no-headers", cmd: "kubectl get pods -o custom-columns=NAME:.metadata.name --no-headers", stdout: "web\n" },
    { name: "empty list still prints the header", cmd: "kubectl get svc -n nope -o custom-columns=NAME:.metadata.name", stdout: "NAME\n" },
  ])("$name", ({ cmd, stdout }) => {
    expect(last(pod + cmd)).toMatchObject({ exitCode: 0, stdout });
  });
  test("a spec without ':' is refused", () => {
    const r = last(pod + "kubectl get pod web -o custom-columns=NAME");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n");
  });
});

describe("get events", () => {
  test("columns, server order (by name) and involvedObject field selector", () => {
    const steps = run("kubectl create deployment web --image=nginx\nkubectl get events\nkubectl get events --field-selector involvedObject.name=web");
    const lines = steps[1]!.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^LAST SEEN   TYPE     REASON +OBJECT +MESSAGE$/);
    expect(lines.map((l) => l.split(/ {3,}/)[3])).toEqual(["OBJECT", ...Array(5).fill(expect.stringMatching(/^pod\/web-/)), expect.stringMatching(/^replicaset\/web-/), "deployment/web"]);
    expect(steps[2]!.stdout).toMatch(/^LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n0s          Normal   ScalingReplicaSet   deployment\/web   Scaled up replica set web-[a-z0-9]+ to 1 from 0\n$/);
  });
  test("-A adds NAMESPACE", () => {
    expect(last("kubectl run web --image=nginx\nkubectl get events -A").stdout).toMatch(/^NAMESPACE   LAST SEEN   TYPE     REASON +OBJECT +MESSAGE\ndefault     0s          Normal   Scheduled /);
  });
  test("-o wide interleaves SUBOBJECT/SOURCE before MESSAGE", () => {
    const out = last("kubectl run web --image=nginx\nkubectl get events -o wide --field-selector reason=Pulling").stdout;
    expect(out).toMatch(/^LAST SEEN   TYPE     REASON    OBJECT    SUBOBJECT              SOURCE             MESSAGE                 FIRST SEEN   COUNT   NAME\n0s          Normal   Pulling   pod\/web   spec\.containers\{web\}   kubelet, worker[12]   Pulling image "nginx"   0s           1       web\.[0-9a-f]{16}\n$/);
  });
  test("--sort-by and a type field selector", () => {
    const out = last("kubectl run typo --image=nginx:latets\nsim advance 60s\nkubectl get events --sort-by=.lastTimestamp --field-selector type=Warning").stdout;
    expect(out.split("\n").map((l) => l.split(/ {3,}/).slice(0, 3).join("|"))).toEqual(["LAST SEEN|TYPE|REASON", "29s|Warning|Failed", "29s|Warning|Failed", "9s|Warning|Failed", ""]);
  });
  test("no events", () => {
    expect(last("kubectl get events -n nope")).toMatchObject({ exitCode: 0, stdout: "", stderr: "No resources found in nope namespace.\n" });
  });
});

describe("describe pod Events", () => {
  const events = (out: string) => out.slice(out.indexOf("Events:"));
  test("crash loop: BackOff aggregated, rows sorted by last seen", () => {
    const out = events(last("kubectl run crash --image=busybox -- sh -c 'exit 1'\nsim advance 120s\nkubectl describe pod crash").stdout);
    expect(out).toMatch(/Warning  BackOff    \d+s \(x\d+ over 2m\)  kubelet            Back-off restarting failed container crash in pod crash_default\([0-9a-f-]{36}\)\n/);
    expect(out).toMatch(/Normal   Started    \d+s \(x\d+ over 2m\)  kubelet            Started container crash\n/);
    const ages = out.split("\n").slice(3, -1).map((l) => l.split(/ {2,}/)[3]!.split(" ")[0]!);
    const secs = ages.map((a) => (a.endsWith("m") ? parseInt(a) * 60 : parseInt(a)));
    expect(secs).toEqual([...secs].sort((a, b) => b - a));
  });
  test("liveness probe: Unhealthy and Killing", () => {
    const manifest = `cat > p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      periodSeconds: 5
Y
kubectl apply -f p.yaml
sim advance 40s
kubectl describe pod live`;
    const out = events(last(manifest).stdout);
    expect(out).toMatch(/Normal   Killing    \S+ \(x\d over \d+s\)  kubelet            Container app failed liveness probe, will be restarted\n/);
    expect(out).toMatch(/Warning  Unhealthy  \S+ \(x\d+ over 40s\)   kubelet            Liveness probe failed: Get "http:\/\/[\d.]+:8080\/healthz": dial tcp [\d.]+:8080: connect: connection refused\n$/);
  });
  test("image typo: Failed / ErrImagePull / Back-off pulling, aggregated", () => {
    const out = events(last("kubectl run typo --image=nginx:latets\nsim advance 60s\nkubectl describe pod typo").stdout);
    // Pulls at 0, 11 and 31 s (back-off 10 s, then 20 s, each retried at the pod worker's next
    // 10 s resync); every sync in between reports the back-off again (1, 21, 41, 51 s).
    expect(out).toContain('Warning  Failed     29s (x3 over 60s)  kubelet            Failed to pull image "nginx:latets": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latets": failed to resolve reference "docker.io/library/nginx:latets": docker.io/library/nginx:latets: not found\n');
    expect(out).toContain("Warning  Failed     29s (x3 over 60s)  kubelet            Error: ErrImagePull\n");
    expect(out).toMatch(/Normal   BackOff    9s \(x4 over 59s\)   kubelet            Back-off pulling image "nginx:latets"\n  Warning  Failed     9s \(x4 over 59s\)   kubelet            Error: ImagePullBackOff\n$/);
  });
  test("readiness probe: Unhealthy, pod stays 0/1", () => {
    const steps = run(`cat > p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: ready
spec:
  containers:
  - name: app
    image: nginx
    readinessProbe:
      httpGet: {path: /, port: 8080}
      periodSeconds: 5
Y
kubectl apply -f p.yaml
sim advance 30s
kubectl describe pod ready
kubectl get pod ready`);
    expect(events(steps.at(-2)!.stdout)).toMatch(/Warning  Unhealthy  0s \(x7 over 30s\)  kubelet            Readiness probe failed: Get "http:\/\/[\d.]+:8080\/": dial tcp [\d.]+:8080: connect: connection refused\n$/);
    expect(steps.at(-1)!.stdout).toBe("NAME    READY   STATUS    RESTARTS   AGE\nready   0/1     Running   0          30s\n");
  });
  test("unschedulable: FailedScheduling histogram", () => {
    const out = events(last(`kubectl run big --image=nginx --overrides='{"apiVersion":"v1","spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"100"}}}]}}'\nsim advance 40s\nkubectl describe pod big`).stdout);
    expect(out).toContain("Warning  FailedScheduling  40s   default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.\n");
  });
});

describe("batch tables", () => {
  test("cronjob columns and -o wide", () => {
    const steps = run('kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date\nkubectl get cronjobs\nkubectl get cj -o wide');
    expect(steps[1]!.stdout).toBe("NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ntick   */1 * * * *   <none>     False     0        <none>          0s\n");
    expect(steps[2]!.stdout).toBe("NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES    SELECTOR\ntick   */1 * * * *   <none>     False     0        <none>          0s    tick         busybox   <none>\n");
  });
  test("job columns", () => {
    expect(last("kubectl create job q --image=busybox -- date\nkubectl get job q").stdout).toMatch(/^NAME   STATUS +COMPLETIONS   DURATION   AGE\nq      \S+ +\d\/1 /);
  });
});

describe("watch and follow print once, never hang", () => {
  test.each([
    { name: "get pods -w", script: "kubectl run web --image=nginx\nkubectl get pods -w", stdout: /^NAME   READY   STATUS    RESTARTS   AGE\nweb    1\/1     Running   0          0s\n$/ },
    { name: "get pod -w -o name", script: "kubectl run web --image=nginx\nkubectl get pod web -w -o name", stdout: /^pod\/web\n$/ },
    { name: "logs -f --tail=1", script: "kubectl run web --image=nginx\nkubectl logs -f web --tail=1", stdout: /^\S.*start worker process \d+\n$/ },
  ])("$name", ({ script, stdout }) => {
    const r = last(script);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(stdout);
  });
  test.each([
    { name: "--watch-only prints nothing until a change", script: "kubectl run web --image=nginx\nkubectl get pods --watch-only", exitCode: 0, stdout: "", stderr: "" },
    { name: "-w on an empty list prints nothing", script: "kubectl get pods -w", exitCode: 0, stdout: "", stderr: "" },
    { name: "-w refuses several types", script: "kubectl get pods,svc -w", exitCode: 1, stdout: "", stderr: "error: you may only specify a single resource type\n" },
    { name: "-w refuses all", script: "kubectl get all -w", exitCode: 1, stdout: "", stderr: "error: you may only specify a single resource type\n" },
    { name: "-w on a missing name", script: "kubectl get pod nope -w", exitCode: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  ])("$name", ({ name: _name, script, ...want }) => {
    const r = last(script);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual(want);
  });
  test("logs -f of a missing pod", () => {
    expect(last("kubectl logs -f nope")).toMatchObject({ exitCode: 1, stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' });
  });
});

describe("RBAC, policy and storage tables", () => {
  const manifest = `cat > r.yaml <<'Y'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods}
subjects:
- {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: bot, namespace: default}
roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-only}
spec: {podSelector: {matchLabels: {app: web}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
Y
kubectl apply -f r.yaml
sim advance 5s
`;
  test.each([
    { cmd: "kubectl get roles", stdout: "NAME     CREATED AT\nreader   2024-01-10T00:00:00Z\n" },
    { cmd: "kubectl get rolebindings -o wide", stdout: "NAME        ROLE          AGE   USERS   GROUPS   SERVICEACCOUNTS\nread-pods   Role/reader   5s    jane             default/bot\n" },
    { cmd: "kubectl get netpol", stdout: "NAME       POD-SELECTOR   AGE\ndeny-all   <none>         5s\nweb-only   app=web        5s\n" },
    { cmd: "kubectl get pdb", stdout: "NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   2               N/A               0                     5s\n" },
    { cmd: "kubectl get sc", stdout: "NAME             PROVISIONER                    RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\nfast (default)   kubernetes.io/no-provisioner   Delete          WaitForFirstConsumer   false                  5s\n" },
    { cmd: "kubectl get sc,netpol", stdout: /^NAME +PROVISIONER .*\nstorageclass\.storage\.k8s\.io\/fast \(default\)   kubernetes\.io\/no-provisioner /s },
  ])("$cmd", ({ cmd, stdout }) => {
    const r = last(manifest + cmd);
    expect(r.exitCode).toBe(0);
    if (typeof stdout === "string") expect(r.stdout).toBe(stdout);
    else expect(r.stdout).toMatch(stdout);
  });
});
