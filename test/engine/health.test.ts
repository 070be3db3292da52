// Container healthchecks (moby daemon/health.go) on the virtual clock, and resource limits on docker run.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const run = (script: string, cluster?: object) => new Session({ seed: "health", ...(cluster ? { cluster: cluster as never } : {}) }).run(script, { allowSim: true });

describe("docker run --health-cmd", () => {
  it("starts as (health: starting), becomes healthy after the first interval", () => {
    const s = run("docker run -d --name c --health-cmd 'redis-cli ping' --health-interval 10s redis:7.2\ndocker ps --format '{{.Status}}'\nsleep 10\ndocker ps --format '{{.Status}}'\ndocker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' c");
    expect(s[1]!.stdout).toBe("Up Less than a second (health: starting)\n");
    expect(s[3]!.stdout).toBe("Up 10 seconds (healthy)\n");
    expect(s[4]!.stdout).toBe("healthy 0\n");
  });

  it("fails `retries` times in a row → unhealthy (the container keeps running)", () => {
    const s = run("docker run -d --name c --health-cmd 'exit 1' --health-interval 5s --health-retries 2 nginx:1.25\nsleep 9\ndocker ps --format '{{.Status}}'\nsleep 1\ndocker ps --format '{{.Status}}'\ndocker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' c");
    expect(s[2]!.stdout).toBe("Up 9 seconds (health: starting)\n");
    expect(s[4]!.stdout).toBe("Up 10 seconds (unhealthy)\n");
    expect(s[5]!.stdout).toBe("unhealthy 2\n");
  });
});

describe("docker run resources", () => {
  it("--memory sets HostConfig.Memory; a process that grows past it is OOMKilled", () => {
    const cluster = { hosts: [{ name: "devbox", ip: "10.0.0.21" }], images: [{ name: "example/hog:1.0", memory: { start: "16Mi", growPerSecond: "8Mi" } }] };
    const s = run("docker run -d --name hog -m 64m example/hog:1.0\ndocker inspect --format '{{.HostConfig.Memory}}' hog\nsleep 30\ndocker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}' hog", cluster);
    expect(s[1]!.stdout).toBe("67108864\n");
    expect(s[3]!.stdout).toBe("exited 137 true\n");
  });
});
