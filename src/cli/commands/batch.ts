// clustergrade batch SCENARIO DIR [--out results.csv|results.json] [--junit FILE]

import { readdirSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { CSV_HEADER, toCsvRow, toJUnit, type GradeReport, type Submission } from "../../grading";
import { gradeAll, SUBMISSIONS_PER_THREAD, threadsFor } from "../batch-pool";
import { CliError } from "../errors";
import { readSubmission, resolveScenario } from "../inputs";
import { isDirectory } from "../io";
import type { Subcommand } from "./types";

const nowMs = () => performance.now();

export const batchCommand: Subcommand = {
  name: "batch",
  summary: "grade every submission in a directory; write CSV, JSON and JUnit",
  usage: "clustergrade batch SCENARIO DIR [--out results.csv|results.json] [--junit FILE] [--jobs N]",
  args: [2, 2],
  options: {
    out: { type: "string" },
    junit: { type: "string" },
    jobs: { type: "string" },
  },
  help: `Usage: clustergrade batch SCENARIO DIR [--out results.csv|results.json] [--junit FILE] [--jobs N]

Grades every entry of DIR as one submission (entries starting with '.' are skipped): a file of
commands, a .json file {commands?, files?}, or a directory with commands.sh and/or manifests
(as 'clustergrade grade' reads them). The submission's name is the entry's name.

SCENARIO   a scenario YAML file, or the id of one in scenarios/

Options:
  --out FILE     write the results: CSV when FILE ends in .csv (columns ${CSV_HEADER.join(",")}),
                 JSON (every full report) when it ends in .json; without --out the CSV goes to stdout
  --junit FILE   also write JUnit XML (one testsuite per submission, one testcase per check)
  --jobs N       grading threads (default: one per core, and one per ${SUBMISSIONS_PER_THREAD} submissions at
                 most; small batches run in one thread); the results do not depend on it

Prints a progress line on stderr when stderr is a terminal, and a summary with the timing.
Exit status: 0 when every submission was graded, 1 when some could not be read, 2 on usage errors.
`,
  async run({ values, positionals }, io) {
    const scenario = resolveScenario(positionals[0]!, io);
    const dir = positionals[1]!;
    if (!isDirectory(dir)) throw new CliError(`not a directory: ${dir}`);
    const out = typeof values.out === "string" ? values.out : undefined;
    if (out && ![".csv", ".json"].includes(extname(out).toLowerCase())) {
      throw new CliError(`--out ${out}: the file name must end in .csv or .json`);
    }
    let jobs: number | undefined;
    if (typeof values.jobs === "string") {
      jobs = Number(values.jobs);
      if (!/^\d+$/.test(values.jobs) || jobs < 1) throw new CliError(`--jobs ${values.jobs}: expected a whole number of threads, at least 1`);
    }
    const entries = readdirSync(dir).filter((e) => !e.startsWith(".")).sort();
    const readable: { name: string; submission: Submission }[] = [];
    const unreadable: string[] = [];
    const started = nowMs();
    for (const name of entries) {
      try {
        readable.push({ name, submission: readSubmission(join(dir, name), io) });
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        unreadable.push(name);
        io.err(`skipped ${name}: ${err.message}\n`);
      }
    }
    let done = 0;
    const reports = await gradeAll(scenario, readable.map((r) => r.submission), threadsFor(readable.length, jobs), () => {
      done++;
      if (io.errIsTty) io.err(`\r\x1b[K[${done}/${readable.length}] graded`);
    });
    if (io.errIsTty) io.err("\r\x1b[K");
    const graded: { submission: string; report: GradeReport }[] = readable.map((r, i) => ({ submission: r.name, report: reports[i]! }));
    const seconds = (nowMs() - started) / 1000;

    const csv = [CSV_HEADER.join(","), ...graded.map((g) => toCsvRow(g.submission, g.report))].join("\n") + "\n";
    if (!out) io.out(csv);
    else if (extname(out).toLowerCase() === ".csv") writeFileSync(out, csv);
    else writeFileSync(out, JSON.stringify({ scenario: scenario.id, results: graded }, null, 2) + "\n");
    if (typeof values.junit === "string") {
      writeFileSync(values.junit, toJUnit(graded.map((g) => ({ name: g.submission, report: g.report }))));
    }

    const full = graded.filter((g) => g.report.passed).length;
    const mean = graded.length ? graded.reduce((s, g) => s + g.report.score, 0) / graded.length : 0;
    const max = graded[0]?.report.maxScore ?? scenario.checks.reduce((s, c) => s + c.points, 0);
    const rate = seconds > 0 ? graded.length / seconds : graded.length;
    const summary =
      `${scenario.id}: graded ${graded.length} submission${graded.length === 1 ? "" : "s"}` +
      (unreadable.length ? ` (${unreadable.length} unreadable)` : "") +
      `, ${full} with full marks, mean score ${mean.toFixed(2)}/${max}` +
      ` in ${seconds.toFixed(2)} s (${rate.toFixed(1)}/s)` + (out ? `; results in ${out}` : "") + "\n";
    (out ? io.out : io.err)(summary);
    return unreadable.length ? 1 : 0;
  },
};
