// Builds a ServiceSpec from `docker service create` flags and applies `docker service update`
// flags to an existing one, as docker/cli cli/command/service/opts.go and update.go do; the
// CLI-side checks (modes, jobs, secret/config lookups) return the CLI's own messages.

import type { Flags } from "../../cli/flags";
import { parseImageReference } from "../../images/reference";
import { swarmDigestWarning } from "../../images/pull-messages";
import type { World } from "../../world";
import { findNetwork } from "../network";
import type { SwarmCluster } from "../swarm/cluster";
import { errLocalNetwork } from "../swarm/services";
import { DAEMON } from "../swarm/errors";
import { swarmOf } from "../swarm/state";
import { imageFacts } from "../swarm/task-runtime";
import type { Host } from "../../world";
import type { ObjectRef, ServiceMode, ServiceSpec, UpdateConfig } from "../swarm/types";
import { shlexSplit } from "./shlex";
import { parseBytes, parseCpus, parseMount, parseObjectRef, parsePort, parsePref, type ObjectRequest } from "./service-flag-values";
import { goDurationMs, keyValues } from "./swarm-common";
import { extrasFromCreate, extrasFromUpdate } from "./service-extras";

export type SpecBuild = { ok: true; spec: ServiceSpec; warning: string } | { ok: false; error: string };

const DEFAULT_UPDATE: UpdateConfig = { parallelism: 1, delayMs: 0, failureAction: "pause", monitorMs: 5000, maxFailureRatio: 0, order: "stop-first" };

export function defaultSpec(name: string, image: string): ServiceSpec {
  return {
    name, labels: {}, image, command: [], args: [], env: [], hostname: "", workdir: "", user: "", containerLabels: {},
    mounts: [], mode: { kind: "replicated", replicas: 1 }, constraints: [], preferences: [], maxReplicas: 0,
    reservations: { nanoCPUs: 0, memoryBytes: 0 }, limits: { nanoCPUs: 0, memoryBytes: 0, pids: 0 },
    restart: { condition: "any", delayMs: 5000, maxAttempts: 0, windowMs: 0 },
    update: { ...DEFAULT_UPDATE }, rollback: { ...DEFAULT_UPDATE }, networks: [], ports: [], endpointMode: "vip",
    secrets: [], configs: [], stopGracePeriodMs: 10_000, forceUpdate: 0,
  };
}

const UPDATE_FLAGS = ["parallelism", "delay", "failure-action", "monitor", "max-failure-ratio", "order"];

export function modeFromFlags(f: Flags): ServiceMode | { error: string } {
  const mode = f.str("mode");
  const replicasGiven = f.changed("replicas");
  const replicas = replicasGiven ? f.int("replicas") : 1;
  const global = mode === "global" || mode === "global-job";
  if (global && replicasGiven) return { error: "replicas can only be used with replicated or replicated-job mode" };
  if (global && f.int("replicas-max-per-node") > 0) return { error: "replicas-max-per-node can only be used with replicated or replicated-job mode" };
  if (mode !== "replicated-job" && f.changed("max-concurrent")) return { error: "max-concurrent can only be used with replicated-job mode" };
  switch (mode) {
    case "replicated": return { kind: "replicated", replicas };
    case "global": return { kind: "global" };
    case "replicated-job": return { kind: "replicated-job", replicas, maxConcurrent: f.changed("max-concurrent") ? f.int("max-concurrent") : replicas };
    case "global-job": return { kind: "global-job" };
    default: return { error: `Unknown mode: ${mode}, only replicated and global supported` };
  }
}

/** The image as the CLI sends it: pinned to a digest when the registry answers. */
export function resolveServiceImage(world: World, written: string, noResolve: boolean): { image: string; warning: string } {
  const parsed = parseImageReference(written);
  if (!parsed.ok || noResolve) return { image: written, warning: "" };
  const facts = imageFacts(world, written);
  if (!facts) return { image: parsed.ref.familiar, warning: swarmDigestWarning(parsed.ref) };
  if (parsed.ref.digest) return { image: parsed.ref.familiar, warning: "" };
  return { image: `${parsed.ref.familiar}@${facts.digest}`, warning: "" };
}

function objectRefs(c: SwarmCluster, requests: string[], kind: "secret" | "config"): ObjectRef[] | { error: string } {
  // docker/cli ParseSecrets/ParseConfigs: one reference per target, then each looked up by its
  // exact name in the daemon's list (an ID is not a name).
  const parsed: ObjectRequest[] = [];
  for (const r of requests) {
    const p = parseObjectRef(r, kind);
    if (!p.ok) return { error: p.error };
    if (parsed.some((x) => x.target === p.value.target)) return { error: `duplicate ${kind} target for ${p.value.source} not allowed` };
    parsed.push(p.value);
  }
  const out: ObjectRef[] = [];
  const store = kind === "secret" ? c.secrets : c.configs;
  for (const p of parsed) {
    const obj = [...store.values()].find((s) => s.name === p.source);
    if (!obj) return { error: `${kind} not found: ${p.source}` };
    out.push({ id: obj.id, name: obj.name, target: p.target, uid: p.uid, gid: p.gid, mode: p.mode });
  }
  return out;
}

export function networkIds(world: World, host: Host, refs: string[]): string[] | { error: string } {
  const ids: string[] = [];
  for (const ref of refs) {
    // NetworkOpt's long syntax lower-cases each field (name=MyNet names "mynet") and trims the value.
    const long = /\w+=\w+(,\w+=\w+)*/.test(ref);
    const name = long ? (ref.toLowerCase().split(",").find((p) => /^\s*name\s*=/.test(p))?.split("=")[1]?.trim() ?? ref) : ref;
    // populateNetworkID asks the swarm first: its name index ignores case (swarmkit lowercases it).
    const swarmNet = [...(swarmOf(world).of(host)?.cluster.networks.values() ?? [])].find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (swarmNet) {
      if (!ids.includes(swarmNet.id)) ids.push(swarmNet.id);
      continue;
    }
    const found = findNetwork(world, host, name);
    if (!found.ok) return { error: DAEMON + found.error };
    if (found.network.scope !== "swarm") return { error: DAEMON + errLocalNetwork(name) };
    if (!ids.includes(found.network.net.id)) ids.push(found.network.net.id);
  }
  return ids;
}

function applyUpdateConfig(cfg: UpdateConfig, f: Flags, prefix: "update" | "rollback"): UpdateConfig {
  const out = { ...cfg };
  if (f.changed(`${prefix}-parallelism`)) out.parallelism = f.int(`${prefix}-parallelism`);
  if (f.changed(`${prefix}-delay`)) out.delayMs = goDurationMs(f.str(`${prefix}-delay`));
  if (f.changed(`${prefix}-failure-action`)) out.failureAction = f.str(`${prefix}-failure-action`);
  if (f.changed(`${prefix}-monitor`)) out.monitorMs = goDurationMs(f.str(`${prefix}-monitor`));
  if (f.changed(`${prefix}-max-failure-ratio`)) out.maxFailureRatio = Number(f.str(`${prefix}-max-failure-ratio`));
  if (f.changed(`${prefix}-order`)) out.order = f.str(`${prefix}-order`) as UpdateConfig["order"];
  return out;
}

/** Flags both create and update take with the same meaning. */
function applyCommon(spec: ServiceSpec, f: Flags): ServiceSpec {
  const s = { ...spec, reservations: { ...spec.reservations }, limits: { ...spec.limits }, restart: { ...spec.restart } };
  if (f.changed("hostname")) s.hostname = f.str("hostname");
  if (f.changed("workdir")) s.workdir = f.str("workdir");
  if (f.changed("user")) s.user = f.str("user");
  if (f.changed("replicas-max-per-node")) s.maxReplicas = f.int("replicas-max-per-node");
  if (f.changed("reserve-cpu")) s.reservations.nanoCPUs = (parseCpus(f.str("reserve-cpu")) as { value: number }).value;
  if (f.changed("reserve-memory")) s.reservations.memoryBytes = (parseBytes(f.str("reserve-memory")) as { value: number }).value;
  if (f.changed("limit-cpu")) s.limits.nanoCPUs = (parseCpus(f.str("limit-cpu")) as { value: number }).value;
  if (f.changed("limit-memory")) s.limits.memoryBytes = (parseBytes(f.str("limit-memory")) as { value: number }).value;
  if (f.changed("limit-pids")) s.limits.pids = f.int("limit-pids");
  if (f.changed("restart-condition")) s.restart.condition = f.str("restart-condition") as ServiceSpec["restart"]["condition"];
  if (f.changed("restart-delay")) s.restart.delayMs = goDurationMs(f.str("restart-delay"));
  if (f.changed("restart-max-attempts")) s.restart.maxAttempts = f.int("restart-max-attempts");
  if (f.changed("restart-window")) s.restart.windowMs = goDurationMs(f.str("restart-window"));
  if (f.changed("stop-grace-period")) s.stopGracePeriodMs = goDurationMs(f.str("stop-grace-period"));
  if (f.changed("endpoint-mode")) s.endpointMode = f.str("endpoint-mode") as ServiceSpec["endpointMode"];
  if (f.changed("entrypoint")) s.command = (shlexSplit(f.str("entrypoint")) as { words: string[] }).words;
  s.update = applyUpdateConfig(s.update, f, "update");
  s.rollback = applyUpdateConfig(s.rollback, f, "rollback");
  return s;
}

function envList(list: string[], env: Readonly<Record<string, string>>): string[] {
  return list.map((e) => (e.includes("=") ? e : env[e] !== undefined ? `${e}=${env[e]}` : e));
}

/**
 * docker/cli opts.ReadKVEnvStrings: each --env-file (kvfile.Parse: `#` comments and blank lines
 * skipped, KEY=VALUE as written, a bare KEY taken from the client's environment or dropped), then --env.
 */
export function envFromFiles(host: Host, files: string[], env: Readonly<Record<string, string>>): { ok: true; lines: string[] } | { ok: false; error: string } {
  const lines: string[] = [];
  for (const file of files) {
    const text = host.fs.read(file);
    if (text === undefined) return { ok: false, error: `open ${file}: no such file or directory` };
    for (const [i, raw] of text.replace(/^\uFEFF/, "").split("\n").entries()) {
      const line = raw.replace(/^\s+/, "").replace(/\r$/, "");
      if (line === "" || line.startsWith("#")) continue;
      const eq = line.indexOf("=");
      const key = eq < 0 ? line : line.slice(0, eq);
      // kvfile.Parse's format errors name the file: "invalid env file (FILE): …".
      if (key === "") return { ok: false, error: `invalid env file (${file}): no variable name on line '${line}'` };
      if (/\s/.test(key)) return { ok: false, error: `invalid env file (${file}): variable '${key}' contains whitespaces` };
      if (eq >= 0) lines.push(line);
      else if (env[key] !== undefined) lines.push(`${key}=${env[key]}`);
      void i;
    }
  }
  return { ok: true, lines };
}

/**
 * What `service create`'s ToService decides before any API call, in its order: env files, the
 * healthcheck options, the mode, the job restrictions.
 */
export function createPreflight(host: Host, f: Flags, env: Readonly<Record<string, string>>): string | undefined {
  const fromFiles = envFromFiles(host, f.list("env-file"), env);
  if (!fromFiles.ok) return fromFiles.error;
  const health = healthConflict(f);
  if (health) return health;
  const mode = modeFromFlags(f);
  if ("error" in mode) return mode.error;
  const jobs = mode.kind === "replicated-job" || mode.kind === "global-job";
  if (jobs && UPDATE_FLAGS.some((x) => f.changed(`update-${x}`) || f.changed(`rollback-${x}`))) return "update and rollback configuration is not supported for jobs";
  return undefined;
}

/** healthCheckOptions.toHealthConfig: --no-healthcheck with any --health-* setting. */
function healthConflict(f: Flags): string | undefined {
  const set = ["health-cmd", "health-interval", "health-timeout", "health-start-period", "health-start-interval"].some((k) => f.changed(k) && f.str(k) !== "") ||
    (f.changed("health-retries") && f.str("health-retries") !== "0");
  return f.bool("no-healthcheck") && set ? "--no-healthcheck conflicts with --health-* options" : undefined;
}

export function specFromCreateFlags(
  world: World, host: Host, c: SwarmCluster, f: Flags, args: string[], env: Readonly<Record<string, string>>, name: string,
): SpecBuild {
  // ToService's order: env files, the healthcheck options, the mode, the job restrictions.
  const fromFiles = envFromFiles(host, f.list("env-file"), env);
  if (!fromFiles.ok) return { ok: false, error: fromFiles.error };
  const health = healthConflict(f);
  if (health) return { ok: false, error: health };
  const mode = modeFromFlags(f);
  if ("error" in mode) return { ok: false, error: mode.error };
  const jobs = mode.kind === "replicated-job" || mode.kind === "global-job";
  if (jobs && UPDATE_FLAGS.some((x) => f.changed(`update-${x}`) || f.changed(`rollback-${x}`))) {
    return { ok: false, error: "update and rollback configuration is not supported for jobs" };
  }
  const { image, warning } = resolveServiceImage(world, args[0]!, f.bool("no-resolve-image"));
  let s = defaultSpec(name, image);
  s.mode = mode;
  s.args = args.slice(1);
  s.labels = keyValues(f.list("label"));
  s.containerLabels = keyValues(f.list("container-label"));
  s.env = [...fromFiles.lines, ...envList(f.list("env"), env)];
  s.constraints = f.list("constraint");
  s.preferences = f.list("placement-pref").map((p) => (parsePref(p) as { value: string }).value);
  s.mounts = f.list("mount").map((m) => (parseMount(m) as { value: ServiceSpec["mounts"][0] }).value);
  s.ports = f.list("publish").flatMap((p) => (parsePort(p) as { value: ServiceSpec["ports"] }).value);
  if (jobs) s.restart.condition = "on-failure";
  s.init = f.bool("init");
  // ToService: ReadOnly and Groups (options.groups.GetAll(), as given) go in the ContainerSpec;
  // false and an empty list are left out of the spec (omitempty), as if never set.
  if (f.bool("read-only")) s.readOnly = true;
  if (f.list("group").length) s.groups = f.list("group");
  if (f.str("stop-signal")) s.stopSignal = f.str("stop-signal");
  if (f.bool("tty")) s.tty = true;
  Object.assign(s, extrasFromCreate(f));
  s = applyCommon(s, f);
  // ToEndpointSpec lower-cases the mode on create (update sends it as typed).
  s.endpointMode = s.endpointMode.toLowerCase() as ServiceSpec["endpointMode"];
  const secrets = objectRefs(c, f.list("secret"), "secret");
  if ("error" in secrets) return { ok: false, error: secrets.error };
  const configs = objectRefs(c, f.list("config"), "config");
  if ("error" in configs) return { ok: false, error: configs.error };
  s.secrets = secrets;
  s.configs = configs;
  const nets = networkIds(world, host, f.list("network"));
  if ("error" in nets) return { ok: false, error: nets.error };
  // ToService sorts the attachments by network ID.
  s.networks = [...nets].sort();
  return { ok: true, spec: s, warning };
}

function removeKeys(list: string[], keys: string[], keyOf: (x: string) => string): string[] {
  return list.filter((x) => !keys.includes(keyOf(x)));
}

/**
 * update.go updateGroups: the added groups appended, every removed one dropped (by its exact
 * text), then sorted "so that result is predictable" (Go's sort.Strings: byte order).
 */
function updatedGroups(current: string[], add: string[], rm: string[]): string[] {
  return [...current, ...add].filter((g) => !rm.includes(g)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An empty list is no list: the ContainerSpec's Groups is omitempty. */
function withGroups(s: ServiceSpec, groups: string[]): ServiceSpec {
  const { groups: _g, ...rest } = s;
  return groups.length ? { ...rest, groups } : rest;
}

export function specFromUpdateFlags(
  world: World, host: Host, c: SwarmCluster, current: ServiceSpec, f: Flags, env: Readonly<Record<string, string>>,
): SpecBuild {
  let s: ServiceSpec = { ...current };
  let warning = "";
  if (f.changed("replicas")) {
    if (s.mode.kind !== "replicated" && s.mode.kind !== "replicated-job") return { ok: false, error: "replicas can only be used with replicated mode" };
    s.mode = { ...s.mode, replicas: f.int("replicas") };
  }
  if (f.changed("max-concurrent")) {
    if (s.mode.kind !== "replicated-job") return { ok: false, error: "max-concurrent can only be used with replicated-job mode" };
    s.mode = { ...s.mode, maxConcurrent: f.int("max-concurrent") };
  }
  if (f.changed("image")) {
    const r = resolveServiceImage(world, f.str("image"), f.bool("no-resolve-image"));
    s.image = r.image;
    warning = r.warning;
  }
  if (f.changed("args")) s.args = f.str("args").split(/\s+/).filter(Boolean);
  const keyOfEnv = (e: string) => e.split("=")[0]!;
  s.env = [...removeKeys(s.env, [...f.list("env-rm"), ...f.list("env-add").map(keyOfEnv)], keyOfEnv), ...envList(f.list("env-add"), env)];
  s.labels = { ...s.labels };
  for (const k of f.list("label-rm")) delete s.labels[k];
  Object.assign(s.labels, keyValues(f.list("label-add")));
  s.containerLabels = { ...s.containerLabels };
  for (const k of f.list("container-label-rm")) delete s.containerLabels[k];
  Object.assign(s.containerLabels, keyValues(f.list("container-label-add")));
  // updatePlacementConstraints: the additions appended (duplicates kept), then the removals taken
  // out, then sort.Strings "so that result is predictable".
  if (f.changed("constraint-add") || f.changed("constraint-rm")) {
    s.constraints = [...s.constraints, ...f.list("constraint-add")].filter((x) => !f.list("constraint-rm").includes(x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const prefsRm = f.list("placement-pref-rm").map((p) => (parsePref(p).ok ? (parsePref(p) as { value: string }).value : p));
  s.preferences = [...s.preferences.filter((p) => !prefsRm.includes(p)), ...f.list("placement-pref-add").map((p) => (parsePref(p) as { value: string }).value)];
  if (f.changed("mount-add") || f.changed("mount-rm")) {
    // updateMounts: the additions by target (one target twice is refused), the old mounts whose
    // target was not re-added, the removals (by target) taken out, sorted by source then target.
    const byTarget = new Map<string, ServiceSpec["mounts"][0]>();
    for (const m of f.list("mount-add").map((v) => (parseMount(v) as { value: ServiceSpec["mounts"][0] }).value)) {
      if (byTarget.has(m.target)) return { ok: false, error: "duplicate mount target" };
      byTarget.set(m.target, m);
    }
    for (const m of s.mounts) if (!byTarget.has(m.target)) byTarget.set(m.target, m);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    s.mounts = [...byTarget.values()].filter((m) => !f.list("mount-rm").includes(m.target))
      .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target));
  }
  if (f.changed("publish-add") || f.changed("publish-rm")) {
    // updatePorts: the ports as a set of "published:target/proto/mode"; --publish-rm takes out
    // those with its target, protocol and mode (whatever their published port); --publish-add
    // appends what is not already there (a second port on the same published port stays, for
    // swarmkit to refuse); sorted by that string.
    type Port = ServiceSpec["ports"][0];
    const key = (p: Port) => `${p.publishedPort}:${p.targetPort}/${p.protocol}/${p.publishMode}`;
    const parse = (list: string[]) => list.flatMap((v) => (parsePort(v) as { value: Port[] }).value);
    const set = new Map<string, Port>();
    for (const p of s.ports) if (!set.has(key(p))) set.set(key(p), p);
    const rm = parse(f.list("publish-rm"));
    const kept = [...set.values()].filter((p) => !rm.some((r) => r.protocol === p.protocol && r.targetPort === p.targetPort && r.publishMode === p.publishMode));
    const added = parse(f.list("publish-add")).filter((p) => !set.has(key(p)));
    s.ports = [...kept, ...added].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  s = applyCommon(s, f);
  if (f.changed("secret-rm") || f.changed("secret-add")) {
    const adds = objectRefs(c, f.list("secret-add"), "secret");
    if ("error" in adds) return { ok: false, error: adds.error };
    // getUpdatedSecrets removes by SecretName only (an ID or unknown name removes nothing).
    s.secrets = [...s.secrets.filter((x) => !f.list("secret-rm").includes(x.name)), ...adds];
  }
  if (f.changed("config-rm") || f.changed("config-add")) {
    const adds = objectRefs(c, f.list("config-add"), "config");
    if ("error" in adds) return { ok: false, error: adds.error };
    s.configs = [...s.configs.filter((x) => !f.list("config-rm").includes(x.name)), ...adds];
  }
  if (f.changed("network-add") || f.changed("network-rm")) {
    // updateNetworks: each --network-rm is looked up among swarm networks first (an unknown one
    // fails the update), then each --network-add must not already be attached.
    const rm: string[] = [];
    for (const ref of f.list("network-rm")) {
      const found = findNetwork(world, host, ref);
      if (!found.ok || found.network.scope !== "swarm") return { ok: false, error: `${DAEMON}network ${ref} not found` };
      rm.push(found.network.net.id);
    }
    const nets = s.networks.filter((id) => !rm.includes(id));
    for (const ref of f.list("network-add")) {
      const add = networkIds(world, host, [ref]);
      if ("error" in add) return { ok: false, error: add.error };
      // NetworkOpt's long syntax lower-cases each field (name=MyNet names "mynet") and trims the value.
    const long = /\w+=\w+(,\w+=\w+)*/.test(ref);
    const name = long ? (ref.toLowerCase().split(",").find((p) => /^\s*name\s*=/.test(p))?.split("=")[1]?.trim() ?? ref) : ref;
      if (nets.includes(add[0]!)) return { ok: false, error: `service is already attached to network ${name}` };
      nets.push(add[0]!);
    }
    // updateNetworks sorts the attachments by network ID, as ToService does.
    s.networks = nets.sort();
  }
  if (f.changed("init")) s.init = f.bool("init");
  if (f.changed("group-add") || f.changed("group-rm")) s = withGroups(s, updatedGroups(s.groups ?? [], f.list("group-add"), f.list("group-rm")));
  if (f.changed("read-only")) {
    const { readOnly: _r, ...rest } = s;
    s = f.bool("read-only") ? { ...rest, readOnly: true } : rest;
  }
  if (f.changed("tty")) {
    const { tty: _t, ...rest } = s;
    s = f.bool("tty") ? { ...rest, tty: true } : rest;
  }
  if (f.changed("stop-signal")) {
    const { stopSignal: _s, ...rest } = s;
    s = f.str("stop-signal") ? { ...rest, stopSignal: f.str("stop-signal") } : rest;
  }
  Object.assign(s, extrasFromUpdate(s, f));
  if (f.bool("force")) s.forceUpdate = current.forceUpdate + 1;
  return { ok: true, spec: s, warning };
}
