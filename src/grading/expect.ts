// Compares what a check observed with what the scenario expects, and says why it differs.

import type { Expect } from "./schema";

export interface Comparison {
  passed: boolean;
  /** Why it failed, in terms a student can act on (never the expected answer itself). */
  reason?: string;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
const show = (text: string) => {
  const t = text.trimEnd();
  if (t === "") return "nothing";
  return JSON.stringify(t.length > 200 ? t.slice(0, 200) + "…" : t);
};

export function compare(expect: Expect, observed: string, exitCode?: number): Comparison {
  const text = observed.trimEnd();
  const fail = (reason: string): Comparison => ({ passed: false, reason });
  if (expect.exitCode !== undefined && exitCode !== expect.exitCode) {
    return fail(`the command exited with ${exitCode ?? "no status"}`);
  }
  if (expect.equals !== undefined && text !== String(expect.equals).trimEnd()) return fail(`observed ${show(text)}`);
  for (const s of asList(expect.contains)) if (!text.includes(s)) return fail(`observed ${show(text)}`);
  for (const s of asList(expect.notContains)) if (text.includes(s)) return fail(`observed ${show(text)}`);
  if (expect.matches !== undefined && !safeRegex(expect.matches).test(text)) return fail(`observed ${show(text)}`);
  if (expect.lines !== undefined) {
    const got = lines(text);
    const want = expect.lines.map((l) => l.trim());
    if (got.length !== want.length || got.some((l, i) => l !== want[i])) return fail(`observed ${show(text)}`);
  }
  if (expect.unorderedLines !== undefined) {
    const got = lines(text).sort();
    const want = expect.unorderedLines.map((l) => l.trim()).sort();
    if (got.length !== want.length || got.some((l, i) => l !== want[i])) return fail(`observed ${show(text)}`);
  }
  if (expect.lineCount !== undefined && lines(text).length !== expect.lineCount) {
    return fail(`observed ${lines(text).length} line(s)`);
  }
  if (expect.atLeast !== undefined || expect.atMost !== undefined) {
    const n = Number(text);
    if (text === "" || Number.isNaN(n)) return fail(`observed ${show(text)}, not a number`);
    if (expect.atLeast !== undefined && n < expect.atLeast) return fail(`observed ${n}`);
    if (expect.atMost !== undefined && n > expect.atMost) return fail(`observed ${n}`);
  }
  if (expect.empty !== undefined && (text === "") !== expect.empty) return fail(`observed ${show(text)}`);
  return { passed: true };
}

const regexCache = new Map<string, RegExp>();

/** Scenario regexes are teacher-written; compile once and treat a bad one as never matching. */
function safeRegex(src: string): RegExp {
  let re = regexCache.get(src);
  if (!re) {
    try {
      re = new RegExp(src, "m");
    } catch {
      re = /(?!)/;
    }
    regexCache.set(src, re);
  }
  return re;
}
