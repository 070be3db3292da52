// POST /v1/scenarios/:id/grade: reports, exporters, determinism and storage.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { GradeReport } from "../../src/grading";
import { library } from "../../src/grading";
import { Store } from "../../src/store";
import { submissionId } from "../../src/store/hash";
import { fixtureApp, json, worker } from "./helpers";

const call = fixtureApp({ now: () => "2024-01-10T00:00:00.000Z" });
const GRADE = "/v1/scenarios/notes-file/grade";

describe("grading the fixture scenario", () => {
  it("gives the reference solution full marks", async () => {
    const res = await call(GRADE, json({ commands: "echo hello > notes.txt" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const r = (await res.json()) as GradeReport;
    expect(r).toMatchObject({ scenario: "notes-file", score: 4, maxScore: 4, passed: true });
    expect(r.checks.map((c) => [c.id, c.passed])).toEqual([["notes-written", true], ["used-echo", true], ["worker-went-down", true]]);
    expect(r.transcript.steps).toEqual([
      { host: "manager1", command: "echo hello > notes.txt", exitCode: 0, stdout: "", stderr: "" },
    ]);
  });

  it("reports a failed check with its hint", async () => {
    const r = (await (await call(GRADE, json({ commands: "echo bye > notes.txt" }))).json()) as GradeReport;
    expect(r.score).toBe(2);
    expect(r.passed).toBe(false);
    const failed = r.checks.find((c) => c.id === "notes-written")!;
    expect(failed).toMatchObject({ passed: false, points: 0, maxPoints: 2 });
    expect(failed.hint).toMatch(/echo/);
  });

  it("grades files as part of the submission", async () => {
    const r = (await (await call(GRADE, json({ commands: "cat notes.txt", files: { "notes.txt": "hello\n" } }))).json()) as GradeReport;
    expect(r.transcript.steps[0]).toMatchObject({ stdout: "hello\n", exitCode: 0 });
    expect(r.checks.find((c) => c.id === "notes-written")!.passed).toBe(true);
  });

  it("keeps a failing command a step of the transcript", async () => {
    const r = (await (await call(GRADE, json({ commands: "nosuchcommand arg" }))).json()) as GradeReport;
    expect(r.transcript.steps[0]).toEqual({
      host: "manager1", command: "nosuchcommand arg", exitCode: 127, stdout: "", stderr: "bash: nosuchcommand: command not found\n",
    });
  });

  it("exports Gradescope results.json", async () => {
    const res = await call(`${GRADE}?format=gradescope`, json({ commands: "echo bye > notes.txt" }));
    const g = (await res.json()) as { score: number; max_score: number; tests: { name: string; status: string }[] };
    expect(g.score).toBe(2);
    expect(g.max_score).toBe(4);
    expect(g.tests.map((t) => t.status)).toEqual(["failed", "passed", "passed"]);
  });

  it("exports JUnit XML", async () => {
    const res = await call(`${GRADE}?format=junit`, json({ commands: "echo bye > notes.txt" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<testcase classname="notes-file" name="notes-written">');
    expect(xml).toContain('failures="1"');
  });
});

describe("determinism", () => {
  const bodies = [
    { commands: "echo hello > notes.txt\nsleep 30\ncat notes.txt" },
    { commands: "printf 'a\\nb\\n' | sort\nfoo" },
    { files: { "deploy.yaml": "kind: Deployment\n" } },
  ];
  it.each(bodies)("answers the same bytes twice (%j)", async (body) => {
    const a = await call(GRADE, json(body));
    const b = await call(GRADE, json(body));
    expect(await a.text()).toBe(await b.text());
    expect(a.headers.get("x-submission-id")).toBe(b.headers.get("x-submission-id"));
  });

  it("answers the same bytes for /v1/simulate twice", async () => {
    const body = { commands: "echo hi\nsleep 5\nsim node add extra1 --cpus 4\nsim advance 1m" };
    const a = await (await worker("/v1/simulate", json(body))).text();
    const b = await (await worker("/v1/simulate", json(body))).text();
    expect(a).toBe(b);
  });
});

describe("storage", () => {
  it("saves the submission and its result under the content hash", async () => {
    const body = { commands: "echo hello > notes.txt", files: { "b.txt": "2", "a.txt": "1" } };
    const res = await call(GRADE, json(body));
    const id = res.headers.get("x-submission-id")!;
    // Key order does not matter: the hash is over canonical JSON.
    expect(id).toBe(await submissionId("notes-file", { files: { "a.txt": "1", "b.txt": "2" }, commands: "echo hello > notes.txt" }));
    const sub = await env.DB.prepare("SELECT scenario_id, received_at, body FROM submissions WHERE id = ?1").bind(id).first();
    expect(sub).toEqual({
      scenario_id: "notes-file",
      received_at: "2024-01-10T00:00:00.000Z",
      body: '{"commands":"echo hello > notes.txt","files":{"a.txt":"1","b.txt":"2"}}',
    });
    const stored = await new Store(env.DB).result(id);
    expect(stored).toMatchObject({ scenarioId: "notes-file", score: 4, maxScore: 4, passed: true });
    expect(stored!.report).toEqual(await res.json());
  });

  it("stores a resubmission once", async () => {
    await call(GRADE, json({ commands: "echo again" }));
    await call(GRADE, json({ commands: "echo again" }));
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM submissions WHERE body = ?1").bind('{"commands":"echo again"}').first("n");
    expect(n).toBe(1);
  });

  it("still grades when storage fails", async () => {
    const broken = { prepare() { throw new Error("D1 is down"); }, batch() { throw new Error("D1 is down"); } } as unknown as D1Database;
    const failing = fixtureApp({ store: () => new Store(broken) });
    const res = await failing(GRADE, json({ commands: "echo hello > notes.txt" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as GradeReport).passed).toBe(true);
  });
});

describe("the bundled library through the Worker", () => {
  const scenarios = [...library().byId.values()];

  it("has scenarios", () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))("grades %s's reference solution with full marks", async (id, s) => {
    const body = typeof s.solution === "string" ? { commands: s.solution } : s.solution;
    const res = await worker(`/v1/scenarios/${id}/grade`, json(body));
    expect(res.status).toBe(200);
    const r = (await res.json()) as GradeReport;
    expect(r.checks.filter((c) => !c.passed)).toEqual([]);
    expect(r.passed).toBe(true);
  });
});
