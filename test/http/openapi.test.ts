// The OpenAPI document is valid 3.1 and complete; /docs renders it without external resources.
import { describe, expect, it } from "vitest";
import { worker } from "./helpers";

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
};

const load = async () => (await (await worker("/openapi.json")).json()) as Doc;

function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document with every route", async () => {
    const doc = await load();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("clustergrade");
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/docs", "/healthz", "/openapi.json", "/v1/scenarios", "/v1/scenarios/{id}", "/v1/scenarios/{id}/grade", "/v1/simulate"],
    );
    expect(Object.keys(doc.paths["/v1/scenarios/{id}/grade"]!)).toEqual(["post"]);
  });

  it("resolves every $ref to a component", async () => {
    const doc = await load();
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(5);
    for (const r of all) {
      expect(r).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty(r.split("/").pop()!);
    }
  });

  it("has unique operation ids and a response for every operation", async () => {
    const doc = await load();
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of ops) expect(Object.keys(o.responses).length).toBeGreaterThan(0);
  });

  it("describes the request bodies from the zod schemas", async () => {
    const { components } = await load();
    const grade = components.schemas.GradeRequest as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(grade.properties)).toEqual(["commands", "files"]);
    expect(grade.additionalProperties).toBe(false);
    expect(components.schemas).toHaveProperty("GradeReport");
    expect(components.schemas).toHaveProperty("Error");
    for (const s of Object.values(components.schemas)) expect(s).not.toHaveProperty("$schema");
  });

  it("is the same bytes every time", async () => {
    expect(await (await worker("/openapi.json")).text()).toBe(await (await worker("/openapi.json")).text());
  });
});

describe("GET /docs", () => {
  it("renders every endpoint without external scripts or styles", async () => {
    const res = await worker("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    for (const p of ["/v1/scenarios", "/v1/scenarios/{id}/grade", "/v1/simulate", "/healthz", "GradeReport"]) {
      expect(html).toContain(p);
    }
    expect(html).not.toMatch(/<script|<link[^>]+href="http|src="http/);
  });
});
