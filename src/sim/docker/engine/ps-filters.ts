// Mirrors moby's daemon/list.go for `docker ps --filter`: foldFilter validates every filter before
// anything is listed (the keys acceptedPsFilterTags names, `exited` as integers, `status` as
// container states, `health` as health states, `is-task` as true/false, `before`/`since` as
// existing containers; an `ancestor` naming no image is ignored, so it matches nothing), then
// includeContainerInList keeps a container when every key matches one of its values (each label
// value). A stopped container is listed only with -a, a status filter or a limit (-n/-l).

import { ERR_DAEMON, findContainer, type Container, type EngineHost } from "./state";
import { findImage } from "./image-delete";
import { listedPorts } from "./container-summary";

const ACCEPTED = ["ancestor", "before", "exited", "health", "id", "isolation", "is-task", "label", "name", "network", "publish", "expose", "since", "status", "volume"];
const STATES = ["created", "running", "paused", "restarting", "removing", "exited", "dead"];
const HEALTH = ["starting", "healthy", "unhealthy", "none"];

export interface PsFilter {
  byKey: Map<string, string[]>;
  /** The status filter lists stopped containers too (config.All). */
  all: boolean;
  ancestors: Set<string>;
  before?: number;
  since?: number;
}

/** foldFilter: the parsed filter, or the daemon's error (already prefixed). */
export function foldPsFilter(h: EngineHost, filters: string[]): PsFilter | { error: string } {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const i = f.indexOf("=");
    byKey.set(f.slice(0, i), [...(byKey.get(f.slice(0, i)) ?? []), f.slice(i + 1)]);
  }
  const bad = [...byKey.keys()].find((k) => !ACCEPTED.includes(k));
  if (bad !== undefined) return { error: `${ERR_DAEMON}invalid filter '${bad}'` };
  for (const v of byKey.get("exited") ?? []) {
    if (!/^[+-]?\d+$/.test(v)) return { error: `${ERR_DAEMON}strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax` };
  }
  for (const v of byKey.get("status") ?? []) if (!STATES.includes(v)) return { error: `${ERR_DAEMON}invalid filter 'status=${v}'` };
  for (const v of byKey.get("health") ?? []) if (!HEALTH.includes(v)) return { error: `${ERR_DAEMON}Unrecognised filter value for health: ${v}` };
  const task = byKey.get("is-task");
  if (task && !task.includes("true") && !task.includes("false")) return { error: `${ERR_DAEMON}Invalid filter 'is-task=[${task.join(" ")}]'` };
  const out: PsFilter = { byKey, all: byKey.has("status"), ancestors: new Set() };
  const index = (ref: string): number | { error: string } => {
    const c = findContainer(h, ref);
    return c && c !== "ambiguous" ? h.containers.indexOf(c) : { error: `${ERR_DAEMON}No such container: ${ref}` };
  };
  for (const key of ["before", "since"] as const) {
    for (const v of byKey.get(key) ?? []) {
      const i = index(v);
      if (typeof i !== "number") return i;
      out[key] = i;
    }
  }
  for (const v of byKey.get("ancestor") ?? []) {
    const found = findImage(h, v);
    if ("image" in found) out.ancestors.add(`sha256:${found.image.id}`);
  }
  return out;
}

function regexMatch(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern).test(s);
  } catch {
    return false;
  }
}

/** A port filter value ("8080", "8000-8080/udp") as the set of "port/proto" it names. */
function portFilterSet(v: string): Set<string> {
  const [range, proto = "tcp"] = v.split("/");
  const [a, b = a] = range!.split("-").map(Number);
  const out = new Set<string>();
  for (let p = a!; p <= b! && out.size < 65536; p++) out.add(`${p}/${proto}`);
  return out;
}

const running = (c: Container) => c.status === "running" || c.status === "paused" || c.status === "restarting";

function matchOne(c: Container, k: string, v: string, f: PsFilter): boolean {
  switch (k) {
    // filters.Args.Match: the exact value or a regular expression (one that does not compile never
    // matches); a name is tried with and without its leading "/".
    case "name": return c.name === v || `/${c.name}` === v || regexMatch(v, `/${c.name}`) || regexMatch(v, c.name);
    case "id": return c.id === v || regexMatch(v, c.id);
    case "status": return c.status === v;
    case "health": return (c.health?.status ?? "none") === v;
    case "is-task": return ("com.docker.swarm.task" in c.labels) === (v === "true");
    case "ancestor": return f.ancestors.has(c.imageId);
    case "label": { const j = v.indexOf("="); return j < 0 ? v in c.labels : c.labels[v.slice(0, j)] === v.slice(j + 1); }
    // Its network's name, or a prefix of the network's ID.
    case "network": return c.networks.includes(v) || Object.values(c.networkIds ?? {}).some((id) => id.startsWith(v));
    case "volume": return c.mounts.some((m) => m.source === v || m.target === v);
    // Only a container that ran and stopped has an exit code to match.
    case "exited": return !running(c) && c.startedAt !== undefined && c.exitCode === Number(v);
    case "isolation": return false;
    // The API's Ports of the container (only while it holds its network): PublicPort / PrivatePort.
    case "publish": { const want = portFilterSet(v); return listedPorts(c).some((p) => want.has(`${Number(p.hostPort) || 0}/${p.protocol}`)); }
    case "expose": { const want = portFilterSet(v); return listedPorts(c).some((p) => want.has(`${p.containerPort}/${p.protocol}`)); }
    default: return true;
  }
}

/** includeContainerInList: before/since by creation order, then every key (all label values). */
export function psIncluded(h: EngineHost, c: Container, f: PsFilter): boolean {
  const i = h.containers.indexOf(c);
  if (f.before !== undefined && i >= f.before) return false;
  if (f.since !== undefined && i <= f.since) return false;
  for (const [k, values] of f.byKey) {
    if (k === "before" || k === "since") continue;
    if (!(k === "label" ? values.every((v) => matchOne(c, k, v, f)) : values.some((v) => matchOne(c, k, v, f)))) return false;
  }
  return true;
}
