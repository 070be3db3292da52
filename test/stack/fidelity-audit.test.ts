// docker stack deploy behaviours fixed in the Docker fidelity audit (docker/cli cli/compose/convert).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = {
  hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }],
  swarm: { managers: ["manager1"], workers: ["worker1"] },
};

function run(script: string, files: Record<string, string>) {
  return new Session({ seed: "stack-audit", cluster: CLUSTER, files }).run(script, { allowSim: false });
}

const DETACH = "Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n";

describe("stack deploy: a service on a network the file does not declare", () => {
  it("creates the network (convert.Networks) then fails the service: undefined network", () => {
    const file = "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n    networks: [backend]\n";
    const [deploy, ls] = run("docker stack deploy -c stack.yml app\ndocker stack services app", { "stack.yml": file });
    expect(deploy!.exitCode).toBe(1);
    expect(deploy!.stdout).toBe("Creating network app_backend\n");
    expect(deploy!.stderr).toBe(DETACH + 'service web: undefined network "backend"\n');
    expect(ls!.stderr).toBe("Nothing found in stack: app\n");
  });

  it("an undefined secret is reported before a bad mode (secrets are resolved first)", () => {
    const file = "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n    secrets: [nope]\n    deploy:\n      mode: foo\n";
    const [deploy] = run("docker stack deploy -c stack.yml app", { "stack.yml": file });
    expect(deploy!.stdout).toBe("Creating network app_default\n");
    expect(deploy!.stderr).toBe(DETACH + 'service web: undefined secret "nope"\n');
  });
});
