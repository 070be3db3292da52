// Container shell fidelity: busybox's own root directories; a file without x bits run by its path
// is "Permission denied" (status 126; runc's EACCES as PID 1 or for docker exec) until chmod;
// `docker top` under --init shows docker-init and its child; `2>&1` keeps a log's line order.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

/** The images pulled first (one step, dropped), so each step's stderr is the command's own. */
function run(script: string) {
  const pulls = ["busybox", "busybox:musl", "alpine", "debian", "ubuntu"].map((i) => `docker pull -q ${i} >/dev/null`).join("; ");
  return new Session({ seed: "exec-permission" }).run(`${pulls}\n${script}`, { allowSim: true }).slice(1);
}

describe("busybox's root", () => {
  it("ls / lists busybox's directories only (no media, mnt, opt, run, sbin, srv); musl has no lib64", () => {
    const steps = run("docker run --rm busybox ls /\ndocker run --rm busybox:musl ls /\ndocker run --rm alpine ls /");
    expect(steps[0]!.stdout).toBe("bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n");
    expect(steps[1]!.stdout).toBe("bin\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar\n");
    expect(steps[2]!.stdout).toBe("bin\ndev\netc\nhome\nlib\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n");
  });
});

describe("running a file without x bits", () => {
  it("in each shell's words, status 126, until chmod +x", () => {
    const steps = run([
      `docker run --rm busybox sh -c 'printf "#!/bin/sh\\necho hi\\n" > /tmp/s; /tmp/s; echo "status $?"; chmod +x /tmp/s; /tmp/s; ls -l /tmp/s'`,
      `docker run --rm debian sh -c '/etc/hostname'`,
      `docker run --rm ubuntu bash -c 'cd /tmp && echo "echo hi" > s && ./s; chmod 755 s && ./s'`,
    ].join("\n"));
    expect(steps[0]!.stderr).toBe("sh: /tmp/s: Permission denied\n");
    expect(steps[0]!.stdout).toMatch(/^status 126\nhi\n-rwxr-xr-x +1 root +root +\d+ .* \/tmp\/s\n$/);
    expect(steps[1]).toMatchObject({ exitCode: 126, stderr: "sh: 1: /etc/hostname: Permission denied\n" });
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "hi\n", stderr: "bash: line 1: ./s: Permission denied\n" });
  });

  it("as PID 1 or for docker exec: runc's permission denied, 126", () => {
    const steps = run("docker run --rm busybox /etc/passwd\ndocker run -d --name a alpine sleep 1d\ndocker exec a /etc/hostname");
    expect(steps[0]!.exitCode).toBe(126);
    expect(steps[0]!.stderr).toContain('docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\n');
    expect(steps[2]).toMatchObject({ exitCode: 126, stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/hostname": permission denied: unknown\n' });
  });

  it("chmod's errors", () => {
    const steps = run("docker run --rm busybox chmod +x /nope\ndocker run --rm debian chmod q /etc/hostname\ndocker run --rm debian chmod +x /nope");
    expect(steps[0]).toMatchObject({ exitCode: 1, stderr: "chmod: /nope: No such file or directory\n" });
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: "chmod: invalid mode: 'q'\nTry 'chmod --help' for more information.\n" });
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "chmod: cannot access '/nope': No such file or directory\n" });
  });
});

describe("docker top under --init", () => {
  it("docker-init is PID 1 with the command as its child", () => {
    const steps = run("docker run -d --init --name i busybox sleep 100\ndocker top i");
    const rows = steps[1]!.stdout.trim().split("\n").map((l) => l.split(/ {3,}/));
    expect(rows.map((r) => r[7])).toEqual(["CMD", "/sbin/docker-init -- sleep 100", "sleep 100"]);
    expect(rows[2]![2]).toBe(rows[1]![1]);
  });
});

describe("2>&1 keeps the order the lines were written in", () => {
  it("docker logs and an attached docker run", () => {
    const cmd = `sh -c 'echo out1; echo err1 >&2; echo out2; echo err2 >&2'`;
    const steps = run([`docker run -d --name c busybox ${cmd}`, "sleep 1", "docker logs c 2>&1", "docker logs c > /tmp/o 2>&1; cat /tmp/o",
      "docker logs c 2>/dev/null", `docker run --rm busybox ${cmd} 2>&1 | cat`].join("\n"));
    expect(steps[2]!.stdout).toBe("out1\nerr1\nout2\nerr2\n");
    expect(steps[3]!.stdout).toBe("out1\nerr1\nout2\nerr2\n");
    expect(steps[4]!.stdout).toBe("out1\nout2\n");
    expect(steps[5]!.stdout).toBe("out1\nerr1\nout2\nerr2\n");
  });

  it("docker exec", () => {
    const steps = run("docker run -d --name a busybox sleep 1d\ndocker exec a sh -c 'echo a; echo b >&2; echo c' 2>&1\ndocker exec a sh -c 'echo a; echo b >&2; echo c' 2>/dev/null");
    expect(steps[1]!.stdout).toBe("a\nb\nc\n");
    expect(steps[2]!.stdout).toBe("a\nc\n");
  });
});
