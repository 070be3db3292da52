// Each subcommand, in-process (runCli with a captured Io): arguments, inputs, errors, exit codes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, FIXTURE, tree } from "./helpers";

describe("help", () => {
  it.each(["replay", "grade", "validate", "batch"])("%s --help prints its usage and exits 0", async (c) => {
    for (const args of [[c, "--help"], [c, "-h"], ["help", c]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: clustergrade ${c} `));
    }
  });

  it("documents the default cluster in replay --help", async () => {
    const r = await cli(["replay", "--help"]);
    expect(r.stdout).toContain("manager1 (10.0.0.11), worker1 (10.0.0.12), worker2 (10.0.0.13)");
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["--frob"], /unknown option --frob/],
    [["help", "nope"], /unknown command "nope"/],
    [["replay"], /"replay" needs 1 argument, got 0/],
    [["replay", "a", "b"], /"replay" takes at most 1 argument, got 2/],
    [["replay", "x.sh", "--cluster"], /Option '--cluster <value>' argument missing/],
    [["replay", "x.sh", "--json=yes"], /--json/],
    [["grade", "notes-file"], /"grade" needs 2 arguments, got 1/],
    [["batch", "x"], /"batch" needs 2 arguments, got 1/],
    [["validate", "a", "b"], /"validate" takes at most 1 argument/],
    [["replay", "/nonexistent/script.sh"], /script not found: \/nonexistent\/script.sh/],
    [["replay", "-", "--files", "/nonexistent"], /not a directory: \/nonexistent/],
    [["grade", "no-such-scenario", "-"], /no scenario file or id "no-such-scenario"/],
    [["grade", FIXTURE, "/nonexistent.sh"], /submission not found/],
    [["validate", "/nonexistent"], /no such file or directory/],
    [["batch", FIXTURE, "/nonexistent"], /not a directory/],
  ] as [string[], RegExp][])("%j", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^clustergrade: /);
    expect(r.stderr).toMatch(message);
  });
});

describe("replay", () => {
  it("prints each step as a terminal shows it", async () => {
    const r = await cli(["replay", "-"], "echo one\nssh worker1\ncat missing\nexit\nsleep 1\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "manager1$ echo one\none\n" +
      "manager1$ ssh worker1\n" +
      "worker1$ cat missing\ncat: missing: No such file or directory\n" +
      "worker1$ exit\nlogout\nConnection to worker1 closed.\n" +
      "manager1$ sleep 1\n",
    );
  });

  it("allows the instructor-only sim program", async () => {
    const r = await cli(["replay", "-", "--json"], "sim node add extra1\nsim advance 5m\n");
    const t = JSON.parse(r.stdout);
    expect(t.steps.map((s: { exitCode: number }) => s.exitCode)).toEqual([0, 0]);
    expect(t.clock).toBe("2024-01-10T00:05:00Z");
  });

  it("starts the machines of --cluster (a cluster block or a scenario file)", async () => {
    const dir = tree({ "cluster.yaml": "hosts:\n  - { name: alpha }\n  - { name: beta }\n" });
    for (const file of [join(dir, "cluster.yaml"), FIXTURE]) {
      const r = await cli(["replay", "-", "--cluster", file, "--json"], "ssh HOST echo\n".replace("HOST", file === FIXTURE ? "worker1" : "beta"));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).steps[0].host).toBe(file === FIXTURE ? "manager1" : "alpha");
    }
  });

  it("rejects an invalid --cluster with its issues", async () => {
    const dir = tree({ "bad.yaml": "hosts: []\n", "broken.yaml": "hosts: [\n" });
    const bad = await cli(["replay", "-", "--cluster", join(dir, "bad.yaml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid cluster:\n  hosts: /);
    const broken = await cli(["replay", "-", "--cluster", join(dir, "broken.yaml")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/invalid YAML/);
  });

  it("is deterministic", async () => {
    const script = "echo a\nsleep 3\nsim node add n9 --cpus 4\nkubectl get nodes\ndocker node ls\n";
    const a = await cli(["replay", "-", "--json"], script);
    const b = await cli(["replay", "-", "--json"], script);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("grade", () => {
  const sub = tree({
    "good.sh": "echo hello > notes.txt\n",
    "bad.sh": "echo bye > notes.txt\n",
    "good.json": JSON.stringify({ commands: "cat notes.txt\necho", files: { "notes.txt": "hello\n" } }),
    "broken.json": "{",
    "wrong.json": JSON.stringify({ commands: 1 }),
    "dir/commands.sh": "echo > /dev/null\ncat notes.txt\n",
    "dir/notes.txt": "hello\n",
    "extra/notes.txt": "hello\n",
  });

  it.each([
    ["good.sh", 0, "notes-file: 4/4 (full marks)"],
    ["good.json", 0, "notes-file: 4/4 (full marks)"],
    ["dir", 0, "notes-file: 4/4 (full marks)"],
  ])("%s → exit %d", async (name, code, first) => {
    const r = await cli(["grade", FIXTURE, join(sub, name)]);
    expect(r.code).toBe(code);
    expect(r.stdout.split("\n")[0]).toBe(first);
  });

  it("prints failed checks with ✗ and the hint, exit 1", async () => {
    const r = await cli(["grade", FIXTURE, join(sub, "bad.sh")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "notes-file: 2/4\n" +
      "✗ notes-written (0/2): notes.txt holds hello: observed \"bye\"\n" +
      "    hint: echo prints its arguments; `>` sends them to a file.\n" +
      "✓ used-echo (1/1): passed\n" +
      "✓ worker-went-down (1/1): passed\n",
    );
  });

  it("reads the submission from stdin and adds --files", async () => {
    const r = await cli(["grade", FIXTURE, "-", "--files", join(sub, "extra"), "--json"], "echo\n");
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ scenario: "notes-file", score: 4, maxScore: 4, passed: true });
    expect(report.transcript.steps).toHaveLength(1);
  });

  it.each([["broken.json", /invalid JSON/], ["wrong.json", /not a submission/]])("rejects %s", async (name, message) => {
    const r = await cli(["grade", FIXTURE, join(sub, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("validate", () => {
  const fixture = readFileSync(FIXTURE, "utf8");
  const dir = tree({
    "notes-file.yaml": fixture,
    "misnamed.yaml": fixture,
    "broken.yaml": "id: [\n",
    "incomplete.yaml": "id: incomplete\ntitle: x\n",
    "weak.yaml": fixture.replace("id: notes-file", "id: weak").replace("fails: [used-echo]", "fails: [notes-written]"),
    "old.yml": fixture.replace("id: notes-file", "id: old"),
    "README.md": "not a scenario",
  });

  it("reports each scenario and exits 1 when any has a problem", async () => {
    const r = await cli(["validate", dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines).toContain("✓ notes-file");
    expect(r.stdout).toMatch(/✗ broken \(.*broken.yaml\)\n {4}invalid YAML/);
    expect(r.stdout).toMatch(/✗ incomplete .*\n( {4}schema: .*\n)+/);
    expect(r.stdout).toContain("id notes-file does not match the file name misnamed.yaml");
    expect(r.stdout).toContain("wrong[1]: fails [used-echo], expected [notes-written]");
    expect(r.stdout).toContain("scenario files end in .yaml");
    expect(lines).toContain("6 scenarios: 1 valid, 5 with problems");
  });
});

describe("batch", () => {
  const dir = tree({
    "subs/a.sh": "echo hello > notes.txt\n",
    "subs/b.json": JSON.stringify({ commands: "echo bye > notes.txt" }),
    "subs/c/commands.sh": "echo hello > notes.txt\n",
    "subs/d.json": "{oops",
  });

  it("writes CSV to stdout without --out, the summary to stderr, and exits 1 on unreadable ones", async () => {
    const r = await cli(["batch", FIXTURE, join(dir, "subs")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "submission,scenario,score,max_score,passed,failed_checks\n" +
      "a.sh,notes-file,4,4,true,\nb.json,notes-file,2,4,false,notes-written\nc,notes-file,4,4,true,\n",
    );
    expect(r.stderr).toMatch(/^skipped d\.json: .*invalid JSON/m);
    expect(r.stderr).toMatch(/notes-file: graded 3 submissions \(1 unreadable\), 2 with full marks, mean score 3\.33\/4 in /);
  });

  it("writes every report as JSON with --out x.json", async () => {
    const out = join(dir, "results.json");
    await cli(["batch", FIXTURE, join(dir, "subs"), "--out", out]);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.scenario).toBe("notes-file");
    expect(doc.results.map((x: { submission: string; report: { score: number } }) => [x.submission, x.report.score])).toEqual([
      ["a.sh", 4], ["b.json", 2], ["c", 4],
    ]);
  });

  it("refuses an --out that is neither .csv nor .json", async () => {
    const r = await cli(["batch", FIXTURE, join(dir, "subs"), "--out", "x.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/must end in \.csv or \.json/);
  });
});
