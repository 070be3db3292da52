// Where a grade's time goes, per scenario: boot (Session), setup, the submission, after, checks.
//   npx tsx bench/phases.ts [scenario-id-prefix]
import { library, normalizeSubmission, applyScript } from "../src/grading";
import { Session } from "../src/sim";

const prefix = process.argv[2] ?? "";
const N = 10;
const tot = { boot: 0, setup: 0, sub: 0, after: 0, checks: 0 };
for (const s of library().byId.values()) {
  if (!s.id.startsWith(prefix)) continue;
  const sub = normalizeSubmission(s.solution);
  const acc = { boot: [] as number[], setup: [] as number[], sub: [] as number[], after: [] as number[], checks: [] as number[] };
  for (let i = 0; i < N + 3; i++) {
    let t = performance.now();
    const lap = (k: keyof typeof acc) => { const n = performance.now(); if (i >= 3) acc[k].push(n - t); t = n; };
    const session = new Session({ parsedCluster: s.cluster, seed: s.id, startTime: s.startTime, files: { ...s.files, ...sub.files } });
    lap("boot");
    if (s.setup) session.run(s.setup, { allowSim: true });
    lap("setup");
    const hasFiles = Object.keys(sub.files ?? {}).length > 0;
    session.run(sub.commands ?? (hasFiles ? applyScript(s) : ""), { allowSim: false });
    lap("sub");
    if (s.after) session.run(s.after, { allowSim: true });
    lap("after");
    for (const c of s.checks) if ("run" in c) session.run(c.run, { allowSim: false, host: c.host });
    session.world.snapshot();
    lap("checks");
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
  const row = Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, med(v)])) as Record<keyof typeof tot, number>;
  for (const k of Object.keys(tot) as (keyof typeof tot)[]) tot[k] += row[k];
  console.log(s.id.padEnd(36), Object.entries(row).map(([k, v]) => `${k} ${v.toFixed(2)}`).join("  "));
}
console.log("TOTAL".padEnd(36), Object.entries(tot).map(([k, v]) => `${k} ${v.toFixed(1)}`).join("  "));
