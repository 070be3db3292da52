// PersistentVolumes and claims as on a kubeadm v1.30 cluster with no StorageClass: static
// binding by the persistentvolume-controller, the scheduler's VolumeBinding PreFilter, the
// get/describe printers — replayed as a student types them, asserted on the transcript.

import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";

const CLUSTER = {
  hosts: [{ name: "controlplane", ip: "10.0.0.10" }, { name: "node01", ip: "10.0.0.11" }, { name: "node02", ip: "10.0.0.12" }],
  kubernetes: { controlPlane: ["controlplane"], workers: ["node01", "node02"] },
};

/** Replays the script; returns each command's output (stdout + stderr) by its position. */
function run(script: string): { out: string[]; codes: number[] } {
  const steps = replay(script, { seed: "pv", cluster: CLUSTER } as never).transcript.steps;
  return { out: steps.map((s) => s.stdout + s.stderr), codes: steps.map((s) => s.exitCode) };
}

const PV = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: /mnt/data
EOF`;

const PVC = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 500Mi
EOF`;

const POD = (claim: string) => `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: ${claim}
  containers:
    - name: task-pv-container
      image: nginx
      volumeMounts:
        - mountPath: /usr/share/nginx/html
          name: task-pv-storage
EOF`;

describe("PersistentVolumes (kubeadm, no StorageClass)", () => {
  it("a hostPath PV, a smaller claim and a pod: Available, then Bound/Bound/Running", () => {
    const { out } = run([
      PV, "kubectl get pv", PVC, POD("task-pv-claim"), "sleep 10",
      "kubectl get pv", "kubectl get pvc", "kubectl get pvc -o wide", "kubectl get pod task-pv-pod",
      "kubectl exec task-pv-pod -- sh -c 'echo hello > /usr/share/nginx/html/index.html && cat /usr/share/nginx/html/index.html'",
      "kubectl describe pvc task-pv-claim", "kubectl describe pv task-pv-volume",
      "kubectl get pvc task-pv-claim -o jsonpath='{.metadata.annotations}{\"\\n\"}{.status}'",
    ].join("\n"));
    expect(out[1]).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
      "task-pv-volume   1Gi        RWO            Retain           Available           manual         <unset>                          0s\n");
    expect(out[5]).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
      "task-pv-volume   1Gi        RWO            Retain           Bound    default/task-pv-claim   manual         <unset>                          10s\n");
    expect(out[6]).toBe(
      "NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
      "task-pv-claim   Bound    task-pv-volume   1Gi        RWO            manual         <unset>                 10s\n");
    expect(out[7]).toMatch(/AGE   VOLUMEMODE\n.*10s   Filesystem\n$/);
    expect(out[8]).toMatch(/task-pv-pod   1\/1     Running/);
    expect(out[9]).toBe("hello\n");
    expect(out[10]).toBe([
      "Name:          task-pv-claim",
      "Namespace:     default",
      "StorageClass:  manual",
      "Status:        Bound",
      "Volume:        task-pv-volume",
      "Labels:        <none>",
      "Annotations:   pv.kubernetes.io/bind-completed: yes",
      "               pv.kubernetes.io/bound-by-controller: yes",
      "Finalizers:    [kubernetes.io/pvc-protection]",
      "Capacity:      1Gi",
      "Access Modes:  RWO",
      "VolumeMode:    Filesystem",
      "Used By:       task-pv-pod",
      "Events:        <none>",
      "",
    ].join("\n"));
    expect(out[11]).toBe([
      "Name:            task-pv-volume",
      "Labels:          <none>",
      "Annotations:     pv.kubernetes.io/bound-by-controller: yes",
      "Finalizers:      [kubernetes.io/pv-protection]",
      "StorageClass:    manual",
      "Status:          Bound",
      "Claim:           default/task-pv-claim",
      "Reclaim Policy:  Retain",
      "Access Modes:    RWO",
      "VolumeMode:      Filesystem",
      "Capacity:        1Gi",
      "Node Affinity:   <none>",
      "Message:         ",
      "Source:",
      "    Type:          HostPath (bare host directory volume)",
      "    Path:          /mnt/data",
      "    HostPathType:  ",
      "Events:            <none>",
      "",
    ].join("\n"));
    expect(out[12]).toContain('"pv.kubernetes.io/bind-completed":"yes","pv.kubernetes.io/bound-by-controller":"yes"');
    expect(out[12]).toContain('{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"},"phase":"Bound"}');
  });

  it("a pod naming a missing claim stays Pending with the PreFilter message printed once", () => {
    const { out } = run([POD("my-pvc"), "kubectl get pod task-pv-pod", "kubectl describe pod task-pv-pod"].join("\n"));
    expect(out[1]).toMatch(/task-pv-pod   0\/1     Pending   0          0s/);
    expect(out[2]).toContain("Node:             <none>");
    expect(out[2]).toContain(
      "  Warning  FailedScheduling  0s    default-scheduler  0/3 nodes are available: persistentvolumeclaim \"my-pvc\" not found. " +
      "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n");
  });

  it("a claim with no volume stays Pending with FailedBinding, repeated on each 15 s resync; its pod waits and starts once a PV appears", () => {
    const claim = PVC.replace("  storageClassName: manual\n", "");
    const { out } = run([
      claim, POD("task-pv-claim"), "sleep 20", "kubectl get pvc", "kubectl describe pvc task-pv-claim", "kubectl describe pod task-pv-pod",
      PV.replace("  storageClassName: manual\n", ""), "sleep 5", "kubectl get pvc,pod",
    ].join("\n"));
    expect(out[3]).toBe(
      "NAME            STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
      "task-pv-claim   Pending                                                     <unset>                 20s\n");
    expect(out[4]).toContain("Used By:       task-pv-pod\n");
    expect(out[4]).toMatch(/  Normal  FailedBinding  5s \(x2 over 20s\)  persistentvolume-controller  no persistent volumes available for this claim and no storage class is set\n$/);
    expect(out[5]).toContain("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    expect(out[8]).toMatch(/persistentvolumeclaim\/task-pv-claim   Bound    task-pv-volume   1Gi /);
    expect(out[8]).toMatch(/pod\/task-pv-pod   1\/1     Running/);
  });

  it("a claim naming a StorageClass that does not exist: ProvisioningFailed", () => {
    const { out } = run([PVC.replace("manual", "fast-ssd"), "kubectl describe pvc task-pv-claim"].join("\n"));
    expect(out[1]).toMatch(/  Warning  ProvisioningFailed  0s    persistentvolume-controller  storageclass.storage.k8s.io "fast-ssd" not found\n$/);
  });

  it("deleting the claim releases a Retain volume, which a new claim of the same name cannot bind", () => {
    const { out } = run([PV, PVC, "kubectl delete pvc task-pv-claim", "kubectl get pv", PVC, "kubectl get pvc"].join("\n"));
    expect(out[2]).toBe('persistentvolumeclaim "task-pv-claim" deleted\n');
    expect(out[3]).toMatch(/task-pv-volume   1Gi        RWO            Retain           Released   default\/task-pv-claim   manual /);
    expect(out[5]).toMatch(/task-pv-claim   Pending +manual/);
  });

  it("a claim in use and a bound volume stay Terminating (protection finalizers) until the pod goes", () => {
    const { out } = run([PV, PVC, POD("task-pv-claim"),
      "kubectl delete pvc task-pv-claim --wait=false", "kubectl get pvc", "kubectl delete pv task-pv-volume --wait=false",
      "kubectl get pv --no-headers", "kubectl delete pod task-pv-pod", "kubectl get pvc,pv"].join("\n"));
    expect(out[3]).toBe('persistentvolumeclaim "task-pv-claim" deleted\n');
    expect(out[4]).toMatch(/^NAME +STATUS .*\ntask-pv-claim   Terminating   task-pv-volume   1Gi        RWO            manual /);
    expect(out[6]).toMatch(/^task-pv-volume   1Gi   RWO   Retain   Terminating   default\/task-pv-claim   manual /);
    expect(out[8]).toBe("No resources found in default namespace.\n");
  });

  it("a finalizer removed by hand lets a Terminating claim go", () => {
    const { out } = run([PV, PVC, POD("task-pv-claim"), "kubectl delete pvc task-pv-claim --wait=false",
      `kubectl patch pvc task-pv-claim -p '{"metadata":{"finalizers":null}}'`, "kubectl get pvc"].join("\n"));
    expect(out[4]).toBe("persistentvolumeclaim/task-pv-claim patched\n");
    expect(out[5]).toBe("No resources found in default namespace.\n");
  });

  it("binds the smallest fitting volume, from the group with the fewest access modes", () => {
    const pv = (name: string, size: string, modes: string) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec: {storageClassName: manual, capacity: {storage: ${size}}, accessModes: [${modes}], hostPath: {path: /data/${name}}}
EOF`;
    const { out } = run([pv("big", "5Gi", "ReadWriteOnce"), pv("mid", "2Gi", "ReadWriteOnce"), pv("multi", "1Gi", "ReadWriteOnce, ReadWriteMany"),
      PVC, "kubectl get pvc -o custom-columns=NAME:.metadata.name,VOLUME:.spec.volumeName"].join("\n"));
    expect(out[4]).toBe("NAME            VOLUME\ntask-pv-claim   mid\n");
  });

  it("WaitForFirstConsumer: the pod waits for a local volume, then lands on its node and the claim binds", () => {
    const { out } = run([`kubectl apply -f - <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local-storage}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: task-pv-claim}
spec: {storageClassName: local-storage, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF`, POD("task-pv-claim"), "kubectl describe pod task-pv-pod", "kubectl describe pvc task-pv-claim", `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: local-pv}
spec:
  capacity: {storage: 2Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local: {path: /mnt/disks/vol1}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node02]}]
EOF`, "sleep 5", "kubectl get pvc -o wide", "kubectl get pod -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,STATUS:.status.phase",
    "kubectl describe pv local-pv"].join("\n"));
    expect(out[2]).toContain("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, " +
      "2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    expect(out[3]).toMatch(/  Normal  WaitForFirstConsumer  0s    persistentvolume-controller  waiting for first consumer to be created before binding\n$/);
    expect(out[6]).toMatch(/task-pv-claim   Bound    local-pv   2Gi        RWO            local-storage   <unset>                 5s    Filesystem\n$/);
    expect(out[7]).toBe("NAME          NODE     STATUS\ntask-pv-pod   node02   Running\n");
    expect(out[8]).toContain([
      "Node Affinity:     ",
      "  Required Terms:  ",
      "    Term 0:        kubernetes.io/hostname in [node02]",
      "Message:           ",
      "Source:",
      "    Type:  LocalVolume (a persistent volume backed by local storage on a node)",
      "    Path:  /mnt/disks/vol1",
      "Events:    <none>",
    ].join("\n"));
  });

  it("refuses a claim or volume missing the required fields with the API server's wording", () => {
    const { out, codes } = run([`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: bad}
spec: {}
EOF`, `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: badpv}
spec: {accessModes: [ReadWriteOnce], hostPath: {path: /data}}
EOF`, `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: bad2}
spec: {accessModes: [RWO], resources: {requests: {storage: 1Gi}}}
EOF`].join("\n"));
    expect(codes).toEqual([1, 1, 1]);
    expect(out[0]).toBe('The PersistentVolumeClaim "bad" is invalid: \n' +
      "* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value\n");
    expect(out[1]).toBe('The PersistentVolume "badpv" is invalid: \n' +
      '* spec.capacity: Required value\n* spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"\n');
    expect(out[2]).toBe('The PersistentVolumeClaim "bad2" is invalid: spec.accessModes: Unsupported value: "RWO": ' +
      'supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"\n');
  });

  it("a claim naming a volume too small for it: VolumeMismatch; a Delete volume under /tmp goes with its claim", () => {
    const { out } = run([`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec: {capacity: {storage: 100Mi}, accessModes: [ReadWriteOnce], hostPath: {path: /data/small}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: scratch}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Delete, hostPath: {path: /tmp/scratch}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: wants-small}
spec: {volumeName: small, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: temp}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF`, "kubectl describe pvc wants-small", "kubectl get pvc", "kubectl delete pvc temp", "kubectl get pv"].join("\n"));
    expect(out[1]).toMatch(/  Warning  VolumeMismatch  0s    persistentvolume-controller  Cannot bind to requested volume "small": requested PV is too small\n$/);
    expect(out[2]).toMatch(/temp          Bound     scratch   1Gi        RWO/);
    expect(out[2]).toMatch(/wants-small   Pending   small     0 /);
    expect(out[4]).toMatch(/^NAME    CAPACITY .*\nsmall   100Mi      RWO            Retain           Available /);
    expect(out[4]).not.toContain("scratch");
  });
});
