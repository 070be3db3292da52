// kubectl verbs replayed through the simulator: table-driven, each case a real command
// sequence with what its last command must print (exactly, or containing) and return.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
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
  "mismatch.yaml": DEPLOY.replace("labels: {app: web}\n    spec", "labels: {app: api}\n    spec"),
  "v1.yaml": DEPLOY.replace("apps/v1", "extensions/v1beta1"),
  "typo.yaml": DEPLOY.replace("        ports:", "        imagePullPolicyy: Always\n        ports:"),
  "zero.yaml": DEPLOY.replace("  replicas: 3\n", "  replicas: 3\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}\n"),
  "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: x\n",
  "badyaml.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n",
  "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: My_Pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "limits.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: '2'}\n      limits: {cpu: '1'}\n",
  "quantity.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {memory: 1Gb}\n",
  "ns.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nope\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  "app/a.yaml": DEPLOY,
  "app/b.yml": `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: "1"\n`,
  "app/notes.txt": "not a manifest",
  "multi.yaml": `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: "1"\n`,
};

interface Case {
  name: string;
  script: string;
  exit?: number;
  stdout?: string;
  stderr?: string;
  contains?: string[];
}

const CASES: Case[] = [
  { name: "get nodes", script: "kubectl get nodes", stdout: "NAME       STATUS   ROLES           AGE   VERSION\nmanager1   Ready    control-plane   0s    v1.30.0\nworker1    Ready    <none>          0s    v1.30.0\nworker2    Ready    <none>          0s    v1.30.0\n" },
  { name: "get ns", script: "kubectl get ns", stdout: "NAME              STATUS   AGE\ndefault           Active   0s\nkube-node-lease   Active   0s\nkube-public       Active   0s\nkube-system       Active   0s\n" },
  { name: "get svc", script: "kubectl get svc", stdout: "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n" },
  { name: "empty namespace", script: "kubectl get pods", stdout: "", stderr: "No resources found in default namespace.\n" },
  { name: "empty list as json", script: "kubectl get pods -o json", stdout: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n', stderr: "" },
  { name: "empty -o name", script: "kubectl get pods -o name", stdout: "", stderr: "" },
  { name: "empty -A", script: "kubectl get ingress -A", stderr: "No resources found\n" },
  { name: "kube-system pods", script: "kubectl get pods -n kube-system -o name", contains: ["pod/etcd-manager1\npod/kube-apiserver-manager1\npod/kube-controller-manager-manager1\npod/kube-proxy-", "pod/kube-scheduler-manager1\n"] },
  { name: "drain needs --ignore-daemonsets", script: "kubectl drain worker1", exit: 1, contains: ["cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-"] },
  { name: "missing namespace lists nothing", script: "kubectl get pods -n foo", stderr: "No resources found in foo namespace.\n" },
  { name: "unknown type", script: "kubectl get foo", exit: 1, stderr: 'error: the server doesn\'t have a resource type "foo"\n' },
  { name: "not found", script: "kubectl get deploy nope", exit: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  { name: "apply creates", script: "kubectl apply -f deploy.yaml", stdout: "deployment.apps/web created\n" },
  { name: "apply twice unchanged", script: "kubectl apply -f deploy.yaml\nkubectl apply -f deploy.yaml", stdout: "deployment.apps/web unchanged\n" },
  { name: "apply resets scale", script: "kubectl apply -f deploy.yaml\nkubectl scale deploy web --replicas=5\nkubectl apply -f deploy.yaml\nkubectl get deploy web -o jsonpath='{.spec.replicas}'", stdout: "3" },
  { name: "apply after create warns", script: "kubectl create deployment web --image=nginx\nkubectl apply -f deploy.yaml", stdout: "deployment.apps/web configured\n", contains: ["is missing the kubectl.kubernetes.io/last-applied-configuration annotation"] },
  { name: "selector mismatch", script: "kubectl apply -f mismatch.yaml", exit: 1, stderr: 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`\n' },
  { name: "removed api", script: "kubectl apply -f v1.yaml", exit: 1, stderr: 'error: resource mapping not found for name: "web" namespace: "" from "v1.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n' },
  { name: "strict decoding", script: "kubectl apply -f typo.yaml", exit: 1, stderr: 'Error from server (BadRequest): error when creating "typo.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n' },
  { name: "validate=false drops unknown", script: "kubectl apply -f typo.yaml --validate=false", stdout: "deployment.apps/web created\n" },
  { name: "maxSurge and maxUnavailable zero", script: "kubectl apply -f zero.yaml", exit: 1, stderr: 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0\n' },
  { name: "kind not set", script: "kubectl apply -f nokind.yaml", exit: 1, stderr: 'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n' },
  { name: "yaml syntax", script: "kubectl apply -f badyaml.yaml", exit: 1, contains: ["error: error parsing badyaml.yaml: error converting YAML to JSON: yaml: line"] },
  { name: "bad pod name", script: "kubectl apply -f pod.yaml", exit: 1, stderr: `The Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n` },
  { name: "requests over limits", script: "kubectl apply -f limits.yaml", exit: 1, stderr: 'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n' },
  { name: "bad quantity", script: "kubectl apply -f quantity.yaml", exit: 1, stderr: `Error from server (BadRequest): error when creating "quantity.yaml": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n` },
  { name: "namespace missing", script: "kubectl apply -f ns.yaml", exit: 1, stderr: 'Error from server (NotFound): error when creating "ns.yaml": namespaces "nope" not found\n' },
  { name: "multi-document", script: "kubectl apply -f multi.yaml", stdout: "namespace/shop created\nconfigmap/cfg created\n" },
  { name: "namespace mismatch", script: "kubectl apply -f multi.yaml -n default", exit: 1, contains: ['error: the namespace from the provided object "shop" does not match the namespace "default". You must pass \'--namespace=shop\' to perform this operation.'] },
  { name: "create existing deployment", script: "kubectl create deployment web --image=nginx\nkubectl create deployment web --image=nginx", exit: 1, stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n' },
  { name: "create existing namespace", script: "kubectl create namespace dev\nkubectl create ns dev", exit: 1, stderr: 'Error from server (AlreadyExists): namespaces "dev" already exists\n' },
  { name: "run existing pod", script: "kubectl run nginx --image=nginx\nkubectl run nginx --image=nginx", exit: 1, stderr: 'Error from server (AlreadyExists): pods "nginx" already exists\n' },
  { name: "run bad restart", script: "kubectl run nginx --image=nginx --restart=Foo", exit: 1, stderr: "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n" },
  { name: "run pod runs", script: "kubectl run nginx --image=nginx\nkubectl get pod nginx", stdout: "NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          0s\n" },
  { name: "get all", script: "kubectl create deployment web --image=nginx --replicas=2\nkubectl get all", contains: ["service/kubernetes   ClusterIP", "deployment.apps/web   2/2     2            2           0s", "replicaset.apps/web-"] },
  { name: "label then select", script: "kubectl run a --image=nginx\nkubectl run b --image=nginx\nkubectl label pod a tier=fe\nkubectl get pods -l 'tier!=fe' -o name", stdout: "pod/b\n" },
  { name: "label overwrite refused", script: "kubectl run a --image=nginx --labels=app=x\nkubectl label pod a app=y", exit: 1, stderr: "error: 'app' already has a value (x), and --overwrite is false\n" },
  { name: "label remove", script: "kubectl run a --image=nginx\nkubectl label pod a run-", stdout: "pod/a unlabeled\n" },
  { name: "label no change", script: "kubectl run a --image=nginx\nkubectl label pod a run=a", stdout: "pod/a not labeled\n" },
  { name: "annotate", script: "kubectl run a --image=nginx\nkubectl annotate pod a note=hi", stdout: "pod/a annotated\n" },
  { name: "set-based selector", script: "kubectl run a --image=nginx -l env=prod\nkubectl run b --image=nginx -l env=qa\nkubectl run c --image=nginx\nkubectl get pods -l 'env in (prod,qa)' -o name", stdout: "pod/a\npod/b\n" },
  { name: "scale", script: "kubectl create deployment web --image=nginx\nkubectl scale deployment/web --replicas=4\nkubectl get deploy web", stdout: "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    4/4     4            4           0s\n" },
  { name: "scale negative", script: "kubectl create deployment web --image=nginx\nkubectl scale deployment/web --replicas=-1", exit: 1, stderr: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n" },
  { name: "expose", script: "kubectl create deployment web --image=nginx --port=80\nkubectl expose deployment web --type=NodePort\nkubectl get svc web -o jsonpath='{.spec.selector.app} {.spec.ports[0].port}'", stdout: "web 80" },
  { name: "expose without port", script: "kubectl create deployment web --image=nginx\nkubectl expose deployment web", exit: 1, stderr: "error: couldn't find port via --port flag or introspection\n" },
  { name: "set image unknown container", script: "kubectl create deployment web --image=nginx\nkubectl set image deployment/web foo=nginx:1.25", exit: 1, stderr: 'error: unable to find container named "foo"\n' },
  { name: "set image then history", script: "kubectl create deployment web --image=nginx\nkubectl set image deployment/web nginx=nginx:1.25 --record\nkubectl rollout history deployment/web", stdout: "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.25 --record=true\n\n" },
  { name: "rollout status", script: "kubectl create deployment web --image=nginx\nkubectl rollout status deployment/web", stdout: 'deployment "web" successfully rolled out\n' },
  { name: "rollout undo", script: "kubectl create deployment web --image=nginx\nkubectl set image deployment/web nginx=nginx:1.25\nkubectl rollout undo deployment/web\nkubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'", stdout: "nginx" },
  { name: "rollout undo no history", script: "kubectl create deployment web --image=nginx\nkubectl rollout undo deployment/web", exit: 1, stderr: 'error: no rollout history found for deployment "web"\n' },
  { name: "rollout pause twice", script: "kubectl create deployment web --image=nginx\nkubectl rollout pause deployment/web\nkubectl rollout pause deployment/web", exit: 1, stderr: 'error: deployments.apps "web" is already paused\n' },
  { name: "rollout resume not paused", script: "kubectl create deployment web --image=nginx\nkubectl rollout resume deployment/web", exit: 1, stderr: 'error: deployments.apps "web" is not paused\n' },
  { name: "delete", script: "kubectl create deployment web --image=nginx\nkubectl delete deployment web", stdout: 'deployment.apps "web" deleted\n' },
  { name: "delete missing", script: "kubectl delete pod nope", exit: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  { name: "delete no name", script: "kubectl delete pod", exit: 1, stderr: "error: resource(s) were provided, but no name was specified\n" },
  { name: "delete default ns", script: "kubectl delete ns default", exit: 1, stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n' },
  { name: "force delete", script: "kubectl run a --image=nginx\nkubectl delete pod a --force --grace-period=0", stdout: 'pod "a" force deleted\n', stderr: "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n" },
  { name: "taint add", script: "kubectl taint nodes worker1 dedicated=team:NoSchedule", stdout: "node/worker1 tainted\n" },
  { name: "taint twice", script: "kubectl taint nodes worker1 dedicated=team:NoSchedule\nkubectl taint nodes worker1 dedicated=team:NoSchedule", exit: 1, stderr: "error: node worker1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n" },
  { name: "taint remove", script: "kubectl taint nodes worker1 dedicated=team:NoSchedule\nkubectl taint nodes worker1 dedicated-", stdout: "node/worker1 untainted\n" },
  { name: "taint remove absent", script: "kubectl taint nodes worker1 dedicated:NoSchedule-", exit: 1, stderr: 'error: taint "dedicated:NoSchedule" not found\n' },
  { name: "cordon", script: "kubectl cordon worker1\nkubectl cordon worker1\nkubectl get node worker1", stdout: "NAME      STATUS                     ROLES    AGE   VERSION\nworker1   Ready,SchedulingDisabled   <none>   0s    v1.30.0\n" },
  { name: "uncordon", script: "kubectl cordon worker1\nkubectl uncordon worker1", stdout: "node/worker1 uncordoned\n" },
  { name: "drain bare pod refused", script: "kubectl run a --image=nginx\nkubectl get pod a -o jsonpath='{.spec.nodeName}' > /dev/null\nkubectl drain $(kubectl get pod a -o jsonpath='{.spec.nodeName}')", exit: 1, contains: ["cannot delete Pods that declare no controller (use --force to override): default/a"] },
  { name: "describe not found", script: "kubectl describe pod nope", exit: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  { name: "describe deployment events", script: "kubectl create deployment web --image=nginx --replicas=2\nkubectl describe deployment web", contains: ["Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable", "Normal  ScalingReplicaSet  0s    deployment-controller  Scaled up replica set web-"] },
  { name: "secret from literal", script: "kubectl create secret generic db --from-literal=password=s3cret\nkubectl get secret db -o jsonpath='{.data.password}'", stdout: "czNjcmV0" },
  { name: "get secret table", script: "kubectl create secret generic db --from-literal=a=1 --from-literal=b=2\nkubectl get secrets", stdout: "NAME   TYPE     DATA   AGE\ndb     Opaque   2      0s\n" },
  { name: "configmap table", script: "kubectl create configmap cfg --from-literal=a=1\nkubectl get cm", stdout: "NAME               DATA   AGE\ncfg                1      0s\nkube-root-ca.crt   1      0s\n" },
  { name: "service clusterip explicit taken", script: "kubectl create service clusterip a --tcp=80 --dry-run=client -o yaml > a.yaml\nkubectl create service clusterip b --tcp=80 --clusterip=10.96.0.10", exit: 1, stderr: 'error: failed to create ClusterIP service: Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated\n' },
  { name: "-o wide pods", script: "kubectl run a --image=nginx\nkubectl get pods -o wide", contains: ["NAME   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES", "<none>           <none>"] },
  { name: "jsonpath range", script: "kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'", stdout: "manager1\nworker1\nworker2\n" },
  { name: "custom columns", script: "kubectl get nodes -o custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR", stdout: "NAME       CIDR\nmanager1   10.244.0.0/24\nworker1    10.244.1.0/24\nworker2    10.244.2.0/24\n" },
  { name: "bad -o", script: "kubectl get pods -o foo", exit: 1, stderr: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n' },
  { name: "-L column", script: "kubectl run a --image=nginx -l app.kubernetes.io/name=shop\nkubectl get pods -L app.kubernetes.io/name", contains: ["NAME   READY   STATUS    RESTARTS   AGE   NAME\na      1/1     Running   0          0s    shop\n"] },
  { name: "dry-run yaml then apply", script: "kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml\nkubectl apply -f web.yaml\nkubectl apply -f web.yaml", stdout: "deployment.apps/web unchanged\n" },
  { name: "run dry-run then create -f", script: "kubectl run p --image=nginx --port=80 --dry-run=client -o yaml > p.yaml\nkubectl create -f p.yaml\nkubectl get pod p -o jsonpath='{.spec.containers[0].ports[0].containerPort}'", stdout: "80" },
  { name: "create -f existing", script: "kubectl create -f deploy.yaml\nkubectl create -f deploy.yaml", exit: 1, stderr: 'Error from server (AlreadyExists): error when creating "deploy.yaml": deployments.apps "web" already exists\n' },
  { name: "delete -f", script: "kubectl apply -f multi.yaml\nkubectl delete -f multi.yaml", stdout: 'namespace "shop" deleted\nconfigmap "cfg" deleted\n' },
  { name: "apply directory", script: "kubectl apply -f app/", stdout: "deployment.apps/web created\nnamespace/shop created\nconfigmap/cfg created\n" },
  { name: "logs", script: "kubectl run web --image=nginx\nkubectl logs web --tail=1", stdout: "2024/01/10 00:00:00 [notice] 1#1: start worker process 30\n" },
  { name: "logs unknown container", script: "kubectl run web --image=nginx\nkubectl logs web -c nope", exit: 1, stderr: "error: container nope is not valid for pod web\n" },
  { name: "logs waiting", script: "kubectl run web --image=nginx:no-such-tag\nkubectl logs web", exit: 1, stderr: 'Error from server (BadRequest): container "web" in pod "web" is waiting to start: trying and failing to pull image\n' },
  { name: "logs by selector keeps 10 lines", script: "kubectl run web --image=nginx -l app=web\nkubectl logs -l app=web | wc -l", stdout: "10\n" },
  { name: "namespace delete", script: "kubectl create ns dev\nkubectl run a --image=nginx -n dev\nkubectl delete ns dev\nkubectl get ns dev", exit: 1, stderr: 'Error from server (NotFound): namespaces "dev" not found\n' },
];

describe("kubectl verbs", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const s = new Session({ seed: `verbs:${c.name}`, files: FILES });
    const steps = s.run(c.script, { allowSim: true });
    const last = steps[steps.length - 1]!;
    const where = `${c.script}\n--- stdout:\n${last.stdout}--- stderr:\n${last.stderr}`;
    expect(last.exitCode, where).toBe(c.exit ?? 0);
    if (c.stdout !== undefined) expect(last.stdout, where).toBe(c.stdout);
    if (c.stderr !== undefined) expect(last.stderr, where).toBe(c.stderr);
    for (const frag of c.contains ?? []) expect(last.stdout + last.stderr, where).toContain(frag);
  });
});

describe("kubectl without a cluster", () => {
  test("connection refused", () => {
    const s = new Session({ seed: "nocluster", cluster: { hosts: [{ name: "h1" }] } });
    const [step] = s.run("kubectl get pods", { allowSim: true });
    expect(step).toMatchObject({ exitCode: 1, stdout: "", stderr: "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n" });
  });
  test("dry-run generators still work", () => {
    const s = new Session({ seed: "nocluster", cluster: { hosts: [{ name: "h1" }] } });
    const [step] = s.run("kubectl create namespace dev --dry-run=client -o name", { allowSim: true });
    expect(step).toMatchObject({ exitCode: 0, stdout: "namespace/dev\n" });
  });
});

describe("what the control plane keeps in place", () => {
  test.each([
    ["kubernetes service comes back", "kubectl delete svc kubernetes\nkubectl get svc kubernetes -o name", "service/kubernetes\n"],
    ["mirror pod comes back", "kubectl delete pod etcd-manager1 -n kube-system\nkubectl get pod etcd-manager1 -n kube-system -o name", "pod/etcd-manager1\n"],
  ])("%s", (_n, script, stdout) => {
    const s = new Session({ seed: "keep" });
    const steps = s.run(script, { allowSim: true });
    expect(steps[steps.length - 1]!.stdout).toBe(stdout);
  });
});
