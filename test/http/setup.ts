// Runs inside workerd before each HTTP test file: brings the local D1 database to the schema of
// migrations/ (the same files `npm start` applies with `wrangler d1 migrations apply --local`).
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
