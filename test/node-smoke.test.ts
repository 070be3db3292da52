// Proves the "node" vitest project runs (the lead may delete this once real tests exist).
import { expect, it } from "vitest";
import { bundledScenarios } from "../src/generated/scenarios";

it("runs in Node", () => {
  expect(typeof process.versions.node).toBe("string");
  expect(typeof bundledScenarios).toBe("object");
});
