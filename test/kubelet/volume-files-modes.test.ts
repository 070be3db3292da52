// A volume file's mode is the item's, else the volume's defaultMode, 0644 (420) unless set — for
// Secrets too. A script mounted with the default mode cannot be run by its path: a shell says
// "Permission denied" (126), runc refuses it as PID 1 (StartError, RunContainerError, then
// CrashLoopBackOff) or for kubectl exec; `sh script` always works; defaultMode 0755 makes it
// runnable. With an fsGroup everything is group-owned and group-readable (SetVolumeOwnership),
// and the service account token is 0600 for the pod's single runAsUser. The volume is read-only.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const PODS = `apiVersion: v1
kind: ConfigMap
metadata: { name: scripts }
data:
  run.sh: |
    #!/bin/sh
    echo "job done"
---
apiVersion: v1
kind: Pod
metadata: { name: direct }
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["/scripts/run.sh"]
    volumeMounts: [{ name: s, mountPath: /scripts }]
  volumes:
  - { name: s, configMap: { name: scripts } }
---
apiVersion: v1
kind: Pod
metadata: { name: viash }
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: ["/bin/sh", "-c", "/scripts/run.sh"]
    volumeMounts: [{ name: s, mountPath: /scripts }]
  volumes:
  - { name: s, configMap: { name: scripts } }
---
apiVersion: v1
kind: Pod
metadata: { name: runnable }
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: ["/scripts/run.sh"]
    volumeMounts: [{ name: s, mountPath: /scripts }]
  volumes:
  - { name: s, configMap: { name: scripts, defaultMode: 0755 } }
---
apiVersion: v1
kind: Pod
metadata: { name: shell }
spec:
  containers:
  - name: t
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts: [{ name: s, mountPath: /scripts }]
  - name: deb
    image: nginx:1.25
    volumeMounts: [{ name: s, mountPath: /scripts }]
  volumes:
  - { name: s, configMap: { name: scripts } }
`;

const START_ERROR = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: '
  + 'unable to start container process: exec: "/scripts/run.sh": permission denied: unknown';

describe("a script in a ConfigMap volume", () => {
  const out = session([
    "kubectl apply -f pods.yaml",
    "kubectl get pods",
    "kubectl get pod direct -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}|{.status.containerStatuses[0].state.waiting.message}'",
    "kubectl get pod viash -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'",
    "kubectl logs viash",
    "kubectl logs runnable",
    "kubectl exec shell -c t -- /scripts/run.sh",
    "kubectl exec shell -c t -- sh -c /scripts/run.sh",
    "kubectl exec shell -c t -- sh /scripts/run.sh",
    "kubectl exec shell -c deb -- bash -c /scripts/run.sh",
    "kubectl exec shell -c deb -- /bin/sh -c /scripts/run.sh",
    "kubectl exec shell -c t -- stat -L -c '%a %A %U:%G' /scripts/run.sh",
    "sleep 20",
    "kubectl get pod direct",
    "kubectl describe pod direct | grep -A3 'Last State'",
  ], { "pods.yaml": PODS });

  it("with the default mode 0644 it is not runnable as PID 1: StartError, then CrashLoopBackOff", () => {
    expect(out(1)).toBe("NAME       READY   STATUS              RESTARTS   AGE\n"
      + "direct     0/1     RunContainerError   0          0s\n"
      + "runnable   0/1     Completed           0          0s\n"
      + "shell      2/2     Running             0          0s\n"
      + "viash      0/1     Error               0          0s\n");
    expect(out(2)).toBe(`RunContainerError|${START_ERROR}`);
    expect(out(13)).toBe("NAME     READY   STATUS             RESTARTS     AGE\ndirect   0/1     CrashLoopBackOff   2 (9s ago)   20s\n");
    expect(out(14)).toBe(`    Last State:     Terminated\n      Reason:       StartError\n      Message:      ${START_ERROR}\n      Exit Code:    128\n`);
  });

  it("a shell running it by its path says Permission denied and exits 126", () => {
    expect(out(3)).toBe("126");
    expect(out(4)).toBe("/bin/sh: /scripts/run.sh: Permission denied\n");
    expect(out(7)).toBe("sh: /scripts/run.sh: Permission denied\ncommand terminated with exit code 126\n");
    expect(out(9)).toBe("bash: line 1: /scripts/run.sh: Permission denied\ncommand terminated with exit code 126\n");
    expect(out(10)).toBe("/bin/sh: 1: /scripts/run.sh: Permission denied\ncommand terminated with exit code 126\n");
  });

  it("kubectl exec of the script itself fails in runc", () => {
    expect(out(6)).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "\/scripts\/run\.sh": permission denied: unknown\n$/);
  });

  it("sh SCRIPT always works, and defaultMode 0755 makes it runnable", () => {
    expect(out(8)).toBe("job done\n");
    expect(out(5)).toBe("job done\n");
    expect(out(11)).toBe("644 -rw-r--r-- root:root\n");
  });
});

const GROUPED = `apiVersion: v1
kind: Secret
metadata: { name: key }
stringData: { id_rsa: "-----BEGIN KEY-----\\n", known_hosts: "github.com ssh-ed25519 AAAA\\n" }
---
apiVersion: v1
kind: Pod
metadata: { name: grouped }
spec:
  securityContext: { runAsUser: 1000, fsGroup: 2000 }
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts: [{ name: k, mountPath: /keys }]
  volumes:
  - name: k
    secret:
      secretName: key
      defaultMode: 0400
      items: [{ key: id_rsa, path: id_rsa }, { key: known_hosts, path: known_hosts, mode: 0644 }]
`;

describe("modes with an fsGroup, and the volume is read-only", () => {
  const out = session([
    "kubectl apply -f grouped.yaml",
    "kubectl exec grouped -- ls -lL /keys",
    "kubectl exec grouped -- ls -ld /keys",
    "kubectl exec grouped -- ls -l /var/run/secrets/kubernetes.io/serviceaccount/..data/",
    "kubectl exec grouped -- sh -c 'echo x > /keys/id_rsa'",
    "kubectl exec grouped -- rm /keys/id_rsa",
    "kubectl exec grouped -- touch /keys/new",
    "kubectl exec grouped -- chmod 600 /keys/id_rsa",
  ], { "grouped.yaml": GROUPED });

  it("items keep their own mode, the rest defaultMode; fsGroup adds group read and owns everything", () => {
    expect(out(1)).toBe("total 8\n"
      + "-r--r-----    1 root     2000            20 Jan 10 00:00 id_rsa\n"
      + "-rw-r--r--    1 root     2000            28 Jan 10 00:00 known_hosts\n");
    expect(out(2)).toBe("drwxrwsrwt    3 root     2000           120 Jan 10 00:00 /keys\n");
  });

  it("the token is 0600 for the pod's one runAsUser, then group-readable for the fsGroup", () => {
    expect(out(3)).toMatch(/^total 12\n-rw-r--r--    1 root     2000 +\d+ Jan 10 00:00 ca\.crt\n-rw-r--r--    1 root     2000 +7 Jan 10 00:00 namespace\n-rw-r-----    1 1000     2000 +\d+ Jan 10 00:00 token\n$/);
  });

  it("writing, removing or chmod-ing in the volume is a read-only file system", () => {
    expect(out(4)).toBe("sh: can't create /keys/id_rsa: Read-only file system\ncommand terminated with exit code 1\n");
    expect(out(5)).toBe("rm: can't remove '/keys/id_rsa': Read-only file system\ncommand terminated with exit code 1\n");
    expect(out(6)).toBe("touch: /keys/new: Read-only file system\ncommand terminated with exit code 1\n");
    expect(out(7)).toBe("chmod: /keys/id_rsa: Read-only file system\ncommand terminated with exit code 1\n");
  });
});

const LOCKED = `apiVersion: v1
kind: Secret
metadata: { name: key }
stringData: { id_rsa: "-----BEGIN KEY-----\\n" }
---
apiVersion: v1
kind: Pod
metadata: { name: locked }
spec:
  securityContext: { runAsUser: 1000 }
  containers:
  - { name: c, image: "busybox:1.36", command: ["sleep", "3600"], volumeMounts: [{ name: k, mountPath: /keys }] }
  - { name: d, image: "nginx:1.25", command: ["sleep", "3600"], volumeMounts: [{ name: k, mountPath: /keys }] }
  volumes:
  - { name: k, secret: { secretName: key, defaultMode: 0400 } }
`;

describe("a 0400 Secret file and a non-root user", () => {
  const out = session([
    "kubectl apply -f locked.yaml",
    "kubectl exec locked -c c -- ls -lL /keys",
    "kubectl exec locked -c c -- cat /keys/id_rsa",
    "kubectl exec locked -c c -- sh -c 'read x < /keys/id_rsa'",
    "kubectl exec locked -c d -- cat /keys/id_rsa",
    "kubectl exec locked -c d -- tail -1 /keys/id_rsa",
    "kubectl exec locked -c d -- bash -c 'cat < /keys/id_rsa'",
  ], { "locked.yaml": LOCKED });

  it("the file is root's, r-------- : reading it is Permission denied in each tool's words", () => {
    expect(out(1)).toBe("total 4\n-r--------    1 root     root            20 Jan 10 00:00 id_rsa\n");
    expect(out(2)).toBe("cat: can't open '/keys/id_rsa': Permission denied\ncommand terminated with exit code 1\n");
    expect(out(3)).toBe("sh: can't open /keys/id_rsa: Permission denied\ncommand terminated with exit code 1\n");
    expect(out(4)).toBe("cat: /keys/id_rsa: Permission denied\ncommand terminated with exit code 1\n");
    expect(out(5)).toBe("tail: cannot open '/keys/id_rsa' for reading: Permission denied\ncommand terminated with exit code 1\n");
    expect(out(6)).toBe("bash: line 1: /keys/id_rsa: Permission denied\ncommand terminated with exit code 1\n");
  });
});
