import { describe, expect, it } from "vitest";
import { at, run, texts } from "./helpers";

const sh = (script: string) => ["sh", "-c", script];

describe("the container shell, through exec (busybox)", () => {
  const box = () => run("busybox", { command: ["sleep", "infinity"], hostname: "web-7d9f", env: { GREETING: "hello", EMPTY: "" } });

  it.each([
    ["echo one; echo two", 0, "one\ntwo\n", ""],
    ["true && echo yes || echo no", 0, "yes\n", ""],
    ["false && echo yes || echo no", 0, "no\n", ""],
    ["false; echo $?", 0, "1\n", ""],
    ["exit 3", 3, "", ""],
    ["echo $GREETING ${GREETING}! \"$GREETING world\" '$GREETING'", 0, "hello hello! hello world $GREETING\n", ""],
    ["echo ${MISSING:-fallback} ${EMPTY:-empty} ${#GREETING}", 0, "fallback empty 5\n", ""],
    ["printenv GREETING; printenv NOPE", 1, "hello\n", ""],
    ["hostname; echo $HOSTNAME", 0, "web-7d9f\nweb-7d9f\n", ""],
    ["echo -n a; echo b", 0, "ab\n", ""],
    ["i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", 0, "0\n1\n2\n", ""],
    ["for f in a b c; do echo $f; done", 0, "a\nb\nc\n", ""],
    ["if [ -f /etc/nope ]; then echo yes; elif [ -d /tmp ]; then echo tmp; else echo no; fi", 0, "tmp\n", ""],
    ["echo hi > /tmp/x; echo there >> /tmp/x; cat /tmp/x; wc -l < /tmp/x", 0, "hi\nthere\n2\n", ""],
    ["touch /tmp/a /tmp/b; ls /tmp; rm /tmp/a; ls /tmp", 0, "a\nb\nb\n", ""],
    ["mkdir -p /data/x/y && test -d /data/x/y && echo ok", 0, "ok\n", ""],
    ["cat /tmp/healthy", 1, "", "cat: can't open '/tmp/healthy': No such file or directory\n"],
    ["rm /tmp/nope", 1, "", "rm: can't remove '/tmp/nope': No such file or directory\n"],
    ["rm -f /tmp/nope && echo fine", 0, "fine\n", ""],
    ["mkdir /a/b/c", 1, "", "mkdir: can't create directory '/a/b/c': No such file or directory\n"],
    ["echo x > /nope/file", 1, "", "sh: can't create /nope/file: nonexistent directory\n"],
    ["bash -c true", 127, "", "sh: bash: not found\n"],
    ["curl http://web", 127, "", "sh: curl: not found\n"],
    ["echo a b c | wc -w; echo hello | grep -q ell && echo found", 0, "3\nfound\n", ""],
    ["date; date +%s", 0, "Wed Jan 10 00:00:00 UTC 2024\n1704844800\n", ""],
    ["sleep 5 && echo slept", 0, "slept\n", ""],
    ["sleep abc", 1, "", "sleep: invalid number 'abc'\n"],
    ["x=$(echo inner); echo \"[$x]\"; echo `echo back`", 0, "[inner]\nback\n", ""],
    ["env | grep GREETING", 0, "GREETING=hello\n", ""],
    ["echo $((7 / 2)) $((7 % 2)) $(( (1+2)*3 ))", 0, "3 1 9\n", ""],
    ["seq 3 | while read n; do echo \"n=$n\"; done", 0, "n=1\nn=2\nn=3\n", ""],
    ["if then fi", 2, "", "sh: syntax error: unexpected \"then\"\n"],
    ["echo 'unterminated", 2, "", "sh: syntax error: unterminated quoted string\n"],
    ["cd /tmp && pwd && cd /nope", 2, "/tmp\n", "sh: cd: line 1: can't cd to /nope: No such file or directory\n"],
    ["echo err 1>&2", 0, "", "err\n"],
    ["ls /nope > /tmp/out 2>&1; cat /tmp/out", 0, "ls: /nope: No such file or directory\n", ""],
    ["ls /nope 2>&1 > /tmp/out", 1, "ls: /nope: No such file or directory\n", ""],
    ["{ echo a; echo b >&2; } &> /tmp/both; cat /tmp/both", 0, "a\nb\n", ""],
    ["ls /nope 2>/dev/null || echo missing", 0, "missing\n", ""],
    ["test -n \"$EMPTY\" || echo empty-var; [ \"$GREETING\" = hello ] && echo eq", 0, "empty-var\neq\n", ""],
  ])("%s", (script, exitCode, stdout, stderr) => {
    const r = box().exec(sh(script));
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode, stdout, stderr });
  });

  it("exec reports the virtual time a command would take", () => {
    expect(box().exec(sh("sleep 2; sleep 1.5")).durationMs).toBe(3500);
  });

  it("a loop that never ends is cut by the step budget and reported as timed out", () => {
    expect(box().exec(sh("while true; do echo spin > /dev/null; done"))).toMatchObject({ exitCode: 124, timedOut: true });
    expect(box().exec(["tail", "-f", "/dev/null"])).toMatchObject({ timedOut: true });
  });

  it("files written by exec are seen by later execs and by fileExists/readFile", () => {
    const p = box();
    p.exec(sh("echo ready > /tmp/ready"));
    expect([p.fileExists("/tmp/ready"), p.readFile("/tmp/ready"), p.exec(["cat", "/tmp/ready"]).stdout]).toEqual([true, "ready\n", "ready\n"]);
  });
});

describe("GNU coreutils wording in debian-based images", () => {
  it.each([
    ["cat /nope", "cat: /nope: No such file or directory\n"],
    ["rm /nope", "rm: cannot remove '/nope': No such file or directory\n"],
    ["ls /nope", "ls: cannot access '/nope': No such file or directory\n"],
    ["touch /nope/x", "touch: cannot touch '/nope/x': No such file or directory\n"],
  ])("%s", (script, stderr) => {
    expect(run("ubuntu:22.04", { command: ["sleep", "infinity"] }).exec(["bash", "-c", script]).stderr).toBe(stderr);
  });
});

describe("scripts as PID 1 on the virtual clock", () => {
  it("a sleeping loop logs one line per iteration with its virtual time", () => {
    const p = run("busybox", { command: sh("i=0; while true; do echo \"tick $i $(date +%T)\"; i=$((i+1)); sleep 10; done") });
    p.advanceTo(at(25));
    expect(p.logs()).toEqual([
      { time: at(0), stream: "stdout", text: "tick 0 00:00:00" },
      { time: at(10), stream: "stdout", text: "tick 1 00:00:10" },
      { time: at(20), stream: "stdout", text: "tick 2 00:00:20" },
    ]);
    expect(p.nextEventTime(at(25))).toBe(at(30));
  });

  it("a loop without sleep spins: it keeps running, bounded, with no further events", () => {
    const p = run("busybox", { command: sh("while true; do echo x > /tmp/x; done") });
    expect(p.status(at(60)).state).toBe("running");
    expect(p.spinning).toBe(true);
    expect(p.nextEventTime(at(60))).toBeUndefined();
  });

  it("a loop that logs without sleeping is cut too (logs stay bounded)", () => {
    const p = run("busybox", { command: sh("while true; do echo spam; done") });
    expect(p.spinning).toBe(true);
    expect(p.logs().length).toBeLessThanOrEqual(5000);
  });

  it("a sleeping logger goes quiet once its lifetime step budget is used; the simulator stays bounded", () => {
    const p = run("busybox", { command: sh("while true; do echo tick; sleep 1; done") });
    p.advanceTo(at(86_400));
    expect([p.spinning, p.status(at(86_400)).state, p.nextEventTime(at(86_400))]).toEqual([true, "running", undefined]);
    expect(p.logs().length).toBe(5000);
  });

  it("the same script gives the same transcript twice", () => {
    const script = sh("for i in 1 2 3; do date +%T >> /tmp/log; echo \"$i $(hostname)\"; sleep 7; done; cat /tmp/log; exit 5");
    const once = () => {
      const p = run("alpine", { command: script, hostname: "pod-x" });
      return { status: p.status(at(100)), logs: p.logs() };
    };
    expect(once()).toEqual(once());
    expect(once().logs.map((l) => l.text)).toEqual(["1 pod-x", "2 pod-x", "3 pod-x", "00:00:00", "00:00:07", "00:00:14"]);
  });

  it("a script ends with its last status; stderr and stdout keep their streams", () => {
    const p = run("alpine", { command: sh("echo starting; echo oops >&2; sleep 3; exit 4") });
    expect(p.status(at(2)).state).toBe("running");
    expect(p.status(at(3))).toMatchObject({ state: "exited", exitCode: 4, reason: "Error", finishedAt: at(3) });
    expect(p.logs().map((l) => [l.stream, l.text])).toEqual([["stdout", "starting"], ["stderr", "oops"]]);
  });

  it("background jobs run concurrently; wait returns when they end", () => {
    const p = run("busybox", { command: sh("(sleep 5; touch /tmp/ready) & echo started; wait; echo done") });
    expect(texts(p)).toEqual(["started"]);
    expect(p.fileExists("/tmp/ready")).toBe(false);
    p.advanceTo(at(5));
    expect(p.fileExists("/tmp/ready")).toBe(true);
    expect(p.status(at(5))).toMatchObject({ state: "exited", exitCode: 0 });
    expect(texts(p)).toEqual(["started", "done"]);
  });

  it("a script file mounted from a ConfigMap runs with sh FILE or directly", () => {
    const files = { "/scripts/run.sh": "#!/bin/sh\necho \"from $0 with $1\"\n" };
    expect(texts(run("busybox", { command: ["sh", "/scripts/run.sh", "arg"], files }))).toEqual(["from /scripts/run.sh with arg"]);
    expect(texts(run("busybox", { command: ["/scripts/run.sh", "x"], files }))).toEqual(["from /scripts/run.sh with x"]);
  });

  it("exec replaces the shell with an image program", () => {
    const p = run("nginx", { command: sh("echo configuring; exec nginx -g 'daemon off;'") });
    expect(p.status(at(1))).toMatchObject({ state: "running" });
    expect(p.listeningPorts()).toEqual([{ port: 80, protocol: "tcp" }]);
    expect(p.signal("SIGQUIT")).toMatchObject({ outcome: "exits", exitCode: 0 });
  });

  it("a read-only mount refuses writes", () => {
    const p = run("busybox", { command: ["sleep", "infinity"], files: { "/etc/config/app.conf": "a=1\n" }, readOnlyPaths: ["/etc/config"] });
    expect(p.exec(sh("echo b=2 > /etc/config/app.conf")).stderr).toBe("sh: can't create /etc/config/app.conf: Read-only file system\n");
    expect(p.exec(["rm", "/etc/config/app.conf"]).stderr).toBe("rm: can't remove '/etc/config/app.conf': Read-only file system\n");
  });
});

describe("HTTP clients inside containers", () => {
  const network = {
    http: (url: string) => (url.startsWith("http://web") ? { kind: "response" as const, status: 200, body: "hello from web\n", headers: {} }
      : url.startsWith("http://down") ? { kind: "refused" as const } : undefined),
  };

  it.each([
    ["wget -qO- http://web", 0, "hello from web\n", ""],
    ["wget -q -O - http://web:80/", 0, "hello from web\n", ""],
    ["wget -qO- http://nosuch", 1, "", "wget: bad address 'nosuch'\n"],
    ["wget -qO- http://down", 1, "", "wget: can't connect to remote host (down): Connection refused\n"],
    ["wget -qO- http://localhost/", 1, "", "wget: can't connect to remote host (127.0.0.1): Connection refused\n"],
    ["wget -q -O /tmp/page http://web && cat /tmp/page", 0, "hello from web\n", ""],
  ])("busybox: %s", (script, exitCode, stdout, stderr) => {
    const r = run("busybox", { command: ["sleep", "infinity"], network }).exec(["sh", "-c", script]);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode, stdout, stderr });
  });

  it.each([
    ["curl -s http://web", 0, "hello from web\n", ""],
    ["curl http://nosuch", 6, "", "curl: (6) Could not resolve host: nosuch\n"],
    ["curl http://down:8080/x", 7, "", "curl: (7) Failed to connect to down port 8080 after 0 ms: Couldn't connect to server\n"],
    ["curl -sf http://localhost/missing", 22, "", ""],
    ["curl -f http://localhost/missing", 22, "", "curl: (22) The requested URL returned error: 404\n"],
    ["curl -s localhost", 0, "<h1>home</h1>", ""],
  ])("nginx (curl against itself and others): %s", (script, exitCode, stdout, stderr) => {
    const p = run("nginx", { network, files: { "/usr/share/nginx/html/index.html": "<h1>home</h1>" } });
    const r = p.exec(["sh", "-c", script]);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode, stdout, stderr });
  });
});
