// docker compose up/down on one engine, driven through the project functions (the CLI wiring
// needs the compose plugin's spec in src/sim/cli/specs).
import { describe, expect, it } from "vitest";
import { World } from "../../src/sim/world";
import { loadCompose } from "../../src/sim/docker/compose/load";
import { composeDown, composeUp } from "../../src/sim/docker/compose/project";
import { engineHost } from "../../src/sim/docker/engine/state";
import { labelledNetworks } from "../../src/sim/docker/engine/ops";

function setup(text: string) {
  const world = new World({ startTime: Date.parse("2024-01-10T00:00:00Z"), seed: "t" });
  const r = loadCompose([{ path: "/root/compose.yaml", text }], {});
  if (!r.ok) throw new Error(r.error);
  return { world, project: { name: "root", model: r.model, configFiles: ["/root/compose.yaml"], workingDir: "/root" } };
}

const APP = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n    depends_on: [cache]\n    volumes: [data:/data]\n  cache:\n    image: redis\nvolumes:\n  data: {}\n";

describe("compose up/down", () => {
  it("creates network, volume and containers in dependency order", () => {
    const { world, project } = setup(APP);
    const r = composeUp(world, "h1", project, { services: [], scale: {}, profiles: [], removeOrphans: false, forceRecreate: false });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("[+] Running 4/4");
    expect(r.stderr.indexOf("Container root-cache-1")).toBeLessThan(r.stderr.indexOf("Container root-web-1"));
    const h = engineHost(world, "h1");
    expect(h.containers.map((c) => c.name)).toEqual(["root-cache-1", "root-web-1"]);
    expect(labelledNetworks(world, "h1", "com.docker.compose.project", "root").map((n) => n.name)).toEqual(["root_default"]);
    // redis's VOLUME /data: an anonymous volume beside the project's.
    expect(h.volumes.map((v) => v.name)).toEqual(["root_data", expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const again = composeUp(world, "h1", project, { services: [], scale: { web: 1 }, profiles: [], removeOrphans: false, forceRecreate: false });
    expect(again.stderr).toContain("Running");
    const down = composeDown(world, "h1", project, { volumes: true, removeOrphans: false });
    expect(down.stderr).toContain("Volume root_data");
    expect(engineHost(world, "h1").containers).toEqual([]);
    // down -v removes the containers' anonymous volumes too (RemoveVolumes).
    expect(engineHost(world, "h1").volumes).toEqual([]);
    expect(labelledNetworks(world, "h1", "com.docker.compose.project", "root")).toEqual([]);
  });

  it("scales with --scale and refuses container_name with scale > 1", () => {
    const { world, project } = setup("services:\n  web:\n    image: nginx\n");
    composeUp(world, "h1", project, { services: [], scale: { web: 3 }, profiles: [], removeOrphans: false, forceRecreate: false });
    expect(engineHost(world, "h1").containers.map((c) => c.name)).toEqual(["root-web-1", "root-web-2", "root-web-3"]);
  });
});
