// The checks docker/cli's v3 loader makes beyond the JSON schema's types: its format checkers
// (cli/compose/schema: "duration" is time.ParseDuration, "ports" nat.ParsePortSpec) and
// mapstructure's decoding into unsigned fields (`cannot parse 'Deploy.Replicas', -1 overflows
// uint`), which fails after validation with every such error of the service.

import { isObject, type FormatCheckers } from "./json-schema";

/** time.ParseDuration: signed sequence of decimal numbers with units, or "0". */
export function isGoDuration(v: unknown): boolean {
  return typeof v === "string" && /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/.test(v);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** nat.ParsePortRangeToInt: "80" or "8000-8010", each a uint16, start ≤ end. */
function portRange(r: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(r);
  if (!m) return undefined;
  const a = Number(m[1]), b = Number(m[2] ?? m[1]);
  return a <= 65535 && b <= 65535 && a <= b ? [a, b] : undefined;
}

/** nat.ParsePortSpec accepts it: [ip:][hostPort:]containerPort[/proto]. */
export function isPortSpec(v: unknown): boolean {
  const raw = typeof v === "number" ? String(v) : v;
  if (typeof raw !== "string" || raw === "") return false;
  const slash = raw.split("/");
  const proto = slash.length > 1 && slash[1] !== "" ? slash[1]!.toLowerCase() : "tcp";
  if (!["tcp", "udp", "sctp"].includes(proto)) return false;
  let rest = slash[0]!;
  let ip = "";
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (bracket) [ip, rest] = [bracket[1]!, bracket[2]!];
  const parts = rest.split(":");
  if (!bracket && parts.length > 2) ip = parts.splice(0, parts.length - 2).join(":");
  if (parts.length > 2) return false;
  const [host, container] = parts.length === 2 ? [parts[0]!, parts[1]!] : ["", parts[0]!];
  if (ip && !IPV4.test(ip) && !/^[0-9a-fA-F:]+$/.test(ip)) return false;
  const c = portRange(container);
  if (!c) return false;
  if (host === "") return true;
  const h = portRange(host);
  if (!h) return false;
  const [cn, hn] = [c[1] - c[0], h[1] - h[0]];
  return cn === 0 || cn === hn;
}

// (The schema names an "expose" format too, but `expose: [a]` passes: only ports are checked.)
export const V3_FORMATS: FormatCheckers = { duration: isGoDuration, ports: isPortSpec };

/** The unsigned fields of docker/cli's ServiceConfig, as mapstructure names them, in field order. */
const UINT_FIELDS: [string, string[]][] = [
  ["Deploy.Replicas", ["deploy", "replicas"]],
  ["Deploy.update_config.Parallelism", ["deploy", "update_config", "parallelism"]],
  ["Deploy.rollback_config.Parallelism", ["deploy", "rollback_config", "parallelism"]],
  ["Deploy.restart_policy.max_attempts", ["deploy", "restart_policy", "max_attempts"]],
  ["Deploy.Placement.max_replicas_per_node", ["deploy", "placement", "max_replicas_per_node"]],
];

/** mapstructure's error for the first service (by name) with a negative unsigned field. */
export function uintDecodeError(services: unknown): string | undefined {
  if (!isObject(services)) return undefined;
  for (const name of Object.keys(services).sort()) {
    const s = services[name];
    if (!isObject(s)) continue;
    const errs: string[] = [];
    const neg = (label: string, v: unknown) => {
      if (typeof v === "number" && v < 0) errs.push(`cannot parse '${label}', ${v} overflows uint`);
    };
    for (const [label, path] of UINT_FIELDS) {
      let v: unknown = s;
      for (const k of path) v = isObject(v) ? v[k] : undefined;
      neg(label, v);
    }
    if (Array.isArray(s.ports)) {
      s.ports.forEach((p, i) => {
        if (!isObject(p)) return;
        neg(`Ports[${i}].Target`, p.target);
        neg(`Ports[${i}].Published`, p.published);
      });
    }
    if (errs.length) return `decoding failed due to the following error(s):\n\n${errs.join("\n")}`;
  }
  return undefined;
}
