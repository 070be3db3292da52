// The image/runtime fidelity audit, container shells: busybox ash, dash and bash error lines, the
// text tools students pipe through, and the builtins scripts rely on (set -e/-x, kill, command -v).

import { describe, expect, it } from "vitest";
import { at, run } from "./helpers";
import { docker, kube, one } from "./replay-helpers";

describe("shell error lines by shell (busybox ash, dash, bash)", () => {
  it.each([
    ["busybox", "sh -c foo", 127, "sh: foo: not found\n"],
    ["busybox", "/bin/sh -c 'true; foo'", 127, "/bin/sh: foo: not found\n"],
    ["busybox", "sh -c 'cd /nope'", 2, "sh: cd: line 1: can't cd to /nope: No such file or directory\n"],
    ["busybox", "sh -c 'echo x > /nope/f'", 1, "sh: can't create /nope/f: nonexistent directory\n"],
    ["debian:12", "sh -c 'true\nfoo'", 127, "sh: 2: foo: not found\n"],
    ["debian:12", "/bin/sh -c 'cd /nope'", 2, "/bin/sh: 1: cd: can't cd to /nope\n"],
    ["debian:12", "sh -c 'echo x > /nope/f'", 2, "sh: 1: cannot create /nope/f: Directory nonexistent\n"],
    ["ubuntu:24.04", "bash -c foo", 127, "bash: line 1: foo: command not found\n"],
    ["ubuntu:24.04", "bash -c 'cd /nope'", 1, "bash: line 1: cd: /nope: No such file or directory\n"],
    ["ubuntu:24.04", "bash -c 'echo x > /nope/f'", 1, "bash: line 1: /nope/f: No such file or directory\n"],
  ])("%s: %s", (image, command, exitCode, stderr) => {
    const [step] = docker("", `docker run --rm ${image} ${command}`);
    expect({ exitCode: step!.exitCode, stderr: step!.stderr.replace(/^(Unable|[\w.-]+: Pull|Digest|Status|[0-9a-f]{12}: ).*\n/gm, "") })
      .toEqual({ exitCode, stderr });
  });

  it("a script file names itself and its line (busybox)", () => {
    const steps = kube("kubectl run s --image=busybox:1.36 -- sh -c 'printf \"true\\nnope\\n\" > /s.sh; sh /s.sh; sleep 3600'\nkubectl logs s");
    expect(steps[1]!.stdout).toBe("/s.sh: line 2: nope: not found\n");
  });
});

describe("busybox ps", () => {
  it("lists PID 1's command line and the exec'd ps", () => {
    const [step] = docker("docker run -d --name b busybox sleep 3600", "docker exec b ps aux");
    expect(step!.stdout).toBe("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps aux\n");
  });
});

describe("text filters (busybox and GNU)", () => {
  it.each([
    ["busybox", "echo hi > /tmp/f; wc -l /tmp/f; wc /tmp/f; echo hi | wc; echo hi | wc -l",
      "1 /tmp/f\n        1         1         3 /tmp/f\n        1         1         3\n1\n"],
    ["debian:12", "echo hi > /tmp/f; wc -l /tmp/f; wc /tmp/f; echo hi | wc; echo hi | wc -l",
      "1 /tmp/f\n1 1 3 /tmp/f\n      1       1       3\n1\n"],
    ["busybox", "echo hello | tr a-z A-Z; echo a:b:c | cut -d: -f2,3; printf 'b\\na\\nb\\n' | sort | uniq -c; printf '3\\n10\\n2\\n' | sort -rn",
      "HELLO\nb:c\n      1 a\n      2 b\n10\n3\n2\n"],
  ])("%s: %s", (image, script, stdout) => {
    const [step] = docker(`docker run -d --name t ${image} sleep 3600`, `docker exec t sh -c "${script}"`);
    expect(one(step!)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });

  it("missing files: busybox sort says can't open, GNU sort cannot read", () => {
    const [bb] = docker("docker run -d --name t busybox sleep 3600", "docker exec t sort /nope");
    expect(bb!.stderr).toBe("sort: can't open '/nope': No such file or directory\n");
    const [deb] = docker("docker run -d --name t debian:12 sleep 3600", "docker exec t sort /nope");
    expect({ exitCode: deb!.exitCode, stderr: deb!.stderr }).toEqual({ exitCode: 2, stderr: "sort: cannot read: /nope: No such file or directory\n" });
  });
});

describe("hostname -i and ping", () => {
  it("hostname -i prints the container's address", () => {
    const p = run("busybox", { command: ["sleep", "3600"], hostname: "web", ip: "10.244.1.7" });
    expect(p.exec(["hostname", "-i"]).stdout).toBe("10.244.1.7\n");
  });

  it("ping -c 2 localhost: loopback ttl 64 and statistics computed from the replies", () => {
    const [step] = docker("docker run -d --name b busybox sleep 3600", "docker exec b ping -c 2 localhost");
    expect(step!.stdout).toBe("PING localhost (127.0.0.1): 56 data bytes\n64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.050 ms\n" +
      "64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.061 ms\n\n--- localhost ping statistics ---\n" +
      "2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.050/0.056/0.061 ms\n");
  });
});

describe("stream editors in container one-liners", () => {
  it.each([
    ["echo hello world | tee /tmp/t; cat /tmp/t", "hello world\nhello world\n"],
    ["echo -n admin | base64; echo YWRtaW4= | base64 -d", "YWRtaW4=\nadmin"],
    ["echo 'a b c' | sed 's/b/X/'; printf 'x\\ny\\nz\\n' | sed -n '2p'; echo foo.bar | sed 's/\\(foo\\)\\.\\(bar\\)/\\2-\\1/'", "a X c\ny\nbar-foo\n"],
    ["echo 'a:b:c' | awk -F: '{print $1, $NF}'; printf 'x 1\\ny 2\\n' | awk 'NR==2 {print $2}'", "a c\n2\n"],
    ["expr 2 + 3; expr 7 / 2", "5\n3\n"],
  ])("%s", (script, stdout) => {
    const p = run("busybox", { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", script])).toMatchObject({ exitCode: 0, stdout, stderr: "" });
  });

  it("sed -i edits the file in place", () => {
    const p = run("busybox", { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "echo listen 80 > /tmp/c; sed -i 's/80/8080/' /tmp/c; cat /tmp/c"]).stdout).toBe("listen 8080\n");
  });
});

describe("ls -l and ls -a", () => {
  it.each([
    ["busybox", "total 8\ndrwxr-xr-x    2 root     root          4096 Jan 10 00:00 d\n-rw-r--r--    1 root     root             0 Jan 10 00:00 e\n" +
      "-rw-r--r--    1 root     root             3 Jan 10 00:00 f\n"],
    ["debian:12", "total 8\ndrwxr-xr-x 2 root root 4096 Jan 10 00:00 d\n-rw-r--r-- 1 root root    0 Jan 10 00:00 e\n-rw-r--r-- 1 root root    3 Jan 10 00:00 f\n"],
  ])("%s", (image, listing) => {
    const p = run(image, { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "mkdir /tmp/d; echo hi > /tmp/f; touch /tmp/e; ls -l /tmp"]).stdout).toBe(listing);
    expect(p.exec(["ls", "-a", "/tmp"]).stdout).toBe(".\n..\nd\ne\nf\n");
  });
});

describe("which and command -v", () => {
  it.each([
    ["busybox", "echo\n/bin/sh\n/bin/wget\n1\n"],
    ["alpine", "echo\n/bin/sh\n/usr/bin/wget\n1\n"],
    ["nginx:1.27.4", "echo\n/usr/bin/sh\n/usr/bin/curl\n1\n"],
  ])("%s", (image, stdout) => {
    const p = run(image, { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "command -v echo; command -v sh; which curl wget; command -v nope; echo $?"])).toMatchObject({ stdout, stderr: "" });
  });
});

describe("set -e and set -x in container scripts", () => {
  it.each([
    ["set -e; echo a; false; echo b", 1, "a\n", ""],
    ["set -e; false || echo rescued; if false; then :; fi; while false; do :; done; echo c", 0, "rescued\nc\n", ""],
    ["set -e; ! false; echo d; (exit 3); echo e", 3, "d\n", ""],
    ["set -x; X=1 echo 'a b'; set +x; echo done", 0, "a b\ndone\n", "+ X=1 echo 'a b'\n+ set +x\n"],
    ["set -e; sh -c 'false; echo child-continues'", 0, "child-continues\n", ""],
  ])("%s", (script, exitCode, stdout, stderr) => {
    const p = run("busybox", { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", script])).toMatchObject({ exitCode, stdout, stderr });
  });

  it("a container whose entrypoint script fails under set -e exits with that status", () => {
    const [logs, ps] = docker("docker run --name j busybox sh -c 'set -e; echo start; cat /missing; echo never'", "docker logs j\ndocker ps -a --format '{{.Status}}'");
    expect(logs!.stdout).toBe("start\n");
    expect(logs!.stderr).toBe("cat: can't open '/missing': No such file or directory\n");
    expect(ps!.stdout).toMatch(/^Exited \(1\)/);
  });
});

describe("syntax errors by shell", () => {
  it.each([
    ["busybox", "sh", "sh: syntax error: unexpected \"then\"\n"],
    ["debian:12", "sh", "sh: 1: Syntax error: \"then\" unexpected\n"],
    ["debian:12", "bash", "bash: -c: line 1: syntax error near unexpected token `then'\nbash: -c: line 1: `if then fi'\n"],
  ])("%s %s -c 'if then fi'", (image, shell, stderr) => {
    const p = run(image, { command: ["sleep", "infinity"] });
    expect(p.exec([shell, "-c", "if then fi"])).toMatchObject({ exitCode: 2, stdout: "", stderr });
  });
});

describe("kill from inside the container", () => {
  it("kill 1 stops a PID 1 that handles SIGTERM (nginx exits 0); sleep as PID 1 ignores even kill -9", () => {
    const steps = docker("docker run -d --name web nginx:1.27.4\ndocker run -d --name b busybox sleep 3600",
      "docker exec web kill 1\ndocker exec b kill -9 1\ndocker exec b kill 42\nsleep 1\ndocker ps -a --format '{{.Names}} {{.Status}}'");
    expect(one(steps[2]!)).toEqual({ exitCode: 1, stdout: "", stderr: "sh: can't kill pid 42: No such process\n" });
    expect(steps[4]!.stdout).toBe("b Up 1 second\nweb Exited (0) Less than a second ago\n");
  });
});

describe("file errors in each tool's wording", () => {
  it.each([
    ["busybox", "rmdir: '/nope': No such file or directory\nhead: /nope: No such file or directory\ntail: can't open '/nope': No such file or directory\ngrep: /nope: No such file or directory\n"],
    ["debian:12", "rmdir: failed to remove '/nope': No such file or directory\nhead: cannot open '/nope' for reading: No such file or directory\n" +
      "tail: cannot open '/nope' for reading: No such file or directory\ngrep: /nope: No such file or directory\n"],
  ])("%s", (image, stderr) => {
    const p = run(image, { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "rmdir /nope; head -n 1 /nope; tail /nope; grep x /nope"]).stderr).toBe(stderr);
  });

  it("GNU sleep points at --help", () => {
    const p = run("debian:12", { command: ["sleep", "infinity"] });
    expect(p.exec(["sleep"])).toMatchObject({ exitCode: 1, stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n" });
  });
});

describe("find", () => {
  it("walks the tree with -name and -type; a missing root is reported in each tool's way", () => {
    const p = run("debian:12", { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "mkdir -p /cfg/sub; echo a > /cfg/a.conf; echo b > /cfg/sub/b.conf; find /cfg; find /cfg -name '*.conf'; find /cfg -type d; find /nope"]))
      .toMatchObject({ exitCode: 1, stdout: "/cfg\n/cfg/a.conf\n/cfg/sub\n/cfg/sub/b.conf\n/cfg/a.conf\n/cfg/sub/b.conf\n/cfg\n/cfg/sub\n",
        stderr: "find: '/nope': No such file or directory\n" });
  });
});

describe("echo and printf builtins", () => {
  it.each([
    ["busybox", "sh", "a\tb\n"],
    ["debian:12", "sh", "-e a\tb\n"],
    ["debian:12", "bash", "a\tb\n"],
  ])("%s %s: echo -e", (image, shell, stdout) => {
    const p = run(image, { command: ["sleep", "infinity"] });
    expect(p.exec([shell, "-c", "echo -e 'a\\tb'"]).stdout).toBe(stdout);
  });

  it("printf pads, zero-fills and rounds", () => {
    const p = run("busybox", { command: ["sleep", "infinity"] });
    expect(p.exec(["sh", "-c", "printf '%-5s|%5s|%03d|%.2f|%x\\n' ab cd 7 3.14159 255"]).stdout).toBe("ab   |   cd|007|3.14|ff\n");
  });
});

describe("sleep infinity by busybox version (images.md §3.2)", () => {
  it("busybox:1.28 rejects it (the container exits 1); 1.36 sleeps forever", () => {
    expect(run("busybox:1.28", { command: ["sleep", "infinity"] }).status(at(1))).toMatchObject({ state: "exited", exitCode: 1 });
    expect(run("busybox:1.28", { command: ["sleep", "infinity"] }).logs().map((l) => l.text)).toEqual(["sleep: invalid number 'infinity'"]);
    expect(run("busybox:1.36", { command: ["sleep", "infinity"] }).status(at(3600)).state).toBe("running");
  });
});
