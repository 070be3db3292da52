// History checks: which commands the student ran successfully, and in which order. Patterns
// match a command's resolved path (aliases expanded: `docker service remove` is `docker service
// rm`) or the start of its words, so `docker service scale` matches `docker service scale web=5`.

import type { CommandRecord } from "../sim/world";
import type { Comparison } from "./expect";

export function matches(record: CommandRecord, pattern: string): boolean {
  const p = pattern.trim().split(/\s+/);
  const candidates = [record.argv];
  if (record.path) {
    const pathWords = record.path.split(" ");
    const rest = record.argv.slice(1).filter((a) => !a.startsWith("-"));
    // The path's words replace the positional words that selected the command.
    candidates.push([...pathWords, ...rest.slice(pathWords.length - 1)]);
  }
  return candidates.some((words) => p.every((w, i) => words[i] === w));
}

export function checkHistory(
  records: CommandRecord[],
  spec: { used?: string | string[]; notUsed?: string | string[]; order?: string[] },
): Comparison {
  const ok = records.filter((r) => r.exitCode === 0);
  const list = (v?: string | string[]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  for (const p of list(spec.used)) {
    if (!ok.some((r) => matches(r, p))) return { passed: false, reason: `no successful \`${p}\` command` };
  }
  for (const p of list(spec.notUsed)) {
    const hit = ok.find((r) => matches(r, p));
    if (hit) return { passed: false, reason: `\`${hit.argv.join(" ")}\` was used` };
  }
  if (spec.order) {
    let from = 0;
    for (const p of spec.order) {
      const idx = ok.findIndex((r, i) => i >= from && matches(r, p));
      if (idx < 0) return { passed: false, reason: `\`${p}\` did not follow the earlier steps` };
      from = idx + 1;
    }
  }
  return { passed: true };
}
