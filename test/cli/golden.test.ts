// The API's answers computed in Node equal the golden files byte for byte; test/http/golden.test.ts
// checks the same files inside workerd. UPDATE_GOLDEN=1 rewrites them.
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api";
import { loadLibrary } from "../../src/grading";
import { Store } from "../../src/store";
import { GOLDEN_REQUESTS } from "../fixtures/golden-requests";
import { FIXTURE, ROOT } from "./helpers";

const app = createApp({
  library: () => loadLibrary({ "notes-file.yaml": parse(readFileSync(FIXTURE, "utf8")) }),
  store: () => new Store(undefined),
});

describe("golden API answers (Node)", () => {
  it.each(GOLDEN_REQUESTS)("$name", async ({ name, path, body }) => {
    const res = await app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, {} as Env);
    expect(res.status).toBe(200);
    const text = await res.text();
    const file = `${ROOT}/test/fixtures/golden/${name}.txt`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, "utf8"));
  });
});
