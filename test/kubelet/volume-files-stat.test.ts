// stat and readlink on a ConfigMap volume: the key is a symlink (0777, its target's length) until
// -L follows it to the 0644 file in the timestamped directory; readlink shows `..data/key` and
// readlink -f the file's real place. busybox and GNU coreutils each have their own default display
// and wording; device and inode numbers are made up.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const POD = `apiVersion: v1
kind: ConfigMap
metadata: { name: scripts }
data:
  run.sh: |
    #!/bin/sh
    echo "job done"
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

describe("stat and readlink in a volume", () => {
  const out = session([
    "kubectl apply -f pod.yaml",
    "kubectl exec shell -c t -- stat /scripts/run.sh",
    "kubectl exec shell -c t -- stat -L /scripts/run.sh",
    "kubectl exec shell -c deb -- stat -c '%n %a %A %F %s %h %U %G' /scripts /scripts/run.sh",
    "kubectl exec shell -c deb -- stat -L -c %a /scripts/run.sh",
    "kubectl exec shell -c deb -- stat --printf='%a\\t%n\\n' -L /scripts/run.sh",
    "kubectl exec shell -c t -- readlink /scripts/run.sh",
    "kubectl exec shell -c t -- readlink -f /scripts/run.sh",
    "kubectl exec shell -c t -- readlink /scripts/..data/run.sh",
    "kubectl exec shell -c deb -- stat /nope",
    "kubectl exec shell -c t -- stat /nope",
    "kubectl exec shell -c deb -- stat /scripts/run.sh",
    "kubectl exec shell -c t -- sh -c '[ -x /scripts/run.sh ] || echo not runnable; [ -L /scripts/run.sh ] && echo link; [ -f /scripts/run.sh ] && echo file; [ -h /scripts/..data/run.sh ] || echo plain'",
    "kubectl exec shell -c deb -- bash -c '[[ -x /scripts/run.sh ]] || echo not runnable; [[ -L /scripts/run.sh ]] && echo link'",
    "kubectl exec shell -c t -- find /scripts",
    "kubectl exec shell -c deb -- find /scripts -type l",
  ], { "pod.yaml": POD });

  it("busybox's default display of the link, and of its file with -L", () => {
    expect(out(1)).toMatch(new RegExp("^  File: '/scripts/run\\.sh' -> '\\.\\.data/run\\.sh'\n"
      + "  Size: 13        \tBlocks: 0          IO Block: 4096   symbolic link\n"
      + "Device: 34h/52d\tInode: \\d+ +Links: 1\n"
      + "Access: \\(0777/lrwxrwxrwx\\)  Uid: \\(    0/    root\\)   Gid: \\(    0/    root\\)\n"
      + "Access: 2024-01-10 00:00:00\\.000000000\nModify: 2024-01-10 00:00:00\\.000000000\nChange: 2024-01-10 00:00:00\\.000000000\n$"));
    expect(out(2)).toContain("  File: /scripts/run.sh\n  Size: 26        \tBlocks: 8          IO Block: 4096   regular file\n");
    expect(out(2)).toContain("Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n");
  });

  it("GNU's formats: -c, --printf, and the default display with its zone and Birth line", () => {
    expect(out(3)).toBe("/scripts 777 drwxrwxrwx directory 4096 3 root root\n/scripts/run.sh 777 lrwxrwxrwx symbolic link 13 1 root root\n");
    expect(out(4)).toBe("644\n");
    expect(out(5)).toBe("644\t/scripts/run.sh\n");
    expect(out(11)).toMatch(/^  File: \/scripts\/run\.sh -> \.\.data\/run\.sh\n  Size: 13 {8}\tBlocks: 0 {10}IO Block: 4096   symbolic link\nDevice: 0,52\tInode: \d+ +Links: 1\n/);
    expect(out(11)).toContain("Modify: 2024-01-10 00:00:00.000000000 +0000\nChange: 2024-01-10 00:00:00.000000000 +0000\n Birth: ");
  });

  it("readlink shows the link's target, -f the file's real place; a plain file is no link", () => {
    expect(out(6)).toBe("..data/run.sh\n");
    expect(out(7)).toMatch(/^\/scripts\/\.\.2024_01_10_00_00_00\.\d+\/run\.sh\n$/);
    expect(out(8)).toBe("command terminated with exit code 1\n");
  });

  it("test -x asks the file's mode, -L and -h whether the path itself is a symlink", () => {
    expect(out(12)).toBe("not runnable\nlink\nfile\nplain\n");
    expect(out(13)).toBe("not runnable\nlink\n");
  });

  it("find lists the links without following them", () => {
    const stamp = /\/scripts\/(\.\.2024_01_10_00_00_00\.\d+)\n/.exec(out(14))?.[1] ?? "no stamp";
    expect(out(14)).toBe(`/scripts\n/scripts/${stamp}\n/scripts/${stamp}/run.sh\n/scripts/..data\n/scripts/run.sh\n`);
    expect(out(15)).toBe("/scripts/..data\n/scripts/run.sh\n");
  });

  it("a missing file in each tool's words", () => {
    expect(out(9)).toBe("stat: cannot stat '/nope': No such file or directory\ncommand terminated with exit code 1\n");
    expect(out(10)).toBe("stat: can't stat '/nope': No such file or directory\ncommand terminated with exit code 1\n");
  });
});
