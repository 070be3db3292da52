// securityContext runAsUser / runAsGroup / fsGroup reach the container's processes, replayed as
// the Kubernetes "Configure a Security Context" task does it: id, ps, whoami, the volume's group
// and setgid bit, files made in it owned by the uid and the fsGroup; the container's settings
// override the pod's; read-only mounts and readOnlyRootFilesystem refuse writes with the
// kernel's EROFS as busybox prints it; ConfigMap and projected volumes are always read-only.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function cluster(script: string, files: Record<string, string> = {}) {
  const s = new Session({
    seed: "run-as-user",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  const heredocs = Object.entries(files).map(([name, text]) => `cat > ${name} <<'EOF'\n${text}EOF\n`).join("");
  const steps = s.run(heredocs + script, { allowSim: false }).slice(Object.keys(files).length);
  return steps;
}

const DEMO = `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`;

describe("runAsUser, runAsGroup and fsGroup", () => {
  it("the task page's session: ps, ls -l of the volume, a file made in it, id", () => {
    const steps = cluster(`kubectl apply -f sc.yaml
kubectl exec security-context-demo -- ps
kubectl exec security-context-demo -- ls -l /data
kubectl exec security-context-demo -- sh -c 'cd /data/demo && echo hello > testfile && ls -l'
kubectl exec security-context-demo -- id`, { "sc.yaml": DEMO });
    expect(steps[1]!.stdout).toBe("PID   USER     TIME  COMMAND\n    1 1000      0:00 sh -c sleep 1h\n    7 1000      0:00 ps\n");
    expect(steps[2]!.stdout).toMatch(/^total 4\ndrwxrwsrwx    2 root     2000          4096 \w{3} [ \d]\d \d\d:\d\d demo\n$/);
    expect(steps[3]!.stdout).toMatch(/^total 4\n-rw-r--r--    1 1000     2000             6 \w{3} [ \d]\d \d\d:\d\d testfile\n$/);
    expect(steps[4]!.stdout).toBe("uid=1000 gid=3000 groups=2000,3000\n");
  });

  it("a uid without a passwd entry: whoami and id -un fail as busybox does; HOME is /; root's directories refuse writes", () => {
    const steps = cluster(`kubectl apply -f sc.yaml
kubectl exec security-context-demo -- whoami
kubectl exec security-context-demo -- id -un
kubectl exec security-context-demo -- sh -c 'echo $HOME'
kubectl exec security-context-demo -- touch /data/x
kubectl exec security-context-demo -- sh -c 'echo x > /etc/x'
kubectl exec security-context-demo -- sh -c 'touch /tmp/ok && ls -l /tmp/ok'`, { "sc.yaml": DEMO });
    expect([steps[1]!.exitCode, steps[1]!.stderr]).toEqual([1, "whoami: unknown uid 1000\ncommand terminated with exit code 1\n"]);
    expect([steps[2]!.stdout, steps[2]!.stderr]).toEqual(["1000\n", "id: unknown ID 1000\ncommand terminated with exit code 1\n"]);
    expect(steps[3]!.stdout).toBe("/\n");
    expect(steps[4]!.stderr).toBe("touch: /data/x: Permission denied\ncommand terminated with exit code 1\n");
    expect(steps[5]!.stderr).toBe("sh: can't create /etc/x: Permission denied\ncommand terminated with exit code 1\n");
    expect(steps[6]!.stdout).toMatch(/^-rw-r--r--    1 1000     3000             0 /);
  });

  it("the container's runAsUser wins over the pod's; without runAsGroup the gid is 0; root in busybox is also in wheel", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: two }
spec:
  securityContext: { runAsUser: 1000, fsGroup: 2000 }
  containers:
  - { name: a, image: busybox, command: ["sleep", "3600"] }
  - { name: b, image: busybox, command: ["sleep", "3600"], securityContext: { runAsUser: 2000, runAsGroup: 3000 } }
`;
    const steps = cluster("kubectl apply -f two.yaml\nkubectl exec two -c a -- id\nkubectl exec two -c b -- id\n"
      + "kubectl run plain --image=busybox -- sleep 1d\nkubectl exec plain -- id\nkubectl exec plain -- whoami", { "two.yaml": pod });
    expect(steps[1]!.stdout).toBe("uid=1000 gid=0(root) groups=0(root),2000\n");
    expect(steps[2]!.stdout).toBe("uid=2000 gid=3000 groups=2000,3000\n");
    expect(steps[4]!.stdout).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    expect(steps[5]!.stdout).toBe("root\n");
  });
});

describe("read-only filesystems", () => {
  const pod = `apiVersion: v1
kind: Pod
metadata: { name: ro }
spec:
  volumes:
  - { name: cache, emptyDir: {} }
  - { name: shared, emptyDir: {} }
  - { name: cfg, configMap: { name: cfg } }
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    securityContext: { readOnlyRootFilesystem: true }
    volumeMounts:
    - { name: cache, mountPath: /cache }
    - { name: shared, mountPath: /shared, readOnly: true }
    - { name: cfg, mountPath: /etc/cfg }
`;
  it("readOnlyRootFilesystem, a readOnly volumeMount, a ConfigMap volume and the service account token refuse writes", () => {
    const steps = cluster(`kubectl create configmap cfg --from-literal=k=v
kubectl apply -f ro.yaml
kubectl exec ro -- touch /x
kubectl exec ro -- sh -c 'echo x > /tmp/x'
kubectl exec ro -- sh -c 'echo x > /cache/x && cat /cache/x'
kubectl exec ro -- touch /shared/x
kubectl exec ro -- sh -c 'echo v2 > /etc/cfg/k'
kubectl exec ro -- rm /var/run/secrets/kubernetes.io/serviceaccount/token
kubectl exec ro -- mkdir /newdir`, { "ro.yaml": pod });
    const err = (i: number) => steps[i]!.stderr.replace(/command terminated with exit code \d+\n$/, "");
    expect(err(2)).toBe("touch: /x: Read-only file system\n");
    expect(err(3)).toBe("sh: can't create /tmp/x: Read-only file system\n");
    expect(steps[4]!.stdout).toBe("x\n");
    expect(err(5)).toBe("touch: /shared/x: Read-only file system\n");
    expect(err(6)).toBe("sh: can't create /etc/cfg/k: Read-only file system\n");
    expect(err(7)).toBe("rm: can't remove '/var/run/secrets/kubernetes.io/serviceaccount/token': Read-only file system\n");
    expect(err(8)).toBe("mkdir: can't create directory '/newdir': Read-only file system\n");
  });

  it("a ConfigMap volume still follows its source (the kubelet's remount is not a write from inside)", () => {
    const steps = cluster(`kubectl create configmap cfg --from-literal=k=v
kubectl apply -f ro.yaml
kubectl create configmap cfg --from-literal=k=v2 --dry-run=client -o yaml | kubectl apply -f -
sleep 70
kubectl exec ro -- cat /etc/cfg/k`, { "ro.yaml": pod });
    expect(steps[4]!.stdout).toBe("v2");
  });
});
