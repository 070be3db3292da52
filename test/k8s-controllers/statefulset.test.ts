// The StatefulSet controller (src/sim/k8s/controllers/statefulset.ts) and kubectl's rollout
// verbs on it, replayed: ordinal pods created in order with a stable network identity, a claim
// per ordinal that outlives the set, scale-down from the highest ordinal, rolling updates down
// to a partition, and rollback through ControllerRevisions.
import { describe, expect, it } from "vitest";
import { replayK8s } from "./replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "sts");


const STS = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  ports: [{port: 80, name: web}]
  clusterIP: None
  selector: {app: nginx}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: nginx}}
  serviceName: nginx
  replicas: 3
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25", ports: [{containerPort: 80, name: web}]}]
`;
const CLAIMS = `  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;


describe("StatefulSet controller", () => {
  it("creates web-0..2 in order with hostname, subdomain and identity labels; DNS resolves each pod", () => {
    const r = run([
      "kubectl apply -f sts.yaml",
      "kubectl get sts,pods",
      "kubectl rollout status sts/web",
      "kubectl get pod web-1 -o jsonpath='{.spec.hostname} {.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}'",
      "kubectl exec web-2 -- hostname",
      "kubectl run t --image=busybox --restart=Never -- nslookup web-0.nginx",
      "sleep 2",
      "kubectl logs t",
      "kubectl describe sts web",
    ].join("\n"), { "sts.yaml": STS });
    expect(r.out[1]).toMatch(/statefulset\.apps\/web +3\/3 +0s\n\nNAME +READY +STATUS +RESTARTS +AGE\npod\/web-0 +1\/1 +Running .*\npod\/web-1 +1\/1 +Running .*\npod\/web-2 +1\/1 +Running /);
    expect(r.out[2]).toBe("partitioned roll out complete: 3 new pods have been updated...\n");
    expect(r.out[3]).toBe("web-1 nginx web-1 1");
    expect(r.out[4]).toBe("web-2\n");
    expect(r.out[7]).toContain("Name:\tweb-0.nginx.default.svc.cluster.local\n");
    const creates = r.out[8]!.split("\n").filter((l) => l.includes("create Pod"));
    expect(creates.map((l) => l.replace(/.*create Pod (\S+).*/, "$1"))).toEqual(["web-0", "web-1", "web-2"]);
    expect(creates[0]).toMatch(/Normal +SuccessfulCreate .* statefulset-controller +create Pod web-0 in StatefulSet web successful$/);
  });

  it("adopts only orphans named like its ordinals (a stray pod with its labels is left alone)", () => {
    const r = run("kubectl run stray --image=nginx --labels=app=nginx\nkubectl apply -f sts.yaml\nkubectl get pods -o name\nkubectl get pod stray -o jsonpath='{.metadata.ownerReferences}'", { "sts.yaml": STS });
    expect(r.out[2]).toBe("pod/stray\npod/web-0\npod/web-1\npod/web-2\n");
    expect(r.out[3]).toBe("");
  });

  it("makes a claim per ordinal; the pod waits for it to bind; claims outlive the set", () => {
    const r = run([
      "kubectl apply -f sts.yaml",
      "kubectl get pods,pvc --no-headers",
      "kubectl describe pod web-0 | tail -1",
      "kubectl apply -f pv.yaml",
      "sleep 1",
      "kubectl get pods --no-headers",
      "kubectl delete sts web",
      "kubectl get pvc -o name",
    ].join("\n"), { "sts.yaml": STS + CLAIMS, "pv.yaml": "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv0}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /data/pv0}\n" });
    expect(r.out[1]).toMatch(/^pod\/web-0 +0\/1 +Pending +0 +0s\npersistentvolumeclaim\/www-web-0 +Pending /);
    expect(r.out[2]).toContain("0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
    // One volume: web-0 runs, web-1's claim waits for another.
    expect(r.out[5]).toMatch(/^web-0 +1\/1 +Running .*\nweb-1 +0\/1 +Pending /);
    expect(r.out[7]).toBe("persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n");
  });

  it("scales down from the highest ordinal, updates down to the partition, and rolls back", () => {
    const r = run([
      "kubectl apply -f sts.yaml",
      "kubectl scale sts web --replicas=2",
      "kubectl get pods --no-headers",
      "sleep 31",
      "kubectl get pods -o name",
      "kubectl scale sts web --replicas=3",
      "kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":2}}}}'",
      "kubectl set image sts/web nginx=nginx:1.26",
      "kubectl rollout status sts/web",
      "kubectl get pods -o custom-columns=N:.metadata.name,I:.spec.containers[0].image --no-headers",
      "kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}'",
      "kubectl rollout status sts/web >/dev/null",
      "kubectl rollout undo sts/web",
      "kubectl rollout status sts/web >/dev/null",
      "kubectl get sts web -o jsonpath='{.spec.template.spec.containers[0].image} {.status.updatedReplicas}'",
      "kubectl rollout history sts/web",
      "kubectl rollout undo sts/web --to-revision=9",
    ].join("\n"), { "sts.yaml": STS });
    expect(r.out[2]).toMatch(/web-2 +1\/1 +Terminating /);
    expect(r.out[4]).toBe("pod/web-0\npod/web-1\n");
    expect(r.out[8]).toMatch(/partitioned roll out complete: 1 new pods have been updated...\n$/);
    expect(r.out[9]!.trim().split("\n").map((l) => l.split(/ +/)[1])).toEqual(["nginx:1.25", "nginx:1.25", "nginx:1.26"]);
    expect(r.out[12]).toBe("statefulset.apps/web rolled back\n");
    expect(r.out[14]).toBe("nginx:1.25 3");
    expect(r.out[15]).toBe("statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    expect(r.err[16]).toBe("error: unable to find specified revision 9 in history\n");
  });
});

describe("ReplicationController (the ReplicaSet controller over a map selector)", () => {
  it("creates, scales and deletes its pods, with replication-controller events", () => {
    const rc = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: nginx}\nspec:\n  replicas: 3\n  selector: {app: nginx}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec:\n      containers: [{name: nginx, image: nginx}]\n";
    const r = run("kubectl apply -f rc.yaml\nkubectl get rc nginx --no-headers\nkubectl scale rc nginx --replicas=1\nkubectl get pods --no-headers\nkubectl describe rc nginx | grep -c 'replication-controller'", { "rc.yaml": rc });
    expect(r.out[1]).toMatch(/^nginx +3 +3 +3 +0s\n$/);
    expect(r.out[3]!.trim().split("\n").filter((l) => / Running /.test(l))).toHaveLength(1);
    expect(r.out[4]).toBe("5\n");
  });
});

describe("/etc/hostname in a pod's containers", () => {
  it("holds the pod's hostname", () => {
    const r = run("kubectl run web --image=nginx\nkubectl exec web -- cat /etc/hostname\nkubectl apply -f sts.yaml\nkubectl exec web-1 -- cat /etc/hostname", { "sts.yaml": STS });
    expect(r.out[1]).toBe("web\n");
    expect(r.out[3]).toBe("web-1\n");
  });
});
