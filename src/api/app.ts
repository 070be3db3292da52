// The HTTP API (Hono). Routes are chained inline so their types flow to clients; every input is
// validated once here (body.ts) and every expected failure is an ApiError (errors.ts). No
// simulation logic: routes call grading/ and sim/ and store/.

import { Hono, type Context } from "hono";
import { grade, library as bundledLibrary, publicView, toGradescope, toJUnit, type Library, type Submission } from "../grading";
import { replay } from "../sim";
import { Store } from "../store";
import { submissionId } from "../store/hash";
import { docsPage } from "./docs";
import { ApiError, notFound, onError } from "./errors";
import { openApiDocument } from "./openapi";
import { readJson, validate } from "./body";
import { gradeQuerySchema, gradeRequestSchema, scenarioListQuerySchema, simulateRequestSchema } from "./schemas";

export interface AppOptions {
  /** The exercise library (default: the scenarios bundled at build time). */
  library?: () => Library;
  /** Storage for grade requests (default: D1 through the DB binding). */
  store?: (env: Env) => Store;
  /** The time a submission is received (RFC 3339); only stored, never graded. */
  now?: () => string;
}

const DEFAULTS = {
  library: bundledLibrary,
  store: (env: Env) => new Store(env.DB),
  now: () => new Date().toISOString(),
} satisfies Required<AppOptions>;

const SIMULATE_SEED = "simulate";

export function createApp(options: AppOptions = {}) {
  const opts = { ...DEFAULTS, ...options } satisfies Required<AppOptions>;

  const scenario = (id: string) => {
    const s = opts.library().byId.get(id);
    if (!s) throw new ApiError("not_found", `no scenario with id ${JSON.stringify(id)}`);
    return s;
  };
  const notAllowed = (allow: string) => (c: Context) => {
    c.header("Allow", allow);
    throw new ApiError("method_not_allowed", `${c.req.method} is not allowed here: use ${allow}`);
  };

  const app = new Hono<{ Bindings: Env }>()
    .get("/healthz", (c) => c.json({ status: "ok" as const }))
    .get("/openapi.json", (c) => c.json(openApiDocument()))
    .get("/docs", (c) => c.html(docsPage()))
    .get("/v1/scenarios", (c) => {
      const q = validate(scenarioListQuerySchema, c.req.query(), "invalid query");
      const scenarios = [...opts.library().byId.values()]
        .filter((s) => (q.module === undefined || s.module === q.module) && (!q.level || s.level === q.level) && (!q.tag || s.tags.includes(q.tag)))
        .map((s) => {
          const { id, title, module, level, tags, accepts, maxScore } = publicView(s);
          return { id, title, module, level, tags, accepts, maxScore };
        });
      return c.json({ scenarios });
    })
    .get("/v1/scenarios/:id", (c) => c.json(publicView(scenario(c.req.param("id")))))
    .post("/v1/scenarios/:id/grade", async (c) => {
      const s = scenario(c.req.param("id"));
      const { format } = validate(gradeQuerySchema, c.req.query(), "invalid query");
      const body = await readJson(c, gradeRequestSchema);
      const submission: Submission = {
        ...(body.commands !== undefined ? { commands: body.commands } : {}),
        ...(body.files !== undefined ? { files: body.files } : {}),
      };
      if (!submission.commands?.trim() && Object.keys(submission.files ?? {}).length === 0) {
        throw new ApiError("empty_submission", "empty submission: send `commands`, `files` or both");
      }
      const report = grade(s, submission);
      const id = await submissionId(s.id, submission);
      await opts.store(c.env).saveGrade({ scenarioId: s.id, submission, report, receivedAt: opts.now() }, id);
      c.header("X-Submission-Id", id);
      if (format === "gradescope") return c.json(toGradescope(report));
      if (format === "junit") {
        return c.body(toJUnit([{ name: s.id, report }]), 200, { "Content-Type": "application/xml; charset=UTF-8" });
      }
      return c.json(report);
    })
    .all("/v1/scenarios/:id/grade", notAllowed("POST"))
    .post("/v1/simulate", async (c) => {
      const body = await readJson(c, simulateRequestSchema);
      const { transcript, session } = replay(body.commands, {
        seed: body.seed ?? SIMULATE_SEED,
        ...(body.cluster ? { cluster: body.cluster } : {}),
        ...(body.startTime ? { startTime: body.startTime } : {}),
        ...(body.files ? { files: body.files } : {}),
      });
      return c.json({ transcript, state: session.world.snapshot() });
    })
    .all("/v1/simulate", notAllowed("POST"));

  app.notFound(notFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
