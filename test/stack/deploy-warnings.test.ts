// docker/cli stack deploy (deployServices): the daemon's warnings are printed for a service
// update only; a create's response warnings are dropped.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";

const CLUSTER = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"] } };
const STACK = "services:\n  web:\n    image: nosuch/img:1\n";
const WARNING =
  "image nosuch/img:1 could not be accessed on a registry to record\n" +
  "its digest. Each node will access nosuch/img:1 independently,\n" +
  "possibly leading to different nodes running different\n" +
  "versions of the image.\n";

describe("stack deploy digest warnings", () => {
  it("says nothing on create, warns on an update that asked the registry, not with --resolve-image never", () => {
    const steps = new Session({ seed: "stack-warn", files: { "stack.yml": STACK }, cluster: CLUSTER }).run([
      "docker stack deploy -d -c stack.yml app",
      "docker stack deploy -d -c stack.yml app",
      "docker stack deploy -d --resolve-image never -c stack.yml app",
    ].join("\n"), { allowSim: true });
    expect(steps[0]!.stderr).toBe("");
    expect(steps[1]!.stderr).toBe(WARNING);
    expect(steps[1]!.stdout).toMatch(/^Updating service app_web \(id: [a-z0-9]{25}\)\n$/);
    expect(steps[2]!.stderr).toBe("");
  });
});
