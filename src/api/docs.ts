// GET /docs: a self-contained HTML page rendered from the OpenAPI document (no scripts, no CDN:
// it must work offline and inside a locked-down network).

import { ENDPOINTS, openApiDocument } from "./openapi";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const EXAMPLES: Record<string, string> = {
  "/v1/scenarios/{id}/grade": `curl -s -X POST http://127.0.0.1:8787/v1/scenarios/swarm-scale-service/grade \\
  -H 'Content-Type: application/json' \\
  -d '{"commands": "docker service scale webserver=5"}'`,
  "/v1/simulate": `curl -s -X POST http://127.0.0.1:8787/v1/simulate \\
  -H 'Content-Type: application/json' \\
  -d '{"commands": "docker swarm init\\ndocker node ls"}'`,
  "/v1/scenarios": "curl -s 'http://127.0.0.1:8787/v1/scenarios?module=5&level=beginner'",
};

let cached: string | undefined;

export function docsPage(): string {
  if (cached) return cached;
  const doc = openApiDocument() as { info: { version: string; description: string }; components: { schemas: Record<string, unknown> } };
  const endpoints = ENDPOINTS.map((e) => {
    const responses = Object.entries(e.responses)
      .map(([status, [d, ref]]) => `<li><code>${status}</code> ${esc(d)}${ref ? ` — <a href="#schema-${ref}">${ref}</a>` : ""}</li>`)
      .join("");
    const example = EXAMPLES[e.path];
    return `<section id="${esc(e.method + e.path)}">
<h3><span class="m">${e.method.toUpperCase()}</span> <code>${esc(e.path)}</code></h3>
<p>${esc(e.summary)}${e.description ? `. ${esc(e.description)}` : ""}</p>
${e.body ? `<p>Body: <a href="#schema-${e.body}">${e.body}</a> (<code>application/json</code>)</p>` : ""}
${e.query ? `<p>Query: ${Object.keys(e.query.shape).map((k) => `<code>${esc(k)}</code>`).join(", ")}</p>` : ""}
<ul>${responses}</ul>
${example ? `<pre>${esc(example)}</pre>` : ""}
</section>`;
  }).join("\n");
  const schemas = Object.entries(doc.components.schemas)
    .map(([id, s]) => `<section id="schema-${esc(id)}"><h3>${esc(id)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre></section>`)
    .join("\n");
  cached = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clustergrade API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f4f4f4;padding:.75rem;overflow:auto}
.m{display:inline-block;min-width:3.5rem;color:#fff;background:#356;padding:0 .4rem;border-radius:3px;font-size:13px}
section{border-top:1px solid #ddd;padding-top:.5rem}
</style></head><body>
<h1>clustergrade API <small>${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Endpoints</h2>
${endpoints}
<h2>Schemas</h2>
${schemas}
</body></html>
`;
  return cached;
}
