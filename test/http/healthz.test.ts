import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("answers 200 with a JSON status", async () => {
    const res = await exports.default.fetch("http://clustergrade.test/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("D1 binding", () => {
  it("has the migrated schema", async () => {
    await env.DB.prepare(
      "INSERT INTO submissions (id, scenario_id, received_at, body) VALUES (?1, ?2, ?3, ?4)",
    )
      .bind("sub-1", "swarm-scale-service", "2024-01-10T00:00:00Z", "{}")
      .run();
    const row = await env.DB.prepare("SELECT id, scenario_id FROM submissions WHERE id = ?1")
      .bind("sub-1")
      .first();
    expect(row).toEqual({ id: "sub-1", scenario_id: "swarm-scale-service" });

    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('submissions', 'results', 'batches') ORDER BY name",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(["batches", "results", "submissions"]);
  });
});
