// A compose `healthcheck:` in `docker stack deploy` reaches the service spec as docker/cli's
// convertHealthcheck makes it (Test, durations and retries as given, omitted when absent;
// `disable: true` is Test ["NONE"]), so stack tasks wait for health like `--health-cmd` ones.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"], workers: [] } };
const STACK = `version: "3.8"
services:
  web:
    image: nginx
    healthcheck:
      test: curl -f http://localhost/ || exit 1
      interval: 10s
      timeout: 5s
      retries: 3
      start_period: 30s
  plain:
    image: nginx
    healthcheck:
      disable: true
  exec:
    image: nginx
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
  none:
    image: nginx
`;

const run = (script: string, file = STACK) =>
  new Session({ seed: "stack-health", files: { "stack.yml": file }, cluster: CLUSTER as never }).run(script, { allowSim: true });

describe("stack deploy healthcheck", () => {
  it("reaches ContainerSpec.Healthcheck with docker's JSON shape", () => {
    const steps = run([
      "docker stack deploy -c stack.yml app",
      ...["web", "plain", "exec", "none"].map((s) => `docker service inspect --format '{{json .Spec.TaskTemplate.ContainerSpec.Healthcheck}}' app_${s}`),
    ].join("\n"));
    expect(steps[1]!.stdout).toBe('{"Test":["CMD-SHELL","curl -f http://localhost/ || exit 1"],"Interval":10000000000,"Timeout":5000000000,"StartPeriod":30000000000,"Retries":3}\n');
    expect(steps[2]!.stdout).toBe('{"Test":["NONE"]}\n');
    expect(steps[3]!.stdout).toBe('{"Test":["CMD","curl","-f","http://localhost/"]}\n');
    expect(steps[4]!.stdout).toBe("null\n");
  });

  it("tasks start once healthy, as with docker service create --health-cmd", () => {
    const steps = run([
      "docker stack deploy -c stack.yml app",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
      "docker ps --format '{{.Label \"com.docker.swarm.service.name\"}} {{.Status}}'",
      "sleep 11",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
      "docker ps --format '{{.Label \"com.docker.swarm.service.name\"}} {{.Status}}'",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("app_exec 0/1\napp_none 1/1\napp_plain 1/1\napp_web 0/1\n");
    expect(steps[2]!.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "app_exec Up Less than a second (health: starting)", "app_none Up Less than a second",
      "app_plain Up Less than a second", "app_web Up Less than a second (health: starting)",
    ]);
    expect(steps[4]!.stdout).toBe("app_exec 0/1\napp_none 1/1\napp_plain 1/1\napp_web 1/1\n");
    expect(steps[5]!.stdout).toContain("app_web Up 11 seconds (healthy)\n");
  });

  it("an unhealthy task is shut down and replaced", () => {
    const file = "services:\n  bad:\n    image: nginx\n    healthcheck:\n      test: [\"CMD-SHELL\", \"exit 1\"]\n      interval: 5s\n      retries: 2\n";
    // Unhealthy after two failing probes (10 s), then the restart delay (5 s) before the new task.
    const steps = run("docker stack deploy -c stack.yml app\nsleep 16\ndocker service ps app_bad --format '{{.DesiredState}} {{.CurrentState}}' | cut -d' ' -f1,2 | sort | uniq -c", file);
    expect(steps[2]!.stdout).toMatch(/^\s+1 Running Starting\n\s+1 Shutdown Complete\n$/);
  });

  it("test with disable: true is docker/cli's error", () => {
    const file = "services:\n  web:\n    image: nginx\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      disable: true\n";
    const steps = run("docker stack deploy -c stack.yml app\ndocker service ls -q", file);
    // RunDeploy warns first; convert.Services runs after the networks were created.
    expect(steps[0]).toMatchObject({ exitCode: 1, stdout: "Creating network app_default\n", stderr: expect.stringMatching(/\nservice web: test and disable can't be set at the same time\n$/) });
    expect(steps[1]!.stdout).toBe("");
  });

  it("a changed healthcheck updates the service on redeploy", () => {
    const steps = run([
      "docker stack deploy -c stack.yml app",
      "sed -i 's/retries: 3/retries: 5/' stack.yml",
      "docker stack deploy -c stack.yml app",
      "docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Retries}}' app_web",
    ].join("\n"));
    expect(steps[3]!.stdout).toBe("5\n");
  });
});
