// Mirrors pkg/apis/networking/validation ValidateNetworkPolicySpec (v1.30): the pod selector,
// then each ingress rule's ports and peers, each egress rule's, then policyTypes, with the real
// messages in the order they are appended. One v1.30 quirk is kept: an endPort below its port is
// reported with the port's value (`endPort: Invalid value: 8080: must be greater than or equal to
// \`port\``), as the server did until the fix of 2026 (kubernetes#137960).

import { forbidden, invalid, required, unsupported, type FieldError } from "../errors";
import { isValidPortName } from "./names";
import { validateLabelSelector } from "./workloads";

type Obj = Record<string, any>;

const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const POLICY_TYPES = ["Ingress", "Egress"];
const PORT_RANGE_MESSAGE = "must be between 1 and 65535, inclusive";

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** IsValidPortNum. */
const portNumErrors = (n: number): string[] => (n >= 1 && n <= 65535 ? [] : [PORT_RANGE_MESSAGE]);

/** ValidateNetworkPolicyPort. */
function validatePort(port: Obj, f: string): FieldError[] {
  const out: FieldError[] = [];
  if (isSet(port.protocol) && !PROTOCOLS.includes(port.protocol)) out.push(unsupported(`${f}.protocol`, port.protocol, PROTOCOLS));
  const end = port.endPort;
  if (isSet(port.port)) {
    if (typeof port.port === "number") {
      for (const m of portNumErrors(port.port)) out.push(invalid(`${f}.port`, port.port, m));
      if (isSet(end)) {
        // v1.30 reports the port's value here, not the endPort's.
        if (end < port.port) out.push(invalid(`${f}.endPort`, port.port, "must be greater than or equal to `port`"));
        for (const m of portNumErrors(end)) out.push(invalid(`${f}.endPort`, end, m));
      }
    } else {
      if (isSet(end)) out.push(invalid(`${f}.endPort`, end, "may not be specified when `port` is non-numeric"));
      for (const m of isValidPortName(String(port.port))) out.push(invalid(`${f}.port`, String(port.port), m));
    }
  } else if (isSet(end)) {
    out.push(invalid(`${f}.endPort`, end, "may not be specified when `port` is not specified"));
  }
  return out;
}

/** A parsed CIDR: its family, masked network address and prefix length. */
interface Cidr { v6: boolean; net: bigint; bits: number }

function parseIPv4(s: string): bigint | undefined {
  // ParseIPSloppy: leading zeros are accepted (and read as decimal).
  const p = s.split(".");
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return p.reduce((a, x) => (a << 8n) | BigInt(Number(x)), 0n);
}

function parseIPv6(s: string): bigint | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === "") return [];
    const out: number[] = [];
    const parts = h.split(":");
    for (let i = 0; i < parts.length; i++) {
      const x = parts[i]!;
      if (i === parts.length - 1 && x.includes(".")) {
        const v4 = parseIPv4(x);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(x)) out.push(parseInt(x, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  return [...head, ...Array(halves.length === 2 ? fill : 0).fill(0), ...tail].reduce((a: bigint, g: number) => (a << 16n) | BigInt(g), 0n);
}

/** netutils.ParseCIDRSloppy: ADDRESS/PREFIX, the network address masked. */
function parseCIDR(s: string): Cidr | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const prefix = s.slice(slash + 1);
  const v6 = addr.includes(":");
  const ip = v6 ? parseIPv6(addr) : parseIPv4(addr);
  const width = v6 ? 128 : 32;
  if (ip === undefined || !/^\d+$/.test(prefix) || Number(prefix) > width) return undefined;
  const bits = Number(prefix);
  const host = (1n << BigInt(width - bits)) - 1n;
  return { v6, net: ip & ~host, bits };
}

/** IPNet.Contains(other's network address) with a strictly longer prefix. */
function strictSubset(outer: Cidr, inner: Cidr): boolean {
  if (outer.v6 !== inner.v6 || outer.bits >= inner.bits) return false;
  const width = outer.v6 ? 128 : 32;
  return inner.net >> BigInt(width - outer.bits) === outer.net >> BigInt(width - outer.bits);
}

/** ValidateIPBlock (v1.30): the first unparsable except ends the check. */
function validateIPBlock(block: Obj, f: string): FieldError[] {
  const cidr = typeof block.cidr === "string" ? block.cidr : "";
  if (!cidr) return [required(`${f}.cidr`, "")];
  const outer = parseCIDR(cidr);
  if (!outer) return [invalid(`${f}.cidr`, cidr, "not a valid CIDR")];
  const out: FieldError[] = [];
  for (const [i, raw] of list(block.except).entries()) {
    const except = String(raw ?? "");
    const inner = parseCIDR(except);
    if (!inner) return [...out, invalid(`${f}.except[${i}]`, except, "not a valid CIDR")];
    if (!strictSubset(outer, inner)) out.push(invalid(`${f}.except[${i}]`, except, "must be a strict subset of `cidr`"));
  }
  return out;
}

/** ValidateNetworkPolicyPeer: exactly one kind of peer, or selectors together without ipBlock. */
function validatePeer(peer: Obj, f: string): FieldError[] {
  const out: FieldError[] = [];
  let peers = 0;
  if (isSet(peer.podSelector)) {
    peers++;
    out.push(...validateLabelSelector(peer.podSelector ?? {}, `${f}.podSelector`));
  }
  if (isSet(peer.namespaceSelector)) {
    peers++;
    out.push(...validateLabelSelector(peer.namespaceSelector ?? {}, `${f}.namespaceSelector`));
  }
  if (isSet(peer.ipBlock)) {
    peers++;
    out.push(...validateIPBlock(peer.ipBlock ?? {}, `${f}.ipBlock`));
  }
  if (peers === 0) out.push(required(f, "must specify a peer"));
  else if (peers > 1 && isSet(peer.ipBlock)) out.push(forbidden(f, "may not specify both ipBlock and another peer"));
  return out;
}

export function validateNetworkPolicy(o: Obj): FieldError[] {
  const spec = (o.spec ?? {}) as Obj;
  const out = validateLabelSelector((spec.podSelector ?? {}) as Obj, "spec.podSelector");
  for (const [dir, peersKey] of [["ingress", "from"], ["egress", "to"]] as const) {
    for (const [i, rule] of list(spec[dir]).entries()) {
      const r = (rule ?? {}) as Obj;
      const f = `spec.${dir}[${i}]`;
      for (const [j, p] of list(r.ports).entries()) out.push(...validatePort((p ?? {}) as Obj, `${f}.ports[${j}]`));
      for (const [j, p] of list(r[peersKey]).entries()) out.push(...validatePeer((p ?? {}) as Obj, `${f}.${peersKey}[${j}]`));
    }
  }
  const types = list(spec.policyTypes);
  if (types.length > POLICY_TYPES.length) {
    // field.Invalid of &spec.PolicyTypes: the pointer is followed, the slice printed with %#v.
    out.push(invalid("spec.policyTypes", types, "may not specify more than two policyTypes", `[]networking.PolicyType{${types.map((t) => JSON.stringify(String(t))).join(", ")}}`));
    return out;
  }
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t as string)) out.push(unsupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return out;
}
