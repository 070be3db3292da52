// An edited ConfigMap reaches its volume at the pod's next periodic sync as a new write of the
// atomic writer: a new timestamped directory, `..data` swapped to it, a symlink for a new key,
// none for a removed one, and a key that stays keeps its symlink (and its time). Every container
// mounting the volume sees it at once. A subPath mount is a copy of the file that never follows:
// only a container started after the write sees the new content. A deleted source leaves the files.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const POD = `apiVersion: v1
kind: ConfigMap
metadata: { name: app }
data:
  app.conf: "v=1\\n"
  old.txt: "bye\\n"
---
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - name: a
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts: [{ name: c, mountPath: /etc/config }, { name: c, mountPath: /etc/app.conf, subPath: app.conf }]
  - name: b
    image: busybox:1.36
    command: ["sh", "-c", "cat /etc/app.conf; sleep 240"]
    volumeMounts: [{ name: c, mountPath: /cfg }, { name: c, mountPath: /etc/app.conf, subPath: app.conf }]
  volumes:
  - { name: c, configMap: { name: app } }
`;

describe("a ConfigMap volume after its ConfigMap changes", () => {
  const out = session([
    "kubectl apply -f pod.yaml",
    "kubectl exec web -c a -- ls -la /etc/config",
    "sleep 125",
    "kubectl create configmap app --from-literal=app.conf=v=2 --from-literal=new.txt=hi --dry-run=client -o yaml | kubectl apply -f -",
    "kubectl exec web -c a -- cat /etc/config/app.conf",
    "sleep 60",
    "kubectl exec web -c a -- ls -la /etc/config",
    "kubectl exec web -c b -- ls -l /cfg",
    "kubectl exec web -c a -- cat /etc/config/app.conf /etc/app.conf",
    "kubectl exec web -c a -- ls /etc/config/..data/",
    "sleep 60",
    "kubectl get pod web",
    "kubectl logs web -c b --previous",
    "kubectl exec web -c b -- cat /etc/app.conf",
    "kubectl delete configmap app",
    "sleep 120",
    "kubectl exec web -c b -- cat /cfg/app.conf",
  ], { "pod.yaml": POD });

  it("is written anew at the next sync: a new timestamped directory, ..data swapped, keys added and removed", () => {
    expect(out(1)).toMatch(/^total 12\n(?:.*\n){2}drwxr-xr-x {4}2 root {5}root {10}4096 Jan 10 00:00 \.\.2024_01_10_00_00_00\.\d+\n/);
    expect(out(1)).toContain("lrwxrwxrwx    1 root     root            14 Jan 10 00:00 old.txt -> ..data/old.txt\n");
    // Not yet: the change waits for the pod's periodic sync (every minute from its start).
    expect(out(4)).toBe("v=1\n");
    const stamp = /(\.\.2024_01_10_00_03_00\.\d+)\n/.exec(out(6))?.[1] ?? "no stamp";
    expect(out(6)).toBe("total 12\n"
      + "drwxrwxrwx    3 root     root          4096 Jan 10 00:03 .\n"
      + "drwxr-xr-x    1 root     root          4096 Jan 10 00:03 ..\n"
      + `drwxr-xr-x    2 root     root          4096 Jan 10 00:03 ${stamp}\n`
      + `lrwxrwxrwx    1 root     root            ${stamp.length} Jan 10 00:03 ..data -> ${stamp}\n`
      + "lrwxrwxrwx    1 root     root            15 Jan 10 00:00 app.conf -> ..data/app.conf\n"
      + "lrwxrwxrwx    1 root     root            14 Jan 10 00:03 new.txt -> ..data/new.txt\n");
    expect(out(9)).toBe("app.conf\nnew.txt\n");
  });

  it("every container mounting it sees the new files; the subPath file stays as it was", () => {
    expect(out(7)).toBe("total 0\n"
      + "lrwxrwxrwx    1 root     root            15 Jan 10 00:00 app.conf -> ..data/app.conf\n"
      + "lrwxrwxrwx    1 root     root            14 Jan 10 00:03 new.txt -> ..data/new.txt\n");
    expect(out(8)).toBe("v=2v=1\n");
  });

  it("a container started after the write gets the new file at its subPath", () => {
    expect(out(11)).toBe("NAME   READY   STATUS    RESTARTS     AGE\nweb    2/2     Running   1 (5s ago)   4m5s\n");
    expect(out(12)).toBe("v=1\n");
    expect(out(13)).toBe("v=2");
  });

  it("a deleted ConfigMap leaves the mounted files as they were", () => {
    expect(out(16)).toBe("v=2");
  });
});

const DOWNWARD = `apiVersion: v1
kind: Pod
metadata: { name: dapi, labels: { app: web, tier: fe } }
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts: [{ name: info, mountPath: /etc/podinfo }]
  volumes:
  - name: info
    downwardAPI:
      defaultMode: 0444
      items:
      - { path: labels, fieldRef: { fieldPath: metadata.labels } }
      - { path: meta/name, fieldRef: { fieldPath: metadata.name }, mode: 0400 }
`;

describe("a downwardAPI volume", () => {
  const out = session([
    "kubectl apply -f dapi.yaml",
    "kubectl exec dapi -- ls -lL /etc/podinfo /etc/podinfo/meta",
    "kubectl label pod dapi tier=be --overwrite",
    "sleep 30",
    "kubectl exec dapi -- cat /etc/podinfo/labels",
    "sleep 40",
    "kubectl exec dapi -- cat /etc/podinfo/labels",
  ], { "dapi.yaml": DOWNWARD });

  it("has its items' modes (defaultMode otherwise) on a tmpfs", () => {
    expect(out(1)).toBe("/etc/podinfo:\ntotal 4\n"
      + "-r--r--r--    1 root     root            19 Jan 10 00:00 labels\n"
      + "drwxr-xr-x    2 root     root            60 Jan 10 00:00 meta\n\n"
      + "/etc/podinfo/meta:\ntotal 4\n-r--------    1 root     root             4 Jan 10 00:00 name\n");
  });

  it("follows the pod's labels at the next periodic sync", () => {
    expect(out(4)).toBe('app="web"\ntier="fe"');
    expect(out(6)).toBe('app="web"\ntier="be"');
  });
});
