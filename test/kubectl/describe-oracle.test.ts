// Oracle for what kubectl renders client-side from server objects (describe, rollout history):
// the real kubectl 1.30 reads the simulator's own objects through a stub API server
// (stub-apiserver.ts) and must print what the simulator prints, byte for byte.
// Skipped cleanly when no kubectl binary is installed.

import { describe, expect, test } from "vitest";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const ROLLOUT = `kubectl create deployment web --image=nginx:1.25 --replicas=2
kubectl set image deployment/web nginx=nginx:1.26
kubectl annotate deployment web kubernetes.io/change-cause="bump to 1.26"
kubectl set image deployment/web nginx=nginx:1.27`;

const RICH_POD = `kubectl create cm cfg --from-literal=k=v --from-literal=multi="$(printf 'a\\nb')"
kubectl create secret generic sec --from-literal=k=v
cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: full
  labels: {app: full, tier: be}
  annotations: {note: hello}
spec:
  nodeSelector: {kubernetes.io/os: linux, kubernetes.io/hostname: worker1}
  tolerations:
  - {key: dedicated, operator: Equal, value: team, effect: NoSchedule}
  containers:
  - name: app
    image: nginx:1.25
    ports:
    - {containerPort: 80, name: http}
    - {containerPort: 443}
    env:
    - name: NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: NS
      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
    - name: IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: CPU
      valueFrom: {resourceFieldRef: {resource: limits.cpu}}
    - name: MEM
      valueFrom: {resourceFieldRef: {resource: limits.memory}}
    - name: RCPU
      valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
    - name: C
      valueFrom: {configMapKeyRef: {name: cfg, key: k}}
    envFrom:
    - configMapRef: {name: cfg}
    - secretRef: {name: sec}
      prefix: S_
    resources:
      requests: {cpu: 100m}
      limits: {cpu: 200m}
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    emptyDir: {}
EOF
kubectl apply -f p.yaml`;

const SERVICES = `kubectl create deployment web --image=nginx --replicas=2 --port=80
kubectl expose deploy web --type=NodePort --port=80 --name=webnp
kubectl create service loadbalancer lb --tcp=80:8080
kubectl create service externalname ext --external-name=example.com
kubectl create ingress ing --rule="foo.com/bar*=web:80" --rule="bar.com/=webnp:80,tls=sec"
kubectl run web1 --image=nginx
kubectl run web2 --image=nginx`;

const WORKLOADS = `kubectl create deployment web --image=nginx --replicas=2
kubectl run bad --image=nginx:nope
kubectl run crash --image=busybox -- sh -c "exit 1"
cat > ds.yaml <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, labels: {app: agent}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
      containers: [{name: a, image: busybox, args: [sleep, "3600"]}]
EOF
kubectl apply -f ds.yaml
cat > sts.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: redis}]
EOF
kubectl apply -f sts.yaml
kubectl create job j --image=busybox -- echo hi
kubectl create cronjob cj --image=busybox --schedule="*/5 * * * *" -- date
kubectl taint node worker1 dedicated=team:NoSchedule
sleep 30`;

const CASES: { name: string; script: string; command: string }[] = [
  { name: "run --expose -o yaml: kubectl's own --- after the Service", script: "true", command: "run nginx --image=nginx --port=80 --expose --dry-run=client -o yaml" },
  { name: "run --expose -o json", script: "true", command: "run nginx --image=nginx --port=80 --expose --dry-run=client -o json" },
  { name: "kubectl events: Go's unstable sort of many same-second events", script: WORKLOADS, command: "events" },
  { name: "kubectl events -A", script: WORKLOADS, command: "events -A" },
  { name: "kubectl events --for", script: WORKLOADS, command: "events --for pod/crash" },
  { name: "kubectl events --types, --for a Deployment", script: WORKLOADS, command: "events --types=warning,normal --for=deploy/web" },
  { name: "kubectl events --no-headers", script: WORKLOADS, command: "events --no-headers --types=Warning" },
  { name: "kubectl events in an empty namespace", script: WORKLOADS, command: "events -n nope" },
  { name: "kubectl events --for an unknown type", script: WORKLOADS, command: "events --for=foo/x" },
  { name: "kubectl events --for without a name", script: WORKLOADS, command: "events --for=pod" },
  { name: "kubectl events --types=Bad", script: WORKLOADS, command: "events --types=Bad" },
  { name: "kubectl events -o json (typed EventList)", script: WORKLOADS, command: "events -o json --for=deploy/web" },
  { name: "kubectl events -o yaml", script: WORKLOADS, command: "events -o yaml --for=ds/agent" },
  { name: "kubectl events -o name prints nothing", script: WORKLOADS, command: "events -o name" },
  { name: "describe with more than 12 events", script: WORKLOADS, command: "describe pod crash" },
  { name: "daemonset (no Namespace line)", script: WORKLOADS, command: "describe ds agent" },
  { name: "statefulset", script: WORKLOADS, command: "describe sts db" },
  { name: "rollout history without revisions", script: WORKLOADS, command: "rollout history sts/db" },
  { name: "rollout history --revision without revisions", script: WORKLOADS, command: "rollout history sts/db --revision=1" },
  { name: "job", script: WORKLOADS, command: "describe job j" },
  { name: "cronjob", script: WORKLOADS, command: "describe cronjob cj" },

  { name: "deployment after two rollouts (every old ReplicaSet listed)", script: ROLLOUT, command: "describe deploy web" },
  { name: "rollout history (header with a trailing space)", script: ROLLOUT, command: "rollout history deploy/web" },
  { name: "rollout undo --dry-run=client prints the template", script: ROLLOUT, command: "rollout undo deploy/web --to-revision=1 --dry-run=client" },
  { name: "rollout history --revision (raw tabs, pod-template-hash)", script: ROLLOUT, command: "rollout history deploy/web --revision=1" },
  { name: "rollout history --revision with a change-cause", script: ROLLOUT, command: "rollout history deploy/web --revision=2" },
  { name: "pod with env sources, multi-line node selectors", script: RICH_POD, command: "describe pod full" },
  // One key only: kubectl ranges over the Data map, in Go's random order.
  { name: "configmap", script: `kubectl create cm one --from-literal=multi="$(printf 'a\\nb')"`, command: "describe cm one" },
  { name: "node (empty column after Name)", script: ROLLOUT, command: "describe node worker2" },
  { name: "NodePort service", script: SERVICES, command: "describe svc webnp" },
  { name: "service without endpoints", script: SERVICES, command: "describe svc lb" },
  { name: "ExternalName service", script: SERVICES, command: "describe svc ext" },
  { name: "ingress rules", script: SERVICES, command: "describe ingress ing" },
  { name: "pending pod (no container statuses)", script: `kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'`, command: "describe pod big" },
  { name: "describe TYPE PREFIX", script: SERVICES, command: "describe pod web" },
  { name: "describe TYPE/PREFIX does not match prefixes", script: SERVICES, command: "describe pod/web" },
  { name: "describe with three args does not match prefixes", script: SERVICES, command: "describe pod web1 web" },
  { name: "describe several named", script: SERVICES, command: "describe pods web1 web2" },
];

describe.skipIf(!hasKubectl)("kubectl 1.30 renders the simulator's objects as the simulator does", () => {
  // Retried: a loaded machine can miss the second the ages are computed at.
  test.each(CASES.map((c) => [c.name, c] as const))("%s", { timeout: 60_000, retry: 2 }, async (_n, c) => {
    const { session, steps } = replayNow(c.script);
    for (const s of steps) expect(s.exitCode, `${s.command}\n${s.stderr}`).toBe(0);
    const sim = session.run(`kubectl ${c.command}`, { allowSim: true })[0]!;
    const real = await realKubectl(session, c.command.split(" "));
    // The Lease section is read from coordination.k8s.io objects the stub does not serve.
    const lease = (t: string) => t.replace(/^Lease:\n(?: .*\n)*|^Lease: .*\n/m, "");
    expect({ exit: sim.exitCode, stdout: lease(sim.stdout), stderr: sim.stderr }).toEqual({ exit: real.status, stdout: lease(real.stdout), stderr: real.stderr });
  });
});
