// Mirrors moby's port publishing for one engine: nat.ParsePortSpec (`docker run -p`), the daemon's
// port map (HostConfig.PortBindings + PublishAllPorts over Config.ExposedPorts, sorted with
// nat.SortPortMap), libnetwork's portallocator (a port of the ephemeral range 32768–60999 handed
// out sequentially after the last one given, per protocol and range, the same port for 0.0.0.0 and
// ::), and NetworkSettings.Ports, which only a container holding its network has.

import { goMap } from "../../cli/format/go-value";
import type { World } from "../../world";
import { engineHost, type Container, type EngineHost, type PortBinding } from "./state";
import { goQuote } from "../../cli/format/go-fmt";

/** /proc/sys/net/ipv4/ip_local_port_range of a stock Linux host (portallocator's dynamic range). */
export const EPHEMERAL_BEGIN = 32768;
export const EPHEMERAL_END = 60999;

/** One entry of NetworkSettings.Ports: a container port bound on a host address (IPv6 unbracketed). */
export interface BoundPort {
  hostIp: string;
  hostPort: string;
  containerPort: number;
  protocol: string;
}

/** A PortBinding that only EXPOSEs (no -p): createContainer adds them with neither IP nor port. */
export const isExposedOnly = (p: PortBinding): boolean => p.hostIp === "" && p.hostPort === "";

const range = (r: string): [number, number] => {
  const [a, b = a] = r.split("-");
  return [Number(a), Number(b)];
};

/**
 * nat.ParsePortSpec of a `-p` value already validated (natPortSpecError): one binding per container
 * port; a host range matching a container range is spread over it, a host range for one container
 * port stays a range (the first free port of it is taken at start).
 */
export function parsePublishSpec(spec: string): PortBinding[] {
  let rest = spec, ip = "";
  if (spec.startsWith("[")) {
    const end = spec.indexOf("]");
    ip = spec.slice(1, end);
    rest = spec.slice(end + 2);
  } else {
    const parts = spec.split(":");
    if (parts.length >= 3) { ip = parts.slice(0, -2).join(":"); rest = parts.slice(-2).join(":"); }
  }
  const colon = rest.lastIndexOf(":");
  const hostPart = colon >= 0 ? rest.slice(0, colon) : "";
  const [containerPart, proto = "tcp"] = rest.slice(colon + 1).split("/");
  const [c0, c1] = range(containerPart!);
  const [h0, h1] = hostPart ? range(hostPart) : [0, 0];
  const out: PortBinding[] = [];
  for (let port = c0; port <= c1; port++) {
    let hostPort = hostPart;
    if (hostPart && c1 - c0 === h1 - h0) hostPort = String(h0 + port - c0);
    else if (hostPart && c0 === c1 && h0 !== h1) hostPort = `${h0}-${h1}`;
    // An address written out (even 0.0.0.0) binds only that address; none binds 0.0.0.0 and ::.
    out.push({ hostIp: ip || "0.0.0.0", hostPort, containerPort: port, protocol: (proto || "tcp").toLowerCase(), ...(ip ? { hostIpGiven: true } : {}) });
  }
  return out;
}

/** nat.SplitProtoPort: "80/udp" → udp, 80; no protocol (or an empty one) is tcp. */
function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split("/");
  if (raw === "" || parts[0] === "") return ["", ""];
  if (parts.length === 1 || parts[1] === "") return ["tcp", parts[0]!];
  return [parts[1]!, parts[0]!];
}

/** strconv.ParseUint(s, 10, 16)'s error, if any. */
function parseUint16Error(s: string): string | undefined {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  return Number(s) > 65535 ? `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` : undefined;
}

/** nat.ParsePortRange's error, if any. */
function portRangeError(ports: string): string | undefined {
  if (ports === "") return "empty string specified for ports";
  if (!ports.includes("-")) return parseUint16Error(ports);
  const [a = "", b = ""] = ports.split("-");
  const e = parseUint16Error(a) ?? parseUint16Error(b);
  if (e) return e;
  return Number(b) < Number(a) ? `invalid range specified for port: ${ports}` : undefined;
}

/** What docker/cli's parse() says of an `--expose` value (before any request), if it refuses it. */
export function exposeError(spec: string): string | undefined {
  if (spec.includes(":")) return `invalid port format for --expose: ${spec}`;
  const e = portRangeError(splitProtoPort(spec)[1]);
  return e ? `invalid range format for --expose: ${spec}, error: ${e}` : undefined;
}

/** `--expose 7000-7002/udp` (already checked by exposeError): the ports it adds to Config.ExposedPorts. */
export function parseExpose(spec: string): { port: number; protocol: string }[] {
  const [proto, r] = splitProtoPort(spec);
  const [a, b] = range(r);
  const out: { port: number; protocol: string }[] = [];
  for (let p = a; p <= b; p++) out.push({ port: p, protocol: proto.toLowerCase() });
  return out;
}

/** The host addresses a binding listens on: an unspecified address is both stacks (docker 28). */
function addressesOf(p: PortBinding): string[] {
  if (p.hostIp === "0.0.0.0" && !p.hostIpGiven) return ["0.0.0.0", "::"];
  return [p.hostIp];
}

/** In the host's network namespace a container publishes nothing (its ports are the host's). */
const inHostNetwork = (c: Container): boolean => c.networks[0] === "host";

/** Host ports held by the engine's other running containers: `${ip}/${proto}/${port}`. */
function heldPorts(h: EngineHost, except: Container): Set<string> {
  const held = new Set<string>();
  for (const o of h.containers) {
    if (o === except || (o.status !== "running" && o.status !== "paused")) continue;
    for (const b of boundPorts(o)) if (b.hostPort) held.add(`${b.hostIp}/${b.protocol}/${b.hostPort}`);
  }
  return held;
}

/**
 * nat.SortPortMap's order, in which the daemon binds: bindings with a host port first (highest
 * first), then by container port and protocol.
 */
function bindOrder(a: PortBinding, b: PortBinding): number {
  const ha = Number(a.hostPort.split("-")[0]) || 0, hb = Number(b.hostPort.split("-")[0]) || 0;
  return hb - ha || a.containerPort - b.containerPort || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0);
}

export type BindFailure = { ip: string; port: string } | { allAllocated: true };

/**
 * Binds the container's published ports at start (HostConfig.PortBindings, plus every exposed port
 * when PublishAllPorts). Sets c.bound, or returns the first binding that cannot be made.
 */
export function bindPorts(world: World, host: string, c: Container): BindFailure | undefined {
  if (inHostNetwork(c)) { c.bound = []; return undefined; }
  const h = engineHost(world, host);
  const held = heldPorts(h, c);
  const wanted = c.ports.filter((p) => !isExposedOnly(p));
  if (c.publishAll) {
    for (const e of c.ports.filter(isExposedOnly)) {
      if (!wanted.some((w) => w.containerPort === e.containerPort && w.protocol === e.protocol)) wanted.push({ ...e, hostIp: "0.0.0.0" });
    }
  }
  wanted.sort(bindOrder);
  const bound: BoundPort[] = [];
  const last = (h.portLast ??= {});
  for (const p of wanted) {
    const ips = addressesOf(p);
    const free = (port: number) => ips.every((ip) => !held.has(`${ip}/${p.protocol}/${port}`));
    let port: number | undefined;
    if (p.hostPort && !p.hostPort.includes("-")) {
      const busy = ips.find((ip) => held.has(`${ip}/${p.protocol}/${p.hostPort}`));
      if (busy) return { ip: busy, port: p.hostPort };
      port = Number(p.hostPort);
    } else {
      // RequestPortsInRange: start after the last port this range handed out, wrap once.
      const [begin, end] = p.hostPort ? range(p.hostPort) : [EPHEMERAL_BEGIN, EPHEMERAL_END];
      const key = `${p.protocol}/${begin}-${end}`;
      let candidate = last[key] ?? end;
      for (let i = begin; i <= end; i++) {
        candidate = candidate >= end ? begin : candidate + 1;
        if (free(candidate)) { port = candidate; break; }
      }
      if (port === undefined) return { allAllocated: true };
      last[key] = port;
    }
    for (const ip of ips) {
      held.add(`${ip}/${p.protocol}/${port}`);
      bound.push({ hostIp: ip, hostPort: String(port), containerPort: p.containerPort, protocol: p.protocol });
    }
  }
  c.bound = bound;
  return undefined;
}

/**
 * NetworkSettings.Ports as a list: the bindings made at start, then the exposed ports left unbound.
 * A container started elsewhere than startContainer (no c.bound) has its fixed bindings.
 */
export function boundPorts(c: Container): BoundPort[] {
  if (inHostNetwork(c)) return [];
  const bound = c.bound ?? c.ports.filter((p) => !isExposedOnly(p) && p.hostPort && !p.hostPort.includes("-"))
    .flatMap((p) => addressesOf(p).map((ip) => ({ hostIp: ip, hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol })));
  const unbound = c.ports.filter((p) => isExposedOnly(p) && !bound.some((b) => b.containerPort === p.containerPort && b.protocol === p.protocol))
    .map((p) => ({ hostIp: "", hostPort: "", containerPort: p.containerPort, protocol: p.protocol }));
  return [...bound, ...unbound];
}

/** NetworkSettings.Ports as `docker inspect` shows it: exposed ports null, bound ones their bindings. */
export function networkSettingsPorts(c: Container): Record<string, { HostIp: string; HostPort: string }[] | null> {
  // nat.PortMap: a Go map in templates (`map[80/tcp:[{0.0.0.0 32768} {:: 32768}]]`).
  const out: Record<string, { HostIp: string; HostPort: string }[] | null> = goMap({});
  if (c.status !== "running" && c.status !== "paused") return out;
  const list = boundPorts(c);
  // Go marshals map keys sorted.
  for (const key of [...new Set(list.map((b) => `${b.containerPort}/${b.protocol}`))].sort()) {
    const binds = list.filter((b) => `${b.containerPort}/${b.protocol}` === key && b.hostPort);
    out[key] = binds.length ? binds.map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort })) : null;
  }
  return out;
}

/** HostConfig.PortBindings: the -p bindings as given (an unspecified address is ""). */
export function hostConfigPortBindings(c: Container): Record<string, { HostIp: string; HostPort: string }[]> {
  const out: Record<string, { HostIp: string; HostPort: string }[]> = goMap({});
  const list = c.ports.filter((p) => !isExposedOnly(p));
  for (const key of [...new Set(list.map((p) => `${p.containerPort}/${p.protocol}`))].sort()) {
    out[key] = list.filter((p) => `${p.containerPort}/${p.protocol}` === key)
      .map((p) => ({ HostIp: p.hostIp === "0.0.0.0" && !p.hostIpGiven ? "" : p.hostIp, HostPort: p.hostPort }));
  }
  return out;
}

/** Config.ExposedPorts: the image's EXPOSE, --expose and every -p container port. */
export function exposedPortsJson(c: Container): Record<string, Record<string, never>> | null {
  const keys = [...new Set(c.ports.map((p) => `${p.containerPort}/${p.protocol}`))].sort();
  return keys.length ? goMap(Object.fromEntries(keys.map((k) => [k, {}]))) : null;
}

const joinHostPort = (ip: string, port: string) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * docker/cli's formatter.DisplayablePorts (the PORTS column of `docker ps`): sorted by container
 * port, address, host port, protocol; unpublished ports and ports published on the same number
 * grouped into ranges per address and protocol; other mappings listed one by one after them.
 */
export function displayablePorts(ports: readonly BoundPort[]): string {
  const sorted = [...ports].sort((a, b) => a.containerPort - b.containerPort || (a.hostIp < b.hostIp ? -1 : a.hostIp > b.hostIp ? 1 : 0)
    || (Number(a.hostPort) || 0) - (Number(b.hostPort) || 0) || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [], mappings: string[] = [];
  const form = (key: string, g: { first: number; last: number }) => {
    const slash = key.lastIndexOf("/");
    const ip = slash >= 0 ? key.slice(0, slash) : "", proto = slash >= 0 ? key.slice(slash + 1) : key;
    const span = g.first === g.last ? `${g.first}` : `${g.first}-${g.last}`;
    return `${ip ? `${joinHostPort(ip, span)}->${span}` : span}/${proto}`;
  };
  for (const p of sorted) {
    let key = p.protocol;
    if (p.hostIp) {
      if (Number(p.hostPort) !== p.containerPort) {
        mappings.push(`${joinHostPort(p.hostIp, String(Number(p.hostPort) || 0))}->${p.containerPort}/${p.protocol}`);
        continue;
      }
      key = `${p.hostIp}/${p.protocol}`;
    }
    const g = groups.get(key);
    if (!g) { groups.set(key, { first: p.containerPort, last: p.containerPort }); continue; }
    if (p.containerPort === g.last + 1) { g.last = p.containerPort; continue; }
    result.push(form(key, g));
    groups.set(key, { first: p.containerPort, last: p.containerPort });
  }
  // Go appends the groups in the order their keys were first made (a Map keeps that order too).
  for (const [key, g] of groups) result.push(form(key, g));
  return [...result, ...mappings].join(", ");
}

/** The PORTS of `docker ps`: what the container holds while it has its network. */
export function psPorts(c: Container): string {
  return c.status === "running" || c.status === "paused" ? displayablePorts(boundPorts(c)) : "";
}
