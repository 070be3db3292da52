// Every scenario in scenarios/: it loads, its reference solution(s) score full marks, and each
// wrong answer fails exactly the checks it names (the same as `clustergrade validate`).
import { describe, expect, it } from "vitest";
import { library, validateScenario } from "../../src/grading";

const lib = library();

describe("scenario library", () => {
  it("every file loads", () => {
    expect(lib.issues).toEqual([]);
  });

  for (const [id, scenario] of lib.byId) {
    it(`${id}: solutions score full marks, wrong answers fail exactly their checks`, () => {
      expect(validateScenario(scenario)).toEqual([]);
    });
  }
});
