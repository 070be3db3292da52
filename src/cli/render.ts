// Human output: a transcript as a terminal shows it, a grade report as a list of checks.

import type { GradeReport } from "../grading";
import type { Transcript } from "../sim";

/** `HOST$ COMMAND`, then what it printed (stdout, then stderr), per step. */
export function renderTranscript(t: Transcript): string {
  let out = "";
  for (const s of t.steps) {
    out += `${s.host}$ ${s.command}\n`;
    out += ensureNewline(s.stdout) + ensureNewline(s.stderr);
  }
  return out;
}

function ensureNewline(s: string): string {
  return s === "" || s.endsWith("\n") ? s : `${s}\n`;
}

const pts = (n: number) => String(Math.round(n * 1000) / 1000);

export function renderReport(r: GradeReport): string {
  const lines = [`${r.scenario}: ${pts(r.score)}/${pts(r.maxScore)}${r.passed ? " (full marks)" : ""}`];
  for (const c of r.checks) {
    lines.push(`${c.passed ? "✓" : "✗"} ${c.id} (${pts(c.points)}/${pts(c.maxPoints)}): ${c.message}`);
    if (c.hint) lines.push(`    hint: ${c.hint}`);
  }
  return lines.join("\n") + "\n";
}
