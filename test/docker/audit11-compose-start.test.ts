// compose start.go: `docker compose start` creates nothing; a service without a container is
// `service "x" has no container to start` (exit 1), dependencies first.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const FILES = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    depends_on: [db]\n  db:\n    image: redis:7\n  off:\n    image: redis:7\n    deploy:\n      replicas: 0\n" };

describe("docker compose start", () => {
  it("refuses services that have no container; starts existing ones", () => {
    const steps = new Session({ seed: "audit11-start", files: FILES }).run(
      ["docker compose start", "docker compose start web", "docker compose up -d", "docker compose stop", "docker compose start"].join("\n"), { allowSim: true });
    expect(steps.slice(0, 2).map((s) => [s.exitCode, s.stderr])).toEqual([
      [1, 'service "db" has no container to start\n'], [1, 'service "web" has no container to start\n'],
    ]);
    expect(steps[4]!.exitCode).toBe(0);
    expect(steps[4]!.stderr).toContain(" ✔ Container root-web-1  Started");
  });
});
