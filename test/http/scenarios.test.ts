// GET /v1/scenarios and /v1/scenarios/:id: what a student may see, never how it is graded.
import { describe, expect, it } from "vitest";
import { library } from "../../src/grading";
import { fixtureApp, worker } from "./helpers";

const call = fixtureApp();

describe("GET /v1/scenarios", () => {
  it("lists the fixture library", async () => {
    const res = await call("/v1/scenarios");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      scenarios: [{ id: "notes-file", title: "Write a notes file", module: 1, level: "beginner", tags: ["fixture", "files"], accepts: ["commands"], maxScore: 4 }],
    });
  });

  it.each([
    ["?module=1", 1], ["?module=2", 0], ["?level=beginner", 1], ["?level=advanced", 0],
    ["?tag=files", 1], ["?tag=swarm", 0], ["?module=1&level=beginner&tag=fixture", 1],
  ])("filters %s", async (q, n) => {
    const body = (await (await call(`/v1/scenarios${q}`)).json()) as { scenarios: unknown[] };
    expect(body.scenarios).toHaveLength(n as number);
  });

  it("lists the bundled library in id order", async () => {
    const body = (await (await worker("/v1/scenarios")).json()) as { scenarios: { id: string }[] };
    expect(body.scenarios.map((s) => s.id)).toEqual([...library().byId.keys()]);
  });
});

describe("GET /v1/scenarios/:id", () => {
  it("shows the prompt and the checks' ids, never how they are graded", async () => {
    const res = await call("/v1/scenarios/notes-file");
    expect(res.status).toBe(200);
    const text = await res.text();
    const s = JSON.parse(text);
    expect(s).toMatchObject({ id: "notes-file", prompt: "Write the word `hello` into `notes.txt`.\n", hosts: ["manager1", "worker1"], maxScore: 4 });
    expect(s.checks).toEqual([
      { id: "notes-written", points: 2, description: "notes.txt holds hello" },
      { id: "used-echo", points: 1 },
      { id: "worker-went-down", points: 1 },
    ]);
    for (const secret of ["solution", "wrong", "setup", "after", "cat notes.txt", "echo hello", "printf", "hint", "sim node"]) {
      expect(text).not.toContain(secret);
    }
  });

  it.each([...library().byId.values()].map((s) => [s.id, s] as const))("never leaks %s's solution or expectations", async (id, s) => {
    const text = await (await worker(`/v1/scenarios/${id}`)).text();
    for (const key of ['"solution"', '"solutions"', '"wrong"', '"expect"', '"setup"', '"after"', '"hint"', '"run"', '"query"']) {
      expect(text).not.toContain(key);
    }
    const sol = typeof s.solution === "string" ? s.solution : s.solution.commands ?? "";
    for (const line of sol.split("\n").map((l) => l.trim()).filter((l) => l.length > 12)) {
      if (!s.prompt.includes(line)) expect(text).not.toContain(JSON.stringify(line).slice(1, -1));
    }
  });
});
