// docker stack deploy/ls/services/ps/rm replayed on a swarm (the StackBackend over the Swarm simulator).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = {
  hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }, { name: "worker2", ip: "10.0.0.13" }],
  swarm: { managers: ["manager1"], workers: ["worker1", "worker2"] },
};

const STACK = `version: "3.8"
services:
  web:
    image: nginx:alpine
    build: .
    restart: always
    ports: ["8080:80"]
    deploy:
      replicas: 3
      update_config: { parallelism: 1, delay: 10s }
      placement:
        constraints: [node.role == worker]
  db:
    image: redis:7
    secrets: [db_pass]
secrets:
  db_pass:
    file: ./db_pass.txt
`;

function replay(script: string, files: Record<string, string> = { "docker-compose.yml": STACK, "db_pass.txt": "s3cret\n" }, cluster: object = CLUSTER) {
  const session = new Session({ seed: "stack-test", files, cluster: cluster as never });
  const steps = session.run(script, { allowSim: true });
  return { session, steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

describe("docker stack deploy", () => {
  it("creates network, secret and services with the real output", () => {
    const { steps, out, err } = replay("docker stack deploy -c docker-compose.yml app");
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(0)).toBe("Creating network app_default\nCreating secret app_db_pass\nCreating service app_db\nCreating service app_web\n");
    expect(err(0)).toBe("Ignoring unsupported options: build, restart\n\nSince --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n");
  });

  it("services, ps and service ls show the stack", () => {
    const { out } = replay("docker stack deploy -c docker-compose.yml app\ndocker stack ls\ndocker stack services app --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}'\ndocker stack ps app --format '{{.Name}} {{.Node}}'\ndocker network ls --filter name=app_ --format '{{.Name}} {{.Driver}} {{.Scope}}'");
    expect(out(1)).toBe("NAME      SERVICES\napp       2\n");
    expect(out(2)).toBe("app_db replicated 1/1 \napp_web replicated 3/3 *:8080->80/tcp\n");
    const tasks = out(3).trim().split("\n");
    expect(tasks).toHaveLength(4);
    for (const t of tasks.filter((l) => l.startsWith("app_web"))) expect(t).toMatch(/worker[12]$/);
    expect(out(4)).toBe("app_default overlay swarm\n");
  });

  it("the deploy section becomes the service spec", () => {
    const { session } = replay("docker stack deploy -c docker-compose.yml app");
    const snap = session.world.snapshot() as any;
    const text = JSON.stringify(snap.swarm);
    expect(text).toContain("app_web");
    expect(text).toContain("com.docker.stack.namespace");
  });

  it("redeploying updates the services; a changed replica count takes effect", () => {
    const changed = STACK.replace("replicas: 3", "replicas: 5");
    const { out, steps } = replay("docker stack deploy -c docker-compose.yml app\ncat > docker-compose.yml <<'EOF'\n" + changed + "EOF\ndocker stack deploy -c docker-compose.yml app\ndocker service ls --format '{{.Name}} {{.Replicas}}'");
    expect(out(2)).toMatch(/^Updating service app_db \(id: [0-9a-z]{25}\)\nUpdating service app_web \(id: [0-9a-z]{25}\)\n$/);
    expect(steps[3]!.stdout).toBe("app_db 1/1\napp_web 5/5\n");
  });

  it("--prune removes services no longer in the file", () => {
    const only = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:alpine\n";
    const { out } = replay(`docker stack deploy -c docker-compose.yml app\ndocker stack deploy --prune -c web.yml app\ndocker stack services app --format '{{.Name}}'`, { "docker-compose.yml": STACK, "db_pass.txt": "x", "web.yml": only });
    expect(out(1)).toMatch(/^Removing service app_db\nUpdating service app_web/);
    expect(out(2)).toBe("app_web\n");
  });

  it("a build-only service cannot be deployed", () => {
    const { steps } = replay("docker stack deploy -c docker-compose.yml app", { "docker-compose.yml": "services:\n  web:\n    build: .\n" });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toBe("Ignoring unsupported options: build\n\ninvalid image reference for service web: no image specified\n");
  });

  it("not on a manager", () => {
    const { steps } = replay("docker stack deploy -c docker-compose.yml app", { "docker-compose.yml": "services:\n  web:\n    image: nginx\n" }, { hosts: [{ name: "solo", ip: "10.0.0.5" }] });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toContain('this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again\n');
  });

  it("missing -c, unknown stack", () => {
    const { steps } = replay("docker stack deploy app\ndocker stack services nope\ndocker stack ps nope\ndocker stack rm nope");
    expect(steps[0]!.stderr).toBe("Specify a Compose file (with --compose-file)\n");
    expect(steps[1]!.stderr).toBe("Nothing found in stack: nope\n");
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.stderr).toBe("nothing found in stack: nope\n");
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[3]!.stderr).toBe("Nothing found in stack: nope\n");
  });

  it("external network must exist and be swarm-scoped", () => {
    const file = "services:\n  web:\n    image: nginx\n    networks: [shared]\nnetworks:\n  shared:\n    external: true\n";
    const { steps } = replay("docker stack deploy -c s.yml app\ndocker network create -d overlay shared\ndocker stack deploy -c s.yml app", { "s.yml": file });
    expect(steps[0]!.stderr).toContain('network "shared" is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed\n');
    expect(steps[2]!.exitCode).toBe(0);
    expect(steps[2]!.stdout).toBe("Creating service app_web\n");
  });
});

describe("docker stack rm", () => {
  it("removes services, secrets and the network in the real order", () => {
    const { out, steps } = replay("docker stack deploy -c docker-compose.yml app\ndocker stack rm app\ndocker stack ls\ndocker secret ls -q");
    expect(out(1)).toBe("Removing service app_db\nRemoving service app_web\nRemoving secret app_db_pass\nRemoving network app_default\n");
    expect(out(2)).toBe("NAME      SERVICES\n");
    expect(steps[3]!.stdout).toBe("");
  });
});
