// Grading forks a prepared session per scenario (src/grading/snapshots.ts) instead of booting
// and running setup for every submission. The fork must be exact: for every scenario and every
// answer in the library, the report from a fork is byte-for-byte the report from a fresh boot,
// and grading does not disturb the prepared session (a second fork grades the same).
import { describe, expect, it } from "vitest";
import { grade, library, normalizeSubmission, scenarioSchema, type Submission } from "../../src/grading";
import { Session } from "../../src/sim";
import { UncloneableError } from "../../src/sim/clone";
import { preparedSessions } from "../../src/grading/snapshots";

const lib = library();

describe("forked grading equals grading from a fresh boot", () => {
  for (const [id, s] of lib.byId) {
    it(id, () => {
      const answers: Submission[] = [s.solution, ...s.solutions, ...s.wrong].map((x) => normalizeSubmission(x as never));
      for (const sub of answers) {
        const fresh = JSON.stringify(grade(s, sub, { fresh: true }));
        expect(JSON.stringify(grade(s, sub))).toBe(fresh);
      }
      const first = normalizeSubmission(s.solution as never);
      expect(JSON.stringify(grade(s, first))).toBe(JSON.stringify(grade(s, first, { fresh: true })));
    });
  }
});

describe("grading without freezing for copies equals grading with it", () => {
  // A graded world is never copied, so it skips freezing what it makes (src/sim/clone.ts
  // withoutCopies): code must behave the same on frozen and unfrozen data.
  for (const [id, s] of lib.byId) {
    it(id, () => {
      for (const x of [s.solution, ...s.solutions, ...s.wrong]) {
        const sub = normalizeSubmission(x as never);
        expect(JSON.stringify(grade(s, sub))).toBe(JSON.stringify(grade(s, sub, { freezeForCopies: true })));
      }
    });
  }
});

describe("a setup that looks at the working directory", () => {
  // Setup lists and applies the directory; a submission bringing a file there must be seen by setup
  // exactly as a fresh boot would show it (grading falls back to a fresh boot for it).
  const scenario = scenarioSchema.parse({
    id: "fs-observed",
    title: "setup applies the directory",
    module: 1,
    level: "beginner",
    prompt: "-",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }], kubernetes: { controlPlane: ["cp"], workers: [] } },
    files: { "base.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  a: \"1\"\n" },
    setup: "ls\nkubectl apply -f .",
    solution: { commands: "kubectl get configmaps -o name" },
    checks: [{ id: "cms", run: "kubectl get configmaps -o name", expect: { contains: "configmap/base" }, points: 1 }],
  });

  it.each<[string, Record<string, string>]>([
    ["no files", {}],
    ["a file setup would have applied", { "extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n" }],
    ["a file in a subdirectory setup did not list", { "sub/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" }],
  ])("%s", (_, files) => {
    const sub = normalizeSubmission({ commands: "ls; kubectl get configmaps -o name", files });
    const forked = grade(scenario, sub);
    expect(JSON.stringify(forked)).toBe(JSON.stringify(grade(scenario, sub, { fresh: true })));
    if ("extra.yaml" in files) expect(forked.transcript.steps.map((s) => s.stdout).join("")).toContain("configmap/extra");
  });
});

describe("a setup that leaves a shell script running in a container", () => {
  // The script is a suspended generator: that world cannot be copied, so grading forks the booted
  // cluster and runs setup again (or boots afresh); the report is the same either way.
  const scenario = scenarioSchema.parse({
    id: "fs-generator",
    title: "a looping busybox pod from setup",
    module: 1,
    level: "beginner",
    prompt: "-",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
    setup: "kubectl run ticker --image=busybox:1.36 -- sh -c 'while true; do echo tick; sleep 5; done'\nsleep 12",
    solution: { commands: "sleep 20\nkubectl logs ticker | wc -l\nkubectl delete pod ticker" },
    checks: [{ id: "gone", run: "kubectl get pods -o name", expect: { equals: "" }, points: 1 }],
  });

  it("cannot be copied after setup", () => {
    const s = new Session({ parsedCluster: scenario.cluster, seed: scenario.id });
    s.run(scenario.setup!, { allowSim: true });
    expect(() => s.fork()).toThrow(UncloneableError);
  });

  it("grades the same forked and fresh, and keeps the script running in the copy", () => {
    const sub = normalizeSubmission(scenario.solution as never);
    const forked = grade(scenario, sub);
    expect(JSON.stringify(forked)).toBe(JSON.stringify(grade(scenario, sub, { fresh: true })));
    expect(JSON.stringify(grade(scenario, sub))).toBe(JSON.stringify(forked));
    expect(forked.transcript.steps[1]!.stdout.trim()).toBe("7");
    expect(forked.score).toBe(1);
  });
});

describe("grading never changes a scenario's prepared sessions", () => {
  // A fork that still shared state with its template (a closure bound to an original object, a
  // cache holding one) would write into the template: serialise the whole kept world before and
  // after grading every answer.
  const dump = (root: unknown): string => {
    const ids = new Map<object, number>();
    const walk = (v: unknown): unknown => {
      if (typeof v === "function") return `fn:${v.name}`;
      if (typeof v !== "object" || v === null) return v;
      const seen = ids.get(v);
      if (seen !== undefined) return `#${seen}`;
      ids.set(v, ids.size);
      if (v instanceof Map) return ["Map", [...v].map(([k, x]) => [walk(k), walk(x)])];
      if (v instanceof Set) return ["Set", [...v].map(walk)];
      if (Array.isArray(v)) return v.map(walk);
      return Object.fromEntries(Object.keys(v).map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    };
    return JSON.stringify(walk(root));
  };

  for (const [id, s] of lib.byId) {
    it(id, () => {
      const kept = preparedSessions(s);
      const before = kept.map((k) => dump(k.world));
      for (const x of [s.solution, ...s.solutions, ...s.wrong]) grade(s, normalizeSubmission(x as never));
      expect(kept.map((k) => dump(k.world))).toEqual(before);
    });
  }
});
