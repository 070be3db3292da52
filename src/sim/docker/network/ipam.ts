// Address management as libnetwork's default IPAM does it: local bridges get /16s from
// 172.17.0.0 upward (then 192.168.x.0/20), swarm overlays get /24s from the default address pool
// 10.0.0.0/8 (ingress 10.0.0.0/24, user networks 10.0.1.0/24, …). Gateways are .1.

export interface Subnet {
  subnet: string;
  gateway: string;
}

export function parseCidr(cidr: string): { base: number; bits: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255) || Number(m[5]) > 32) return undefined;
  return { base: parts.reduce((a, p) => a * 256 + p, 0), bits: Number(m[5]) };
}

export const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
export function ipToInt(ip: string): number | undefined {
  const p = ip.split(".");
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return p.reduce((a, x) => a * 256 + Number(x), 0);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const n = ipToInt(ip);
  if (!c || n === undefined) return false;
  const size = 2 ** (32 - c.bits);
  const start = Math.floor(c.base / size) * size;
  return n >= start && n < start + size;
}

export function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const bits = Math.min(x.bits, y.bits);
  const size = 2 ** (32 - bits);
  return Math.floor(x.base / size) === Math.floor(y.base / size);
}

/** The next free local bridge subnet. */
export function nextLocalSubnet(taken: string[]): Subnet {
  for (let second = 17; second <= 31; second++) {
    const subnet = `172.${second}.0.0/16`;
    if (!taken.some((t) => overlaps(t, subnet))) return { subnet, gateway: `172.${second}.0.1` };
  }
  for (let third = 0; third < 256; third += 16) {
    const subnet = `192.168.${third}.0/20`;
    if (!taken.some((t) => overlaps(t, subnet))) return { subnet, gateway: `192.168.${third}.1` };
  }
  return { subnet: "10.255.0.0/16", gateway: "10.255.0.1" };
}

/** The n-th /24 of the swarm default pool (10.0.0.0/8). */
export function overlaySubnet(n: number): Subnet {
  const a = Math.floor(n / 256) % 256;
  const b = n % 256;
  return { subnet: `10.${a}.${b}.0/24`, gateway: `10.${a}.${b}.1` };
}

/** Default gateway for a user-given subnet: its first address. */
export function gatewayOf(subnet: string): string {
  const c = parseCidr(subnet);
  if (!c) return "";
  const size = 2 ** (32 - c.bits);
  return intToIp(Math.floor(c.base / size) * size + 1);
}

/** The i-th host address of a subnet (i=2 is the first after the gateway). */
export function hostAddress(subnet: string, i: number): string {
  const c = parseCidr(subnet);
  if (!c) return "";
  const size = 2 ** (32 - c.bits);
  return intToIp(Math.floor(c.base / size) * size + i);
}
