// Compose behaviours fixed in the Docker fidelity audit, replayed through real commands.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";

const APP = "services:\n  web:\n    image: nginx\n    depends_on: [cache]\n  cache:\n    image: redis\n";

function run(script: string, files: Record<string, string>) {
  return new Session({ seed: "compose-audit", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] }, files }).run(script, { allowSim: false });
}

describe("docker compose up: the Pulling frame", () => {
  it("aligns every service's timer column as `compose pull` does", () => {
    const [up] = run("docker compose up -d", { "compose.yaml": APP });
    const frame = up!.stderr.split("[+] Running")[0]!;
    const lines = frame.trimEnd().split("\n");
    expect(lines[0]).toBe("[+] Pulling 2/2");
    expect(lines.slice(1).map((l) => l.replace(/ +0\.0s$/, ""))).toEqual([" ✔ cache Pulled", " ✔ web Pulled"]);
    expect(new Set(lines.slice(1).map((l) => l.length)).size).toBe(1);
    const [pull] = run("docker compose pull", { "compose.yaml": APP });
    expect(pull!.stderr).toBe(frame);
  });
});

describe("docker compose logs prefixes (getContainerNameWithoutProject)", () => {
  it("drops the project from default names, pads to the longest plus one, then ' | '", () => {
    const steps = run("docker compose up -d\ndocker compose logs", { "compose.yaml": APP });
    const prefixes = new Set(steps[1]!.stdout.trim().split("\n").map((l) => l.slice(0, l.indexOf("| ") + 2)));
    expect([...prefixes].sort()).toEqual(["cache-1  | ", "web-1    | "]);
  });
});

describe("container lists show ports only for containers holding their network", () => {
  it("a stopped container has an empty PORTS cell in docker ps -a and compose ps -a", () => {
    const file = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n";
    const steps = run([
      "docker compose up -d",
      "docker compose ps -a --format '{{.Name}}|{{.Ports}}'",
      "docker compose stop",
      "docker compose ps -a --format '{{.Name}}|{{.Ports}}'",
      "docker ps -a --format '{{.Names}}|{{.Ports}}'",
    ].join("\n"), { "compose.yaml": file });
    expect(steps[1]!.stdout).toBe("root-web-1|0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
    expect(steps[3]!.stdout).toBe("root-web-1|\n");
    expect(steps[4]!.stdout).toBe("root-web-1|\n");
  });
});
