// hostPath volumes are the node's own files: the type check (DirectoryOrCreate makes, Directory
// and File must find one, FailedMount otherwise), writes from a pod landing on the node (seen by
// the node's shell and by another pod there), readOnly mounts, and `kubectl debug node/…`'s /host.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { session } from "./helpers";

const pod = (name: string, path: string, extra: { type?: string; readOnly?: boolean; command?: string } = {}) =>
  `kubectl run ${name} --image=busybox --overrides='${JSON.stringify({
    spec: {
      nodeName: "w1",
      volumes: [{ name: "h", hostPath: { path, ...(extra.type ? { type: extra.type } : {}) } }],
      containers: [{ name, image: "busybox", command: ["sh", "-c", extra.command ?? "sleep 3600"],
        volumeMounts: [{ name: "h", mountPath: "/h", ...(extra.readOnly ? { readOnly: true } : {}) }] }],
    },
  })}'`;

describe("hostPath volumes", () => {
  it("show the node's files, and what a pod writes lands on the node", () => {
    const out = session([
      "ssh w1 'mkdir -p /var/log/app && echo line1 > /var/log/app/a.log'",
      pod("agent", "/var/log"),
      "kubectl exec agent -- cat /h/app/a.log",
      pod("writer", "/srv/data", { type: "DirectoryOrCreate", command: "echo hello >> /h/out.log; sleep 3600" }),
      "ssh w1 cat /srv/data/out.log",
      pod("reader", "/srv/data"),
      "kubectl exec reader -- cat /h/out.log",
      "kubectl exec reader -- ls /h",
    ]);
    expect(out(2)).toBe("line1\n");
    expect(out(4)).toBe("hello\n");
    expect(out(6)).toBe("hello\n");
    expect(out(7)).toBe("out.log\n");
  });

  it("honour readOnly", () => {
    const out = session([pod("ro", "/var/log", { readOnly: true }), "kubectl exec ro -- sh -c 'echo x > /h/b.log'"]);
    expect(out(1)).toBe("sh: can't create /h/b.log: Read-only file system\ncommand terminated with exit code 1\n");
  });

  it("fail the mount when the type check fails", () => {
    const out = session([
      pod("dir", "/nope", { type: "Directory" }),
      "ssh w1 'echo x > /etc/app.conf'",
      pod("file", "/etc/app.conf", { type: "Directory" }),
      pod("missing", "/etc/other.conf", { type: "File" }),
      "kubectl get pods",
      "kubectl get events --field-selector reason=FailedMount -o custom-columns=OBJ:.involvedObject.name,MSG:.message --sort-by=.involvedObject.name",
    ]);
    expect(out(4)).toMatch(/dir +0\/1 +ContainerCreating/);
    expect(out(5)).toBe([
      "OBJ       MSG",
      'dir       MountVolume.SetUp failed for volume "h" : hostPath type check failed: /nope is not a directory',
      'file      MountVolume.SetUp failed for volume "h" : hostPath type check failed: /etc/app.conf is not a directory',
      'missing   MountVolume.SetUp failed for volume "h" : hostPath type check failed: /etc/other.conf is not a file',
      "",
    ].join("\n"));
  });

  it("are the node's / under kubectl debug node", () => {
    const out = session(["ssh w1 'echo hi > /root/note.txt'", "kubectl debug node/w1 -it --image=busybox -- cat /host/root/note.txt"]);
    expect(out(1)).toMatch(/^Creating debugging pod node-debugger-w1-[a-z0-9]{5} with container debugger on node w1.\nhi\n$/);
  });

  it("write to their own world's node in a copy of the world", () => {
    const base = new Session({ seed: "hp", cluster: { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } });
    base.run(pod("w", "/srv/d", { type: "DirectoryOrCreate" }), { allowSim: true });
    const copy = base.fork();
    copy.run("kubectl exec w -- sh -c 'echo copy > /h/f'", { allowSim: true });
    const [inCopy] = copy.run("ssh w1 cat /srv/d/f", { allowSim: true });
    const [inBase] = base.run("ssh w1 cat /srv/d/f", { allowSim: true });
    expect(inCopy!.stdout).toBe("copy\n");
    expect(inBase!.stderr).toBe("cat: /srv/d/f: No such file or directory\n");
  });
});
