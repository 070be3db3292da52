// The OpenAPI 3.1 document, generated from the zod schemas (z.toJSONSchema) and the endpoint
// table below — the same table the /docs page renders. Built once per isolate.

import { z } from "zod";
import { errorSchema, gradeQuerySchema, requestSchemas, responseSchemas, scenarioListQuerySchema } from "./schemas";

export const API_VERSION = "0.1.0";

type Ref = string;
interface Endpoint {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: Ref;
  /** status → [description, component name | media type with no schema] */
  responses: Record<number, [string, Ref?, string?]>;
}

const BAD_INPUT: Endpoint["responses"] = {
  400: ["Malformed JSON (bad_json), wrong types (invalid_request, with issues) or an empty submission", "Error"],
  413: ["Body larger than 256 KiB", "Error"],
  415: ["Content-Type is not application/json", "Error"],
};

/** Every endpoint, in the order the docs list them. */
export const ENDPOINTS: Endpoint[] = [
  {
    method: "get", path: "/healthz", summary: "Liveness",
    responses: { 200: ["The Worker answers", "Health"] },
  },
  {
    method: "get", path: "/v1/scenarios", summary: "List the exercise library",
    description: "Every bundled scenario, in id order, optionally filtered.",
    query: scenarioListQuerySchema,
    responses: { 200: ["Scenario summaries", "ScenarioList"], 400: ["A bad filter", "Error"] },
  },
  {
    method: "get", path: "/v1/scenarios/{id}", summary: "One scenario, as a student sees it",
    description: "The prompt, starting files, machines and the ids and points of the checks — never how they are checked, the solution or the wrong answers.",
    pathParams: { id: "Scenario id, e.g. swarm-scale-service" },
    responses: { 200: ["The scenario", "Scenario"], 404: ["No such scenario", "Error"] },
  },
  {
    method: "post", path: "/v1/scenarios/{id}/grade", summary: "Grade an answer",
    description: "Replays the scenario's setup, the submitted commands (or applies the submitted files) and its after events through the simulator, then runs the checks. Deterministic: the same answer always gets the same bytes back. A failing command is not an HTTP error: it is a step of the transcript with the real tool's message and exit code.",
    pathParams: { id: "Scenario id" },
    query: gradeQuerySchema,
    body: "GradeRequest",
    responses: {
      200: ["The grade report (format=report), Gradescope results.json (format=gradescope) or JUnit XML (format=junit)", "GradeReport"],
      ...BAD_INPUT,
      404: ["No such scenario", "Error"],
    },
  },
  {
    method: "post", path: "/v1/simulate", summary: "Replay commands in a sandbox",
    description: "Runs the commands (the instructor-only `sim` program included) on a fresh cluster and returns the transcript and the final state, as `clustergrade replay` does.",
    body: "SimulateRequest",
    responses: { 200: ["Transcript and state", "SimulateResponse"], ...BAD_INPUT },
  },
  {
    method: "get", path: "/openapi.json", summary: "This document",
    responses: { 200: ["OpenAPI 3.1", undefined, "application/json"] },
  },
  {
    method: "get", path: "/docs", summary: "Human-readable API documentation",
    responses: { 200: ["HTML page", undefined, "text/html"] },
  },
];

const uri = (id: string) => `#/components/schemas/${id}`;

function components(registry: typeof requestSchemas, io: "input" | "output") {
  const { schemas } = z.toJSONSchema(registry, { io, uri, unrepresentable: "any" });
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(schemas).sort()) {
    const { $schema: _s, $id: _i, ...rest } = schemas[id] as Record<string, unknown>;
    out[id] = rest;
  }
  return out;
}

function queryParameters(query: z.ZodObject) {
  const json = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { description?: string }> };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...schema }]) => ({
    name, in: "query", required: false, ...(description ? { description } : {}), schema,
  }));
}

function operation(e: Endpoint) {
  const parameters = [
    ...Object.entries(e.pathParams ?? {}).map(([name, description]) => ({
      name, in: "path", required: true, description, schema: { type: "string" },
    })),
    ...(e.query ? queryParameters(e.query) : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, [description, ref, media]] of Object.entries(e.responses)) {
    const content = ref
      ? { "application/json": { schema: { $ref: uri(ref) } } }
      : { [media ?? "application/json"]: {} };
    responses[status] = { description, content };
  }
  if (e.path.includes("/grade")) {
    (responses["200"] as { content: Record<string, unknown> }).content["application/xml"] = { schema: { type: "string" } };
  }
  return {
    operationId: `${e.method}${e.path.replace(/[{}]/g, "").split(/[/.]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("")}`,
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: uri(e.body) } } } } } : {}),
    responses,
  };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) (paths[e.path] ??= {})[e.method] = operation(e);
  void errorSchema; // registered in responseSchemas as "Error"
  cached = {
    openapi: "3.1.0",
    info: {
      title: "clustergrade",
      version: API_VERSION,
      description: "Grades Docker Swarm / Kubernetes exercises by replaying answers through a deterministic simulator. Errors are JSON: {\"error\": {\"code\", \"message\", \"issues\"?}}.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    paths,
    components: { schemas: { ...components(requestSchemas, "input"), ...components(responseSchemas, "output") } },
  };
  return cached;
}
