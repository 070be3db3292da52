// `npm run bench`: grades every bundled scenario's reference solution many times and prints the
// median and p99 CPU milliseconds per grade, and the first grade apart (it prepares the scenario's
// session — boot + setup — once; later grades fork it, as a warm Worker isolate or a batch does),
// beside the parse-only cost of the same submission (parseScript of the script, YAML parse of the
// manifests) and their ratio, then a batch figure (submissions graded per second, all scenarios
// mixed). No assertions: numbers for humans and the resolve note.
// Then a batch table (N submissions of each scenario: its solution and its wrong answers in turn,
// submissions/s) and the scale cases of bench/scale.ts (a 50-node swarm with 100 services; a
// 1,000-node Kubernetes cluster with a 10,000-replica Deployment rolled to a new image), each in a
// child process with a wall-clock limit, reported with wall and CPU time (the machine is shared).
//   npm run bench -- [--iterations N] [--scenario ID] [--batch N] [--no-scale] [--scale-only]
//                    [--scale-timeout SECONDS] [--k8s-nodes N] [--k8s-replicas N] [--swarm-runs N]

import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { applyScript, grade, library, normalizeSubmission, type Scenario, type Submission } from "../src/grading";
import { parseScript } from "../src/sim/shell/parser";
import { runScaleCases } from "./scale-report";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "8" },
    scenario: { type: "string" },
    batch: { type: "string", default: "8" },
    "no-scale": { type: "boolean", default: false },
    "scale-only": { type: "boolean", default: false },
    "scale-timeout": { type: "string", default: "45" },
    "k8s-nodes": { type: "string", default: "1000" },
    "k8s-replicas": { type: "string", default: "10000" },
    "swarm-runs": { type: "string", default: "3" },
  },
});
const iterations = Math.max(1, Number(values.iterations) || 8);
const batchN = Math.max(1, Number(values.batch) || 8);

if (values["scale-only"]) {
  runScale();
  process.exit(0);
}

function runScale(): void {
  runScaleCases({
    timeoutS: Math.max(1, Number(values["scale-timeout"]) || 45),
    k8sNodes: Number(values["k8s-nodes"]) || 1000,
    k8sReplicas: Number(values["k8s-replicas"]) || 10_000,
    swarmRuns: Math.max(1, Number(values["swarm-runs"]) || 3),
  });
}

/** CPU milliseconds of this process (user + system): steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function time(fn: () => void, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = cpuMs();
    fn();
    out.push(cpuMs() - t0);
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

const medians: { kubernetes: number[]; docker: number[] } = { kubernetes: [], docker: [] };
const rows: string[][] = [["SCENARIO", "FIRST", "GRADE MEDIAN", "GRADE P99", "PARSE MEDIAN", "RATIO", "SCORE"]];
for (const s of scenarios) {
  const sub = normalizeSubmission(s.solution);
  const parse = parseOnly(s, sub);
  // The first grade prepares the scenario's session (boot + setup) and forks it: what a cold
  // isolate pays once per scenario. It is also the score, to show the solution is graded in full.
  const c0 = cpuMs();
  const first = grade(s, sub);
  const firstMs = cpuMs() - c0;
  for (let i = 0; i < 5; i++) grade(s, sub);
  const g = time(() => grade(s, sub), iterations);
  const p = time(parse, iterations);
  const gm = quantile(g, 0.5);
  (s.cluster.kubernetes ? medians.kubernetes : medians.docker).push(gm);
  const pm = quantile(p, 0.5);
  rows.push([s.id, `${ms(firstMs)} ms`, `${ms(gm)} ms`, `${ms(quantile(g, 0.99))} ms`, `${ms(pm)} ms`, pm > 0 ? `${(gm / pm).toFixed(0)}×` : "-", `${first.score}/${first.maxScore}`]);
}

// Batch: every scenario's solution in turn, as a class's submissions would arrive.
const subs = scenarios.map((s) => [s, normalizeSubmission(s.solution)] as const);
const rounds = Math.max(1, Math.ceil(iterations / subs.length));
const t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const [s, sub] of subs) grade(s, sub);
const seconds = (performance.now() - t0) / 1000;
const graded = rounds * subs.length;

printTable(rows);
for (const [family, list] of Object.entries(medians)) {
  if (!list.length) continue;
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${family}: median of scenario medians ${ms(quantile(sorted, 0.5))} ms CPU, max ${ms(sorted[sorted.length - 1]!)} ms (${list.length} scenarios)`);
}
console.log(`\nbatch: ${graded} submissions in ${seconds.toFixed(2)} s = ${(graded / seconds).toFixed(0)} submissions/s (one core)`);
console.log(`(${iterations} iterations per scenario; node ${process.versions.node})`);

// Batch per scenario: N submissions each (the solution and the wrong answers in turn), as a class
// would hand them in; submissions/s per scenario and overall.
const batchRows: string[][] = [["SCENARIO", "SUBMISSIONS", "DISTINCT", "SECONDS", "SUBMISSIONS/S"]];
let batchTotal = 0;
let batchSeconds = 0;
for (const s of scenarios) {
  const variants: Submission[] = [normalizeSubmission(s.solution), ...s.wrong.map((w) => normalizeSubmission(w))];
  const b0 = performance.now();
  for (let i = 0; i < batchN; i++) grade(s, variants[i % variants.length]!);
  const secs = (performance.now() - b0) / 1000;
  batchTotal += batchN;
  batchSeconds += secs;
  batchRows.push([s.id, String(batchN), String(variants.length), secs.toFixed(3), (batchN / secs).toFixed(0)]);
}
batchRows.push(["TOTAL", String(batchTotal), "", batchSeconds.toFixed(2), (batchTotal / batchSeconds).toFixed(0)]);
console.log("");
printTable(batchRows);

if (!values["no-scale"]) runScale();

function printTable(t: string[][]): void {
  const widths = t[0]!.map((_, i) => Math.max(...t.map((r) => r[i]!.length)));
  for (const r of t) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("   "));
}
