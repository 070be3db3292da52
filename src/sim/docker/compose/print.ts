// The normalized model as `docker stack config` (docker/cli's types.Config marshalled by
// yaml.v3: struct field order, services sorted) and `docker compose config` (compose-go's
// project: name, services with networks/default, top-level networks with their real names)
// print it.

import { Document, isScalar, Scalar, stringify, visit } from "yaml";
import { formatGoDuration, parseDuration } from "../../clock";
import { parseMemory } from "../../cluster-spec";
import { isObject } from "./json-schema";
import { normalizePorts, normalizeVolumes, shellSplit, toStringMap, type ComposeModel } from "./model";
import type { Project } from "./project";

/** docker/cli ServiceConfig field order (yaml tags). */
const STACK_SERVICE_ORDER = [
  "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent", "command", "configs", "container_name", "credential_spec",
  "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint", "environment", "env_file", "expose",
  "external_links", "extra_hosts", "hostname", "healthcheck", "image", "init", "ipc", "isolation", "labels", "links",
  "logging", "mac_address", "network_mode", "networks", "pid", "ports", "privileged", "read_only", "restart", "secrets",
  "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits",
  "user", "userns_mode", "volumes", "working_dir",
];
const DEPLOY_ORDER = ["mode", "replicas", "labels", "update_config", "rollback_config", "resources", "restart_policy", "placement", "endpoint_mode"];
const HEALTH_ORDER = ["test", "timeout", "interval", "retries", "start_period", "start_interval", "disable"];

function ordered(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o).sort()) if (!(k in out)) out[k] = o[k];
  return out;
}

const sortedMap = (m: Record<string, unknown>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));

function resources(r: unknown): unknown {
  if (!isObject(r)) return r;
  const out: Record<string, unknown> = {};
  for (const side of ["limits", "reservations"]) {
    const v = r[side];
    if (!isObject(v)) continue;
    const x: Record<string, unknown> = {};
    if (v.cpus !== undefined) x.cpus = String(v.cpus);
    if (v.memory !== undefined) x.memory = String(parseMemory(String(v.memory)) ?? v.memory);
    for (const k of Object.keys(v)) if (!(k in x)) x[k] = v[k];
    out[side] = x;
  }
  return out;
}

const BUILD_ORDER = ["context", "dockerfile", "args", "labels", "cache_from", "extra_hosts", "network", "target", "shm_size", "isolation"];
const NETWORK_ORDER = ["name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels"];
const VOLUME_ORDER = ["name", "driver", "driver_opts", "external", "labels"];
const FILE_OBJECT_ORDER = ["name", "file", "environment", "external", "labels", "driver", "driver_opts", "template_driver"];

/** Go's filepath.Clean for absolute paths. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

const stringValues = (o: unknown) => (isObject(o) ? sortedMap(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? "" : String(v)]))) : o);

/** docker/cli's types.Duration fields print as Go's Duration.String() ("2m0s"). */
function goDur(v: unknown): unknown {
  if (typeof v !== "string" && typeof v !== "number") return v;
  const ms = typeof v === "number" ? v / 1e6 : parseDuration(v);
  return ms === undefined ? v : formatGoDuration(ms);
}
function durations(o: unknown, keys: string[]): unknown {
  if (!isObject(o)) return o;
  const out: Record<string, unknown> = { ...o };
  for (const k of keys) if (out[k] !== undefined && out[k] !== null) out[k] = goDur(out[k]);
  return out;
}

/** A top-level network/volume/secret/config: `external` gets its name, as docker/cli's loader sets it. */
function topLevel(v: Record<string, unknown>, key: string, order: string[], resolve: (p: string) => string): Record<string, unknown> {
  const x: Record<string, unknown> = { ...v };
  if (typeof x.file === "string") x.file = resolve(x.file);
  if (x.driver_opts !== undefined) x.driver_opts = stringValues(x.driver_opts);
  if (isObject(x.external)) {
    if (typeof x.external.name === "string") x.name = x.external.name;
    x.external = true;
  }
  // loadNetworks / loadFileObjectConfig: an external object without a name (or with an empty
  // one, an unset variable) is looked up by its key; elsewhere an empty name is omitted.
  if (x.external === true && (x.name === undefined || x.name === "")) x.name = key;
  if (x.name === "") delete x.name;
  // Labels are a map[string]string: a list becomes a mapping, sorted, values as strings.
  if (x.labels !== undefined && x.labels !== null) x.labels = sortedMap(Object.fromEntries(Object.entries(toStringMap(x.labels)).map(([k, v]) => [k, v ?? ""])));
  return ordered(x, order);
}

function stackService(raw: Record<string, unknown>, resolve: (p: string) => string): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) s[k] = v;
  if (isObject(s.networks)) s.networks = sortedMap(s.networks);
  if (Array.isArray(s.expose)) s.expose = s.expose.map(String);
  if (Array.isArray(s.sysctls)) s.sysctls = sortedMap(toStringMap(s.sysctls) as Record<string, unknown>);
  if (isObject(s.build)) s.build = ordered({ ...s.build, ...(s.build.args !== undefined ? { args: sortedMap(toStringMap(s.build.args)) } : {}) }, BUILD_ORDER);
  if (isObject(s.logging) && s.logging.options !== undefined) s.logging = { ...s.logging, options: stringValues(s.logging.options) };
  if (s.stop_grace_period !== undefined) s.stop_grace_period = goDur(s.stop_grace_period);
  if (typeof s.command === "string") s.command = shellSplit(s.command);
  if (typeof s.entrypoint === "string") s.entrypoint = shellSplit(s.entrypoint);
  if (s.environment !== undefined) s.environment = sortedMap(toStringMap(s.environment));
  if (s.labels !== undefined) s.labels = sortedMap(Object.fromEntries(Object.entries(toStringMap(s.labels)).map(([k, v]) => [k, v ?? ""])));
  if (typeof s.build === "string") s.build = { context: s.build };
  if (typeof s.env_file === "string") s.env_file = [s.env_file];
  if (Array.isArray(s.networks)) s.networks = Object.fromEntries(s.networks.map((n) => [String(n), null]));
  if (isObject(s.networks)) s.networks = sortedMap(s.networks);
  if (s.ports !== undefined) s.ports = normalizePorts(s.ports).map((p) => ({ mode: p.mode, ...(p.host_ip ? { host_ip: p.host_ip } : {}), target: p.target, ...(p.published ? { published: Number(p.published) } : {}), protocol: p.protocol }));
  if (s.volumes !== undefined) s.volumes = normalizeVolumes(s.volumes, resolve).map((v) => ({ type: v.type, ...(v.source ? { source: v.source } : {}), target: v.target, ...(v.read_only ? { read_only: true } : {}) }));
  for (const k of ["secrets", "configs"]) if (Array.isArray(s[k])) s[k] = (s[k] as unknown[]).map((x) => (isObject(x) ? x : { source: String(x) }));
  if (isObject(s.deploy)) {
    const d: Record<string, unknown> = { ...s.deploy };
    if (d.resources !== undefined) d.resources = resources(d.resources);
    if (d.labels !== undefined) d.labels = sortedMap(Object.fromEntries(Object.entries(toStringMap(d.labels)).map(([k, v]) => [k, v ?? ""])));
    for (const k of ["update_config", "rollback_config"]) if (d[k] !== undefined) d[k] = durations(d[k], ["delay", "monitor"]);
    if (d.restart_policy !== undefined) d.restart_policy = durations(d.restart_policy, ["delay", "window"]);
    s.deploy = ordered(d, DEPLOY_ORDER);
  }
  if (isObject(s.healthcheck)) s.healthcheck = ordered(durations(s.healthcheck, ["timeout", "interval", "start_period", "start_interval"]) as Record<string, unknown>, HEALTH_ORDER);
  return ordered(s, STACK_SERVICE_ORDER);
}

/** Keeps the fields a docker/cli struct has (its schema lets other keys through, the struct drops them). */
const only = (v: unknown, keys: string[]): unknown => (isObject(v) ? Object.fromEntries(keys.filter((k) => v[k] !== undefined).map((k) => [k, v[k]])) : v);

/** How docker/cli's ServiceConfig marshals what compose's printer shows otherwise. */
function stackOnlyFields(raw: Record<string, unknown>, svc: Record<string, unknown>): void {
  // BuildConfig has these fields only (shm_size, isolation, secrets… load and vanish).
  if (isObject(svc.build)) svc.build = only(svc.build, ["context", "dockerfile", "args", "labels", "cache_from", "extra_hosts", "network", "target"]);
  for (const k of ["secrets", "configs"]) {
    if (Array.isArray(svc[k])) svc[k] = (svc[k] as unknown[]).map((x) => only(x, ["source", "target", "uid", "gid", "mode"]));
  }
  // A service network's driver_opts is a map[string]string.
  if (isObject(svc.networks)) {
    svc.networks = Object.fromEntries(Object.entries(svc.networks).map(([n, v]) => [n, isObject(v) && v.driver_opts !== undefined ? { ...v, driver_opts: stringValues(v.driver_opts) } : v]));
  }
  // Allowed by the 3.13 schema but not a ServiceConfig field: dropped on load.
  delete svc.oom_score_adj;
  // StringList fields: a single string becomes a one-item list.
  for (const k of ["dns", "dns_search", "tmpfs"]) if (typeof svc[k] === "string") svc[k] = [svc[k]];
  // Mapping (map[string]string): numbers and booleans are strings.
  if (isObject(svc.sysctls)) svc.sysctls = Object.fromEntries(Object.entries(svc.sysctls).map(([k, v]) => [k, v === null ? "" : String(v)]));
  // HostsList: a mapping becomes "host:ip" entries, sorted.
  if (isObject(svc.extra_hosts)) svc.extra_hosts = Object.keys(svc.extra_hosts).sort().map((k) => `${k}:${(svc.extra_hosts as Record<string, unknown>)[k]}`);
  // ServiceVolumeConfig keeps a long entry's consistency and its bind/volume/tmpfs options.
  if (Array.isArray(raw.volumes) && Array.isArray(svc.volumes) && raw.volumes.length === svc.volumes.length) {
    svc.volumes = raw.volumes.map((item, i) => {
      const v = (svc.volumes as Record<string, unknown>[])[i]!;
      if (!isObject(item)) return v;
      const extra: Record<string, unknown> = {};
      for (const k of ["consistency", "bind", "volume", "tmpfs"]) if (item[k] !== undefined && item[k] !== null && item[k] !== "") extra[k] = item[k];
      // ServiceVolumeBind / ServiceVolumeVolume / ServiceVolumeTmpfs: their fields only.
      for (const [k, keys] of [["bind", ["propagation"]], ["volume", ["nocopy", "subpath"]], ["tmpfs", ["size"]]] as const) {
        if (extra[k] !== undefined) extra[k] = only(extra[k], [...keys]);
      }
      return { ...v, ...extra };
    });
  }
}

/** ServiceConfig's pointer fields: marshalled (as `{}`) even when empty. */
const POINTER_FIELDS = new Set(["healthcheck", "logging", "deploy.restart_policy", "deploy.update_config", "deploy.rollback_config", "deploy.resources.limits", "deploy.resources.reservations"]);
/** Its struct fields: omitted (omitempty) once every field in them is. */
const STRUCT_FIELDS = new Set(["deploy", "deploy.resources", "deploy.placement", "build", "credential_spec"]);

/**
 * yaml.v3's omitempty on ServiceConfig: empty lists and maps are left out (`ports: []`, a
 * `!reset` list), structs whose fields are all left out too; pointers stay, as `{}`.
 */
function omitEmpty(o: Record<string, unknown>, prefix: string): void {
  for (const [k, v] of Object.entries(o)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) {
      if (!v.length) delete o[k];
      continue;
    }
    if (!isObject(v)) continue;
    if (STRUCT_FIELDS.has(path) || POINTER_FIELDS.has(path)) omitEmpty(v, path);
    if (!Object.keys(v).length && !POINTER_FIELDS.has(path)) delete o[k];
  }
}

/** `docker stack config` output for a loaded (merged, interpolated) model. */
export function printStackConfig(model: ComposeModel, workingDir: string): string {
  const resolve = (p: string) => (p.startsWith("/") ? p : cleanPath(`${workingDir}/${p}`));
  const raw = model.raw;
  const out: Record<string, unknown> = { version: raw.version ?? "3.13" };
  out.services = Object.fromEntries(model.services.map((s) => s.name).sort().map((n) => {
    const raw = model.services.find((s) => s.name === n)!.raw;
    const svc = stackService(raw, resolve);
    // docker/cli fills mode and protocol in only when it expands the short syntax; a long-syntax
    // entry keeps just the fields written (ServicePortConfig's omitempty).
    if (Array.isArray(raw.ports) && Array.isArray(svc.ports)) {
      let i = 0;
      svc.ports = raw.ports.flatMap((item) => {
        const expanded = isObject(item) ? 1 : normalizePorts([item]).length;
        const mine = (svc.ports as Record<string, unknown>[]).slice(i, i += expanded);
        // The host IP is dropped (a logrus warning at load: ignoredHostIps).
        if (!isObject(item)) return mine.map(({ host_ip: _ip, ...rest }) => rest);
        const kept: Record<string, unknown> = {};
        for (const k of ["mode", "target", "published", "protocol"]) if (item[k] !== undefined && item[k] !== null && item[k] !== "" && item[k] !== 0) kept[k] = item[k];
        return [kept];
      });
    }
    stackOnlyFields(raw, svc);
    omitEmpty(svc, "");
    return [n, svc];
  }));
  for (const k of ["networks", "volumes", "secrets", "configs"]) {
    const sec = raw[k];
    if (!isObject(sec) || !Object.keys(sec).length) continue;
    const order = k === "networks" ? NETWORK_ORDER : k === "volumes" ? VOLUME_ORDER : FILE_OBJECT_ORDER;
    out[k] = Object.fromEntries(Object.keys(sec).sort().map((n) => [n, topLevel(isObject(sec[n]) ? (sec[n] as Record<string, unknown>) : {}, n, order, resolve)]));
  }
  for (const k of Object.keys(raw).sort()) if (k.startsWith("x-")) out[k] = deepSort(raw[k]);
  const opts = { indent: 2, lineWidth: 0, nullStr: "null", defaultStringType: "PLAIN", defaultKeyType: "PLAIN", singleQuote: true } as const;
  const doc = new Document(quoteAmbiguous(out));
  // yaml.v3 quotes a mapping key YAML 1.1 would read otherwise too (a label `y`, a port "80").
  visit(doc, {
    // The encoder asks for plain style; libyaml's emitter falls back to single quotes (doubling
    // any ' inside) when plain is not allowed, where the yaml library would pick double quotes
    // for a string holding a single quote.
    Scalar(_, node) {
      if (node.type || typeof node.value !== "string" || !node.value.includes("'") || node.value.includes("\n")) return;
      if (/^["']/.test(stringify(node.value, { lineWidth: 0 }))) node.type = Scalar.QUOTE_SINGLE;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && AMBIGUOUS.test(pair.key.value)) pair.key.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(opts);
}

/** Strings YAML 1.1 would read as something else: yaml.v3 double-quotes these ("5432", "yes", "no"). */
const AMBIGUOUS = /^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|)$/;
function quoteAmbiguous(v: unknown): unknown {
  if (typeof v === "string" && AMBIGUOUS.test(v)) {
    const s = new Scalar(v);
    s.type = Scalar.QUOTE_DOUBLE;
    return s;
  }
  if (Array.isArray(v)) return v.map(quoteAmbiguous);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, quoteAmbiguous(x)]));
  return v;
}

/** `docker compose config`: the project with its name, default networks and real resource names. */
export function printComposeConfig(p: Project, active: string[] = p.model.services.map((s) => s.name)): string {
  const resolve = (x: string) => (x.startsWith("/") ? x : cleanPath(`${p.workingDir}/${x}`));
  const services: Record<string, unknown> = {};
  const usedNets = new Set<string>();
  // Services of profiles not enabled are left out (compose-go's DisabledServices).
  for (const s of [...p.model.services].filter((x) => active.includes(x.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const x = stackService(s.raw, resolve);
    // A build context resolves against the project directory; the Dockerfile defaults.
    if (isObject(x.build)) x.build = { ...x.build, context: resolve(String(x.build.context ?? ".")), dockerfile: x.build.dockerfile ?? "Dockerfile" };
    if (x.network_mode === undefined) {
      const nets = isObject(x.networks) ? x.networks : { default: null };
      x.networks = nets;
      for (const n of Object.keys(nets)) usedNets.add(n);
    }
    if (Array.isArray(x.ports)) x.ports = (x.ports as Record<string, unknown>[]).map((pt) => ({ ...pt, ...(pt.published !== undefined ? { published: String(pt.published) } : {}) }));
    // compose-go's populateType: a short-syntax bind creates its host path, a volume gets its
    // (empty) volume options.
    if (Array.isArray(s.raw.volumes) && Array.isArray(x.volumes)) {
      x.volumes = (x.volumes as Record<string, unknown>[]).map((v, i) => {
        if (isObject((s.raw.volumes as unknown[])[i])) return v;
        return v.type === "bind" ? { ...v, bind: { create_host_path: true } } : v.type === "volume" ? { ...v, volume: {} } : v;
      });
    }
    if (Array.isArray(s.raw.depends_on)) x.depends_on = Object.fromEntries(Object.keys(s.dependsOn).map((d) => [d, { condition: "service_started", required: true }]));
    services[s.name] = Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]));
  }
  const out: Record<string, unknown> = { name: p.name, services };
  const nets: Record<string, unknown> = {};
  for (const n of [...new Set([...usedNets, ...Object.keys(p.model.networks)])].sort()) {
    const def = p.model.networks[n] ?? {};
    nets[n] = { name: typeof def.name === "string" ? def.name : `${p.name}_${n}`, ...def };
  }
  if (Object.keys(nets).length) out.networks = nets;
  const vols: Record<string, unknown> = {};
  for (const n of Object.keys(p.model.volumes).sort()) {
    const def = p.model.volumes[n] ?? {};
    vols[n] = { name: typeof def.name === "string" ? def.name : `${p.name}_${n}`, ...def };
  }
  if (Object.keys(vols).length) out.volumes = vols;
  for (const k of ["secrets", "configs"]) if (isObject(p.model.raw[k])) out[k] = p.model.raw[k];
  return stringify(out, { indent: 2, lineWidth: 0, nullStr: "null" });
}

/** Go maps marshal with sorted keys. */
function deepSort(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepSort);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, deepSort(v[k])]));
  return v;
}
