// The normalized model as `docker stack config` (docker/cli's types.Config marshalled by
// yaml.v3: struct field order, services sorted) and `docker compose config` (compose-go's
// project: name, services with networks/default, top-level networks with their real names)
// print it.

import { stringify } from "yaml";
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

function stackService(raw: Record<string, unknown>, resolve: (p: string) => string): Record<string, unknown> {
  const s: Record<string, unknown> = { ...raw };
  if (typeof s.command === "string") s.command = shellSplit(s.command);
  if (typeof s.entrypoint === "string") s.entrypoint = shellSplit(s.entrypoint);
  if (s.environment !== undefined) s.environment = sortedMap(toStringMap(s.environment));
  if (s.labels !== undefined) s.labels = sortedMap(Object.fromEntries(Object.entries(toStringMap(s.labels)).map(([k, v]) => [k, v ?? ""])));
  if (typeof s.build === "string") s.build = { context: s.build };
  if (typeof s.env_file === "string") s.env_file = [s.env_file];
  if (Array.isArray(s.networks)) s.networks = Object.fromEntries(s.networks.map((n) => [String(n), null]));
  if (s.ports !== undefined) s.ports = normalizePorts(s.ports).map((p) => ({ mode: p.mode, ...(p.host_ip ? { host_ip: p.host_ip } : {}), target: p.target, ...(p.published ? { published: Number(p.published) } : {}), protocol: p.protocol }));
  if (s.volumes !== undefined) s.volumes = normalizeVolumes(s.volumes, resolve).map((v) => ({ type: v.type, ...(v.source ? { source: v.source } : {}), target: v.target, ...(v.read_only ? { read_only: true } : {}) }));
  for (const k of ["secrets", "configs"]) if (Array.isArray(s[k])) s[k] = (s[k] as unknown[]).map((x) => (isObject(x) ? x : { source: String(x) }));
  if (isObject(s.deploy)) {
    const d: Record<string, unknown> = { ...s.deploy };
    if (d.resources !== undefined) d.resources = resources(d.resources);
    if (d.labels !== undefined) d.labels = sortedMap(Object.fromEntries(Object.entries(toStringMap(d.labels)).map(([k, v]) => [k, v ?? ""])));
    s.deploy = ordered(d, DEPLOY_ORDER);
  }
  if (isObject(s.healthcheck)) s.healthcheck = ordered(s.healthcheck, HEALTH_ORDER);
  return ordered(s, STACK_SERVICE_ORDER);
}

/** `docker stack config` output for a loaded (merged, interpolated) model. */
export function printStackConfig(model: ComposeModel, workingDir: string): string {
  const resolve = (p: string) => (p.startsWith("/") ? p : `${workingDir}/${p.replace(/^\.\//, "")}`.replace(/\/$/, ""));
  const raw = model.raw;
  const out: Record<string, unknown> = { version: raw.version ?? "3.13" };
  out.services = Object.fromEntries(model.services.map((s) => s.name).sort().map((n) => [n, stackService(model.services.find((s) => s.name === n)!.raw, resolve)]));
  for (const k of ["networks", "volumes", "secrets", "configs"]) {
    const sec = raw[k];
    if (!isObject(sec) || !Object.keys(sec).length) continue;
    out[k] = Object.fromEntries(Object.keys(sec).sort().map((n) => {
      const v = isObject(sec[n]) ? { ...(sec[n] as Record<string, unknown>) } : {};
      if (typeof v.file === "string") v.file = resolve(v.file);
      return [n, v];
    }));
  }
  for (const k of Object.keys(raw).sort()) if (k.startsWith("x-")) out[k] = deepSort(raw[k]);
  return stringify(out, { indent: 2, lineWidth: 0, nullStr: "null", defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
}

/** `docker compose config`: the project with its name, default networks and real resource names. */
export function printComposeConfig(p: Project): string {
  const resolve = (x: string) => (x.startsWith("/") ? x : `${p.workingDir}/${x.replace(/^\.\//, "")}`.replace(/\/$/, ""));
  const services: Record<string, unknown> = {};
  const usedNets = new Set<string>();
  for (const s of [...p.model.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const x = stackService(s.raw, resolve);
    if (x.network_mode === undefined) {
      const nets = isObject(x.networks) ? x.networks : { default: null };
      x.networks = nets;
      for (const n of Object.keys(nets)) usedNets.add(n);
    }
    if (Array.isArray(x.ports)) x.ports = (x.ports as Record<string, unknown>[]).map((pt) => ({ ...pt, ...(pt.published !== undefined ? { published: String(pt.published) } : {}) }));
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
