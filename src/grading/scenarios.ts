// The exercise library: scenarios/*.yaml, bundled at build time (scripts/bundle-scenarios.mjs →
// src/generated/scenarios.ts) so the Worker needs no filesystem or database to serve them.
// Parsed and validated lazily, once per isolate.

import { bundledScenarios } from "../generated/scenarios";
import { formatIssues, scenarioSchema, type Scenario } from "./schema";

export interface ScenarioIssue {
  file: string;
  path: string;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; issues: { path: string; message: string }[] };

export function loadScenario(doc: unknown): LoadResult {
  if (doc && typeof doc === "object" && "__parseError" in doc) {
    return { ok: false, issues: [{ path: "", message: `YAML: ${String((doc as { __parseError: unknown }).__parseError)}` }] };
  }
  const parsed = scenarioSchema.safeParse(doc);
  return parsed.success ? { ok: true, scenario: parsed.data } : { ok: false, issues: formatIssues(parsed.error) };
}

export interface Library {
  /** Valid scenarios by id, in id order. */
  byId: Map<string, Scenario>;
  /** Files that failed to load. */
  issues: ScenarioIssue[];
}



export function loadLibrary(docs: Record<string, unknown> = bundledScenarios): Library {
  const byId = new Map<string, Scenario>();
  const issues: ScenarioIssue[] = [];
  for (const file of Object.keys(docs).sort()) {
    const res = loadScenario(docs[file]);
    if (!res.ok) {
      for (const i of res.issues) issues.push({ file, ...i });
      continue;
    }
    const expected = file.replace(/\.yaml$/, "");
    if (res.scenario.id !== expected) {
      issues.push({ file, path: "id", message: `id ${res.scenario.id} does not match the file name ${expected}` });
      continue;
    }
    byId.set(res.scenario.id, res.scenario);
  }
  return { byId: new Map([...byId].sort(([a], [b]) => (a < b ? -1 : 1))), issues };
}

let cached: Library | undefined;

/** The bundled library, loaded once per isolate. */
export function library(): Library {
  return (cached ??= loadLibrary());
}


/** What a student may see of a scenario: never checks, solutions or wrong answers. */
export function publicView(s: Scenario) {
  return {
    id: s.id,
    title: s.title,
    module: s.module,
    level: s.level,
    tags: s.tags,
    prompt: s.prompt,
    accepts: s.accepts,
    files: s.files ?? {},
    hosts: s.cluster.hosts.map((h) => h.name),
    checks: s.checks.map((c) => ({ id: c.id, points: c.points, ...(c.description ? { description: c.description } : {}) })),
    maxScore: s.checks.reduce((n, c) => n + c.points, 0),
  };
}
