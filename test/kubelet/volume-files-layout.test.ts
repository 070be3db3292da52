// ConfigMap, Secret and projected volumes as the kubelet's atomic writer lays them out: the mount
// directory holds `..data` -> `..YYYY_MM_DD_HH_MM_SS.N` and one symlink per key, so `ls` lists
// the keys, `ls -l` shows them as symlinks and `ls -la` the dot entries; ConfigMaps are on the
// node's disk (4096-byte directories), Secrets and projected volumes on a tmpfs (40 bytes + 20
// per entry). Items with a directory in their path make that directory; a subPath mount is the
// plain file. GNU ls (nginx, Debian) and busybox ls each keep their own columns.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const APP = `apiVersion: v1
kind: ConfigMap
metadata: { name: app }
data:
  run.sh: |
    #!/bin/sh
    echo "hello from run.sh"
  app.conf: |
    mode=prod
---
apiVersion: v1
kind: Secret
metadata: { name: db }
stringData: { username: admin, password: s3cr3t }
---
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - name: app
    image: nginx:1.25
    volumeMounts:
    - { name: config, mountPath: /etc/config }
    - { name: creds, mountPath: /etc/creds }
    - { name: config, mountPath: /etc/app.conf, subPath: app.conf }
  - name: tools
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: config, mountPath: /scripts }
    - { name: picked, mountPath: /etc/picked }
  volumes:
  - { name: config, configMap: { name: app } }
  - { name: creds, secret: { secretName: db } }
  - name: picked
    configMap:
      name: app
      items: [{ key: app.conf, path: conf/app.conf }, { key: run.sh, path: bin/run.sh, mode: 0755 }]
---
apiVersion: v1
kind: Pod
metadata: { name: typo }
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts: [{ name: c, mountPath: /etc/app.conf, subPath: app.cnf }]
  volumes:
  - { name: c, configMap: { name: app } }
`;

/** The timestamped directory an `ls -la` shows (its suffix hashes the pod's uid). */
const stampIn = (out: string): string => /(\.\.2024_01_10_00_00_00\.\d+)\n/.exec(out)?.[1] ?? "no stamp";

describe("the atomic writer's layout", () => {
  const out = session([
    "kubectl apply -f app.yaml",
    "kubectl exec web -c app -- ls /etc/config",
    "kubectl exec web -c app -- ls -l /etc/config",
    "kubectl exec web -c app -- ls -la /etc/config",
    "kubectl exec web -c app -- ls -lL /etc/config",
    "kubectl exec web -c app -- cat /etc/config/app.conf",
    "kubectl exec web -c app -- ls -l /etc/config/app.conf",
    "kubectl exec web -c tools -- ls -la /scripts",
  ], { "app.yaml": APP });

  it("ls lists only the keys; ls -l shows them as symlinks into ..data", () => {
    expect(out(1)).toBe("app.conf\nrun.sh\n");
    expect(out(2)).toBe("total 0\n"
      + "lrwxrwxrwx 1 root root 15 Jan 10 00:00 app.conf -> ..data/app.conf\n"
      + "lrwxrwxrwx 1 root root 13 Jan 10 00:00 run.sh -> ..data/run.sh\n");
    expect(out(6)).toBe("lrwxrwxrwx 1 root root 15 Jan 10 00:00 /etc/config/app.conf -> ..data/app.conf\n");
  });

  it("ls -la shows the timestamped directory and ..data; the files behind the links are 0644", () => {
    const stamp = stampIn(out(3));
    expect(stamp).toMatch(/^\.\.2024_01_10_00_00_00\.\d{1,10}$/);
    expect(out(3)).toBe("total 12\n"
      + "drwxrwxrwx 3 root root 4096 Jan 10 00:00 .\n"
      + "drwxr-xr-x 1 root root 4096 Jan 10 00:00 ..\n"
      + `drwxr-xr-x 2 root root 4096 Jan 10 00:00 ${stamp}\n`
      + `lrwxrwxrwx 1 root root   ${stamp.length} Jan 10 00:00 ..data -> ${stamp}\n`
      + "lrwxrwxrwx 1 root root   15 Jan 10 00:00 app.conf -> ..data/app.conf\n"
      + "lrwxrwxrwx 1 root root   13 Jan 10 00:00 run.sh -> ..data/run.sh\n");
    expect(out(4)).toBe("total 8\n"
      + "-rw-r--r-- 1 root root 10 Jan 10 00:00 app.conf\n"
      + "-rw-r--r-- 1 root root 35 Jan 10 00:00 run.sh\n");
    expect(out(5)).toBe("mode=prod\n");
  });

  it("every container mounting the volume sees the same directory (busybox's columns)", () => {
    const stamp = stampIn(out(3));
    expect(out(7)).toBe("total 12\n"
      + "drwxrwxrwx    3 root     root          4096 Jan 10 00:00 .\n"
      + "drwxr-xr-x    1 root     root          4096 Jan 10 00:00 ..\n"
      + `drwxr-xr-x    2 root     root          4096 Jan 10 00:00 ${stamp}\n`
      + `lrwxrwxrwx    1 root     root            ${stamp.length} Jan 10 00:00 ..data -> ${stamp}\n`
      + "lrwxrwxrwx    1 root     root            15 Jan 10 00:00 app.conf -> ..data/app.conf\n"
      + "lrwxrwxrwx    1 root     root            13 Jan 10 00:00 run.sh -> ..data/run.sh\n");
  });
});

describe("Secret, projected and item volumes", () => {
  const out = session([
    "kubectl apply -f app.yaml",
    "kubectl exec web -c app -- ls -la /etc/creds",
    "kubectl exec web -c app -- ls -lL /etc/creds",
    "kubectl exec web -c app -- cat /etc/creds/username",
    "kubectl exec web -c tools -- ls -l /etc/picked",
    "kubectl exec web -c tools -- ls -la /etc/picked/conf/",
    "kubectl exec web -c tools -- ls -lL /etc/picked/bin /etc/picked/conf",
    "kubectl exec web -c app -- ls -l /etc/app.conf",
    "kubectl exec web -c app -- cat /etc/app.conf",
    "kubectl exec web -c app -- ls -la /var/run/secrets/kubernetes.io/serviceaccount",
    "kubectl exec typo -- ls -ld /etc/app.conf",
    "kubectl exec typo -- cat /etc/app.conf",
  ], { "app.yaml": APP });

  it("a Secret is on a tmpfs (sticky, sizes of 40 + 20 per entry, no blocks) with 0644 files", () => {
    const stamp = stampIn(out(1));
    expect(out(1)).toBe("total 4\n"
      + "drwxrwxrwt 3 root root  120 Jan 10 00:00 .\n"
      + "drwxr-xr-x 1 root root 4096 Jan 10 00:00 ..\n"
      + `drwxr-xr-x 2 root root   80 Jan 10 00:00 ${stamp}\n`
      + `lrwxrwxrwx 1 root root   ${stamp.length} Jan 10 00:00 ..data -> ${stamp}\n`
      + "lrwxrwxrwx 1 root root   15 Jan 10 00:00 password -> ..data/password\n"
      + "lrwxrwxrwx 1 root root   15 Jan 10 00:00 username -> ..data/username\n");
    expect(out(2)).toBe("total 8\n-rw-r--r-- 1 root root 6 Jan 10 00:00 password\n-rw-r--r-- 1 root root 5 Jan 10 00:00 username\n");
    expect(out(3)).toBe("admin");
  });

  it("items with a directory in their path make it; the top-level name is the symlink", () => {
    expect(out(4)).toBe("total 0\n"
      + "lrwxrwxrwx    1 root     root            10 Jan 10 00:00 bin -> ..data/bin\n"
      + "lrwxrwxrwx    1 root     root            11 Jan 10 00:00 conf -> ..data/conf\n");
    // `..` is where conf really is: the timestamped directory, with its two subdirectories.
    expect(out(5)).toBe("total 12\n"
      + "drwxr-xr-x    2 root     root          4096 Jan 10 00:00 .\n"
      + "drwxr-xr-x    4 root     root          4096 Jan 10 00:00 ..\n"
      + "-rw-r--r--    1 root     root            10 Jan 10 00:00 app.conf\n");
    expect(out(6)).toBe("/etc/picked/bin:\ntotal 4\n-rwxr-xr-x    1 root     root            35 Jan 10 00:00 run.sh\n\n"
      + "/etc/picked/conf:\ntotal 4\n-rw-r--r--    1 root     root            10 Jan 10 00:00 app.conf\n");
  });

  it("a subPath mount is the key's file itself, not a symlink", () => {
    expect(out(7)).toBe("-rw-r--r-- 1 root root 10 Jan 10 00:00 /etc/app.conf\n");
    expect(out(8)).toBe("mode=prod\n");
  });

  it("a subPath the volume does not have is made as an empty directory with the volume's mode", () => {
    expect(out(10)).toBe("drwxrwxrwx    2 root     root          4096 Jan 10 00:00 /etc/app.conf\n");
    expect(out(11)).toBe("cat: read error: Is a directory\ncommand terminated with exit code 1\n");
  });

  it("the service account's projected volume has ca.crt, namespace and token on a tmpfs", () => {
    const stamp = stampIn(out(9));
    expect(out(9)).toBe("total 4\n"
      + "drwxrwxrwt 3 root root  140 Jan 10 00:00 .\n"
      + "drwxr-xr-x 3 root root 4096 Jan 10 00:00 ..\n"
      + `drwxr-xr-x 2 root root  100 Jan 10 00:00 ${stamp}\n`
      + `lrwxrwxrwx 1 root root   ${stamp.length} Jan 10 00:00 ..data -> ${stamp}\n`
      + "lrwxrwxrwx 1 root root   13 Jan 10 00:00 ca.crt -> ..data/ca.crt\n"
      + "lrwxrwxrwx 1 root root   16 Jan 10 00:00 namespace -> ..data/namespace\n"
      + "lrwxrwxrwx 1 root root   12 Jan 10 00:00 token -> ..data/token\n");
  });
});
