// docker/cli's typed flag values for services (opts/port.go, mount.go, secret.go, config.go,
// placement-pref, go-units RAMInBytes, NanoCPUs, time.ParseDuration): parsers returning data,
// and pflag value checks returning the exact error detail (wrapped by the CLI as
// `invalid argument "<v>" for "<flag>" flag: <detail>`, exit 125).

import type { MountSpec, PortConfig } from "../swarm/types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function csvFields(v: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (const ch of v) {
    if (ch === '"') q = !q;
    else if (ch === "," && !q) { out.push(cur); cur = ""; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const parseUint16 = (s: string): number | string =>
  /^\d+$/.test(s) && Number(s) <= 65535 ? Number(s) : `strconv.ParseUint: parsing ${JSON.stringify(s)}: ${/^\d+$/.test(s) ? "value out of range" : "invalid syntax"}`;

export function parsePort(v: string): Parsed<PortConfig[]> {
  if (/\w+=\w+(,\w+=\w+)*/.test(v)) {
    const p: PortConfig = { protocol: "tcp", targetPort: 0, publishedPort: 0, publishMode: "ingress" };
    for (const field of csvFields(v)) {
      const lower = field.toLowerCase();
      const i = lower.indexOf("=");
      if (i <= 0) return { ok: false, error: `invalid field: ${field}` };
      const key = lower.slice(0, i);
      const val = lower.slice(i + 1);
      if (key === "protocol") {
        if (val !== "tcp" && val !== "udp" && val !== "sctp") return { ok: false, error: `invalid protocol value '${val}'` };
        p.protocol = val;
      } else if (key === "mode") {
        if (val !== "ingress" && val !== "host") return { ok: false, error: `invalid publish mode value (${val}): must be either 'ingress' or 'host'` };
        p.publishMode = val;
      } else if (key === "target") {
        const n = parseUint16(val);
        if (typeof n === "string") return { ok: false, error: n };
        p.targetPort = n;
      } else if (key === "published") {
        const n = parseUint16(val);
        if (typeof n === "string") return { ok: false, error: n };
        p.publishedPort = n;
      } else return { ok: false, error: `invalid field key: ${key}` };
    }
    if (p.targetPort === 0) return { ok: false, error: "missing mandatory field 'target'" };
    return { ok: true, value: [p] };
  }
  // Short syntax (nat.ParsePortSpecs): [published:]target[/proto], ranges allowed.
  const [body, proto = "tcp", ...extra] = v.split("/");
  if (extra.length || !["tcp", "udp", "sctp"].includes(proto.toLowerCase())) return { ok: false, error: `invalid proto: ${proto}` };
  const parts = body!.split(":");
  if (parts.length > 2) return { ok: false, error: "hostip is not supported" };
  const [pub, target] = parts.length === 2 ? [parts[0]!, parts[1]!] : ["", parts[0]!];
  const range = (s: string, what: string): [number, number] | string => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return `invalid ${what}: ${s}`;
    return [Number(m[1]), Number(m[2] ?? m[1])];
  };
  const t = range(target, "containerPort");
  if (typeof t === "string") return { ok: false, error: t.replace("invalid", "Invalid") };
  let p: [number, number] = [0, 0];
  if (pub !== "") {
    const r = range(pub, "hostPort");
    if (typeof r === "string") return { ok: false, error: r.replace("invalid", "Invalid") };
    p = r;
  }
  const out: PortConfig[] = [];
  for (let i = 0; i <= t[1] - t[0] && i < 1000; i++) {
    out.push({ protocol: proto.toLowerCase() as PortConfig["protocol"], targetPort: t[0] + i, publishedPort: pub === "" ? 0 : p[0] + i, publishMode: "ingress" });
  }
  return { ok: true, value: out };
}

const MOUNT_KEYS = new Set(["type", "source", "src", "target", "dst", "destination", "readonly", "ro", "consistency",
  "bind-propagation", "bind-recursive", "bind-nonrecursive", "volume-nocopy", "volume-label", "volume-driver",
  "volume-opt", "volume-subpath", "tmpfs-size", "tmpfs-mode", "image-subpath"]);

export function parseMount(v: string): Parsed<MountSpec> {
  const m: MountSpec = { type: "volume", source: "", target: "", readOnly: false };
  for (const field of csvFields(v)) {
    const i = field.indexOf("=");
    const key = (i < 0 ? field : field.slice(0, i)).toLowerCase();
    const val = i < 0 ? "" : field.slice(i + 1);
    if (i < 0 && !["readonly", "ro", "volume-nocopy", "bind-nonrecursive"].includes(key)) {
      return { ok: false, error: `invalid field '${field}' must be a key=value pair` };
    }
    if (!MOUNT_KEYS.has(key)) return { ok: false, error: `unexpected key '${key}' in '${field}'` };
    if (key === "type") m.type = val.toLowerCase();
    else if (key === "source" || key === "src") m.source = val;
    else if (key === "target" || key === "dst" || key === "destination") m.target = val;
    else if (key === "readonly" || key === "ro") m.readOnly = i < 0 || ["1", "true", "t", "True", "TRUE"].includes(val);
  }
  if (!m.target) return { ok: false, error: "target is required" };
  return { ok: true, value: m };
}

export interface ObjectRequest {
  source: string;
  target: string;
}

export function parseObjectRef(v: string, kind: "secret" | "config"): Parsed<ObjectRequest> {
  if (!v.includes("=")) return { ok: true, value: { source: v, target: v } };
  const r: ObjectRequest = { source: "", target: "" };
  for (const field of csvFields(v)) {
    const i = field.indexOf("=");
    const key = field.slice(0, i < 0 ? field.length : i).toLowerCase();
    const val = i < 0 ? "" : field.slice(i + 1);
    if (i < 0) return { ok: false, error: `invalid field '${field}' must be a key=value pair` };
    if (key === "source" || key === "src") r.source = val;
    else if (key === "target") r.target = val;
    else if (!["uid", "gid", "mode"].includes(key)) return { ok: false, error: `invalid field in ${kind} request: ${key}` };
  }
  if (!r.source) return { ok: false, error: "source is required" };
  if (!r.target) r.target = r.source;
  return { ok: true, value: r };
}

export function parsePref(v: string): Parsed<string> {
  const i = v.indexOf("=");
  if (i < 0) return { ok: false, error: `placement preference must be of the format "<strategy>=<arg>"` };
  const strategy = v.slice(0, i).toLowerCase();
  if (strategy !== "spread") return { ok: false, error: `unsupported placement preference ${v.slice(0, i)} (only spread is supported)` };
  return { ok: true, value: v.slice(i + 1) };
}

/** go-units RAMInBytes: binary multipliers, case-insensitive unit with optional i/b. */
export function parseBytes(v: string): Parsed<number> {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(v.trim());
  if (!m) return { ok: false, error: `invalid size: '${v}'` };
  const unit = m[2]!.toLowerCase().replace(/i?b$/, "").replace(/i$/, "");
  const pow: Record<string, number> = { "": 0, k: 1, m: 2, g: 3, t: 4, p: 5 };
  if (!(unit in pow) || m[2]!.length > 3) return { ok: false, error: `invalid suffix: '${m[2]}'` };
  return { ok: true, value: Math.floor(parseFloat(m[1]!) * 1024 ** pow[unit]!) };
}

/** NanoCPUs: a decimal with at most 9 fractional digits. */
export function parseCpus(v: string): Parsed<number> {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(v.trim());
  if (!m || v.trim() === "" || v.trim() === ".") return { ok: false, error: `failed to parse ${v} as a rational number` };
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 9) return { ok: false, error: "value is too precise" };
  return { ok: true, value: Number(m[1] || "0") * 1e9 + Number((frac + "000000000").slice(0, 9)) };
}

/** Go time.ParseDuration's error text, or undefined when valid. */
export function checkDuration(v: string): string | undefined {
  const q = JSON.stringify(v);
  if (v === "" ) return `time: invalid duration ${q}`;
  if (/^[+-]?0$/.test(v)) return undefined;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return `time: missing unit in duration ${q}`;
  const re = /(\d+(?:\.\d*)?|\.\d+)([a-zµ]+)/gy;
  let s = v.replace(/^[+-]/, "");
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s)) !== null) {
    if (!["ns", "us", "µs", "ms", "s", "m", "h"].includes(m[2]!)) return `time: unknown unit ${JSON.stringify(m[2])} in duration ${q}`;
    pos = re.lastIndex;
  }
  s = s.slice(pos);
  return s === "" && pos > 0 ? undefined : `time: invalid duration ${q}`;
}

const fromParsed = <T>(p: (v: string) => Parsed<T>) => (v: string): string | undefined => {
  const r = p(v);
  return r.ok ? undefined : r.error;
};

/** The `values` table for service create/update handlers. */
export const SERVICE_VALUE_CHECKS: Record<string, (v: string) => string | undefined> = {
  publish: fromParsed(parsePort),
  "publish-add": fromParsed(parsePort),
  mount: fromParsed(parseMount),
  "mount-add": fromParsed(parseMount),
  secret: fromParsed((v) => parseObjectRef(v, "secret")),
  "secret-add": fromParsed((v) => parseObjectRef(v, "secret")),
  config: fromParsed((v) => parseObjectRef(v, "config")),
  "config-add": fromParsed((v) => parseObjectRef(v, "config")),
  "placement-pref": fromParsed(parsePref),
  "placement-pref-add": fromParsed(parsePref),
  "reserve-memory": fromParsed(parseBytes),
  "limit-memory": fromParsed(parseBytes),
  "reserve-cpu": fromParsed(parseCpus),
  "limit-cpu": fromParsed(parseCpus),
  "restart-delay": checkDuration, "restart-window": checkDuration, "update-delay": checkDuration,
  "update-monitor": checkDuration, "rollback-delay": checkDuration, "rollback-monitor": checkDuration,
  "stop-grace-period": checkDuration, "health-interval": checkDuration, "health-timeout": checkDuration,
  "health-start-period": checkDuration, "health-start-interval": checkDuration,
};
