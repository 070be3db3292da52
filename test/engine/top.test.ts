// `docker top`: PID 1 in the UID PID PPID C STIME TTY TIME CMD table (tabwriter minwidth 20),
// its PID the State.Pid of `docker inspect`; the daemon's errors for a stopped or unknown container.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const run = (script: string) => new Session({ seed: "top" }).run(script, { allowSim: true });

describe("docker top", () => {
  it("lists PID 1 as the runtime launched it (after the entrypoint script's exec)", () => {
    const steps = run("docker run -d --name web nginx\ndocker top web\ndocker inspect -f '{{.State.Pid}}' web");
    const pid = steps[2]!.stdout.trim();
    const lines = steps[1]!.stdout.split("\n");
    expect(lines[0]).toBe("UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD");
    expect(lines[1]).toMatch(new RegExp(`^root {16}${pid} +\\d+ +0 {19}00:00 {15}\\? {19}00:00:00 {12}nginx -g daemon off;$`));
    expect(lines.length).toBe(3);
  });

  it("fails for a stopped container and an unknown one", () => {
    const steps = run("docker run -d --name web nginx\ndocker stop web\ndocker top web\ndocker top nope\ndocker container top");
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[2]!.stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
    expect(steps[3]!.stderr).toBe("Error response from daemon: No such container: nope\n");
    expect(steps[4]!.stderr).toContain("'docker container top' requires at least 1 argument");
  });
});
