// Behaviours found wrong in the Docker/Swarm fidelity audit, each replayed through real commands
// and checked on the transcript text (shared/reference/swarm.md and docker/cli sources).
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers";

describe("service progress after a drain (docker/cli tasksBySlot: lowest desired state wins)", () => {
  it("scale counts the replacement task of a drained node's slot, not its shut-down predecessor", () => {
    const { out, steps } = replay([
      "docker service create -d --name web --replicas 4 nginx",
      "docker node update --availability drain worker1",
      "docker node update --availability active worker1",
      "docker service scale web=6",
    ].join("\n"));
    const bar = "[==================================================>]";
    const slots = [1, 2, 3, 4, 5, 6].map((i) => `${i}/6: running   ${bar}\n`).join("");
    expect(out(3)).toBe(`web scaled to 6\noverall progress: 6 out of 6 tasks\n${slots}verify: Service web converged\n`);
    expect(steps[3]!.exitCode).toBe(0);
  });
});

describe("docker service ps names (task.Print)", () => {
  const script = [
    "docker service create -d --name web --replicas 2 nginx",
    "docker node update --availability drain worker1",
  ];

  it("indents older tasks of a slot only in table formats", () => {
    const { out } = replay([...script,
      "docker service ps web --format '{{.Name}} {{.Node}} {{.DesiredState}}'",
      "docker service ps web --format 'table {{.Name}}\\t{{.DesiredState}}'",
    ].join("\n"));
    expect(out(2)).toBe("web.1 manager1 Running\nweb.2 worker2 Running\nweb.2 worker1 Shutdown\n");
    expect(out(3)).toBe("NAME        DESIRED STATE\nweb.1       Running\nweb.2       Running\n \\_ web.2   Shutdown\n");
  });

  it("--no-resolve names tasks after the service ID and shows node IDs", () => {
    const { out } = replay([...script, "docker service ps web --no-resolve --format '{{.Name}} {{.Node}}'", "docker service inspect -f '{{.ID}}' web"].join("\n"));
    const id = out(3).trim();
    const lines = out(2).trim().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual([`${id}.1`, `${id}.2`, `${id}.2`]);
    expect(lines[0]!.split(" ")[1]).toMatch(/^[0-9a-z]{25}$/);
  });

  it("-q prints whole task IDs even through --format", () => {
    const { out } = replay([...script, "docker service ps -q web", "docker service ps -q --format '{{.ID}}' web"].join("\n"));
    expect(out(2).trim().split("\n").every((l) => /^[0-9a-z]{25}$/.test(l))).toBe(true);
    expect(out(3)).toBe(out(2));
  });
});

describe("docker node inspect --pretty", () => {
  it("Joined at is Go's time String (no zero fraction), lower-cased by PrettyPrint", () => {
    const { out } = replay("docker node inspect --pretty self");
    expect(out(0)).toContain("Joined at:             \t2024-01-10 00:00:00 +0000 utc\n");
    expect(rows(out(0)).length).toBeGreaterThan(5);
  });
});
