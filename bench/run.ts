// `npm run bench`: grades every bundled scenario's reference solution many times and prints the
// median and p99 milliseconds per grade, beside the parse-only cost of the same submission
// (parseScript of the script, YAML parse of the manifests) and their ratio, then a batch figure
// (submissions graded per second, all scenarios mixed). No assertions: numbers for humans and the resolve note.
//   npm run bench -- [--iterations N] [--scenario ID]

import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { applyScript, grade, library, normalizeSubmission, type Scenario, type Submission } from "../src/grading";
import { parseScript } from "../src/sim/shell/parser";

const { values } = parseArgs({
  options: { iterations: { type: "string", default: "200" }, scenario: { type: "string" } },
});
const iterations = Math.max(1, Number(values.iterations) || 200);

function time(fn: () => void, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3));

/** What parsing the submission costs: its script (setup, the answer or the apply command, after) and its manifests. */
function parseOnly(s: Scenario, sub: Submission): () => void {
  const text = [s.setup ?? "", sub.commands ?? applyScript(s), s.after ?? ""].join("\n");
  const manifests = Object.values({ ...s.files, ...sub.files });
  return () => {
    parseScript(text);
    for (const m of manifests) parseAllDocuments(m);
  };
}

const scenarios = [...library().byId.values()].filter((s) => !values.scenario || s.id === values.scenario);
if (scenarios.length === 0) {
  console.log(values.scenario ? `bench: no scenario ${values.scenario}` : "bench: no bundled scenarios (add scenarios/*.yaml, then npm run gen)");
  process.exit(0);
}

const rows: string[][] = [["SCENARIO", "GRADE MEDIAN", "GRADE P99", "PARSE MEDIAN", "RATIO", "SCORE"]];
for (const s of scenarios) {
  const sub = normalizeSubmission(s.solution);
  const parse = parseOnly(s, sub);
  const first = grade(s, sub); // warm-up (and the score, to show the solution is graded in full)
  for (let i = 0; i < 5; i++) grade(s, sub);
  const g = time(() => grade(s, sub), iterations);
  const p = time(parse, iterations);
  const gm = quantile(g, 0.5);
  const pm = quantile(p, 0.5);
  rows.push([s.id, `${ms(gm)} ms`, `${ms(quantile(g, 0.99))} ms`, `${ms(pm)} ms`, pm > 0 ? `${(gm / pm).toFixed(0)}×` : "-", `${first.score}/${first.maxScore}`]);
}

// Batch: every scenario's solution in turn, as a class's submissions would arrive.
const subs = scenarios.map((s) => [s, normalizeSubmission(s.solution)] as const);
const rounds = Math.max(1, Math.ceil(iterations / subs.length));
const t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const [s, sub] of subs) grade(s, sub);
const seconds = (performance.now() - t0) / 1000;
const graded = rounds * subs.length;

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("   "));
console.log(`\nbatch: ${graded} submissions in ${seconds.toFixed(2)} s = ${(graded / seconds).toFixed(0)} submissions/s (one core)`);
console.log(`(${iterations} iterations per scenario; node ${process.versions.node})`);
