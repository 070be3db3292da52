import { describe, expect, it } from "vitest";
import { grade, loadScenario, scenarioSchema, toCsv, toGradescope, toJUnit, validateScenario, type ScenarioInput } from "../../src/grading";

// A scenario that needs no docker or kubectl: the grading engine on its own.
const fixture: ScenarioInput = {
  id: "fixture-files",
  title: "Write a file",
  module: 1,
  level: "beginner",
  cluster: { hosts: [{ name: "manager1" }, { name: "worker1" }] },
  setup: "echo seed > /root/seed.txt",
  prompt: "Write 42 into answer.txt on worker1.",
  after: "sim node down worker1",
  checks: [
    { id: "answer", points: 2, run: "cat answer.txt", host: "worker1", expect: { equals: "42" }, hint: "Files live on the machine you wrote them on." },
    { id: "used-ssh", history: { used: "ssh" } },
    { id: "no-rm", history: { notUsed: "rm" } },
    { id: "worker-down", query: "{.hosts[?(@.name==\"worker1\")].up}", expect: { equals: "false" } },
    { id: "one-down-event", timeline: { source: "sim", type: "host-down", subject: "worker1", measure: "count" }, expect: { equals: "1" } },
  ],
  solution: "ssh worker1\necho 42 > answer.txt\nexit",
  solutions: ["ssh worker1 'echo 42 > answer.txt'"],
  wrong: [
    { commands: "echo 42 > answer.txt", fails: ["answer", "used-ssh"], description: "wrote it on the wrong machine" },
    { commands: "ssh worker1\necho 41 > answer.txt\nrm -f nothing", fails: ["answer", "no-rm"] },
  ],
};

const scenario = scenarioSchema.parse(fixture);

describe("grade()", () => {
  it("scores the reference solution full marks", () => {
    const r = grade(scenario, { commands: fixture.solution as string });
    expect(r).toMatchObject({ scenario: "fixture-files", score: 6, maxScore: 6, passed: true });
    expect(r.transcript.steps.map((s) => [s.host, s.command])).toEqual([
      ["manager1", "ssh worker1"], ["worker1", "echo 42 > answer.txt"], ["worker1", "exit"],
    ]);
  });

  it("gives partial credit, messages and hints", () => {
    const r = grade(scenario, { commands: "echo 42 > answer.txt" });
    expect(r.score).toBe(3);
    const answer = r.checks.find((c) => c.id === "answer")!;
    expect(answer).toMatchObject({ passed: false, points: 0, maxPoints: 2, hint: "Files live on the machine you wrote them on." });
    expect(answer.message).toContain("observed nothing");
  });

  it("refuses instructor commands inside a submission", () => {
    const r = grade(scenario, { commands: "sim node down worker1" });
    expect(r.transcript.steps[0]).toMatchObject({ exitCode: 127, stderr: "bash: sim: command not found\n" });
  });

  it("is deterministic: same input, same bytes", () => {
    const a = JSON.stringify(grade(scenario, { commands: "ssh worker1\necho 42 > answer.txt\nsleep 10" }));
    const b = JSON.stringify(grade(scenario, { commands: "ssh worker1\necho 42 > answer.txt\nsleep 10" }));
    expect(a).toBe(b);
  });

  it("validates the fixture: solutions full marks, wrong answers fail exactly their checks", () => {
    expect(validateScenario(scenario)).toEqual([]);
  });

  it("reports a wrong answer that fails different checks than declared", () => {
    const bad = scenarioSchema.parse({ ...fixture, wrong: [{ commands: "echo 42 > answer.txt", fails: ["answer"] }] });
    expect(validateScenario(bad)).toEqual([
      { scenario: "fixture-files", where: "wrong[0]", message: "fails [answer, used-ssh], expected [answer]" },
    ]);
  });

  it("rejects malformed scenarios with paths", () => {
    const res = loadScenario({ ...fixture, checks: [{ id: "Bad Id", run: "x", expect: {} }] });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues.some((i) => i.path.startsWith("checks.0"))).toBe(true);
  });

  it("exports Gradescope, JUnit and CSV", () => {
    const r = grade(scenario, { commands: "echo 42 > answer.txt" });
    expect(toGradescope(r)).toMatchObject({ score: 3, max_score: 6 });
    expect(toJUnit([{ name: "s1", report: r }])).toContain('<testsuite name="s1" tests="5" failures="2">');
    expect(toCsv([{ submission: "s1", report: r }])).toBe(
      "submission,scenario,score,max_score,passed,failed_checks\ns1,fixture-files,3,6,false,answer used-ssh\n",
    );
  });
});
