// `docker pause|unpause` (engine/pause.ts) and `docker kill -s`, as docker 28.2 prints them.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "pause-kill" }).run(`docker pull -q nginx >/dev/null\n${script}`, { allowSim: true }).slice(1);
}

describe("docker pause / unpause", () => {
  it("prints each container; a paused one is Up … (Paused); the daemon's errors for the others", () => {
    const steps = run("docker run -d --name a nginx\ndocker pause a\ndocker ps --format '{{.Status}}'\ndocker pause a\ndocker unpause a b\ndocker ps --format '{{.Status}}'\ndocker pause");
    const id = steps[0]!.stdout.trim();
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "a\n" });
    expect(steps[2]!.stdout).toBe("Up Less than a second (Paused)\n");
    expect(steps[3]).toMatchObject({ exitCode: 1, stderr: `Error response from daemon: Container ${id} is already paused\n` });
    expect(steps[4]).toMatchObject({ exitCode: 1, stdout: "a\n", stderr: "Error response from daemon: No such container: b\n" });
    expect(steps[5]!.stdout).toBe("Up Less than a second\n");
    expect(steps[6]).toMatchObject({ exitCode: 1, stderr: "docker: 'docker pause' requires at least 1 argument\n\nUsage:  docker pause CONTAINER [CONTAINER...]\n\nSee 'docker pause --help' for more information\n" });
  });
});

describe("docker kill -s", () => {
  it("hands PID 1 the signal (nginx quits on SIGTERM with 0); without -s SIGKILL, 137", () => {
    const steps = run("docker run -d --name a nginx\ndocker run -d --name b nginx\ndocker kill -s SIGTERM a\ndocker kill b\nsleep 1\ndocker ps -a --format '{{.Names}} {{.Status}}'");
    expect(steps[2]!.stdout).toBe("a\n");
    expect(steps[5]!.stdout).toBe("b Exited (137) 1 second ago\na Exited (0) Less than a second ago\n");
  });
});

describe("docker exec into a paused container", () => {
  it("is refused until it is unpaused", () => {
    const steps = run("docker run -d --name a nginx\ndocker pause a\ndocker exec a true\ndocker unpause a\ndocker exec a true");
    const id = steps[0]!.stdout.trim();
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: `Error response from daemon: Container ${id} is paused, unpause the container before exec\n` });
    expect(steps[4]!.exitCode).toBe(0);
  });
});

describe("stop, kill and rm of a paused container", () => {
  it("stop waits the timeout then SIGKILLs (137); kill kills; rm needs -f", () => {
    const steps = run([
      "docker run -d --name a nginx", "docker pause a", "docker rm a", "date +%s", "docker stop a", "date +%s",
      "docker run -d --name b nginx", "docker pause b", "docker kill b", "docker ps -a --format '{{.Names}} {{.Status}}'",
      "docker run -d --name c nginx", "docker pause c", "docker rm -f c", "docker ps -aq --filter name=c",
    ].join("\n"));
    const id = steps[0]!.stdout.trim();
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: `Error response from daemon: cannot remove container "${id}": container is paused and must be unpaused first\n` });
    expect(Number(steps[5]!.stdout) - Number(steps[3]!.stdout)).toBe(10);
    expect(steps[9]!.stdout).toBe("b Exited (137) Less than a second ago\na Exited (137) Less than a second ago\n");
    expect(steps[12]).toMatchObject({ exitCode: 0, stdout: "c\n" });
    expect(steps[13]!.stdout).toBe("");
  });
});

describe("docker info with a paused container", () => {
  it("counts it apart from the running and stopped ones", () => {
    const steps = run("docker run -d --name a nginx\ndocker run -d --name b nginx\ndocker pause a\ndocker create nginx\ndocker info --format '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}}'\ndocker info");
    expect(steps[4]!.stdout).toBe("3 1 1 1\n");
    expect(steps[5]!.stdout).toContain("Server:\n Containers: 3\n  Running: 1\n  Paused: 1\n  Stopped: 1\n");
  });
});
