// docker compose run (one-off containers) and resources passed to compose containers.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const APP = `services:
  web:
    image: nginx:1.25
    depends_on: [db]
    ports: ["8080:80"]
  db:
    image: redis:7.2
`;

function replay(script: string, files: Record<string, string>, cluster?: object) {
  const session = new Session({ seed: "run-test", files, ...(cluster ? { cluster: cluster as never } : {}) });
  return session.run(script, { allowSim: true });
}

describe("docker compose run", () => {
  it("runs the command in a one-off container, returns its exit code and output, starts dependencies", () => {
    const steps = replay("docker compose run --rm -e GREETING=hi web sh -c 'echo $GREETING; exit 3'\ndocker ps -a --format '{{.Names}} {{.State}}'", { "compose.yaml": APP });
    expect(steps[0]!.exitCode).toBe(3);
    expect(steps[0]!.stdout).toBe("hi\n");
    expect(steps[0]!.stderr).toContain(" ✔ Container root-db-1   Started");
    expect(steps[1]!.stdout).toBe("root-db-1 running\n");
  });

  it("names the container project-service-run-<12 hex>, keeps it without --rm, publishes no ports", () => {
    const steps = replay("docker compose run --no-deps web echo done\ndocker ps -a --format '{{.Names}}|{{.Status}}|{{.Ports}}|{{.Label \"com.docker.compose.oneoff\"}}' 2>&1\ndocker compose ps -a -q", { "compose.yaml": APP });
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stdout).toBe("done\n");
    const [line, ...rest] = steps[1]!.stdout.split("\n").filter(Boolean);
    expect(rest).toEqual([]);
    // An exited container lists no ports at all (moby clears NetworkSettings.Ports on stop).
    expect(line).toMatch(/^root-web-run-[0-9a-f]{12}\|Exited \(0\) .*\|\|True$/);
    // `ps --all` shows one-off containers too ("including those created by the run command").
    expect(steps[2]!.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it("-d prints the container name; an unknown service fails", () => {
    const steps = replay("docker compose run -d --no-deps web\ndocker compose run nope", { "compose.yaml": APP });
    expect(steps[0]!.stdout).toMatch(/^root-web-run-[0-9a-f]{12}\n$/);
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toBe("no such service: nope\n");
  });
});

describe("compose resources", () => {
  it("deploy.resources.limits reach HostConfig; mem_limit too", () => {
    const files = { "compose.yaml": "services:\n  a:\n    image: nginx:1.25\n    deploy:\n      resources:\n        limits: { memory: 64M, cpus: '0.5' }\n  b:\n    image: nginx:1.25\n    mem_limit: 1g\n" };
    const steps = replay("docker compose up -d\ndocker inspect --format '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}' root-a-1 root-b-1", files);
    expect(steps[1]!.stdout).toBe("67108864 500000000\n1073741824 0\n");
  });

  it("a process growing past its memory limit is OOM-killed (137, OOMKilled)", () => {
    const files = { "compose.yaml": "services:\n  hog:\n    image: example/hog:1.0\n    deploy:\n      resources:\n        limits: { memory: 64M }\n" };
    const cluster = { hosts: [{ name: "devbox", ip: "10.0.0.21" }], images: [{ name: "example/hog:1.0", memory: { start: "16Mi", growPerSecond: "8Mi" } }] };
    const steps = replay("docker compose up -d\nsleep 30\ndocker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}' root-hog-1", files, cluster);
    expect(steps[0]!.exitCode, steps[0]!.stderr).toBe(0);
    expect(steps[2]!.stdout).toBe("exited 137 true\n");
  });
});

describe("docker compose pull", () => {
  it("pulls every service with an image (build-only skipped), the real error for a missing tag", () => {
    const steps = replay("docker compose pull web\ndocker compose pull\ndocker images --format '{{.Repository}}:{{.Tag}}'", {
      "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n  app:\n    build: .\n  bad:\n    image: nginx:nope\n",
    });
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stderr.split("\n").map((l) => l.replace(/ +0\.0s$/, ""))).toEqual(["[+] Pulling 1/1", " ✔ web Pulled", ""]);
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toContain(" ✘ bad Error manifest for nginx:nope not found: manifest unknown: manifest unknown");
    expect(steps[1]!.stderr.trimEnd().split("\n").pop()).toBe("Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown");
    expect(steps[2]!.stdout).toBe("nginx:1.25\n");
  });
});

describe("down after run", () => {
  it("removes the one-off containers too, then the network", () => {
    const steps = replay("docker compose run --no-deps web true\ndocker compose down\ndocker ps -aq\ndocker network ls --format '{{.Name}}'", { "compose.yaml": APP });
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[1]!.stderr).toMatch(/Container root-web-run-[0-9a-f]{12} +Removed[^]*Network root_default +Removed/);
    expect(steps[2]!.stdout).toBe("");
    expect(steps[3]!.stdout).not.toContain("root_default");
  });
});
