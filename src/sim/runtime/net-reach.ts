// What a container's clients reach by name or address, beyond what the engines' network hooks
// answer: names through the container's resolver, and addresses nobody in the simulation owns.

import type { HttpRequest, HttpResult } from "./http";
import type { ConnectResult, NetResult, NetworkHooks } from "./types";

/**
 * A name's address through the container's network hooks: its resolver's answer; without one (a
 * Docker container on the default bridge) names of other containers do not resolve. Dotted names
 * the resolver does not know are the outside world, which is not simulated (undefined).
 */
export function resolveName(network: NetworkHooks | undefined, name: string): string | null | undefined {
  if (!network) return undefined;
  const found = network.lookup?.(name).found?.addresses[0];
  if (found) return found;
  return name.replace(/\.$/, "").includes(".") ? undefined : null;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * An address needs no resolution: where the network hooks know no owner for a literal IPv4
 * address (they answer "unresolved", or nothing), nothing answers the SYN and the client waits
 * for its timeout. Addresses that exist answer for themselves — a pod or machine without a
 * listener refuses, kube-proxy REJECTs a Service without endpoints — through the hooks.
 */
export function unreachableIp(host: string, r: HttpResult | undefined): NetResult | undefined {
  if (r && r.kind !== "unresolved") return r;
  return IPV4.test(host) ? { kind: "timeout", address: host } : r;
}

/**
 * How long a connect() to an address that never answers takes before the kernel gives up:
 * tcp_syn_retries = 6 with the initial 1 s RTO doubling (1+2+4+8+16+32+64 s).
 */
export const TCP_CONNECT_TIMEOUT_MS = 127_000;

/** A TCP connect's outcome for a client. */
export type NetConnect = ConnectResult;

/**
 * A TCP connect from inside a container (`nc -z`): its own name and loopback reach its own
 * listeners (in a pod, any container of the pod: they share the network namespace); other names
 * and addresses are the network's, and a literal address nobody owns does not answer.
 */
export function connectFrom(self: { hostname: string; ip?: string; listens(port: number): boolean }, network: NetworkHooks | undefined,
  target: string, port: number): NetConnect | undefined {
  const t = target.toLowerCase();
  if (t === "localhost" || t.startsWith("127.") || t === "0.0.0.0" || t === self.hostname || t === self.ip) {
    const address = t === "localhost" || t === "0.0.0.0" ? "127.0.0.1" : t.startsWith("127.") ? t : self.ip ?? t;
    if (self.listens(port)) return { kind: "open", address };
    const shared = self.ip && network?.connect ? network.connect(self.ip, port) : undefined;
    return { kind: shared?.kind === "open" ? "open" : "refused", address };
  }
  const r = network?.connect?.(target, port);
  if (r && r.kind !== "unresolved") return r;
  return IPV4.test(target) ? { kind: "timeout", address: target } : r;
}

/**
 * An HTTP request from inside a container (curl, wget, a proxy's upstream): localhost, the
 * container's own name or IP reach its own ports (in a pod, localhost is shared: another container
 * may be listening); anything else goes through the network hooks.
 */
export function fetchFrom(self: { hostname: string; ip?: string; get: (port: number, path: string, r: Omit<HttpRequest, "path">) => HttpResult },
  url: string, req: { method?: string; userAgent?: string }, network: NetworkHooks | undefined): NetResult {
  const m = /^[a-z]+:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { kind: "unresolved" };
  const [, host, port, path] = m as unknown as [string, string, string | undefined, string | undefined];
  if (["localhost", "127.0.0.1", "0.0.0.0", self.hostname, self.ip].includes(host)) {
    // localhost connects over loopback; the container's own name or IP over its interface.
    const address = host === "localhost" || host === "0.0.0.0" ? "127.0.0.1" : self.ip ?? host;
    // The Host header is the URL's authority: the port only when the URL names one.
    const r = self.get(Number(port ?? 80), path ?? "/", { client: address, host: port ? `${host}:${port}` : host, ...req });
    if (r.kind === "refused" && address === "127.0.0.1" && network?.http) {
      const shared = network.http(url, req);
      if (shared && shared.kind !== "unresolved") return shared;
    }
    return r.kind === "unresolved" ? r : { ...r, address };
  }
  return unreachableIp(host, network?.http?.(url, req)) ?? { kind: "unresolved" };
}
