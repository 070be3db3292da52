// Worker entry: the grading API (src/api) on Cloudflare Workers. `npm start` serves it on
// http://127.0.0.1:8787 through wrangler dev with local D1 storage.
import { createApp } from "./api";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
