// The CLI as users run it: `node bin/clustergrade.mjs …` in a child process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE, spawnCli, tree } from "./helpers";

describe("clustergrade (process)", () => {
  it("prints the top-level help", () => {
    const r = spawnCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: clustergrade COMMAND/);
    for (const c of ["replay", "grade", "validate", "batch"]) expect(r.stdout).toContain(`  ${c}`);
  });

  it("exits 2 with the usage when run without a command", () => {
    const r = spawnCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: clustergrade COMMAND/);
  });

  it("replays stdin as a terminal transcript", () => {
    const r = spawnCli(["replay", "-"], { input: "echo hi\nnosuch\n" });
    expect(r).toEqual({
      code: 0,
      stdout: "manager1$ echo hi\nhi\nmanager1$ nosuch\nbash: nosuch: command not found\n",
      stderr: "",
    });
  });

  it("replays a file with --files and --json", () => {
    const dir = tree({ "script.sh": "cat .env\n", "files/.env": "A=1\n" });
    const r = spawnCli(["replay", join(dir, "script.sh"), "--files", join(dir, "files"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      steps: [{ host: "manager1", command: "cat .env", exitCode: 0, stdout: "A=1\n", stderr: "" }],
      clock: "2024-01-10T00:00:00Z",
    });
  });

  it("grades a submission and exits 0 on full marks", () => {
    const dir = tree({ "answer.sh": "echo hello > notes.txt\n" });
    const r = spawnCli(["grade", FIXTURE, join(dir, "answer.sh")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "notes-file: 4/4 (full marks)\n" +
      "✓ notes-written (2/2): notes.txt holds hello\n" +
      "✓ used-echo (1/1): passed\n" +
      "✓ worker-went-down (1/1): passed\n",
    );
  });

  it("validates a scenario file", () => {
    const r = spawnCli(["validate", FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("✓ notes-file\n1 scenario: 1 valid, 0 with problems\n");
  });

  it("grades a batch into CSV and JUnit files", () => {
    const dir = tree({
      "subs/alice.sh": "echo hello > notes.txt\n",
      "subs/bob.sh": "echo bye > notes.txt\n",
      "subs/.hidden": "ignored",
    });
    const r = spawnCli(["batch", FIXTURE, join(dir, "subs"), "--out", join(dir, "results.csv"), "--junit", join(dir, "junit.xml")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(""); // no progress line: stderr is not a terminal
    expect(r.stdout).toMatch(/^notes-file: graded 2 submissions, 1 with full marks, mean score 3\.00\/4 in [\d.]+ s \([\d.]+\/s\); results in /);
    expect(readFileSync(join(dir, "results.csv"), "utf8")).toBe(
      "submission,scenario,score,max_score,passed,failed_checks\nalice.sh,notes-file,4,4,true,\nbob.sh,notes-file,2,4,false,notes-written\n",
    );
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('<testsuite name="bob.sh" tests="3" failures="1">');
  });

  it("grades a large batch on several threads with the same results as on one", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 90; i++) files[`subs/s${String(i).padStart(3, "0")}.sh`] = i % 3 ? "echo bye > notes.txt\n" : "echo hello > notes.txt\n";
    const dir = tree(files);
    const one = spawnCli(["batch", FIXTURE, join(dir, "subs"), "--jobs", "1", "--out", join(dir, "one.csv")]);
    const two = spawnCli(["batch", FIXTURE, join(dir, "subs"), "--jobs", "2", "--out", join(dir, "two.csv")]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(two.stdout).toMatch(/^notes-file: graded 90 submissions, 30 with full marks, mean score 2\.67\/4 in /);
    const csv = readFileSync(join(dir, "one.csv"), "utf8");
    expect(csv.split("\n")).toHaveLength(92);
    expect(readFileSync(join(dir, "two.csv"), "utf8")).toBe(csv);
  }, 120_000); // two CLI processes, one starting grading threads: slow on a busy machine, not a speed check

  it("refuses a --jobs that is not a positive whole number", () => {
    const r = spawnCli(["batch", FIXTURE, ".", "--jobs", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--jobs 0: expected a whole number of threads, at least 1");
  });

  it("exits 2 on an unknown option", () => {
    const r = spawnCli(["grade", "--verbose", "x", "y"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("clustergrade: Unknown option '--verbose'");
    expect(r.stderr).toContain("Usage: clustergrade grade SCENARIO_ID_OR_FILE SUBMISSION");
  });
});
