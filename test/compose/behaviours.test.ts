// What students hit with docker compose (modules 7/8): validation and YAML errors in the real
// words, depends_on not waiting for readiness unless service_healthy, container_name vs scale,
// volumes declared but unused, compose on a swarm manager (local engine only).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function replay(script: string, files: Record<string, string>, cluster?: object) {
  const session = new Session({ seed: "behaviours", files, ...(cluster ? { cluster: cluster as never } : {}) });
  return { session, steps: session.run(script, { allowSim: true }) };
}

describe("compose file errors", () => {
  const cases: [string, string, string][] = [
    ["misspelt key", "services:\n  web:\n    imag: nginx\n", "validating /root/compose.yaml: services.web additional properties 'imag' not allowed"],
    ["key at the service's level", "services:\n  web:\n  image: nginx\n", "validating /root/compose.yaml: services.web must be a mapping"],
    ["ports not a list", "services:\n  web:\n    image: nginx\n    ports: 8080:80\n", "validating /root/compose.yaml: services.web.ports must be a array"],
    ["top-level typo", "service:\n  web:\n    image: nginx\n", "validating /root/compose.yaml: (root) additional properties 'service' not allowed"],
    ["over-indented key", "services:\n  web:\n    image: nginx\n     ports:\n      - 80:80\n", "yaml: line 4: mapping values are not allowed in this context"],
    // yaml.v3 (compose-go, docker/cli) names the line of the mapping it was parsing (0-based): `docker stack config` prints the same.
    ["under-indented key", "services:\n  web:\n    image: nginx\n   ports:\n    - 80:80\n", "yaml: line 1: did not find expected key"],
    ["missing colon", "services:\n  web\n    image: nginx\n", "yaml: line 3: mapping values are not allowed in this context"],
    ["tab indentation", "services:\n\tweb:\n    image: nginx\n", "yaml: line 2: found character that cannot start any token"],
    ["duplicate key", "services:\n  web:\n    image: nginx\n    image: httpd\n", 'yaml: unmarshal errors:\n  line 4: mapping key "image" already defined at line 3'],
    ["undeclared volume", "services:\n  web:\n    image: nginx\n    volumes:\n      - data:/data\n", 'service "web" refers to undefined volume data: invalid compose project'],
    ["no image", "services:\n  web:\n    ports: ['80:80']\n", 'service "web" has neither an image nor a build context specified: invalid compose project'],
    ["container_name with replicas", "services:\n  web:\n    image: nginx\n    container_name: web1\n    deploy:\n      replicas: 2\n", "services.deploy.replicas: can't set container_name and web as container name must be unique: invalid compose project"],
  ];
  it.each(cases)("%s", (_n, compose, error) => {
    const { steps } = replay("docker compose up -d\ndocker ps -aq", { "compose.yaml": compose });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toBe(error + "\n");
    expect(steps[1]!.stdout).toBe("");
  });
});

const HEALTHY = (condition: string, healthcheck: string) => `services:
  web:
    image: nginx:1.25
    depends_on:
      db:
        condition: ${condition}
  db:
    image: redis:7.2
${healthcheck}`;

describe("depends_on and readiness", () => {
  it("plain depends_on starts the dependent right after the dependency's container starts (no wait)", () => {
    const session = new Session({ seed: "behaviours", files: { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    depends_on: [db]\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: x }\n" } });
    const t0 = session.world.now;
    const steps = session.run("docker compose up -d", { allowSim: true });
    expect(steps[0]!.exitCode).toBe(0);
    expect(session.world.now - t0).toBe(0);
    expect(steps[0]!.stderr).toMatch(/Container root-db-1 +Started[^]*Container root-web-1 +Started/);
  });

  it("service_healthy waits for the healthcheck (virtual time passes), then shows Healthy", () => {
    const hc = "    healthcheck:\n      test: ['CMD', 'redis-cli', 'ping']\n      interval: 5s\n";
    const { steps } = replay("docker compose up -d\ndocker ps --format '{{.Names}} {{.Status}}'\ndocker inspect --format '{{.State.Health.Status}}' root-db-1", { "compose.yaml": HEALTHY("service_healthy", hc) });
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stderr).toMatch(/ ✔ Container root-db-1 +Healthy/);
    expect(steps[1]!.stdout).toContain("root-db-1 Up 5 seconds (healthy)\n");
    expect(steps[2]!.stdout).toBe("healthy\n");
  });

  it("an unhealthy dependency stops the up; no healthcheck is an error too", () => {
    const bad = replay("docker compose up -d\ndocker ps -a --format '{{.Names}}'", { "compose.yaml": HEALTHY("service_healthy", "    healthcheck:\n      test: exit 1\n      interval: 2s\n      retries: 2\n") }).steps;
    expect(bad[0]!.exitCode).toBe(1);
    expect(bad[0]!.stderr.trimEnd().split("\n").pop()).toBe("dependency failed to start: container root-db-1 is unhealthy");
    // Every container is created before any starts (create, then start): the dependent stays Created.
    expect(bad[1]!.stdout).toBe("root-web-1\nroot-db-1\n");
    const none = replay("docker compose up -d", { "compose.yaml": HEALTHY("service_healthy", "") }).steps;
    expect(none[0]!.stderr.trimEnd().split("\n").pop()).toBe("dependency failed to start: container root-db-1 has no healthcheck configured");
  });

  it("service_completed_successfully waits for exit 0, and fails on another code", () => {
    const ok = "services:\n  app:\n    image: nginx:1.25\n    depends_on:\n      migrate: { condition: service_completed_successfully }\n  migrate:\n    image: busybox\n    command: sh -c 'sleep 3; exit 0'\n";
    const r = replay("docker compose up -d\ndocker ps -a --format '{{.Names}} {{.State}}'", { "compose.yaml": ok }).steps;
    expect(r[0]!.exitCode).toBe(0);
    expect(r[0]!.stderr).toMatch(/Container root-migrate-1 +Exited/);
    expect(r[1]!.stdout.split("\n").sort().join(" ").trim()).toBe("root-app-1 running root-migrate-1 exited");
    const bad = replay("docker compose up -d", { "compose.yaml": ok.replace("exit 0", "exit 2") }).steps;
    expect(bad[0]!.stderr.trimEnd().split("\n").pop()).toBe(`service "migrate" didn't complete successfully: exit 2`);
  });
});

describe("scale, volumes, swarm", () => {
  it("--scale with container_name fails with compose's warning text", () => {
    const { steps } = replay("docker compose up -d --scale web=2", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    container_name: web1\n" });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr.trimEnd().split("\n").pop()).toBe('WARNING: The "web" service is using the custom container name "web1". Docker requires each container to have a unique name. Remove the custom name to scale the service');
  });

  it("a volume declared but not mounted is not created; the image's VOLUME gets an anonymous one", () => {
    const { steps } = replay("docker compose up -d\ndocker volume ls -q\ndocker inspect --format '{{len .Mounts}}' root-cache-1", { "compose.yaml": "services:\n  cache:\n    image: redis:7.2\nvolumes:\n  cache-data:\n" });
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[1]!.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(steps[2]!.stdout).toBe("1\n");
  });

  it("on a swarm manager, compose runs containers on the local engine only (no services)", () => {
    const cluster = { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }], swarm: { managers: ["manager1"], workers: ["worker1"] } };
    const { steps } = replay("docker compose up -d --scale web=2\ndocker ps --format '{{.Names}}'\ndocker service ls -q", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    deploy:\n      replicas: 3\n" }, cluster);
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[1]!.stdout.split("\n").filter(Boolean).sort()).toEqual(["root-web-1", "root-web-2"]);
    expect(steps[2]!.stdout).toBe("");
  });

  it("deploy.restart_policy becomes the container's restart policy", () => {
    const { steps } = replay("docker compose up -d\ndocker inspect --format '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' root-web-1", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    deploy:\n      restart_policy: { condition: on-failure, max_attempts: 3 }\n" });
    expect(steps[1]!.stdout).toBe("on-failure 3\n");
  });
});

describe("stack ignores compose-only keys", () => {
  it("container_name is reported as deprecated, restart as unsupported", () => {
    const cluster = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"], workers: [] } };
    const { steps } = replay("docker stack deploy -c compose.yaml shop", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    container_name: web1\n    restart: always\n" }, cluster);
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stderr).toContain("Ignoring unsupported options: restart\n\nIgnoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n");
  });
});
