// Per-grade cost with the machine's noise filtered out: grades the reference solution of every
// bundled scenario whose id starts with PREFIX, in rounds (each round grades each once, after five
// warm-up rounds), and prints the best round's mean wall and CPU milliseconds per grade. The best
// round is the one least disturbed by other work on a shared machine; comparing two checkouts
// this way (alternating runs) is how the README's figures were taken.
//   npx tsx bench/rounds.ts [PREFIX] [ROUNDS]      e.g. `k8s 30`, `swarm`, `""` for all

import { grade, library, normalizeSubmission } from "../src/grading";

const prefix = process.argv[2] ?? "";
const rounds = Math.max(1, Number(process.argv[3] ?? 30) || 30);
const scenarios = [...library().byId.values()].filter((s) => s.id.startsWith(prefix));
if (scenarios.length === 0) {
  console.log(`rounds: no bundled scenario id starts with ${JSON.stringify(prefix)}`);
  process.exit(0);
}
const subs = scenarios.map((s) => [s, normalizeSubmission(s.solution)] as const);
for (let i = 0; i < 5; i++) for (const [s, sub] of subs) grade(s, sub);
let bestWall = Infinity;
let bestCpu = Infinity;
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const [s, sub] of subs) grade(s, sub);
  const c = process.cpuUsage(c0);
  bestWall = Math.min(bestWall, performance.now() - t0);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
}
const n = scenarios.length;
console.log(`${n} scenario${n === 1 ? "" : "s"}: best of ${rounds} rounds ${(bestWall / n).toFixed(3)} ms wall, ${(bestCpu / n).toFixed(3)} ms CPU per grade (${(1000 * n / bestWall).toFixed(0)} grades/s on one core)`);
