// Oracle for the describers checked against describe.go in this pass: HorizontalPodAutoscaler, RBAC, PodDisruptionBudget,
// ResourceQuota, LimitRange, PriorityClass, StorageClass, IngressClass, ReplicationController,
// ServiceAccount secrets, the generic (unstructured) describer, NetworkPolicy, EndpointSlice, DescribePodTemplate's Priority Class Name and Topology Spread Constraints,
// the pod's constraints, and describeNodeResource with init containers, decimal quantities and
// float percentages. The real kubectl 1.30 reads the simulator's objects through the stub API
// server (stub-apiserver.ts) and must print what the simulator prints. Skipped without kubectl.

import { describe, expect, test } from "vitest";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const NETWORK = `kubectl create deployment d --image=nginx --replicas=2
kubectl expose deployment d --port=80 --target-port=8080 --name=d
cat > np.yaml <<'Y'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, labels: {a: b}}
spec:
  podSelector: {matchLabels: {app: d}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {role: fe}}}, {namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}}]
    ports: [{port: 80, protocol: TCP}, {port: 8000, endPort: 8080}]
  - {}
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16]}}]
    ports: [{port: dns, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: manual, labels: {kubernetes.io/service-name: x}}
addressType: IPv4
ports: [{name: http, port: 80, protocol: TCP}, {port: 9000, protocol: UDP}]
endpoints:
- addresses: [10.0.0.5, 10.0.0.6]
  conditions: {ready: false}
  hostname: h1
  zone: z1
- addresses: [10.0.0.7]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: empty}
addressType: IPv4
Y
kubectl apply -f np.yaml`;

const TEMPLATES = `cat > t.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 2
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      priorityClassName: system-cluster-critical
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: spread}}}
      - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}
      containers: [{name: c, image: nginx}]
Y
kubectl apply -f t.yaml`;

const TOLERATIONS = `cat > tol.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata: {name: tol}
spec:
  tolerations:
  - {key: zeta, operator: Equal, value: z, effect: NoSchedule}
  - {key: alpha, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  - {operator: Exists, effect: NoSchedule}
  - {key: beta, operator: Exists}
  containers: [{name: c, image: nginx}]
Y
kubectl apply -f tol.yaml`;

const NODE = `kubectl create deployment d --image=nginx --replicas=2
kubectl set resources deployment d --requests=cpu=290m,memory=100M --limits=cpu=580m,memory=1G
cat > p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata: {name: initbig}
spec:
  nodeName: worker1
  initContainers:
  - {name: i, image: busybox, command: ["true"], resources: {requests: {cpu: "1", memory: 64Mi}}}
  containers:
  - {name: c, image: nginx, resources: {requests: {cpu: 100m, memory: 32Mi}, limits: {memory: 64Mi}}}
  - {name: e, image: nginx, resources: {requests: {cpu: 100m}}}
Y
kubectl apply -f p.yaml`;

// One resource per LimitRange item: kubectl walks a Go map for the rows, so two would come out
// in either order.
const POLICY = `kubectl create deployment d --image=nginx --replicas=2
cat > r.yaml <<'Y'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}
- {apiGroups: [apps], resources: [deployments], verbs: [get], resourceNames: [d]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: default, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: viewer}
rules:
- {apiGroups: ["", apps], resources: [pods, deployments/scale], verbs: [get]}
- {apiGroups: [""], resources: [pods], verbs: [watch]}
- {nonResourceURLs: [/healthz, /metrics], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewer-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
subjects:
- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: d}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb2}
spec:
  maxUnavailable: 25%
  selector: {matchExpressions: [{key: app, operator: Exists}]}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q}
spec:
  hard: {pods: "10"}
---
apiVersion: v1
kind: LimitRange
metadata: {name: lr}
spec:
  limits:
  - {type: Container, default: {cpu: 500m}, defaultRequest: {cpu: 100m}, max: {cpu: "1"}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: -5
preemptionPolicy: Never
description: low prio
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: std, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
provisioner: example.com/csi
parameters: {type: ssd, fs: ext4}
allowVolumeExpansion: true
reclaimPolicy: Retain
mountOptions: [debug, noatime]
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: withparams}
spec:
  controller: example.com/ic
  parameters: {apiGroup: k8s.example.com, kind: IngressParameters, name: ext}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 1
  selector: {app: rc}
  template:
    metadata: {labels: {app: rc}}
    spec: {containers: [{name: c, image: nginx}]}
Y
kubectl apply -f r.yaml
kubectl create secret docker-registry regcred --docker-server=r.example.com --docker-username=u --docker-password=p
kubectl patch sa default -p '{"imagePullSecrets":[{"name":"regcred"},{"name":"gone"}],"secrets":[{"name":"missing"}]}'`;

// More than 12 events (probe failures repeat): the order of the server's list matters to Go's
// unstable sort. grpc.service is spelled out (the API server defaults it to "").
const PROBES = `cat > p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata: {name: probes}
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - {containerPort: 80, name: http}
    - {containerPort: 443, hostPort: 8443, protocol: TCP}
    - {containerPort: 53, protocol: UDP}
    livenessProbe:
      httpGet: {path: /healthz, port: http, httpHeaders: [{name: X-A, value: b}]}
      initialDelaySeconds: 5
      periodSeconds: 7
    readinessProbe:
      tcpSocket: {port: 80}
      timeoutSeconds: 3
      failureThreshold: 5
    startupProbe:
      exec: {command: [cat, /tmp/ready]}
  - name: side
    image: busybox
    args: [sh, -c, "sleep 3600"]
    livenessProbe:
      grpc: {port: 9000, service: ""}
    readinessProbe:
      httpGet: {scheme: HTTPS, host: example.com, port: 8443, path: /x}
    volumeMounts:
    - {name: d, mountPath: /d}
    - {name: p, mountPath: /p}
    - {name: nf, mountPath: /n, readOnly: true}
  volumes:
  - name: d
    downwardAPI:
      items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}, {path: cpu, resourceFieldRef: {containerName: web, resource: limits.cpu}}]
  - name: p
    projected:
      sources:
      - secret: {name: sec}
      - configMap: {name: cm}
      - downwardAPI: {items: [{path: nm, fieldRef: {fieldPath: metadata.name}}]}
  - name: nf
    nfs: {server: nfs.example.com, path: /exports, readOnly: true}
Y
kubectl apply -f p.yaml
sleep 20`;

const HPA = `kubectl create deployment web --image=nginx
cat > hpa.yaml <<'Y'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  - type: Resource
    resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}
  - type: Pods
    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "10"}}
  - type: Object
    object: {metric: {name: hits}, describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}, target: {type: Value, value: 10k}}
  - type: External
    external: {metric: {name: queue}, target: {type: AverageValue, averageValue: "30"}}
  - type: ContainerResource
    containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 60}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies: [{type: Pods, value: 1, periodSeconds: 60}, {type: Percent, value: 10, periodSeconds: 60}]
    scaleUp:
      selectPolicy: Min
      policies: [{type: Pods, value: 4, periodSeconds: 15}]
Y
kubectl apply -f hpa.yaml`;

const VOLUMES = `cat > v.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: vols}
spec:
  replicas: 1
  selector: {matchLabels: {app: vols}}
  template:
    metadata: {labels: {app: vols}}
    spec:
      containers:
      - name: c
        image: nginx
        volumeMounts: [{name: cfg, mountPath: /etc/cfg}, {name: scratch, mountPath: /tmp/s}, {name: logs, mountPath: /var/log/host, readOnly: true}]
      volumes:
      - {name: cfg, configMap: {name: cfg}}
      - {name: sec, secret: {secretName: sec, optional: true}}
      - {name: scratch, emptyDir: {sizeLimit: 1Gi}}
      - {name: logs, hostPath: {path: /var/log, type: Directory}}
Y
kubectl create configmap cfg --from-literal=a=b
kubectl apply -f v.yaml`;

const CASES: { name: string; script: string; command: string }[] = [
  { name: "pod template volumes: names one space in, details at the second level", script: VOLUMES, command: "describe deploy vols" },
  { name: "coredns: a pod template with a ConfigMap volume", script: "true", command: "describe deploy -n kube-system coredns" },
  { name: "horizontal pod autoscaler: every metric type, behavior", script: HPA, command: "describe hpa web" },
  { name: "probes of every kind, several ports, downward API / projected / NFS volumes, many events", script: PROBES, command: "describe pod probes" },
  { name: "role: rules broken down, compacted, sorted by their Go string", script: POLICY, command: "describe role r" },
  { name: "cluster role with non-resource URLs and merged verbs", script: POLICY, command: "describe clusterrole viewer" },
  { name: "role binding", script: POLICY, command: "describe rolebinding rb" },
  { name: "cluster role binding", script: POLICY, command: "describe clusterrolebinding viewer-b" },
  { name: "pod disruption budget (min available)", script: POLICY, command: "describe pdb pdb" },
  { name: "pod disruption budget (max unavailable, expressions)", script: POLICY, command: "describe pdb pdb2" },
  { name: "resource quota", script: POLICY, command: "describe quota q" },
  { name: "limit range", script: POLICY, command: "describe limits lr" },
  { name: "namespace with a quota and a limit range", script: POLICY, command: "describe ns default" },
  { name: "priority class", script: POLICY, command: "describe priorityclass low" },
  { name: "default storage class with parameters and mount options", script: POLICY, command: "describe storageclass std" },
  { name: "storage class: annotations on one line, last-applied included", script: POLICY, command: "describe storageclass fast" },
  { name: "ingress class with parameters", script: POLICY, command: "describe ingressclass withparams" },
  { name: "replication controller", script: POLICY, command: "describe rc rc" },
  { name: "service account: pull secrets, missing secrets", script: POLICY, command: "describe sa default" },
  { name: "generic describer: a controller revision as unstructured content", script: "true", command: "describe controllerrevision -n kube-system" },
  { name: "network policy: peers, ip blocks, rule separators (no port ranges in 1.30)", script: NETWORK, command: "describe networkpolicy np" },
  { name: "network policy selecting every pod", script: NETWORK, command: "describe networkpolicy deny" },
  { name: "endpoint slice written by hand", script: NETWORK, command: "describe endpointslice manual" },
  { name: "endpoint slice without ports or endpoints", script: NETWORK, command: "describe endpointslice empty" },
  { name: "a service's endpoint slice", script: NETWORK, command: "describe endpointslice -l kubernetes.io/service-name=d" },
  { name: "pod template: topology spread constraints, priority class", script: TEMPLATES, command: "describe deploy spread" },
  { name: "pod: topology spread constraints", script: TEMPLATES, command: "describe pods -l app=spread" },
  { name: "daemon set template with a priority class", script: "true", command: "describe ds -n kube-system kube-proxy" },
  { name: "tolerations sorted by key; a bare Exists", script: TOLERATIONS, command: "describe pod tol" },
  { name: "node: init containers, decimal quantities, float percentages", script: NODE, command: "describe node worker1" },
  { name: "node: the other worker", script: NODE, command: "describe node worker2" },
];

describe.skipIf(!hasKubectl)("kubectl 1.30 describes these objects as the simulator does", () => {
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
