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
