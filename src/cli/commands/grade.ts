// clustergrade grade SCENARIO_ID_OR_FILE SUBMISSION [--json] [--files DIR]

import { grade } from "../../grading";
import { readSubmission, resolveScenario, withFiles } from "../inputs";
import { readTree } from "../io";
import { renderReport } from "../render";
import type { Subcommand } from "./types";

export const gradeCommand: Subcommand = {
  name: "grade",
  summary: "grade one submission against a scenario",
  usage: "clustergrade grade SCENARIO_ID_OR_FILE SUBMISSION [--files DIR] [--json]",
  args: [2, 2],
  options: {
    files: { type: "string" },
    json: { type: "boolean" },
  },
  help: `Usage: clustergrade grade SCENARIO_ID_OR_FILE SUBMISSION [--files DIR] [--json]

Grades a submission the way POST /v1/scenarios/ID/grade does and prints the score and one line
per check (✓ or ✗, its message, and the hint of a failed check); --json prints the full grade
report {scenario, score, maxScore, passed, checks, transcript}.

SCENARIO_ID_OR_FILE  a scenario YAML file, or the id of one in scenarios/
SUBMISSION           a file of shell commands ('-' reads stdin); a .json file {commands?, files?};
                     or a directory: its commands.sh holds the commands, every other file is a
                     submitted file (e.g. manifests)

Options:
  --files DIR   add the files of DIR to the submission
  --json        print the grade report as JSON

Exit status: 0 full marks, 1 not full marks, 2 usage or input errors.
`,
  run({ values, positionals }, io) {
    const scenario = resolveScenario(positionals[0]!, io);
    const extra = typeof values.files === "string" ? readTree(values.files) : undefined;
    const submission = withFiles(readSubmission(positionals[1]!, io), extra);
    const report = grade(scenario, submission);
    io.out(values.json ? JSON.stringify(report, null, 2) + "\n" : renderReport(report));
    return report.passed ? 0 : 1;
  },
};
