// Seeded generators for the robustness tests: random argv from the real command trees
// (src/sim/cli/specs), hostile values per flag type, and shell quoting. Deterministic: every
// choice comes from the simulator's own Rng, so a failing case is replayed by its seed.

import type { CliSpec, CommandSpec, FlagSpec } from "../../src/sim/cli/specs";
import { Rng } from "../../src/sim/rng";

/** A word the shell passes through unchanged (single quotes; ' written as '\''). */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const HOSTILE_STRINGS = [
  "", " ", "-", "--", "=", ":", ",", "/", ".", "..", "../x", "a=b=c", "k=v", "=v", "k=",
  "ñandú", "☃", "🙂🙂", "名前", "\u0000", "\t", "a\nb", "$HOME", "${X:-y}", "`x`", "*", "?",
  "x".repeat(300), "a-".repeat(40) + "z", "UPPER", "-leading", "trailing-", "a..b", "0", "-1",
  "99999999999", "1e309", "NaN", "Infinity", "0x1f", "0.5", "-0",
  "{{", "}}", "{{.ID}}", "{{json .}}", "{{range .}}{{.}}{{end}}", "{{index . 99}}", "{{.Nope.Deeper}}", "table {{.Name}}",
  "json", "yaml", "wide", "name", "jsonpath={.items[*].metadata.name}", "jsonpath={", "jsonpath={.a[999999999]}",
  "custom-columns=N:.metadata.name", "custom-columns=", "go-template={{.x}}", "jsonpath-as-json={}",
  "nginx", "nginx:1.25", "nginx:latest", "nginx@sha256:" + "0".repeat(64), "busybox", "redis:7", "no/such:image", "UPPER/Case:Tag", ":tag", "image:", "a:b:c",
  "80", "80:80", "8080:80/tcp", "65536:80", "0:0", "-1:80", "1-2:3-4/udp", "80:80/sctp", "mode=host,target=80,published=8080", "target=", "published=abc",
  "node.role==manager", "node.role!=worker", "node.labels.zone==a", "node.hostname==nope", "bogus", "engine.labels.x==y", "node.platform.os==windows",
  "type=bind,source=/tmp,target=/x", "type=volume,target=", "type=tmpfs,target=/t,tmpfs-size=-1", "source=v,target=/d,readonly",
  "app=web", "app in (web,db)", "app notin ()", "!app", "app!=", "a=b,c", "(((", "environment=production,tier!=frontend",
  "10s", "-5s", "0s", "99999999999h", "1x", "1h2m3s", "250ms", "1.5",
  "64M", "-1M", "99999999999999999999G", "1e100", "0.5Gi", "100m", "2", "1000000", "-3",
  "pause", "continue", "rollback", "stop-first", "start-first", "any", "none", "on-failure", "always", "Never", "Always",
  "web", "web=5", "web=-1", "web=99999999999", "web=abc", "=3", "agent", "big", "default", "kube-system", "manager1", "worker1", "worker2", "cp1", "self",
  "deployment/web", "deploy/web", "svc/web", "pod/web", "pods", "all", "nodes", "rs", "deployment", "deployment.apps/web", "nope/x", "/", "x/", "a/b/c",
  "nginx=nginx:1.26", "*=busybox", "web=nginx", "=", "--replicas=3", "-f", "-", "compose.yaml", "deploy.yaml", "missing.yaml", "stack.yml",
  "sh", "-c", "echo hi", "sleep", "3600", "true", "false", "exit 3",
];

const NUMERIC = ["0", "1", "3", "-1", "-0", "99999999999", "9".repeat(400), "1e3", "0x10", "abc", "", "2147483648", "1.5", "+5", "NaN"];
const DURATIONS = ["10s", "-5s", "0", "99999999999h", "1x", "", "1h2m", "1e9s", "9223372036854775807ns", "1.5h", "abc"];
const BYTES = ["64M", "-1", "1e100", "99999999999999999999G", "0", "1.5G", "abc", "", "4m", "1b"];
const BOOLS = ["true", "false", "maybe", "", "1", "0", "TRUE"];

/** A value for a flag of type `type`. */
export function flagValue(rng: Rng, flag: FlagSpec, names: readonly string[]): string {
  const roll = rng.int(10);
  if (roll < 2) return rng.pick(HOSTILE_STRINGS);
  if (roll < 4) return rng.pick(names);
  switch (flag.type) {
    case "int": case "int32": case "int64": case "uint": case "uint64": case "uint16": case "uint32": case "float": case "decimal":
      return rng.pick(NUMERIC);
    case "duration": return rng.pick(DURATIONS);
    case "bytes": return rng.pick(BYTES);
    case "bool": return rng.pick(BOOLS);
    default: return rng.pick(HOSTILE_STRINGS);
  }
}

function flagWords(rng: Rng, flag: FlagSpec, names: readonly string[]): string[] {
  const name = flag.short && rng.int(3) === 0 ? `-${flag.short}` : `--${flag.name}`;
  if (flag.type === "bool") {
    const r = rng.int(4);
    return r === 0 ? [`${name}=${rng.pick(BOOLS)}`] : [name];
  }
  if (flag.noOptDefault !== undefined && rng.int(3) === 0) return [name];
  const v = flagValue(rng, flag, names);
  if (rng.int(3) === 0 && name.startsWith("--")) return [`${name}=${v}`];
  if (rng.int(15) === 0) return [name]; // missing value
  return [name, v];
}

const UNKNOWN_FLAGS = ["--nope", "-Z", "--replicas", "--force", "-", "--", "---x", "--=x", "-abc", "--ñ", "--" + "x".repeat(200)];

/** Every captured command with its words after the tool name (e.g. ["service", "create"]). */
export function commandPaths(spec: CliSpec): { words: string[]; cmd: CommandSpec }[] {
  return Object.values(spec.commands)
    .map((cmd) => ({ cmd, words: cmd.path.split(" ").slice(1) }))
    .sort((a, b) => (a.cmd.path < b.cmd.path ? -1 : a.cmd.path > b.cmd.path ? 1 : 0));
}

export interface ArgvOptions {
  /** Names of objects that exist in the fuzzed world (service, deployment, node names, …). */
  names: readonly string[];
  /** Flags the tool accepts everywhere (kubectl) or before the subcommand (docker). */
  globalFlags?: FlagSpec[];
  globalBeforeSubcommand?: boolean;
}

/** A random argv (without the tool name) for one of `paths`. */
export function randomArgv(rng: Rng, paths: { words: string[]; cmd: CommandSpec }[], o: ArgvOptions): string[] {
  const { words, cmd } = rng.pick(paths);
  const head = [...words];
  // Occasionally a misspelt or truncated subcommand.
  if (head.length && rng.int(25) === 0) head[head.length - 1] = head[head.length - 1]!.slice(0, -1) || "x";
  const out: string[] = [];
  if (o.globalBeforeSubcommand && o.globalFlags?.length && rng.int(8) === 0) out.push(...flagWords(rng, rng.pick(o.globalFlags), o.names));
  out.push(...head);
  const n = rng.int(6);
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    if (r < 5 && cmd.flags.length) out.push(...flagWords(rng, rng.pick(cmd.flags), o.names));
    else if (r < 6 && !o.globalBeforeSubcommand && o.globalFlags?.length) out.push(...flagWords(rng, rng.pick(o.globalFlags), o.names));
    else if (r < 7) out.push(rng.pick(UNKNOWN_FLAGS));
    else out.push(rng.int(2) ? rng.pick(o.names) : rng.pick(HOSTILE_STRINGS));
  }
  // Positional arguments last, as most people write them.
  const m = rng.int(4);
  for (let i = 0; i < m; i++) out.push(rng.int(2) ? rng.pick(o.names) : rng.pick(HOSTILE_STRINGS));
  return out;
}
