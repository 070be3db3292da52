// Audit (session 7) of the engine commands students use: docker volume create/inspect as
// docker/cli sends them (its --label/--opt maps even when empty) and the daemon answers.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function replay(script: string) {
  return new Session({ seed: "audit-s7-engine" }).run(script, { allowSim: true });
}

describe("docker volume create / inspect", () => {
  it("prints api/types/volume.Volume in its field order; a missing volume is an error line", () => {
    const steps = replay("docker volume create data\ndocker volume create --label team=a -o type=tmpfs v2\ndocker volume inspect data nope\ndocker volume inspect -f '{{.Labels.team}} {{.Options.type}} {{.Mountpoint}}' v2");
    expect(steps[2]!.stdout).toBe(`[
    {
        "CreatedAt": "2024-01-10T00:00:00Z",
        "Driver": "local",
        "Labels": {},
        "Mountpoint": "/var/lib/docker/volumes/data/_data",
        "Name": "data",
        "Options": {},
        "Scope": "local"
    }
]
`);
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: get nope: no such volume\n" });
    expect(steps[3]!.stdout).toBe("a tmpfs /var/lib/docker/volumes/v2/_data\n");
  });

  it("a volume Compose made has its labels and no options (null)", () => {
    const s = new Session({ seed: "audit-s7-engine", files: { "compose.yaml": "services:\n  db:\n    image: redis:7\n    volumes: [data:/data]\nvolumes:\n  data: {}\n" } });
    const steps = s.run("docker compose up -d\ndocker volume inspect -f '{{index .Labels \"com.docker.compose.volume\"}} {{json .Options}}' root_data", { allowSim: true });
    expect(steps[1]!.stdout).toBe("data null\n");
  });
});
