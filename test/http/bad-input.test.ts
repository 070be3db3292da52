// Every class of bad input answers a 4xx JSON error that says what is wrong — never a 500.
import { describe, expect, it } from "vitest";
import { API_LIMITS } from "../../src/api";
import { fixtureApp, json, worker, type ErrorBody } from "./helpers";

const call = fixtureApp();
const GRADE = "/v1/scenarios/notes-file/grade";

const cases: { name: string; path?: string; init: RequestInit; status: number; code: string; message?: RegExp; issue?: string }[] = [
  { name: "malformed JSON", init: json("{\"commands\": "), status: 400, code: "bad_json", message: /malformed JSON/ },
  { name: "JSON that is not an object", init: json("[1,2]"), status: 400, code: "invalid_request" },
  { name: "commands of the wrong type", init: json({ commands: 5 }), status: 400, code: "invalid_request", issue: "commands" },
  { name: "files of the wrong type", init: json({ files: ["a"] }), status: 400, code: "invalid_request", issue: "files" },
  { name: "a file content of the wrong type", init: json({ files: { "a.yaml": 1 } }), status: 400, code: "invalid_request", issue: "files.a.yaml" },
  { name: "an unknown field", init: json({ commands: "echo hi", extra: 1 }), status: 400, code: "invalid_request" },
  { name: "a file name with ..", init: json({ files: { "../etc/passwd": "x" } }), status: 400, code: "invalid_request" },
  { name: "an empty object", init: json({}), status: 400, code: "empty_submission" },
  { name: "blank commands and no files", init: json({ commands: "  \n ", files: {} }), status: 400, code: "empty_submission" },
  { name: "null body", init: json("null"), status: 400, code: "invalid_request" },
  { name: "no body", init: { method: "POST", headers: { "content-type": "application/json" } }, status: 400, code: "bad_json" },
  {
    name: "too many command lines",
    init: json({ commands: "echo x\n".repeat(API_LIMITS.commandLines) }),
    status: 400, code: "invalid_request", issue: "commands",
  },
  {
    name: "too many files",
    init: json({ files: Object.fromEntries(Array.from({ length: API_LIMITS.files + 1 }, (_, i) => [`f${i}.yaml`, "x"])) }),
    status: 400, code: "invalid_request", issue: "files",
  },
  {
    name: "a file too large",
    init: json({ files: { "big.yaml": "x".repeat(API_LIMITS.fileBytes + 1) } }),
    status: 400, code: "invalid_request", issue: "files.big.yaml",
  },
  { name: "a body too large", init: json({ commands: "x".repeat(API_LIMITS.bodyBytes) }), status: 413, code: "payload_too_large" },
  { name: "text/plain", init: { method: "POST", headers: { "content-type": "text/plain" }, body: "echo hi" }, status: 415, code: "unsupported_media_type" },
  { name: "no content type", init: { method: "POST", body: new Uint8Array([123, 125]) }, status: 415, code: "unsupported_media_type" },
  { name: "form data", init: { method: "POST", body: new URLSearchParams({ commands: "echo" }) }, status: 415, code: "unsupported_media_type" },
  { name: "invalid UTF-8", init: { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }, status: 400, code: "bad_json" },
  { name: "an unknown format", path: `${GRADE}?format=pdf`, init: json({ commands: "echo hi" }), status: 400, code: "invalid_request" },
  { name: "an unknown scenario", path: "/v1/scenarios/nope/grade", init: json({ commands: "echo hi" }), status: 404, code: "not_found" },
  { name: "GET on the grade route", init: { method: "GET" }, status: 405, code: "method_not_allowed" },
];

describe("POST /v1/scenarios/:id/grade rejects bad input", () => {
  it.each(cases)("$name → $status $code", async ({ path, init, status, code, message, issue }) => {
    const res = await call(path ?? GRADE, init);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    if (message) expect(body.error.message).toMatch(message);
    if (issue) expect(body.error.issues?.map((i) => i.path)).toContain(issue);
  });
});

describe("a streamed body over the limit", () => {
  it("is refused with 413 even without Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 8) ctrl.enqueue(chunk);
        else ctrl.close();
      },
    });
    const res = await call(GRADE, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
  });
});

describe("POST /v1/simulate rejects bad input", () => {
  const sim = [
    { name: "no commands", body: {}, status: 400, issue: "commands" },
    { name: "commands of the wrong type", body: { commands: ["echo"] }, status: 400, issue: "commands" },
    { name: "an invalid cluster", body: { commands: "echo", cluster: { hosts: [] } }, status: 400, issue: "cluster.hosts" },
    { name: "a host name in capitals", body: { commands: "echo", cluster: { hosts: [{ name: "Bad_Host" }] } }, status: 400, issue: "cluster.hosts.0.name" },
    { name: "too many machines", body: { commands: "echo", cluster: { hosts: [{ name: "a" }], generate: { prefix: "n", count: 500 } } }, status: 400, issue: "cluster" },
    { name: "a bad startTime", body: { commands: "echo", startTime: "yesterday" }, status: 400, issue: "startTime" },
  ];
  it.each(sim)("$name → $status", async ({ body, status, issue }) => {
    const res = await worker("/v1/simulate", json(body));
    expect(res.status).toBe(status);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe("invalid_request");
    expect(err.error.issues?.map((i) => i.path)).toContain(issue);
  });

  it("answers 405 to GET", async () => {
    const res = await worker("/v1/simulate");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("other routes", () => {
  it("answers an unknown path with a JSON 404", async () => {
    const res = await worker("/v2/nothing");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
  });

  it("answers an unknown scenario with 404", async () => {
    const res = await worker("/v1/scenarios/does-not-exist");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/does-not-exist/);
  });

  it.each(["?module=abc", "?level=expert", "?module=5&colour=red"])("rejects the filter %s with 400", async (q) => {
    const res = await worker(`/v1/scenarios${q}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("invalid_request");
  });
});

describe("odd but well-formed submissions are graded, not HTTP errors", () => {
  const odd = [
    "foo --bar",                                    // unknown command: exit 127 in the transcript
    "cat <<EOF\nno terminator",                     // unterminated heredoc
    "echo 'unterminated",                           // unterminated quote
    "if true; then echo; fi",                       // outside the shell subset
    "sleep 99999999999",                            // virtual time only
    "kubectl apply -f missing.yaml",
    "echo $(echo $(echo $(echo deep)))",
    "\u0000\u0001\u0002",
    "docker swarm init\n".repeat(50),
    "sim node down worker1",                        // instructor-only: command not found
  ];
  it.each(odd)("%j → 200", async (commands) => {
    const res = await call(GRADE, json({ commands, files: { "bad.yaml": "{{{: not yaml" } }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as { transcript: { steps: unknown[] } };
    expect(Array.isArray(report.transcript.steps)).toBe(true);
  });
});
