// The normalized Compose model shared by `docker compose` and `docker stack`: the short forms
// (ports "8080:80", volumes "data:/data:ro", environment lists, depends_on lists, networks
// lists, `command: string`) turned into their long forms, as compose-go / docker/cli do.

import { isObject } from "./json-schema";

export interface PortConfig {
  mode: "ingress" | "host";
  target: number;
  published?: string;
  protocol: string;
  host_ip?: string;
}

export interface VolumeMount {
  type: "volume" | "bind" | "tmpfs";
  source?: string;
  target: string;
  read_only?: boolean;
}

export interface ServiceModel {
  name: string;
  /** The interpolated, validated mapping as written (after merges). */
  raw: Record<string, unknown>;
  image?: string;
  hasBuild: boolean;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string | null>;
  ports: PortConfig[];
  volumes: VolumeMount[];
  networks: Record<string, Record<string, unknown> | null>;
  dependsOn: Record<string, { condition: string; required: boolean }>;
  profiles: string[];
  containerName?: string;
  restart?: string;
  labels: Record<string, string>;
  deploy: Record<string, unknown>;
  secrets: ObjectFileRef[];
  configs: ObjectFileRef[];
}

/** A service's reference to a secret or config: its long form's source, target, uid, gid and mode. */
export interface ObjectFileRef {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  /** As written: an int (go-yaml reads 0440 as octal) or an octal string. */
  mode?: unknown;
}

export interface ComposeModel {
  /** Every top-level key (interpolated, merged), x-… included. */
  raw: Record<string, unknown>;
  services: ServiceModel[];
  networks: Record<string, Record<string, unknown>>;
  volumes: Record<string, Record<string, unknown>>;
  secrets: Record<string, Record<string, unknown>>;
  configs: Record<string, Record<string, unknown>>;
}

/** Go's shellwords split of a string command, as `command: nginx -g 'daemon off;'` is split. */
export function shellSplit(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let have = false;
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === "\\" && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      q = c;
      have = true;
    } else if (c === "\\" && i + 1 < s.length) {
      cur += s[++i];
      have = true;
    } else if (/\s/.test(c)) {
      if (have || cur) out.push(cur);
      cur = "";
      have = false;
    } else cur += c;
  }
  if (have || cur) out.push(cur);
  return out;
}

export const toStringMap = (v: unknown, sep = "="): Record<string, string | null> => {
  const out: Record<string, string | null> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const i = s.indexOf(sep);
      if (i < 0) out[s] = null;
      else out[s.slice(0, i)] = s.slice(i + 1);
    }
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? null : scalar(x);
  }
  return out;
};

export function scalar(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** One short port spec → its long forms ("9000-9001:9000-9001" gives one per port). */
export function parsePortShort(spec: string): PortConfig[] | string {
  let s = spec;
  let protocol = "tcp";
  const slash = s.lastIndexOf("/");
  if (slash >= 0) {
    protocol = s.slice(slash + 1);
    s = s.slice(0, slash);
  }
  const parts = s.split(":");
  let hostIp: string | undefined;
  let published: string | undefined;
  let target: string;
  if (parts.length === 1) target = parts[0]!;
  else if (parts.length === 2) [published, target] = [parts[0]!, parts[1]!];
  else {
    target = parts[parts.length - 1]!;
    published = parts[parts.length - 2]!;
    hostIp = parts.slice(0, -2).join(":");
  }
  const range = (r: string): number[] | undefined => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(r);
    if (!m) return undefined;
    const a = Number(m[1]), b = Number(m[2] ?? m[1]);
    if (b < a || b - a > 1000) return undefined;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  };
  const targets = range(target);
  if (!targets) return `Invalid containerPort: ${target}`;
  const pubs = published ? range(published) : undefined;
  if (published && !pubs) return `Invalid hostPort: ${published}`;
  return targets.map((t, i) => {
    const p: PortConfig = { mode: "ingress", target: t, protocol };
    if (hostIp) p.host_ip = hostIp;
    if (pubs) p.published = String(pubs.length === targets.length ? pubs[i] : pubs[0]);
    return p;
  });
}

export function normalizePorts(v: unknown): PortConfig[] {
  if (!Array.isArray(v)) return [];
  const out: PortConfig[] = [];
  for (const item of v) {
    if (isObject(item)) {
      const p: PortConfig = {
        mode: item.mode === "host" ? "host" : "ingress",
        target: Number(item.target),
        protocol: String(item.protocol ?? "tcp"),
      };
      if (item.published !== undefined && item.published !== null) p.published = String(item.published);
      if (typeof item.host_ip === "string") p.host_ip = item.host_ip;
      out.push(p);
    } else {
      const r = parsePortShort(String(item));
      if (typeof r !== "string") out.push(...r);
    }
  }
  return out;
}

/** compose-go/docker-cli ParseVolume's rejection of a short volume spec, if any (`:/media` after an unset variable). */
export function volumeSpecError(spec: string): string | undefined {
  if (spec.length === 0) return "invalid empty volume spec";
  if (spec.length <= 2) return undefined;
  const parts = spec.replace(/^[A-Za-z]:\\/, "").split(":");
  if (parts.length > 3) return `invalid spec: ${spec}: too many colons`;
  if (parts.some((p) => p === "")) return `invalid spec: ${spec}: empty section between colons`;
  return undefined;
}

/** The first bad short volume spec of the services, with its index. */
export function firstVolumeSpecError(services: unknown): { service: string; index: number; error: string } | undefined {
  if (!isObject(services)) return undefined;
  for (const name of Object.keys(services).sort()) {
    const s = services[name];
    if (!isObject(s) || !Array.isArray(s.volumes)) continue;
    for (const [index, v] of s.volumes.entries()) {
      const error = typeof v === "string" ? volumeSpecError(v) : undefined;
      if (error) return { service: name, index, error };
    }
  }
  return undefined;
}

/** `data:/data:ro`, `./html:/usr/share/nginx/html`, `/var/lib` (anonymous). */
export function normalizeVolumes(v: unknown, resolvePath: (p: string) => string): VolumeMount[] {
  if (!Array.isArray(v)) return [];
  return v.map((item): VolumeMount => {
    if (isObject(item)) {
      const m: VolumeMount = { type: (item.type as VolumeMount["type"]) ?? "volume", target: String(item.target ?? "") };
      if (item.source !== undefined) m.source = m.type === "bind" ? resolvePath(String(item.source)) : String(item.source);
      if (item.read_only) m.read_only = true;
      return m;
    }
    const parts = String(item).split(":");
    if (parts.length === 1) return { type: "volume", target: parts[0]! };
    const [src, target, mode] = parts as [string, string, string | undefined];
    const isPath = src.startsWith(".") || src.startsWith("/") || src.startsWith("~");
    const m: VolumeMount = isPath
      ? { type: "bind", source: resolvePath(src), target }
      : { type: "volume", source: src, target };
    if (mode?.split(",").includes("ro")) m.read_only = true;
    return m;
  });
}

export function normalizeService(name: string, raw: Record<string, unknown>, resolvePath: (p: string) => string): ServiceModel {
  const cmd = (v: unknown) => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : shellSplit(String(v)));
  const nets: Record<string, Record<string, unknown> | null> = {};
  if (Array.isArray(raw.networks)) for (const n of raw.networks) nets[String(n)] = null;
  else if (isObject(raw.networks)) for (const [k, x] of Object.entries(raw.networks)) nets[k] = isObject(x) ? x : null;
  const deps: ServiceModel["dependsOn"] = {};
  if (Array.isArray(raw.depends_on)) for (const d of raw.depends_on) deps[String(d)] = { condition: "service_started", required: true };
  else if (isObject(raw.depends_on)) {
    for (const [k, x] of Object.entries(raw.depends_on)) {
      const o = isObject(x) ? x : {};
      deps[k] = { condition: String(o.condition ?? "service_started"), required: o.required !== false };
    }
  }
  const refs = (v: unknown): ObjectFileRef[] =>
    Array.isArray(v) ? v.map((x) => (isObject(x) ? {
      source: String(x.source), ...(x.target ? { target: String(x.target) } : {}),
      ...(x.uid !== undefined ? { uid: String(x.uid) } : {}), ...(x.gid !== undefined ? { gid: String(x.gid) } : {}),
      ...(x.mode !== undefined ? { mode: x.mode } : {}),
    } : { source: String(x) })) : [];
  const labels: Record<string, string> = {};
  for (const [k, x] of Object.entries(toStringMap(raw.labels))) labels[k] = x ?? "";
  return {
    name,
    raw,
    image: typeof raw.image === "string" ? raw.image : undefined,
    hasBuild: raw.build !== undefined,
    command: cmd(raw.command),
    entrypoint: cmd(raw.entrypoint),
    environment: toStringMap(raw.environment),
    ports: normalizePorts(raw.ports),
    volumes: normalizeVolumes(raw.volumes, resolvePath),
    networks: nets,
    dependsOn: deps,
    profiles: Array.isArray(raw.profiles) ? raw.profiles.map(String) : [],
    containerName: typeof raw.container_name === "string" ? raw.container_name : undefined,
    restart: typeof raw.restart === "string" ? raw.restart : undefined,
    labels,
    deploy: isObject(raw.deploy) ? raw.deploy : {},
    secrets: refs(raw.secrets),
    configs: refs(raw.configs),
  };
}

/** Services in dependency order (dependencies first; ties by name), as compose starts them. */
export function dependencyOrder(services: ServiceModel[]): ServiceModel[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const out: ServiceModel[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (s: ServiceModel) => {
    if (state.get(s.name)) return;
    state.set(s.name, "visiting");
    for (const d of Object.keys(s.dependsOn).sort()) {
      const dep = byName.get(d);
      if (dep) visit(dep);
    }
    state.set(s.name, "done");
    out.push(s);
  };
  for (const s of [...services].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(s);
  return out;
}
