// `docker container …` / `docker image …`: the management-command forms run the same engine
// handlers as their `docker X` shortcuts (docker CLI 28: `docker ps` is an alias of
// `docker container ls`, etc.).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function replay(script: string) {
  const session = new Session({ seed: "engine-mgmt" });
  return session.run(script, { allowSim: true });
}

describe("docker container …", () => {
  it("run / ls / ps / list / stop / start / restart / kill / rm --force", () => {
    const s = replay([
      "docker container run -d --name api -p 8080:80 nginx:1.25",
      "docker container ls --format '{{.Names}} {{.Image}}'",
      "docker container ps -q | wc -l",
      "docker container list --format '{{.Names}}'",
      "docker container stop api",
      "docker container ls -a --format '{{.Names}} {{.Status}}'",
      "docker container start api",
      "docker container restart api",
      "docker container kill api",
      "docker container rm --force api",
      "docker container ls -a -q | wc -l",
    ].join("\n"));
    for (const st of s) expect(st.exitCode, st.stderr).toBe(0);
    expect(s[0]!.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(s[1]!.stdout).toBe("api nginx:1.25\n");
    expect(s[2]!.stdout.trim()).toBe("1");
    expect(s[3]!.stdout).toBe("api\n");
    expect(s[4]!.stdout).toBe("api\n");
    expect(s[5]!.stdout).toMatch(/^api Exited \(0\) /);
    expect(s[6]!.stdout).toBe("api\n");
    expect(s[9]!.stdout).toBe("api\n");
    expect(s[10]!.stdout.trim()).toBe("0");
  });

  it("create, logs, exec, inspect", () => {
    const s = replay([
      "docker container create --name once busybox echo hi",
      "docker container start -a once",
      "docker container logs once",
      "docker container run -d --name box busybox sleep 3600",
      "docker container exec box echo inside",
      "docker container inspect --format '{{.Name}} {{.State.Status}}' box",
    ].join("\n"));
    expect(s[0]!.exitCode).toBe(0);
    expect(s[2]!.stdout).toBe("hi\n");
    expect(s[4]!.stdout).toBe("inside\n");
    expect(s[5]!.stdout).toBe("/box running\n");
  });

  it("container inspect only finds containers (daemon's wording), docker inspect any object", () => {
    const s = replay("docker pull nginx:1.25\ndocker container inspect nope\ndocker container inspect nginx:1.25\ndocker inspect nope");
    expect(s[1]!.exitCode).toBe(1);
    expect(s[1]!.stdout).toBe("[]\n");
    expect(s[1]!.stderr).toBe("Error response from daemon: No such container: nope\n");
    expect(s[2]!.stderr).toBe("Error response from daemon: No such container: nginx:1.25\n");
    expect(s[3]!.stderr).toBe("Error: No such object: nope\n");
  });

  it("argument-count errors name the management command (as the real client, checked offline)", () => {
    const s = replay("docker container rm");
    expect(s[0]!.exitCode).toBe(1);
    expect(s[0]!.stderr).toBe("docker: 'docker container rm' requires at least 1 argument\n\nUsage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker container rm --help' for more information\n");
  });
});

describe("docker image …", () => {
  it("pull / ls / inspect / rm", () => {
    const s = replay([
      "docker image pull redis:7.2",
      "docker image ls --format '{{.Repository}}:{{.Tag}}'",
      "docker image inspect --format '{{index .RepoTags 0}}' redis:7.2",
      "docker image inspect nope",
      "docker image rm redis:7.2",
      "docker image ls -q | wc -l",
    ].join("\n"));
    expect(s[0]!.exitCode).toBe(0);
    expect(s[1]!.stdout).toBe("redis:7.2\n");
    expect(s[2]!.stdout).toBe("redis:7.2\n");
    expect(s[3]!.exitCode).toBe(1);
    expect(s[3]!.stderr).toBe("Error response from daemon: No such image: nope:latest\n");
    expect(s[4]!.exitCode).toBe(0);
    expect(s[5]!.stdout.trim()).toBe("0");
  });
});
