// The same golden answers as test/cli/golden.test.ts computes in Node, here inside workerd.
import { describe, expect, it } from "vitest";
import { GOLDEN_REQUESTS } from "../fixtures/golden-requests";
import { fixtureApp, json } from "./helpers";

const golden = import.meta.glob("../fixtures/golden/*.txt", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const call = fixtureApp();

describe("golden API answers (workerd)", () => {
  it.each(GOLDEN_REQUESTS)("$name", async ({ name, path, body }) => {
    const expected = golden[`../fixtures/golden/${name}.txt`];
    expect(expected, `golden file ${name}.txt`).toBeDefined();
    const res = await call(path, json(body));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(expected);
  });
});
