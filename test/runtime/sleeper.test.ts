// PID 1 that only sleeps runs as a timer (src/sim/runtime/sleeper.ts): the same exits, times and
// errors as through the shell interpreter, and a world holding one can be copied for grading.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { cloneGraph } from "../../src/sim/clone";
import { at, run, texts, T0 } from "./helpers";

describe("a sleeping PID 1", () => {
  it.each([
    ["exec form", ["sleep", "5"], 5],
    ["a path", ["/bin/sleep", "5"], 5],
    ["units", ["sleep", "1m"], 60],
    ["several operands add up", ["sleep", "1m", "30"], 90],
    ["sh -c with a lone sleep", ["sh", "-c", "sleep 5"], 5],
  ])("%s: runs, then exits 0 when the time is up", (_, command, seconds) => {
    const p = run("busybox:1.36", { command });
    expect(p.status(at(seconds - 1)).state).toBe("running");
    expect(p.status(at(seconds))).toMatchObject({ state: "exited", exitCode: 0, reason: "Completed", finishedAt: at(seconds) });
    expect(texts(p)).toEqual([]);
  });

  it("sleep infinity never ends; busybox 1.28 does not know it (its error, exit 1)", () => {
    expect(run("busybox:1.36", { command: ["sleep", "infinity"] }).status(at(10 ** 7)).state).toBe("running");
    const old = run("busybox:1.28", { command: ["sleep", "infinity"] });
    expect(old.status(T0)).toMatchObject({ state: "exited", exitCode: 1 });
    expect(texts(old)).toEqual(["sleep: invalid number 'infinity'"]);
  });

  it("a bad or missing duration prints sleep's own error (GNU wording on Debian images)", () => {
    const p = run("ubuntu:24.04", { command: ["sleep", "5x"] });
    expect(p.status(T0)).toMatchObject({ state: "exited", exitCode: 1 });
    expect(texts(p)).toEqual(["sleep: invalid time interval '5x'", "Try 'sleep --help' for more information."]);
    expect(texts(run("busybox:1.36", { command: ["sleep"] }))).toEqual(["sleep: usage: sleep [N]..."]);
  });

  it("a sleeping process can be copied, and the copy goes on the same way", () => {
    const p = run("busybox:1.36", { command: ["sleep", "30"] });
    p.advanceTo(at(10));
    const copy = cloneGraph(p);
    expect(copy.status(at(30))).toMatchObject({ state: "exited", exitCode: 0, finishedAt: at(30) });
    expect(p.status(at(20)).state).toBe("running");
  });

  it("a cluster with a client pod sleeping can be forked (a prepared scenario is not booted again per grade)", () => {
    const s = new Session({ seed: "sleeper", cluster: { hosts: [{ name: "cp" }, { name: "w1" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } } });
    s.run("kubectl run client --image=busybox:1.36 -- sleep 60", { allowSim: true });
    const fork = s.fork();
    const [step] = fork.run("sleep 90; kubectl get pod client --no-headers", { allowSim: true }).slice(-1);
    expect(step!.stdout).toMatch(/^client\s+1\/1\s+Running\s+1 \(30s ago\)\s+/);
    const [orig] = s.run("kubectl get pod client --no-headers", { allowSim: true });
    expect(orig!.stdout).toMatch(/^client\s+1\/1\s+Running\s+0\s+/);
  });
});
