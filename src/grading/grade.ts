// grade(): replays a submission through the simulator (setup → the student's commands → after)
// and runs the scenario's checks against the result, producing the report of DESIGN.md §5.

import type { Session, Step, Transcript } from "../sim";
import { withoutCopies } from "../sim/clone";
import { compare, type Comparison } from "./expect";
import { checkHistory } from "./history";
import { queryState } from "./query";
import type { Check, Scenario, Submission } from "./schema";
import { fresh, prepare } from "./snapshots";
import { measure } from "./timeline";

export interface CheckResult {
  id: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  message: string;
  hint?: string;
}

export interface GradeReport {
  scenario: string;
  score: number;
  maxScore: number;
  passed: boolean;
  checks: CheckResult[];
  transcript: Transcript;
}

/** The report plus what an author needs to debug a scenario (setup/after steps). */
export interface GradeRun {
  report: GradeReport;
  setup: Step[];
  after: Step[];
  session: Session;
}

export function grade(scenario: Scenario, submission: Submission, opts: GradeOptions = {}): GradeReport {
  return runGrade(scenario, submission, opts).report;
}

/** The commands a files-only submission is applied with. */
export function applyScript(scenario: Scenario): string {
  if (scenario.apply !== undefined) return scenario.apply;
  return scenario.cluster.kubernetes ? "kubectl apply -f ." : "";
}

export interface GradeOptions {
  /** Boot and set up from scratch instead of forking the scenario's prepared session (same result, slower). */
  fresh?: boolean;
  /** Freeze what the graded world makes, as in a world that will be copied (same result, slower; tests compare). */
  freezeForCopies?: boolean;
}

export function runGrade(scenario: Scenario, submission: Submission, opts: GradeOptions = {}): GradeRun {
  const files = submission.files ?? {};
  const prepared = opts.fresh ? fresh(scenario, files) : prepare(scenario, files);
  // The graded world is never copied: what it makes need not be frozen for copies (clone.ts).
  const run = () => runPrepared(scenario, submission, prepared.session, prepared.setup);
  return opts.freezeForCopies ? run() : withoutCopies(run);
}

function runPrepared(scenario: Scenario, submission: Submission, session: Session, setup: Step[]): GradeRun {
  const world = session.world;

  const eventsFrom = world.events.length;
  const commandsFrom = world.commands.length;
  const hasFiles = Object.keys(submission.files ?? {}).length > 0;
  const script = submission.commands ?? (hasFiles ? applyScript(scenario) : "");
  const steps = session.run(script, { allowSim: false });
  const studentCommands = world.commands.slice(commandsFrom);
  const transcript = session.transcript(steps);

  const after = scenario.after ? session.run(scenario.after, { allowSim: true }) : [];

  let snapshot: unknown;
  const results = scenario.checks.map((check): CheckResult => {
    const outcome = evaluate(check, {
      session,
      snapshot: () => (snapshot ??= world.snapshot()),
      studentCommands,
      events: (whence) => (whence === "start" ? world.events : world.events.slice(eventsFrom)),
    });
    const result: CheckResult = {
      id: check.id,
      passed: outcome.passed,
      points: outcome.passed ? check.points : 0,
      maxPoints: check.points,
      message: outcome.passed ? check.description ?? "passed" : failureMessage(check, outcome),
    };
    if (!outcome.passed && check.hint) result.hint = check.hint;
    return result;
  });

  const score = round(results.reduce((s, r) => s + r.points, 0));
  const maxScore = round(results.reduce((s, r) => s + r.maxPoints, 0));
  return {
    report: { scenario: scenario.id, score, maxScore, passed: score === maxScore, checks: results, transcript },
    setup,
    after,
    session,
  };
}

interface CheckContext {
  session: Session;
  snapshot(): unknown;
  studentCommands: import("../sim/world").CommandRecord[];
  events(whence: "start" | "student"): import("../sim/world").SimEvent[];
}

function evaluate(check: Check, ctx: CheckContext): Comparison {
  if ("run" in check) {
    const steps = ctx.session.run(check.run, { allowSim: false, host: check.host });
    const last = steps[steps.length - 1];
    const stdout = steps.map((s) => s.stdout).join("");
    return compare(check.expect, stdout, last?.exitCode);
  }
  if ("query" in check) {
    const res = queryState(check.query, ctx.snapshot());
    if (!res.ok) return { passed: false, reason: `the query could not be evaluated: ${res.error}` };
    return compare(check.expect, res.text);
  }
  if ("history" in check) return checkHistory(ctx.studentCommands, check.history);
  return compare(check.expect, measure(ctx.events(check.timeline.after), check.timeline));
}

function failureMessage(check: Check, outcome: Comparison): string {
  const what = check.description ? `${check.description}: ` : "";
  return `${what}${outcome.reason ?? "not met"}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
