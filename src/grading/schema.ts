// The scenario format (DESIGN.md §4) as a zod schema: the one place a scenario is validated.
// A JSON Schema for editors is generated from it (scenario.schema.json, `npm run gen`).

import { z } from "zod";
import { clusterSpecSchema } from "../sim/cluster-spec";

const files = z.record(z.string(), z.string()).describe("File name → content, placed in the working directory");

/** How a check's observed text is compared. At least one matcher. */
export const expectSchema = z.object({
  equals: z.union([z.string(), z.number(), z.boolean()]).optional()
    .describe("Output (trailing whitespace trimmed) equals this"),
  contains: z.union([z.string(), z.array(z.string())]).optional().describe("Output contains each of these"),
  notContains: z.union([z.string(), z.array(z.string())]).optional().describe("Output contains none of these"),
  matches: z.string().optional().describe("Output matches this regular expression (JavaScript syntax)"),
  lines: z.array(z.string()).optional().describe("Output lines (trimmed), in order, are exactly these"),
  unorderedLines: z.array(z.string()).optional().describe("Output lines (trimmed), in any order, are exactly these"),
  lineCount: z.number().int().min(0).optional().describe("Number of non-empty output lines"),
  atLeast: z.number().optional().describe("Output read as a number is ≥ this"),
  atMost: z.number().optional().describe("Output read as a number is ≤ this"),
  empty: z.boolean().optional().describe("Output is (or is not) empty"),
  exitCode: z.number().int().optional().describe("`run` checks: the command's exit code"),
}).strict().refine((e) => Object.keys(e).length > 0, "expect needs at least one matcher");

const checkBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "check ids are lowercase words joined by '-'"),
  points: z.number().min(0).default(1),
  description: z.string().optional().describe("What the check verifies (shown to the student with the result)"),
  hint: z.string().optional().describe("Shown when the check fails: teach, don't give the answer away"),
};

export const runCheckSchema = z.object({
  ...checkBase,
  run: z.string().min(1).describe("A docker/kubectl command run against the final state"),
  host: z.string().optional().describe("Machine to run it on (default: the first host)"),
  expect: expectSchema,
}).strict();

export const queryCheckSchema = z.object({
  ...checkBase,
  query: z.string().min(1).describe("kubectl-style JSONPath over the state snapshot, e.g. {.kubernetes.deployments[*].metadata.name}"),
  expect: expectSchema,
}).strict();

const pattern = z.union([z.string(), z.array(z.string())]);
export const historyCheckSchema = z.object({
  ...checkBase,
  history: z.object({
    used: pattern.optional().describe("Each of these commands was run successfully (prefix of the command, e.g. 'docker service scale')"),
    notUsed: pattern.optional().describe("None of these commands was run successfully"),
    order: z.array(z.string()).min(2).optional().describe("These commands succeeded in this order"),
  }).strict(),
}).strict();

export const timelineCheckSchema = z.object({
  ...checkBase,
  timeline: z.object({
    source: z.string().optional().describe("Event source: kubernetes, swarm, docker, sim"),
    type: z.string().describe("Event type, e.g. deployment-status, service-tasks"),
    subject: z.string().describe("Event subject, e.g. deployment/default/web or service/web"),
    field: z.string().optional().describe("Numeric field of the event data to measure"),
    measure: z.enum(["min", "max", "first", "last", "count"]).describe("How the events reduce to one number"),
    after: z.enum(["start", "student"]).default("student").describe("Only events from this point on"),
  }).strict(),
  expect: expectSchema,
}).strict();

export const checkSchema = z.union([runCheckSchema, queryCheckSchema, historyCheckSchema, timelineCheckSchema]);

export const submissionSchema = z.object({
  commands: z.string().optional().describe("The student's shell commands, one per line"),
  files: files.optional(),
}).strict();

const wrongAnswerSchema = submissionSchema.extend({
  description: z.string().optional().describe("The mistake this answer makes"),
  fails: z.array(z.string()).min(1).describe("Ids of the checks this answer must fail (and no others)"),
}).strict();

export const scenarioSchema = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "scenario ids are lowercase words joined by '-'"),
  title: z.string().min(1),
  module: z.number().int().min(1).max(99),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  tags: z.array(z.string()).default([]),
  startTime: z.string().datetime({ offset: true }).optional().describe("Virtual clock start (ISO 8601)"),
  cluster: clusterSpecSchema,
  files: files.optional().describe("Files the student starts with (e.g. a broken manifest to fix)"),
  setup: z.string().optional().describe("Instructor commands run before the student's (sim allowed)"),
  prompt: z.string().min(1).describe("What the student reads (Markdown)"),
  accepts: z.array(z.enum(["commands", "manifests"])).min(1).default(["commands"]),
  apply: z.string().optional()
    .describe("Commands run as the student when a submission has files but no commands (default for Kubernetes: kubectl apply -f .)"),
  after: z.string().optional().describe("Instructor events after the student's commands (sim allowed)"),
  checks: z.array(checkSchema).min(1),
  solution: z.union([z.string(), submissionSchema]).describe("Reference answer: must score full marks"),
  solutions: z.array(z.union([z.string(), submissionSchema])).default([]).describe("Other correct answers: each must score full marks"),
  wrong: z.array(wrongAnswerSchema).default([]).describe("Answers that must not score full marks"),
}).strict().superRefine((s, ctx) => {
  const ids = new Set<string>();
  s.checks.forEach((c, i) => {
    if (ids.has(c.id)) ctx.addIssue({ code: "custom", path: ["checks", i, "id"], message: `duplicate check id ${c.id}` });
    ids.add(c.id);
  });
  s.wrong.forEach((w, i) => w.fails.forEach((f, j) => {
    if (!ids.has(f)) ctx.addIssue({ code: "custom", path: ["wrong", i, "fails", j], message: `no check with id ${f}` });
  }));
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Check = z.output<typeof checkSchema>;
export type Expect = z.output<typeof expectSchema>;
export type Submission = z.output<typeof submissionSchema>;

export function normalizeSubmission(s: string | Submission): Submission {
  return typeof s === "string" ? { commands: s } : s;
}

/** Zod issues as "path: message" lines (the shape every boundary reports). */
export function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
