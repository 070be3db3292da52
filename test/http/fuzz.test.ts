// No input gets a 500: seeded random bodies, content types and paths against every POST route.
import { describe, expect, it } from "vitest";
import { fixtureApp } from "./helpers";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["docker", "kubectl", "sim", "echo", "cat", "<<EOF", "|", "&&", "$(", ")", "'", "\"", "\\", "\n", "-f", "-", "--replicas", "x=1", "${A:-b}", "ssh", "exit", "sleep", "1e9", "\u0000", "🙂"];
const VALUES = (r: () => number): unknown[] => [
  null, true, 0, -1, 1e308, "", "x", [], {}, [1, "a"], { a: { b: [] } },
  Array.from({ length: 1 + Math.floor(r() * 12) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" "),
];

function randomBody(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const kind = Math.floor(r() * 5);
  if (kind === 0) return pick(["", "{", "}", "[", "nul", "{\"commands\":", "\"str\"", "{\"a\":1,}", "\u00ff"]);
  const obj: Record<string, unknown> = {};
  if (kind === 1) return JSON.stringify({ commands: String(VALUES(r).at(-1)) });
  for (const k of ["commands", "files", "cluster", "seed", "startTime", "extra"]) {
    if (r() < 0.5) obj[k] = pick(VALUES(r));
  }
  if (r() < 0.3) obj.files = { [pick(["a.yaml", "../x", "", ".env", "d/e.yml"])]: pick(VALUES(r)) };
  if (r() < 0.3) obj.cluster = { hosts: [{ name: pick(["a", "B", "", "n1"]), cpus: pick(VALUES(r)) }], swarm: pick(VALUES(r)) };
  return JSON.stringify(obj);
}

describe("fuzz", () => {
  const call = fixtureApp();
  it("never answers 5xx", async () => {
    const r = rng(42);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const path = ["/v1/scenarios/notes-file/grade", "/v1/simulate", "/v1/scenarios/x/grade", "/v1/scenarios/notes-file/grade?format=junit"][i % 4]!;
      const type = ["application/json", "application/json; charset=utf-8", "text/plain", "application/vnd.api+json"][Math.floor(r() * 4)]!;
      const res = await call(path, { method: "POST", headers: { "content-type": type }, body: randomBody(r) });
      seen.add(res.status);
      expect(res.status, `request ${i}`).toBeLessThan(500);
      await res.arrayBuffer();
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400, 404, 415]));
  });
});
