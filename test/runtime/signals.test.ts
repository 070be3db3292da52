import { describe, expect, it } from "vitest";
import type { SignalName } from "../../src/sim/images";
import { T0, at, image, run, texts } from "./helpers";

/**
 * What `docker stop` / the kubelet see (images.md §3.1): the image's STOPSIGNAL, then after the
 * grace period SIGKILL. `stopWith` plays that sequence and returns the final status.
 */
function stopWith(p: ReturnType<typeof run>, sig: SignalName, graceSeconds = 10) {
  const outcome = p.signal(sig);
  p.advanceTo(at(graceSeconds));
  if (p.status(at(graceSeconds)).state === "running") p.kill();
  return { outcome: outcome.outcome, status: p.status(at(graceSeconds)) };
}

describe("stop signals and exit codes", () => {
  it.each([
    // handlers: quick exit 0
    ["nginx", {}, "SIGQUIT", 0, 300],
    ["nginx:1.7.9", {}, "SIGTERM", 0, 100],
    ["redis", {}, "SIGTERM", 0, 100],
    ["postgres", { POSTGRES_PASSWORD: "x" }, "SIGINT", 0, 500],
    ["httpd", {}, "SIGWINCH", 0, 300],
    ["registry.k8s.io/pause:3.9", {}, "SIGTERM", 0, 0],
    // Go without signal.Notify: status 2 at once; JVM: 143
    ["hashicorp/http-echo", {}, "SIGTERM", 2, 0],
    ["registry.k8s.io/goproxy:0.1", {}, "SIGTERM", 2, 0],
    ["elasticsearch:7.17.10", { "discovery.type": "single-node" }, "SIGTERM", 143, 1000],
  ] as [string, Record<string, string>, SignalName, number, number][])("%s stops on its STOPSIGNAL %s → exit %i", (ref, env, expectedSignal, code, delay) => {
    const args = ref.includes("http-echo") ? ["-text=hi"] : undefined;
    const p = run(ref, { env, ...(args ? { args } : {}), memoryLimitBytes: 4 * 1024 ** 3 });
    expect(image(ref).stopSignal).toBe(expectedSignal);
    const r = stopWith(p, image(ref).stopSignal);
    expect(r.outcome).toBe("exits");
    expect(r.status).toMatchObject({ state: "exited", exitCode: code, finishedAt: at(delay / 1000) });
  });

  it("nginx logs its graceful shutdown", () => {
    const p = run("nginx");
    p.signal("SIGQUIT");
    p.advanceTo(at(1));
    expect(texts(p)).toContain("2024/01/10 00:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down");
    expect(texts(p).at(-1)).toBe("2024/01/10 00:00:00 [notice] 1#1: exit");
  });

  it.each([
    ["sleep as PID 1", "busybox", ["sleep", "3600"]],
    ["sh -c loop without trap", "busybox", ["sh", "-c", "while true; do sleep 1; done"]],
    ["tail -f /dev/null", "alpine", ["tail", "-f", "/dev/null"]],
    ["node app.js", "node:20", ["node", "app.js"]],
    ["old kubernetes/pause", "kubernetes/pause", undefined],
  ])("%s ignores SIGTERM (PID 1 rule): killed after the grace period, 137", (_name, ref, command) => {
    const files = { "/app.js": "setInterval(() => {}, 1000)", "/app/app.js": "" };
    const p = run(ref, { ...(command ? { command } : {}), files, workingDir: "/" });
    const r = stopWith(p, "SIGTERM", 30);
    expect(r.outcome).toBe("ignored");
    expect(r.status).toMatchObject({ state: "exited", exitCode: 137, finishedAt: at(30) });
  });

  it("under tini (docker run --init, or an image's tini entrypoint) the child dies of SIGTERM: 143 at once", () => {
    expect(stopWith(run("busybox", { command: ["sleep", "3600"], init: true }), "SIGTERM").status).toMatchObject({ exitCode: 143, finishedAt: T0 });
    expect(stopWith(run("busybox", { command: ["sleep", "3600"], init: true }), "SIGINT").status).toMatchObject({ exitCode: 130 });
    expect(stopWith(run("dockersamples/examplevotingapp_result"), "SIGTERM").status).toMatchObject({ exitCode: 143 });
    expect(stopWith(run("bretfisher/examplevotingapp_result"), "SIGTERM").status).toMatchObject({ exitCode: 137 });
  });

  it("a trap runs only after the foreground sleep ends (sh waits for its child)", () => {
    const slow = run("busybox", { command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600"] });
    expect(stopWith(slow, "SIGTERM", 30)).toMatchObject({ outcome: "trapped", status: { exitCode: 137 } });
    const loop = run("busybox", { command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"] });
    loop.advanceTo(at(0.5));
    expect(stopWith(loop, "SIGTERM", 30).status).toMatchObject({ exitCode: 0, finishedAt: at(1) });
  });

  it("sleep & wait makes the trap immediate", () => {
    const p = run("alpine", { command: ["sh", "-c", "trap 'echo stopping; exit 0' TERM; sleep infinity & wait"] });
    expect(stopWith(p, "SIGTERM").status).toMatchObject({ exitCode: 0, finishedAt: T0 });
    expect(texts(p)).toEqual(["stopping"]);
  });

  it("SIGKILL is 137 now; a stopped container does not take signals", () => {
    const p = run("nginx");
    expect(p.signal("SIGKILL")).toEqual({ outcome: "exits", exitAt: T0, exitCode: 137 });
    expect(p.signal("SIGTERM")).toEqual({ outcome: "not-running" });
    expect(p.exec(["ls"])).toMatchObject({ exitCode: 126, error: "container is not running" });
  });

  it("OOMKilled when over the memory limit (polinux/stress of the Kubernetes docs)", () => {
    const stress = (mb: string, limitMi: number) => run("polinux/stress", {
      command: ["stress"], args: ["--vm", "1", "--vm-bytes", mb, "--vm-hang", "1"], memoryLimitBytes: limitMi * 1024 ** 2,
    });
    expect(stress("250M", 100).status(T0)).toMatchObject({ state: "exited", exitCode: 137, reason: "OOMKilled" });
    const fits = stress("150M", 200);
    expect(fits.status(at(60)).state).toBe("running");
    expect(fits.memoryBytes()).toBe(150 * 1024 ** 2);
  });
});
