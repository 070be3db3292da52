// Redeploying a stack: every service gets "Updating service", but only a changed spec replaces tasks.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }], swarm: { managers: ["manager1"], workers: ["worker1"] } };
const V1 = "services:\n  web:\n    image: nginx:1.25\n    deploy: { replicas: 2 }\n  cache:\n    image: redis:7.2\n";

describe("stack redeploy", () => {
  it("an unchanged file leaves tasks alone; a changed service alone rolls", () => {
    const s = new Session({ seed: "redeploy", files: { "stack.yml": V1 }, cluster: CLUSTER as never });
    const steps = s.run([
      "docker stack deploy -c stack.yml shop",
      "docker stack deploy -c stack.yml shop",
      "docker stack ps shop -q | wc -l",
      `cat > stack.yml <<'EOF'\n${V1.replace("nginx:1.25", "nginx:1.26")}EOF`,
      "docker stack deploy -c stack.yml shop",
      "sleep 60",
      "docker stack ps shop --format '{{.Name}} {{.Image}} {{.DesiredState}}'",
    ].join("\n"), { allowSim: true });
    expect(steps[1]!.stdout).toMatch(/^Updating service shop_cache \(id: \w+\)\nUpdating service shop_web \(id: \w+\)\n$/);
    expect(steps[2]!.stdout.trim()).toBe("3");
    const tasks = steps[6]!.stdout.split("\n").filter(Boolean);
    expect(tasks.filter((t) => t.startsWith("shop_cache.")).length).toBe(1);
    expect(tasks.filter((t) => / nginx:1\.26 Running$/.test(t)).length).toBe(2);
    expect(tasks.filter((t) => / nginx:1\.25 Shutdown$/.test(t)).length).toBe(2);
  });
});
