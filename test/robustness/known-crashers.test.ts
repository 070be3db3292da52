// The known crashers as skipped repro tests: delete an entry from KNOWN_CRASHERS once it is fixed
// and its test runs here (and the fuzzers stop ignoring it).
import { describe, expect, it } from "vitest";
import { K8S_SETUP, newSession, runAll, SWARM_SETUP } from "./harness";
import { KNOWN_CRASHERS } from "./known-crashers";

describe("known crashers (skipped until fixed)", () => {
  it("lists only open problems (none at the moment)", () => {
    expect(KNOWN_CRASHERS.every((k) => k.script.length > 0)).toBe(true);
  });

  for (const k of KNOWN_CRASHERS) {
    it.skip(k.title, { timeout: 20_000 }, () => {
      const problems = runAll(newSession(k.cluster, "known"), k.cluster === "swarm" ? SWARM_SETUP : K8S_SETUP, [k.script]);
      expect(problems.map((p) => p.message)).toEqual([]);
    });
  }
});
