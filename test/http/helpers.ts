// Shared by the HTTP tests: the real Worker (exports.default) and an app over test-only fixtures.
import { exports, env } from "cloudflare:workers";
import { parse } from "yaml";
import { createApp, type AppOptions } from "../../src/api";
import { loadLibrary } from "../../src/grading";
import notesFile from "../fixtures/scenarios/notes-file.yaml?raw";

export const BASE = "http://clustergrade.test";

/** The deployed Worker, as a client sees it. */
export const worker = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

export const fixtureLibrary = () => loadLibrary({ "notes-file.yaml": parse(notesFile) });

/** An app over the fixture scenarios (and the real D1 binding unless a store is given). */
export function fixtureApp(options: AppOptions = {}) {
  const app = createApp({ library: fixtureLibrary, ...options });
  return (path: string, init?: RequestInit) => app.request(path, init, env);
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
