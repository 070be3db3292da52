// Grading: the scenario format, grade() and its report, scenario validation and exporters.
// Pure: no I/O, no Workers APIs; the API and the CLI are thin layers over this.

export { grade, runGrade, applyScript, type GradeReport, type CheckResult } from "./grade";
export {
  scenarioSchema, submissionSchema, normalizeSubmission, formatIssues,
  type Scenario, type ScenarioInput, type Submission, type Check,
} from "./schema";
export { loadScenario, loadLibrary, library, publicView, type Library, type ScenarioIssue } from "./scenarios";
export { validateScenario, type ValidationProblem } from "./validate";
export { toGradescope, toJUnit, toCsv, toCsvRow, toLtiScore, CSV_HEADER } from "./export";
