// Report exporters: Gradescope results.json, JUnit XML, CSV rows (batch) and an LTI AGS score.

import type { GradeReport } from "./grade";

/** Gradescope autograder results.json. */
export function toGradescope(r: GradeReport) {
  return {
    score: r.score,
    max_score: r.maxScore,
    output: r.passed ? "All checks passed." : `${r.checks.filter((c) => !c.passed).length} check(s) failed.`,
    tests: r.checks.map((c) => ({
      name: c.id,
      score: c.points,
      max_score: c.maxPoints,
      status: c.passed ? "passed" : "failed",
      output: c.passed ? c.message : [c.message, c.hint].filter(Boolean).join("\n"),
    })),
  };
}

const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML: one testsuite per report, one testcase per check. */
export function toJUnit(reports: { name: string; report: GradeReport }[]): string {
  const suites = reports.map(({ name, report }) => {
    const failures = report.checks.filter((c) => !c.passed).length;
    const cases = report.checks.map((c) => {
      const open = `    <testcase classname="${xml(report.scenario)}" name="${xml(c.id)}"`;
      if (c.passed) return `${open}/>`;
      return `${open}>\n      <failure message="${xml(c.message)}">${xml(c.hint ?? "")}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(name)}" tests="${report.checks.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join("\n")}\n</testsuites>\n`;
}

export const CSV_HEADER = ["submission", "scenario", "score", "max_score", "passed", "failed_checks"];

const csvCell = (v: string | number | boolean) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsvRow(submission: string, r: GradeReport): string {
  const failed = r.checks.filter((c) => !c.passed).map((c) => c.id).join(" ");
  return [submission, r.scenario, r.score, r.maxScore, r.passed, failed].map(csvCell).join(",");
}

export function toCsv(rows: { submission: string; report: GradeReport }[]): string {
  return [CSV_HEADER.join(","), ...rows.map((r) => toCsvRow(r.submission, r.report))].join("\n") + "\n";
}

/** An LTI Advantage AGS score (the `timestamp` comes from the caller: the core has no clock). */
export function toLtiScore(r: GradeReport, userId: string, timestamp: string) {
  return {
    userId,
    scoreGiven: r.score,
    scoreMaximum: r.maxScore,
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
    timestamp,
    comment: r.passed ? "All checks passed." : r.checks.filter((c) => !c.passed).map((c) => c.id).join(", "),
  };
}
