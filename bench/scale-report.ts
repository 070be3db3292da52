// Runs the cases of bench/scale.ts in child processes (each with a wall-clock limit, since a
// synchronous simulation cannot be interrupted from inside) and prints one table: wall and CPU
// time, ms per command (median / max), settle passes, and the heaviest subsystem.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CaseResult } from "./scale";

export interface ScaleOptions {
  timeoutS: number;
  k8sNodes: number;
  k8sReplicas: number;
  swarmRuns: number;
}

const SCALE_TS = fileURLToPath(new URL("./scale.ts", import.meta.url));

function runChild(args: string[], timeoutS: number): { result?: CaseResult; error?: string; wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", SCALE_TS, ...args], {
    encoding: "utf8", timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024, killSignal: "SIGKILL",
  });
  const wallMs = performance.now() - t0;
  if (r.error || r.status !== 0) {
    const why = r.signal === "SIGKILL" || (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT"
      ? `timed out after ${timeoutS} s` : (r.stderr || String(r.error)).trim().split("\n").slice(-3).join(" | ");
    return { error: why, wallMs };
  }
  try {
    return { result: JSON.parse(r.stdout.trim().split("\n").pop()!) as CaseResult, wallMs };
  } catch {
    return { error: `bad output: ${r.stdout.slice(0, 200)}`, wallMs };
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2));

function row(label: string, runs: CaseResult[]): string[] {
  // The run with the median total time stands for the case.
  const byTotal = [...runs].sort((a, b) => a.totalMs - b.totalMs);
  const r = byTotal[Math.floor((byTotal.length - 1) / 2)]!;
  const cmdMs = r.steps.map((s) => s.ms);
  const slowest = [...r.steps].sort((a, b) => b.ms - a.ms)[0];
  const heavy = r.subsystems[0];
  const notes = [
    ...r.warnings.map((w) => `WARN ${w}`),
    ...r.failures.map((x) => `FAIL ${x}`),
  ];
  return [
    label,
    runs.length > 1 ? `${runs.length}` : "1",
    `${f(r.initMs)} ms`,
    `${f(median(runs.map((x) => x.totalMs)))} ms`,
    `${f(r.cpuMs)} ms`,
    String(r.commands),
    `${f(median(cmdMs))} / ${f(Math.max(...cmdMs))} ms`,
    slowest ? `${slowest.command.slice(0, 48)} (${f(slowest.ms)} ms, ${slowest.passes} passes)` : "",
    heavy ? `${heavy[0]} ${heavy[2]} ms/${heavy[1]} calls` : "",
    notes.join("; ").slice(0, 200),
  ];
}

export function runScaleCases(o: ScaleOptions): void {
  const rows: string[][] = [["CASE", "RUNS", "INIT", "WALL (median)", "CPU", "CMDS", "MS/CMD median / max", "SLOWEST COMMAND", "HEAVIEST SUBSYSTEM", "NOTES"]];
  const cases: { label: string; args: string[]; runs: number }[] = [
    { label: "swarm 50 nodes, 100 services", args: ["swarm", "nodes=50", "services=100"], runs: o.swarmRuns },
    { label: "k8s 100 nodes, 1000 replicas", args: ["k8s", "nodes=100", "replicas=1000"], runs: 1 },
    {
      label: `k8s ${o.k8sNodes} nodes, ${o.k8sReplicas} replicas`,
      args: ["k8s", `nodes=${o.k8sNodes}`, `replicas=${o.k8sReplicas}`], runs: 1,
    },
  ];
  const details: string[] = [];
  for (const c of cases) {
    const results: CaseResult[] = [];
    let error: string | undefined;
    for (let i = 0; i < c.runs; i++) {
      const r = runChild(c.args, o.timeoutS);
      if (!r.result) {
        error = r.error;
        break;
      }
      results.push(r.result);
    }
    if (results.length === 0) {
      rows.push([c.label, "0", "-", error ?? "failed", "-", "-", "-", "-", "-", ""]);
      continue;
    }
    rows.push(row(c.label, results));
    const r = results[0]!;
    if (r.case === "k8s") details.push(`${c.label}: ${r.steps.map((s) => `${s.command.split(" ").slice(1, 3).join(" ")} ${f(s.ms)} ms`).join(", ")}`);
  }
  console.log("\nscale (each case in a child process; wall time on a shared machine, CPU time of the child):");
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("   ").trimEnd());
  for (const d of details) console.log(`  ${d}`);
}
