// Worker entry (placeholder): the grading API will be built here. `npm start` serves it on
// http://127.0.0.1:8787 through wrangler dev.
import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();

app.get("/healthz", (c) => c.json({ status: "ok" }));

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
