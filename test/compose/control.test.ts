// `docker compose kill|pause|unpause|create|events|build` (compose/control.ts), as Compose v2.36
// prints them: progress frames on stderr, "no container to kill" without a newline.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const WEB = "services:\n  web:\n    image: nginx\n";

function replay(script: string, files: Record<string, string> = { "compose.yaml": WEB }) {
  return new Session({ seed: "compose-control", files }).run(script, { allowSim: true });
}

const frame = (title: string, ...lines: string[]) =>
  `[+] ${title} ${lines.length}/${lines.length}\n` + lines.map((l) => ` ✔ ${l}`.padEnd(73) + "0.0s\n").join("");

describe("docker compose kill", () => {
  it("kills the running containers; none running is 'no container to kill' without a newline", () => {
    const steps = replay("docker compose kill\ndocker compose up -d\ndocker compose kill\ndocker compose ps -a --format '{{.Name}} {{.Status}}'\ndocker compose kill nope");
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "", stderr: "no container to kill" });
    expect(steps[2]).toMatchObject({ exitCode: 0, stderr: frame("Running", "Container root-web-1  Killed") });
    expect(steps[3]!.stdout).toBe("root-web-1 Exited (137) Less than a second ago\n");
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "no such service: nope\n" });
  });

  it("-s sends another signal, which PID 1 handles (nginx quits on SIGTERM)", () => {
    const steps = replay("docker compose up -d\ndocker compose kill -s SIGTERM\nsleep 1\ndocker inspect -f '{{.State.ExitCode}}' root-web-1");
    expect(steps[3]!.stdout).toBe("0\n");
  });
});

describe("docker compose pause / unpause", () => {
  it("pauses running containers (Up … (Paused)), refuses a second pause, unpauses", () => {
    const steps = replay([
      "docker compose up -d", "docker compose pause", "docker ps --format '{{.Status}}'",
      "docker inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Paused}}' root-web-1",
      "docker compose pause", "docker compose unpause", "docker ps --format '{{.Status}}'",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe(frame("Running", "Container root-web-1  Paused"));
    expect(steps[2]!.stdout).toBe("Up Less than a second (Paused)\n");
    expect(steps[3]!.stdout).toBe("paused true true\n");
    expect(steps[4]!.exitCode).toBe(1);
    expect(steps[4]!.stderr).toMatch(/^Error response from daemon: Container [0-9a-f]{64} is already paused\n$/);
    expect(steps[5]!.stderr).toBe(frame("Running", "Container root-web-1  Unpaused"));
    expect(steps[6]!.stdout).toBe("Up Less than a second\n");
  });
});

describe("docker compose create", () => {
  it("creates without starting, under its own title; flag conflicts are refused", () => {
    const steps = replay("docker compose create\ndocker compose ps -a --format '{{.Name}} {{.State}}'\ndocker compose create --build --no-build\ndocker compose create --scale web");
    expect(steps[0]!.stderr).toContain(frame("Creating", "Network root_default  Created", "Container root-web-1  Created"));
    expect(steps[1]!.stdout).toBe("root-web-1 created\n");
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "--build and --no-build are incompatible\n" });
    expect(steps[3]).toMatchObject({ exitCode: 1, stderr: 'invalid --scale option "web". Should be SERVICE=NUM\n' });
  });
});

describe("docker compose events", () => {
  it("follows the project's container events on the virtual clock", () => {
    const files = { "compose.yaml": "services:\n  job:\n    image: busybox\n    command: sh -c 'sleep 5; exit 3'\n" };
    const steps = replay("docker compose up -d\ndocker compose events\ndate", files);
    const id = /container die ([0-9a-f]{64}) /.exec(steps[1]!.stdout)?.[1];
    expect(id).toBeDefined();
    expect(steps[1]!.stdout).toMatch(/^2024-01-10 00:00:05\.000000 container die [0-9a-f]{64} \(com\.docker\.compose\.config-hash=[0-9a-f]{64}, .*exitCode=3, image=busybox, name=root-job-1\)\n\n$/);
    expect(steps[2]!.stdout).toBe("Wed Jan 10 00:01:00 UTC 2024\n");
  });
});

describe("docker compose build", () => {
  it("a project without build sections has nothing to build", () => {
    const steps = replay("docker compose build\ndocker compose build web\ndocker compose build nope");
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "no such service: nope\n" });
  });
});

describe("a built image's VOLUME", () => {
  it("gives the service's container anonymous volumes, removed by down -v", () => {
    const files = {
      "compose.yaml": "services:\n  app:\n    build: .\n    command: sleep 1d\n",
      "Dockerfile": 'FROM busybox\nVOLUME ["/cache", "/data"]\nVOLUME /logs\n',
    };
    const steps = replay("docker compose up -d\ndocker inspect -f '{{json .Config.Volumes}}' root-app-1\ndocker volume ls -q | wc -l\ndocker compose down -v\ndocker volume ls -q", files);
    expect(steps[1]!.stdout).toBe('{"/cache":{},"/data":{},"/logs":{}}\n');
    expect(steps[2]!.stdout.trim()).toBe("3");
    expect(steps[4]!.stdout).toBe("");
  });
});

describe("a recreated container's anonymous volumes", () => {
  it("are inherited (the data stays); -V makes new ones and leaves the old one behind", () => {
    const files = {
      "compose.yaml": "services:\n  db:\n    image: redis:7.2\n",
      "c2.yaml": "services:\n  db:\n    image: redis:7.2\n    environment: [A=1]\n",
      "c3.yaml": "services:\n  db:\n    image: redis:7.2\n    environment: [A=2]\n",
    };
    const steps = replay([
      "docker compose up -d", "docker exec root-db-1 sh -c 'echo keep > /data/k'",
      "docker compose -f c2.yaml -p root up -d", "docker exec root-db-1 cat /data/k", "docker volume ls -q | wc -l",
      "docker compose -f c3.yaml -p root up -d -V", "docker exec root-db-1 ls /data", "docker volume ls -q | wc -l",
    ].join("\n"), files);
    expect(steps[3]!.stdout).toBe("keep\n");
    expect(steps[4]!.stdout.trim()).toBe("1");
    expect(steps[6]!.stdout).toBe("");
    expect(steps[7]!.stdout.trim()).toBe("2");
  });
});

describe("docker compose logs 2>&1", () => {
  it("keeps the lines' order across stdout and stderr (warnings first)", () => {
    const files = { "compose.yaml": "version: '3'\nservices:\n  j:\n    image: busybox\n    command: sh -c 'echo out1; echo err1 >&2; echo out2'\n" };
    const steps = replay("docker compose up -d 2>/dev/null\nsleep 1\ndocker compose logs 2>&1\ndocker compose logs 2>/dev/null", files);
    expect(steps[2]!.stdout).toMatch(/^WARN\[0000\] \/root\/compose\.yaml: the attribute `version` is obsolete.*\nj-1  \| out1\nj-1  \| err1\nj-1  \| out2\n$/);
    expect(steps[3]!.stdout).toBe("j-1  | out1\nj-1  | out2\n");
  });
});
