// Scenario validation beyond the schema: the reference solution(s) must score full marks, every
// wrong answer must not, and each wrong answer must fail exactly the checks it names. The setup
// and after scripts must run cleanly (a failing setup step is an authoring bug).

import { runGrade } from "./grade";
import { normalizeSubmission, type Scenario } from "./schema";

export interface ValidationProblem {
  scenario: string;
  where: string;
  message: string;
}

export function validateScenario(s: Scenario): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (where: string, message: string) => problems.push({ scenario: s.id, where, message });

  [s.solution, ...s.solutions].forEach((sol, i) => {
    const where = i === 0 ? "solution" : `solutions[${i - 1}]`;
    const run = runGrade(s, normalizeSubmission(sol));
    run.setup.forEach((st) => {
      if (st.exitCode !== 0) add("setup", `\`${st.command}\` exited ${st.exitCode}: ${(st.stderr || st.stdout).trim()}`);
    });
    run.after.forEach((st) => {
      if (st.exitCode !== 0) add("after", `\`${st.command}\` exited ${st.exitCode}: ${(st.stderr || st.stdout).trim()}`);
    });
    for (const c of run.report.checks) {
      if (!c.passed) add(where, `check ${c.id} failed: ${c.message}`);
    }
    for (const w of run.report.transcript.warnings ?? []) add(where, `simulator warning: ${w}`);
  });

  s.wrong.forEach((w, i) => {
    const { report } = runGrade(s, normalizeSubmission(w));
    const failed = report.checks.filter((c) => !c.passed).map((c) => c.id).sort();
    const expected = [...w.fails].sort();
    if (report.passed) add(`wrong[${i}]`, "scores full marks");
    else if (failed.join(",") !== expected.join(",")) {
      add(`wrong[${i}]`, `fails [${failed.join(", ")}], expected [${expected.join(", ")}]`);
    }
  });
  // Only the problems of the first few setup runs matter once.
  return dedupe(problems);
}

function dedupe(ps: ValidationProblem[]): ValidationProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.where}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
