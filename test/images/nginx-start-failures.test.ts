// nginx under a read-only root or as a uid that is not root (images.md §5.1 failures): the master
// cannot make /var/cache/nginx/client_temp ("30: Read-only file system" / "13: Permission denied"),
// then, with that directory writable, cannot write its pid file; each is said in the error log's
// format and on stderr, and the container exits 1. A master that is not root also warns that
// `user` is ignored; the entrypoint cannot touch default.conf. Writable mounts where nginx writes
// let it start; nginx-unprivileged writes under /tmp.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string, kubernetes = false) {
  const s = new Session({
    seed: "nginx-start-failures",
    cluster: kubernetes
      ? { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } }
      : { hosts: [{ name: "host1", ip: "10.0.0.10" }] },
  });
  return s.run(script, { allowSim: false });
}

const tail = (s: string, n: number) => s.split("\n").slice(-n - 1).join("\n");

describe("docker run nginx that cannot write where it must", () => {
  const steps = run("docker run -d --name a --read-only nginx:1.27\ndocker run -d --name b --user 1000 nginx:1.27\n"
    + "docker run -d --name c --read-only --tmpfs /var/cache/nginx nginx:1.27\n"
    + "docker run -d --name d --read-only --tmpfs /var/cache/nginx --tmpfs /run nginx:1.27\n"
    + "docker run -d --name e --read-only --tmpfs /tmp nginxinc/nginx-unprivileged\ndocker run -d --name f --read-only nginxinc/nginx-unprivileged\n"
    + "docker ps -a --format '{{.Names}} {{.Status}}'\n"
    + "docker logs a\ndocker logs b\ndocker logs c\ndocker logs f");

  it("exits 1 where a real one does, and runs once the paths are writable", () => {
    expect(steps[6]!.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "a Exited (1) Less than a second ago", "b Exited (1) Less than a second ago", "c Exited (1) Less than a second ago",
      "d Up Less than a second", "e Up Less than a second", "f Exited (1) Less than a second ago",
    ]);
  });

  it("a read-only root: mkdir() of client_temp fails with EROFS; the entrypoint could not modify default.conf", () => {
    expect(steps[7]!.stdout).toContain("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n");
    expect(steps[7]!.stdout).not.toContain("Enabled listen on IPv6");
    expect(steps[7]!.stderr).toBe("2024/01/10 00:00:00 [emerg] 1#1: mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n"
      + "nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n");
  });

  it("another uid: `user` is ignored, then EACCES", () => {
    expect(steps[8]!.stderr).toBe(
      "2024/01/10 00:00:00 [warn] 1#1: the \"user\" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2\n"
      + "nginx: [warn] the \"user\" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2\n"
      + "2024/01/10 00:00:00 [emerg] 1#1: mkdir() \"/var/cache/nginx/client_temp\" failed (13: Permission denied)\n"
      + "nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (13: Permission denied)\n");
  });

  it("with the cache writable, the pid file is next; nginx-unprivileged keeps both in /tmp", () => {
    expect(tail(steps[9]!.stderr, 1)).toBe("nginx: [emerg] open() \"/run/nginx.pid\" failed (30: Read-only file system)\n");
    expect(tail(steps[10]!.stderr, 1)).toBe("nginx: [emerg] mkdir() \"/tmp/client_temp\" failed (30: Read-only file system)\n");
  });

  it("a running nginx has made its temp directory and pid file", () => {
    const s = run("docker run -d --name w nginx:1.27\ndocker exec w cat /run/nginx.pid\ndocker exec w ls /var/cache/nginx");
    expect([s[1]!.stdout, s[2]!.stdout]).toEqual(["1\n", "client_temp\n"]);
  });
});

describe("Kubernetes: readOnlyRootFilesystem and runAsUser", () => {
  it("crash-loops with the same messages; emptyDirs on the cache and /run let it run", () => {
    const steps = run("kubectl run ro --image=nginx:1.27 --overrides='{\"spec\":{\"containers\":[{\"name\":\"ro\",\"image\":\"nginx:1.27\",\"securityContext\":{\"readOnlyRootFilesystem\":true}}]}}'\n"
      + "kubectl run nr --image=nginx:1.27 --overrides='{\"spec\":{\"securityContext\":{\"runAsUser\":1000}}}'\n"
      + "kubectl run ok --image=nginx:1.27 --overrides='{\"spec\":{\"containers\":[{\"name\":\"ok\",\"image\":\"nginx:1.27\",\"securityContext\":{\"readOnlyRootFilesystem\":true},"
      + "\"volumeMounts\":[{\"name\":\"c\",\"mountPath\":\"/var/cache/nginx\"},{\"name\":\"r\",\"mountPath\":\"/run\"}]}],\"volumes\":[{\"name\":\"c\",\"emptyDir\":{}},{\"name\":\"r\",\"emptyDir\":{}}]}}'\n"
      + "sleep 20\nkubectl get pods --no-headers\nkubectl logs ro --tail=1\nkubectl logs nr --tail=1", true);
    const rows = steps[4]!.stdout.split("\n").filter(Boolean).map((l) => l.split(/\s+/).slice(0, 3).join(" "));
    expect(rows).toEqual(["nr 0/1 CrashLoopBackOff", "ok 1/1 Running", "ro 0/1 CrashLoopBackOff"]);
    expect(steps[5]!.stdout).toBe("nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n");
    expect(steps[6]!.stdout).toBe("nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (13: Permission denied)\n");
  });
});
