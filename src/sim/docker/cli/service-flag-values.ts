// docker/cli's typed flag values for services (opts/port.go, mount.go, secret.go, config.go,
// placement-pref, go-units RAMInBytes, NanoCPUs, time.ParseDuration): parsers returning data,
// and pflag value checks returning the exact error detail (wrapped by the CLI as
// `invalid argument "<v>" for "<flag>" flag: <detail>`, exit 125).

import type { PortConfig } from "../swarm/types";
import { csvRecord, parseMount, parseObjectRef } from "./service-csv-flags";
import { shlexSplit } from "./shlex";
import { goDurationError, goParseDuration } from "../../cli/format/go-duration";
import { goQuote } from "../../cli/format/go-fmt";

export { csvRecord, parseMount, parseObjectRef, parseUintBase0, type ObjectRequest } from "./service-csv-flags";

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
  /^\d+$/.test(s) && Number(s) <= 65535 ? Number(s) : `strconv.ParseUint: parsing ${goQuote(s)}: ${/^\d+$/.test(s) ? "value out of range" : "invalid syntax"}`;

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
  return parseShortPort(v);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** net.ParseIP: dotted IPv4, or IPv6 (8 hex groups, one `::` standing for the missing ones, an IPv4 tail). */
function isIp(s: string): boolean {
  if (IPV4.test(s)) return true;
  if (!s.includes(":")) return false;
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  const all = groups.flat();
  const last = all[all.length - 1];
  const v4Tail = last !== undefined && IPV4.test(last);
  const hex = v4Tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** nat.ParsePortRange: "80" or "80-90" as uint16s; undefined when it does not parse. */
function natPortRange(r: string): [number, number] | undefined {
  const one = (x: string) => (/^\d+$/.test(x) && Number(x) <= 65535 ? Number(x) : undefined);
  if (!r.includes("-")) {
    const n = one(r);
    return n === undefined ? undefined : [n, n];
  }
  const [a, b] = r.split("-");
  const x = one(a!), y = one(b!);
  return x === undefined || y === undefined || y < x ? undefined : [x, y];
}

/**
 * Short syntax, as nat.ParsePortSpec reads it — [ip:][published:]target[/proto], ranges — then
 * PortOpt.Set: a host IP is refused, each host port of a range becomes a published port.
 */
function parseShortPort(v: string): Parsed<PortConfig[]> {
  const err = natPortSpecError(v);
  if (err) return { ok: false, error: err };
  return parseShortPortChecked(v);
}

/** nat.ParsePortSpec's refusal of a `-p` value, if any (host IPs allowed: `docker run` takes them). */
export function natPortSpecError(v: string): string | undefined {
  const r = parseShortPortChecked(v);
  return r.ok || r.error === "hostip is not supported" ? undefined : r.error;
}

function parseShortPortChecked(v: string): Parsed<PortConfig[]> {
  const parts = v.split(":");
  const n = parts.length;
  const [ip, host, rawContainer] = n === 1 ? ["", "", parts[0]!] : n === 2 ? ["", parts[0]!, parts[1]!] : [parts.slice(0, n - 2).join(":"), parts[n - 2]!, parts[n - 1]!];
  const sp = rawContainer.split("/");
  const [proto, container] = rawContainer === "" || sp[0] === "" ? ["", ""] : sp.length === 1 || sp[1] === "" ? ["tcp", sp[0]!] : [sp[1]!, sp[0]!];
  const bareIp = ip.startsWith("[") ? ip.replace(/^\[(.*)\]$/, "$1") : ip;
  if (bareIp !== "" && !isIp(bareIp)) return { ok: false, error: `invalid IP address: ${ip}` };
  if (container === "") return { ok: false, error: `no port specified: ${v}<empty>` };
  const t = natPortRange(container);
  if (!t) return { ok: false, error: `invalid containerPort: ${container}` };
  let h: [number, number] | undefined;
  if (host !== "") {
    h = natPortRange(host);
    if (!h) return { ok: false, error: `invalid hostPort: ${host}` };
    if (t[1] - t[0] !== h[1] - h[0] && t[1] !== t[0]) return { ok: false, error: `invalid ranges specified for container and host Ports: ${container} and ${host}` };
  }
  const protocol = proto.toLowerCase();
  if (!["tcp", "udp", "sctp"].includes(protocol)) return { ok: false, error: `invalid proto: ${protocol}` };
  if (ip !== "") return { ok: false, error: "hostip is not supported" };
  const out: PortConfig[] = [];
  const p = protocol as PortConfig["protocol"];
  if (t[0] === t[1] && h) {
    // One target, a host range: one published port per host port.
    for (let x = h[0]; x <= h[1] && out.length < 1000; x++) out.push({ protocol: p, targetPort: t[0], publishedPort: x, publishMode: "ingress" });
  } else {
    for (let i = 0; i <= t[1] - t[0] && i < 1000; i++) out.push({ protocol: p, targetPort: t[0] + i, publishedPort: h ? h[0] + i : 0, publishMode: "ingress" });
  }
  return { ok: true, value: out };
}

export function parsePref(v: string): Parsed<string> {
  const i = v.indexOf("=");
  if (i < 0) return { ok: false, error: `placement preference must be of the format "<strategy>=<arg>"` };
  const strategy = v.slice(0, i).toLowerCase();
  if (strategy !== "spread") return { ok: false, error: `unsupported placement preference ${v.slice(0, i)} (only spread is supported)` };
  return { ok: true, value: v.slice(i + 1) };
}

/**
 * go-units RAMInBytes (parseSize with binary multipliers): the number before the last digit, dot
 * or space is strconv.ParseFloat's, then an optional b, or k/m/g/t/p with b or ib, any case.
 */
export function parseBytes(v: string): Parsed<number> {
  const sep = Math.max(...[..."0123456789. "].map((ch) => v.lastIndexOf(ch)));
  if (sep < 0) return { ok: false, error: `invalid size: '${v}'` };
  const num = v[sep] === " " ? v.slice(0, sep) : v.slice(0, sep + 1);
  let sfx = v.slice(sep + 1);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) return { ok: false, error: `strconv.ParseFloat: parsing ${goQuote(num)}: invalid syntax` };
  const size = parseFloat(num);
  if (size < 0) return { ok: false, error: `invalid size: '${v}'` };
  if (sfx === "") return { ok: true, value: Math.trunc(size) };
  const badSuffix = { ok: false as const, error: `invalid suffix: '${sfx.length > 3 ? sfx : sfx.toLowerCase()}'` };
  if (sfx.length > 3) return badSuffix;
  sfx = sfx.toLowerCase();
  if (sfx[0] === "b") return sfx.length > 1 ? badSuffix : { ok: true, value: Math.trunc(size) };
  const pow: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };
  if (pow[sfx[0]!] === undefined) return badSuffix;
  if ((sfx.length === 2 && sfx[1] !== "b") || (sfx.length === 3 && sfx.slice(1) !== "ib")) return badSuffix;
  return { ok: true, value: Math.trunc(size * 1024 ** pow[sfx[0]!]!) };
}

/** NanoCPUs: a decimal with at most 9 fractional digits. */
export function parseCpus(v: string): Parsed<number> {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(v.trim());
  if (!m || v.trim() === "" || v.trim() === ".") return { ok: false, error: `failed to parse ${v} as a rational number` };
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 9) return { ok: false, error: "value is too precise" };
  return { ok: true, value: Number(m[1] || "0") * 1e9 + Number((frac + "000000000").slice(0, 9)) };
}

/** opts.PositiveDurationOpt (the --health-* durations): a Go duration that is not below zero. */
export function checkPositiveDuration(v: string): string | undefined {
  const d = goParseDuration(v);
  if ("error" in d) return d.error;
  return d.ns < 0 ? "duration cannot be negative" : undefined;
}

/** Go time.ParseDuration's error text, or undefined when valid. */
export const checkDuration = goDurationError;

const fromParsed = <T>(p: (v: string) => Parsed<T>) => (v: string): string | undefined => {
  const r = p(v);
  return r.ok ? undefined : r.error;
};

/** opts.ValidateIPAddress */
const checkIp = (v: string): string | undefined => (isIp(v.trim()) ? undefined : `IP address is not correctly formatted: ${v}`);

/** opts.ValidateExtraHost: host:ip or host=ip (ip may be bracketed, or host-gateway). */
function checkExtraHost(v: string): string | undefined {
  let i = v.indexOf("=");
  if (i < 0) i = v.indexOf(":");
  const [k, ip] = i < 0 ? ["", ""] : [v.slice(0, i), v.slice(i + 1)];
  if (i < 0 || k === "" || k.includes(":")) return `bad format for add-host: ${goQuote(v)}`;
  const bare = ip.length > 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  if (ip !== "host-gateway" && !isIp(bare.trim())) return `invalid IP address in add-host: ${goQuote(bare)}`;
  return undefined;
}

/** go-units ParseUlimit: name=soft[:hard]. */
function checkUlimit(v: string): string | undefined {
  const i = v.indexOf("=");
  if (i < 0) return `invalid ulimit argument: ${v}`;
  const name = v.slice(0, i);
  const known = ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];
  if (!known.includes(name)) return `invalid ulimit type: ${name}`;
  const [soft, hard, ...rest] = v.slice(i + 1).split(":");
  if (rest.length) return `too many limit value arguments - ${v.slice(i + 1)}, can only have up to two, \`soft[:hard]\``;
  // The hard limit is parsed first when given; strconv's error as it is.
  const int = (x: string) => (/^[+-]?\d+$/.test(x) ? undefined : `strconv.ParseInt: parsing ${goQuote(x)}: invalid syntax`);
  const bad = (hard !== undefined ? int(hard) : undefined) ?? int(soft!);
  if (bad) return bad;
  if (hard !== undefined && Number(soft) > Number(hard)) return `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`;
  return undefined;
}

/** opts.ValidateEnv: the name before "=" may not be empty. */
export const checkEnv = (v: string): string | undefined => (v.split("=")[0] === "" ? `invalid environment variable: ${v}` : undefined);

/** opts.ValidateLabel: a name (leading whitespace dropped) that is not empty and has no whitespace. */
export function checkLabel(v: string): string | undefined {
  const key = v.split("=")[0]!.replace(/^[ \t\n\v\f\r]+/, "");
  if (key === "") return `invalid label '${v}': empty name`;
  if (/[ \t\n\v\f\r]/.test(key)) return `label '${key}' contains whitespaces`;
  return undefined;
}

/** opts.ValidateSingleGenericResource. */
const checkGenericResource = (v: string): string | undefined => (v.includes("=") ? undefined : `invalid generic-resource format \`${v}\` expected \`name=value\``);

/** credentialSpecOpt.Set. */
const checkCredentialSpec = (v: string): string | undefined =>
  /^(config|file|registry):\/\//.test(v) ? undefined : 'invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"';

/** opts.ValidateDNSSearch: "." or a domain name (validateDomain), spaces around it trimmed. */
function checkDnsSearch(v: string): string | undefined {
  const val = v.replace(/^ +| +$/g, "");
  if (val === ".") return undefined;
  const label = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  const ok = /[a-zA-Z]/.test(val) && new RegExp(`^(${label}(?:\\.${label})*)\\.?\\s*$`).test(val);
  return ok ? undefined : `${val} is not a valid domain`;
}

/** opts.NetworkOpt.Set: a name, or (when any `\w+=\w+` is in it) CSV fields with known keys and a name. */
function checkNetwork(v: string): string | undefined {
  if (!/\w+=\w+(,\w+=\w+)*/.test(v)) return undefined;
  const record = csvRecord(v);
  if (!record.ok) return record.error;
  let target = "";
  for (const field of record.value) {
    const i = field.indexOf("=");
    if (i <= 0) return `invalid field ${field}`;
    const key = field.slice(0, i).toLowerCase().trim();
    const val = field.slice(i + 1).trim();
    if (key === "name") target = val;
    else if (key === "driver-opt") {
      if (val.indexOf("=") <= 0) return "invalid key value pair format in driver options";
    } else if (!["alias", "ip", "ip6", "mac-address", "link-local-ip", "gw-priority"].includes(key)) return `invalid field key ${key}`;
  }
  return target ? undefined : "network name/id is not specified";
}

/** ShlexOpt (--entrypoint): google/shlex's errors. */
const checkEntrypoint = (v: string): string | undefined => {
  const r = shlexSplit(v);
  return r.ok ? undefined : r.error;
};

/** The `values` table for service create/update handlers. */
export const RUN_EXTRA_VALUE_CHECKS: Record<string, (v: string) => string | undefined> = {
  dns: checkIp, "add-host": checkExtraHost, ulimit: checkUlimit, mount: fromParsed(parseMount),
  // opts.ValidateEnv: a variable needs a name.
  env: checkEnv,
};

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
  "stop-grace-period": checkDuration, "health-interval": checkPositiveDuration, "health-timeout": checkPositiveDuration,
  "health-start-period": checkPositiveDuration, "health-start-interval": checkPositiveDuration,
  dns: checkIp, "dns-add": checkIp,
  host: checkExtraHost, "host-add": checkExtraHost,
  ulimit: checkUlimit, "ulimit-add": checkUlimit,
  "publish-rm": fromParsed(parsePort),
  env: checkEnv, "env-add": checkEnv,
  label: checkLabel, "label-add": checkLabel, "container-label": checkLabel, "container-label-add": checkLabel,
  "generic-resource": checkGenericResource, "generic-resource-add": checkGenericResource,
  "credential-spec": checkCredentialSpec,
  "placement-pref-rm": fromParsed(parsePref),
  "dns-search": checkDnsSearch, "dns-search-add": checkDnsSearch,
  network: checkNetwork, "network-add": checkNetwork,
  entrypoint: checkEntrypoint,
};
