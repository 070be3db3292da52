// The typed printer (the `set` verbs) encodes objects as the Go structs do, from the same json tags
// as the API server's stored form (api/encoding-types.ts): omitempty zeros dropped, value structs
// and fields without omitempty always written — a nil pointer among them as null (a gRPC probe's
// `service: null`, a projected volume's `sources: null`), a zero Quantity as "0" (a downward API
// divisor). Compared with kubectl 1.30 --local, which needs no server.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, KUBECTL } from "./stub-apiserver";

const FILES: Record<string, string> = {
  // Every field of the pod layout at its zero value: which ones Go drops checks the json tags.
  "pod.yaml": `apiVersion: v1
kind: Pod
metadata: {name: p, generation: 0, namespace: "", labels: {}, annotations: {}, finalizers: [], ownerReferences: []}
spec:
  volumes:
  - {name: a, hostPath: {path: /x, type: ""}}
  - {name: b, emptyDir: {medium: ""}}
  - {name: c, secret: {secretName: "", items: [], defaultMode: 0, optional: false}}
  - {name: d, persistentVolumeClaim: {claimName: x, readOnly: false}}
  - {name: e, configMap: {name: "", items: [{key: k, path: p, mode: 0}], defaultMode: 0, optional: false}}
  - {name: f, projected: {sources: [], defaultMode: 0}}
  - {name: g, downwardAPI: {items: [{path: p, fieldRef: {apiVersion: "", fieldPath: metadata.name}, mode: 0}], defaultMode: 0}}
  - name: h
    projected:
      sources:
      - serviceAccountToken: {audience: "", expirationSeconds: 0, path: t}
      - configMap: {name: "", items: [], optional: false}
      - secret: {name: "", items: [], optional: false}
      - downwardAPI: {items: []}
  initContainers: []
  containers:
  - name: c
    image: ""
    command: []
    args: []
    workingDir: ""
    ports: [{name: "", hostPort: 0, containerPort: 80, protocol: "", hostIP: ""}]
    envFrom: [{prefix: "", configMapRef: {name: "", optional: false}, secretRef: {name: "", optional: false}}]
    env:
    - {name: A, value: ""}
    - {name: B, valueFrom: {configMapKeyRef: {name: "", key: k, optional: false}}}
    - {name: C, valueFrom: {secretKeyRef: {name: "", key: k, optional: false}}}
    - {name: D, valueFrom: {fieldRef: {apiVersion: "", fieldPath: metadata.name}}}
    - {name: E, valueFrom: {resourceFieldRef: {containerName: "", resource: limits.cpu}}}
    resources: {limits: {}, requests: {}, claims: []}
    resizePolicy: []
    restartPolicy: ""
    volumeMounts: [{name: a, readOnly: false, recursiveReadOnly: "", mountPath: /a, subPath: "", mountPropagation: "", subPathExpr: ""}]
    volumeDevices: []
    livenessProbe: {exec: {command: []}, initialDelaySeconds: 0, timeoutSeconds: 0, periodSeconds: 0, successThreshold: 0, failureThreshold: 0, terminationGracePeriodSeconds: 0}
    readinessProbe: {httpGet: {path: "", port: 80, host: "", scheme: "", httpHeaders: []}}
    startupProbe: {tcpSocket: {port: 80, host: ""}}
    terminationMessagePath: ""
    terminationMessagePolicy: ""
    imagePullPolicy: ""
    securityContext: {privileged: false, runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, procMount: ""}
    stdin: false
    stdinOnce: false
    tty: false
  restartPolicy: ""
  terminationGracePeriodSeconds: 0
  activeDeadlineSeconds: 0
  dnsPolicy: ""
  nodeSelector: {}
  serviceAccountName: ""
  serviceAccount: ""
  automountServiceAccountToken: false
  nodeName: ""
  hostNetwork: false
  hostPID: false
  hostIPC: false
  shareProcessNamespace: false
  securityContext: {runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, supplementalGroups: [], fsGroup: 0, sysctls: [], fsGroupChangePolicy: ""}
  imagePullSecrets: []
  hostname: ""
  subdomain: ""
  schedulerName: ""
  tolerations: [{key: "", operator: "", value: "", effect: "", tolerationSeconds: 0}]
  hostAliases: []
  priorityClassName: ""
  priority: 0
  readinessGates: []
  runtimeClassName: ""
  enableServiceLinks: false
  preemptionPolicy: ""
  overhead: {}
  topologySpreadConstraints: []
  setHostnameAsFQDN: false
  hostUsers: false
  schedulingGates: []
  resourceClaims: []
`,
  // The workload kinds' spec fields at zero.
  "work.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 0
  selector: {matchLabels: {a: b}, matchExpressions: [{key: k, operator: In, values: []}]}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
  strategy: {type: "", rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}
  minReadySeconds: 0
  revisionHistoryLimit: 0
  paused: false
  progressDeadlineSeconds: 0
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  replicas: 0
  selector: {matchLabels: {a: b}}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
  volumeClaimTemplates: []
  serviceName: ""
  podManagementPolicy: ""
  updateStrategy: {type: ""}
  revisionHistoryLimit: 0
  minReadySeconds: 0
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  selector: {matchLabels: {a: b}}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
  updateStrategy: {type: ""}
  minReadySeconds: 0
  revisionHistoryLimit: 0
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  replicas: 0
  minReadySeconds: 0
  selector: {matchLabels: {a: b}}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  parallelism: 0
  completions: 0
  activeDeadlineSeconds: 0
  backoffLimit: 0
  backoffLimitPerIndex: 0
  maxFailedIndexes: 0
  manualSelector: false
  template: {spec: {restartPolicy: Never, containers: [{name: c, image: x}]}}
  ttlSecondsAfterFinished: 0
  completionMode: ""
  suspend: false
  podReplacementPolicy: ""
  managedBy: ""
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  schedule: ""
  timeZone: ""
  startingDeadlineSeconds: 0
  concurrencyPolicy: ""
  suspend: false
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x}]}}}}
  successfulJobsHistoryLimit: 0
  failedJobsHistoryLimit: 0
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 0
  minReadySeconds: 0
  selector: {}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
`,
  "d.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {}}
spec:
  paused: false
  replicas: 0
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: false
      containers:
      - name: nginx
        image: nginx
        args: []
        ports: [{containerPort: 80, hostPort: 0}]
        readinessProbe: {grpc: {port: 80}, initialDelaySeconds: 0}
`,
  "j.yaml": `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, env: [{name: E, value: ""}]}]
      volumes: [{name: v, projected: {}}, {name: w, downwardAPI: {items: [{path: p, resourceFieldRef: {resource: limits.cpu}}]}}]
`,
};

const CASES = [
  ["set", "env", "-f", "pod.yaml", "Z=1", "--local"],
  ["set", "env", "-f", "work.yaml", "Z=1", "--local"],
  ["set", "image", "-f", "d.yaml", "nginx=nginx:2", "--local"],
  ["set", "env", "-f", "d.yaml", "A=1", "--local"],
  ["set", "resources", "-f", "d.yaml", "--limits=cpu=200m", "--local"],
  ["set", "image", "-f", "j.yaml", "c=busybox:2", "--local"],
  ["set", "env", "-f", "j.yaml", "B=2", "--local"],
];

function sim(args: string[]) {
  const files = Object.entries(FILES).map(([name, text]) => `cat > ${name} <<'Y'\n${text}Y\n`).join("");
  const steps = new Session({ seed: "typed" }).run(`${files}kubectl ${args.join(" ")}`, { allowSim: true });
  const s = steps.at(-1)!;
  return { stdout: s.stdout, stderr: s.stderr, exit: s.exitCode };
}

describe("typed printing: omitempty, value structs and nil pointers as Go encodes them", () => {
  test.skipIf(!hasKubectl)("set … --local -o yaml|json print what kubectl 1.30 prints", () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-typed-"));
    try {
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      for (const base of CASES) {
        // Several objects as YAML need set env's "---" separators, which are not the point here.
        for (const o of base.includes("work.yaml") ? ["json"] : ["yaml", "json"]) {
          const args = [...base, "-o", o];
          const r = spawnSync(KUBECTL, args, { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
          expect({ args, ...sim(args) }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
