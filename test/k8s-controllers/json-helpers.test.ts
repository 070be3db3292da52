// The controllers' JSON helpers must agree with the JSON round trip they stand in for: status
// writers compare with sameJson instead of two JSON.stringify calls, and copy templates with
// deepClone instead of JSON.parse(JSON.stringify(…)).
import { describe, expect, it } from "vitest";
import { deepClone, sameJson } from "../../src/sim/k8s/controllers/pods";

const values: unknown[] = [
  null, 0, 1, "", "a", true, false, [], {}, [1, 2], [2, 1], [undefined], [null],
  { a: 1 }, { a: 1, b: undefined }, { b: undefined, a: 1 }, { a: 1, b: 2 }, { b: 2, a: 1 },
  { a: { x: [1, { y: "z" }] } }, { a: { x: [1, { y: "z", w: undefined }] } }, { a: { x: [1, { y: "q" }] } },
  { conditions: [{ type: "Ready", status: "True" }] }, { conditions: [{ status: "True", type: "Ready" }] },
  { a: [] }, { a: {} }, { a: null },
];

describe("sameJson", () => {
  it("says two values are the same exactly when their JSON is", () => {
    for (const a of values) for (const b of values) {
      expect(sameJson(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });
});

describe("deepClone", () => {
  it("gives what a JSON round trip gives, sharing nothing", () => {
    for (const v of values) {
      const c = deepClone(v);
      expect(JSON.stringify(c)).toBe(JSON.stringify(v));
      expect(c).toStrictEqual(v === undefined ? v : JSON.parse(JSON.stringify(v)));
      if (v && typeof v === "object" && Object.keys(v).length) expect(c).not.toBe(v);
    }
  });
});
