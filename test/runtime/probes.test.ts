import { describe, expect, it } from "vitest";
import { runProbe } from "../../src/sim/runtime";
import { at, probeUntilFailure, run } from "./helpers";

// The Kubernetes docs' probe examples (kubernetes.io "Configure Liveness, Readiness and Startup
// Probes"; images.md §5.4, §5.17) behave as documented over virtual time.

describe("exec-liveness: busybox touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", () => {
  const start = () => run("registry.k8s.io/busybox:1.27.2", {
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
  });
  const probe = { exec: { command: ["cat", "/tmp/healthy"] } };

  it("cat /tmp/healthy succeeds for 30 s, then fails with busybox's message", () => {
    const p = start();
    const table: [number, boolean][] = [[0, true], [5, true], [29, true], [30, false], [35, false], [100, false]];
    for (const [s, ok] of table) {
      p.advanceTo(at(s));
      expect([s, runProbe(p, probe, "10.244.1.5").success]).toEqual([s, ok]);
    }
    expect(runProbe(p, probe, "10.244.1.5").message).toBe("cat: can't open '/tmp/healthy': No such file or directory");
  });

  it("with the docs' probe (delay 5 s, period 5 s) the third failure comes at 40 s", () => {
    const r = probeUntilFailure(start(), probe, { initialDelaySeconds: 5, periodSeconds: 5 });
    expect(r.trippedAt).toBe(40);
    expect(r.results).toEqual([[5, true], [10, true], [15, true], [20, true], [25, true], [30, false], [35, false], [40, false]]);
  });

  it("the next events are the rm at 30 s and the end of sleep 600 at 630 s", () => {
    const p = start();
    expect(p.nextEventTime(at(0))).toBe(at(30));
    expect(p.nextEventTime(at(31))).toBe(at(630));
    expect(p.status(at(630))).toMatchObject({ state: "exited", exitCode: 0, reason: "Completed", finishedAt: at(630) });
  });
});

describe("http-liveness: agnhost liveness", () => {
  it("/healthz answers 200 while uptime ≤ 10 s, then 500 with the uptime", () => {
    const p = run("registry.k8s.io/e2e-test-images/agnhost:2.40", { args: ["liveness"] });
    const codes = [0, 5, 10, 10.001, 11, 20].map((s) => {
      p.advanceTo(at(s));
      const r = p.httpGet(8080, "/healthz");
      return r.kind === "response" ? r.status : r.kind;
    });
    expect(codes).toEqual([200, 200, 200, 500, 500, 500]);
    const body = p.httpGet(8080, "/healthz");
    expect(body.kind === "response" && body.body).toBe("error: 20");
  });

  it("with the docs' probe (delay 3 s, period 3 s) the container is restarted at 18 s", () => {
    for (const ref of ["registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/liveness"]) {
      const p = ref.includes("agnhost") ? run(ref, { args: ["liveness"] }) : run(ref, { args: ["/server"] });
      const r = probeUntilFailure(p, { httpGet: { path: "/healthz", port: 8080 } }, { initialDelaySeconds: 3, periodSeconds: 3 });
      expect([ref, r.trippedAt, r.message]).toEqual([ref, 18, "HTTP probe failed with statuscode: 500"]);
    }
  });
});

describe("tcp-liveness-readiness: goproxy on 8080", () => {
  it("tcpSocket probes succeed from the start; an httpGet probe gets 500", () => {
    const p = run("registry.k8s.io/goproxy:0.1");
    expect(probeUntilFailure(p, { tcpSocket: { port: 8080 } }, { initialDelaySeconds: 15, periodSeconds: 10 }).trippedAt).toBeUndefined();
    expect(runProbe(p, { tcpSocket: { port: 8081 } }, "10.244.1.5").message).toBe("dial tcp 10.244.1.5:8081: connect: connection refused");
    expect(runProbe(p, { httpGet: { port: 8080, path: "/" } }, "10.244.1.5").message).toBe("HTTP probe failed with statuscode: 500");
  });
});

describe("probes students get wrong (images.md §3.4, §5.1, §5.3)", () => {
  it("nginx has no /healthz: the liveness probe fails with 404 and restarts after ~30 s", () => {
    const r = probeUntilFailure(run("nginx"), { httpGet: { path: "/healthz", port: 80 } }, { initialDelaySeconds: 0, periodSeconds: 10 });
    expect([r.trippedAt, r.message]).toEqual([20, "HTTP probe failed with statuscode: 404"]);
  });

  it("the wrong port is connection refused, with the URL", () => {
    const r = runProbe(run("nginx"), { httpGet: { path: "/", port: 8080 } }, "10.244.1.5");
    expect(r.message).toBe('Get "http://10.244.1.5:8080/": dial tcp 10.244.1.5:8080: connect: connection refused');
  });

  it("redis: tcpSocket and redis-cli ping pass, httpGet fails (connection dropped, logged as an attack)", () => {
    const p = run("redis:7.2");
    expect(runProbe(p, { tcpSocket: { port: 6379 } }, "10.244.1.5").success).toBe(true);
    expect(runProbe(p, { exec: { command: ["redis-cli", "ping"] } }, "10.244.1.5").success).toBe(true);
    expect(runProbe(p, { httpGet: { port: 6379, path: "/" } }, "10.244.1.5")).toEqual({ success: false, message: 'Get "http://10.244.1.5:6379/": EOF' });
    expect(p.logs().at(-1)!.text).toContain("# Possible SECURITY ATTACK detected.");
  });

  it("mysql's port opens only after initialisation: an early tcp/exec probe fails", () => {
    const p = run("mysql:8.0", { env: { MYSQL_ROOT_PASSWORD: "secret" } });
    expect(runProbe(p, { tcpSocket: { port: 3306 } }, "10.244.1.5").success).toBe(false);
    expect(p.exec(["mysqladmin", "ping", "-h", "127.0.0.1"]).exitCode).toBe(1);
    p.advanceTo(at(15));
    expect(runProbe(p, { tcpSocket: { port: 3306 } }, "10.244.1.5").success).toBe(true);
    expect(p.exec(["mysqladmin", "ping"]).stdout).toBe("mysqld is alive\n");
  });

  it("an exec probe that never ends times out", () => {
    const p = run("busybox", { command: ["sleep", "3600"] });
    expect(runProbe(p, { exec: { command: ["sleep", "5"] } }, "10.244.1.5", 1000).message).toBe('command "sleep 5" timed out after 1s');
    expect(runProbe(p, { exec: { command: ["bash", "-c", "true"] } }, "10.244.1.5").message)
      .toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown');
  });

  it("probe requests appear in nginx's access log with kube-probe's user agent", () => {
    const p = run("nginx");
    runProbe(p, { httpGet: { port: 80, path: "/" } }, "10.244.1.5");
    expect(p.logs().at(-1)!.text).toBe('10.244.0.1 - - [10/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.30" "-"');
  });
});
