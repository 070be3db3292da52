// What a container's main process does when started, read from the image's ProgramPlans:
// which plan runs (argv[0] by basename, through `exec "$@"` wrappers), whether an exit rule
// fires at start (missing env such as POSTGRES_PASSWORD), its log lines, and when it ends.
// A local approximation of src/sim/runtime's model: placeholders like {ts:…} are rendered
// with fixed values, shells without a TTY exit 0, `sleep N` ends after N seconds.

import type { ExitCondition, ImageFacts, LogLine, ProgramPlan } from "../../images";

export interface ProcessOutcome {
  logs: LogLine[];
  exit?: { afterMs: number; exitCode: number };
}

const SHELLS = ["sh", "bash", "ash", "dash", "zsh"];
const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

function envMap(env: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf("=");
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

function holds(c: ExitCondition, env: Record<string, string>, args: string[]): boolean {
  const set = (n: string) => {
    const [name, value] = n.split("=");
    return value === undefined ? !!env[name!] : env[name!] === value;
  };
  switch (c.kind) {
    case "envMissing": return !c.anyOf.some(set);
    case "envConflict": return set(c.names[0]) && set(c.names[1]);
    case "envPartial": return set(c.names[0]) !== set(c.names[1]);
    case "envEquals": return env[c.name] === c.value;
    case "argAbsent": return !args.some((a) => a.includes(c.contains));
    case "tooManyArgs": return args.filter((a) => !a.startsWith("-")).length > c.max;
    case "always": return true;
    default: return false;
  }
}

function render(lines: LogLine[] | undefined, facts: ImageFacts): LogLine[] {
  return (lines ?? []).map((l) => ({
    ...l,
    text: l.text.replace(/\{version\}/g, facts.version).replace(/\{ts:[^}]*\}/g, "2024-01-10 00:00:00.000 UTC").replace(/\{[a-z]+(:[^}]*)?\}/g, ""),
  }));
}

export function findPlan(facts: ImageFacts, argv: string[]): { plan?: ProgramPlan; args: string[] } {
  let a = [...argv];
  for (let i = 0; i < 4 && a.length; i++) {
    const w = facts.wrappers.find((x) => x.path === a[0] || base(x.path) === base(a[0]!));
    if (!w) break;
    a = a.slice(1);
    if (w.flagsTo && (a.length === 0 || a[0]!.startsWith("-") || (w.alsoFor && new RegExp(w.alsoFor).test(a[0]!)))) a = [...w.flagsTo, ...a];
  }
  const plan = facts.programs.find((p) => p.match.length > 0 && base(a[0] ?? "") === base(p.match[0]!) && p.match.slice(1).every((m, i) => a[i + 1] === m));
  return { plan, args: a.slice(1) };
}

export function startProcess(facts: ImageFacts | undefined, argv: string[], env: string[]): ProcessOutcome {
  if (!facts) return { logs: [] };
  const e = envMap(env);
  const { plan, args } = findPlan(facts, argv);
  if (plan) {
    for (const r of plan.exitRules ?? []) {
      if (holds(r.when, e, args)) return { logs: render(r.logs, facts), exit: { afterMs: r.afterMs ?? 0, exitCode: r.exitCode } };
    }
    const logs = render(plan.logs, facts);
    if (plan.exit) return { logs: [...logs, ...render(plan.exit.logs, facts)], exit: { afterMs: plan.exit.afterMs, exitCode: plan.exit.exitCode } };
    return { logs };
  }
  const cmd = base(argv[0] ?? "");
  if (cmd === "sleep") {
    const n = Number(argv[1]);
    if (argv[1] === "infinity" || !Number.isFinite(n)) return { logs: [] };
    return { logs: [], exit: { afterMs: Math.round(n * 1000), exitCode: 0 } };
  }
  if (cmd === "echo") return { logs: [{ atMs: 0, stream: "stdout", text: argv.slice(1).join(" ") }], exit: { afterMs: 0, exitCode: 0 } };
  if (cmd === "true") return { logs: [], exit: { afterMs: 0, exitCode: 0 } };
  if (cmd === "false") return { logs: [], exit: { afterMs: 0, exitCode: 1 } };
  if (SHELLS.includes(cmd)) {
    const c = argv.indexOf("-c");
    if (c >= 0 && argv[c + 1]) {
      const script = argv[c + 1]!;
      const sleep = /sleep\s+(\d+)/.exec(script);
      if (/while\s+true|sleep\s+infinity|tail\s+-f/.test(script)) return { logs: [] };
      return { logs: [], exit: { afterMs: sleep ? Number(sleep[1]) * 1000 : 0, exitCode: 0 } };
    }
    return { logs: [], exit: { afterMs: 0, exitCode: 0 } };
  }
  return { logs: [] };
}
