// Request and response schemas of the HTTP API (zod): the routes validate with them and the
// OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.

import { z } from "zod";
import { clusterSpecSchema } from "../sim/cluster-spec";
import { API_LIMITS } from "./limits";

/** Named schemas, emitted as OpenAPI components: requests as their input, responses as their output. */
export const requestSchemas = z.registry<{ id: string; description?: string }>();
export const responseSchemas = z.registry<{ id: string; description?: string }>();

const utf8 = new TextEncoder();
const byteLength = (s: string) => utf8.encode(s).length;

export const fileNameSchema = z.string().min(1).max(API_LIMITS.fileNameChars)
  .refine((n) => !n.includes("\0") && !n.split("/").includes(".."), "a file name has no '..' segments and no NUL")
  .describe("Path relative to the working directory, e.g. deploy.yaml or k8s/web.yaml");

export const filesSchema = z.record(
  fileNameSchema,
  z.string().refine((s) => byteLength(s) <= API_LIMITS.fileBytes, `a file holds at most ${API_LIMITS.fileBytes} bytes`),
).refine((f) => Object.keys(f).length <= API_LIMITS.files, `at most ${API_LIMITS.files} files`)
  .describe(`File name → content (at most ${API_LIMITS.files} files of ${API_LIMITS.fileBytes / 1024} KiB each)`);

export const commandsSchema = z.string()
  .refine((s) => s.split("\n").length <= API_LIMITS.commandLines, `at most ${API_LIMITS.commandLines} lines`)
  .describe(`Shell commands, one per line (at most ${API_LIMITS.commandLines} lines)`);

export const gradeRequestSchema = z.object({
  commands: commandsSchema.optional(),
  files: filesSchema.optional(),
}).strict().register(requestSchemas, { id: "GradeRequest", description: "A student's answer: commands, manifest files, or both" });

export const gradeQuerySchema = z.object({
  format: z.enum(["report", "gradescope", "junit"]).default("report")
    .describe("report (default): the grade report; gradescope: results.json; junit: JUnit XML"),
}).strict();

export const simulateRequestSchema = z.object({
  commands: commandsSchema,
  files: filesSchema.optional(),
  cluster: clusterSpecSchema.optional()
    .describe("The starting machines, as a scenario's `cluster:` block (default: manager1, worker1, worker2 as a Kubernetes cluster)"),
  seed: z.string().max(200).optional().describe("Seeds every generated ID (default: \"simulate\")"),
  startTime: z.string().datetime({ offset: true }).optional().describe("Virtual clock start (ISO 8601)"),
}).strict().superRefine((r, ctx) => {
  const hosts = (r.cluster?.hosts.length ?? 0) + (r.cluster?.generate?.count ?? 0);
  if (hosts > API_LIMITS.hosts) {
    ctx.addIssue({ code: "custom", path: ["cluster"], message: `at most ${API_LIMITS.hosts} machines` });
  }
}).register(requestSchemas, { id: "SimulateRequest" });

export const stepSchema = z.object({
  host: z.string().describe("Machine the command ran on"),
  command: z.string().describe("The line as typed"),
  exitCode: z.number().int(),
  stdout: z.string(),
  stderr: z.string(),
}).register(responseSchemas, { id: "Step" });

export const transcriptSchema = z.object({
  steps: z.array(stepSchema),
  clock: z.string().describe("Virtual time when the last command finished"),
  warnings: z.array(z.string()).optional().describe("Simulator notes (budgets hit)"),
}).register(responseSchemas, { id: "Transcript" });

export const checkResultSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  points: z.number(),
  maxPoints: z.number(),
  message: z.string(),
  hint: z.string().optional(),
}).register(responseSchemas, { id: "CheckResult" });

export const gradeReportSchema = z.object({
  scenario: z.string(),
  score: z.number(),
  maxScore: z.number(),
  passed: z.boolean().describe("Full marks"),
  checks: z.array(checkResultSchema),
  transcript: transcriptSchema,
}).register(responseSchemas, { id: "GradeReport" });

export const gradescopeSchema = z.object({
  score: z.number(),
  max_score: z.number(),
  output: z.string(),
  tests: z.array(z.object({
    name: z.string(), score: z.number(), max_score: z.number(), status: z.enum(["passed", "failed"]), output: z.string(),
  })),
}).register(responseSchemas, { id: "GradescopeResults" });

export const simulateResponseSchema = z.object({
  transcript: transcriptSchema,
  state: z.record(z.string(), z.unknown()).describe("The simulator's state snapshot after the last command"),
}).register(responseSchemas, { id: "SimulateResponse" });

const scenarioFields = {
  id: z.string(),
  title: z.string(),
  module: z.number().int(),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  tags: z.array(z.string()),
  accepts: z.array(z.enum(["commands", "manifests"])),
  maxScore: z.number(),
};

export const scenarioSummarySchema = z.object(scenarioFields).register(responseSchemas, { id: "ScenarioSummary" });

export const scenarioListSchema = z.object({ scenarios: z.array(scenarioSummarySchema) }).register(responseSchemas, { id: "ScenarioList" });

export const scenarioListQuerySchema = z.object({
  module: z.coerce.number().int().min(1).max(99).optional().describe("Only this course module"),
  level: z.enum(["beginner", "intermediate", "advanced"]).optional(),
  tag: z.string().optional().describe("Only scenarios with this tag"),
}).strict();

export const publicScenarioSchema = z.object({
  ...scenarioFields,
  prompt: z.string().describe("What the student reads (Markdown)"),
  files: z.record(z.string(), z.string()).describe("Files the student starts with"),
  hosts: z.array(z.string()).describe("The machines, the first one is where commands run"),
  checks: z.array(z.object({ id: z.string(), points: z.number(), description: z.string().optional() }))
    .describe("What is graded (never how)"),
}).register(responseSchemas, { id: "Scenario" });

export const healthSchema = z.object({ status: z.literal("ok") }).register(responseSchemas, { id: "Health" });

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("bad_json, invalid_request, empty_submission, not_found, payload_too_large, unsupported_media_type, …"),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
}).register(responseSchemas, { id: "Error" });

export type GradeRequest = z.output<typeof gradeRequestSchema>;
export type SimulateRequest = z.output<typeof simulateRequestSchema>;
