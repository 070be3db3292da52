// YAML syntax errors in stack and Compose files as yaml.v3 words them (docker/cli and compose-go
// decode with it): go-yaml's scanner and parser (src/sim/k8s/kubectl/go-yaml-*.ts), v3's line rule.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";
import { hasDocker } from "../format/oracle";


const CASES: [string, string, string][] = [
  ["under-indented key", "services:\n  web:\n    image: nginx\n   ports:\n    - \"80:80\"\n", "yaml: line 1: did not find expected key"],
  ["list item outdented", "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n    ports:\n  - \"80:80\"\n    deploy:\n      replicas: 2\n", "yaml: line 2: did not find expected key"],
  ["tab before a key", "services:\n  web:\n    image: nginx\n\tports: []\n", "yaml: line 3: found a tab character that violates indentation"],
  ["list items misaligned", "services:\n  web:\n    image: nginx\n    environment:\n      - A=1\n     - B=2\n", "yaml: line 2: did not find expected key"],
  ["over-indented key", "services:\n  web:\n    image: nginx\n     ports:\n      - 80:80\n", "yaml: line 4: mapping values are not allowed in this context"],
  ["missing colon", "services:\n  web\n    image: nginx\n", "yaml: line 3: mapping values are not allowed in this context"],
];

const run = (text: string) =>
  replay("docker swarm init --advertise-addr 10.0.0.11 >/dev/null\ndocker stack config -c stack.yml", {
    seed: "t",
    cluster: { hosts: [{ name: "manager1", ip: "10.0.0.11" }] },
    files: { "stack.yml": text },
  }).transcript.steps[1]!;

describe("stack file YAML syntax errors (yaml.v3)", () => {
  it.each(CASES)("%s", (_name, text, error) => {
    const step = run(text);
    expect([step.exitCode, step.stderr]).toEqual([1, error + "\n"]);
  });

  describe.skipIf(!hasDocker)("against the real docker client (stack config is offline)", () => {
    it.each(CASES)("%s", (_name, text) => {
      const dir = mkdtempSync(join(tmpdir(), "yaml3-"));
      writeFileSync(join(dir, "stack.yml"), text);
      const real = spawnSync("docker", ["stack", "config", "-c", "stack.yml"], { cwd: dir, env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock" }, encoding: "utf8" });
      const step = run(text);
      expect([step.exitCode, step.stdout, step.stderr]).toEqual([real.status, real.stdout, real.stderr]);
    });
  });
});
