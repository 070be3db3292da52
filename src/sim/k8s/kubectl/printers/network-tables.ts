// Mirrors printers.go (v1.30) for the service-networking kinds: printService (getServiceExternalIP,
// loadBalancerStatusStringer, makePortString), printEndpoints (formatEndpoints), printEndpointSlice
// (formatDiscoveryPorts / formatDiscoveryEndpoints / listWithMoreString) and printIngress
// (formatHosts, ingressLoadBalancerStatusStringer, formatPorts). Spread into tables.ts's registry.

import { kubeAge } from "../../../cli/format/duration";
import type { TableHandler } from "./tables";

type Obj = Record<string, any>;

/** loadBalancerWidth: a load balancer's addresses are clipped to 16 bytes outside -o wide. */
const LOAD_BALANCER_WIDTH = 16;
/** formatEndpoints / formatHosts / formatDiscovery*: at most three entries, then `+ N more...`. */
const MAX_LISTED = 3;

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

/**
 * (ingress)LoadBalancerStatusStringer: each ingress point's IP, else its hostname, as a sorted
 * set (sets.String.List()), comma-joined, clipped to 13 bytes + "..." unless wide.
 */
function loadBalancerStatus(status: Obj | undefined, wide: boolean): string {
  const points = ((status?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname).filter(Boolean) as string[];
  const r = [...new Set(points)].sort().join(",");
  return !wide && r.length > LOAD_BALANCER_WIDTH ? r.slice(0, LOAD_BALANCER_WIDTH - 3) + "..." : r;
}

/** getServiceExternalIP: externalIPs, the load balancer's (clipped) addresses, or `<pending>`. */
function serviceExternalIP(o: Obj, wide: boolean): string {
  const s = o.spec ?? {};
  const ext = (s.externalIPs ?? []) as string[];
  switch (s.type) {
    case "ClusterIP": case "NodePort":
      return ext.length ? ext.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerStatus(o.status?.loadBalancer, wide);
      // The clipped load-balancer string is split again, then the external IPs follow unclipped.
      if (ext.length) return [...(lb ? lb.split(",") : []), ...ext].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return String(s.externalName ?? "");
  }
  return "<unknown>";
}

/** makePortString: `port/PROTO`, or `port:nodePort/PROTO` once a node port is allocated. */
function servicePorts(o: Obj): string {
  const ports = (o.spec?.ports ?? []) as Obj[];
  const s = ports.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`)).join(",");
  return s || "<none>";
}

/** net.JoinHostPort: an IPv6 address is bracketed. */
const joinHostPort = (ip: string, port: unknown) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * formatEndpoints: `<none>` only without subsets; per subset, ports outer and ready addresses
 * inner (not-ready addresses are not listed, so a subset of only not-ready addresses prints an
 * empty cell).
 */
function formatEndpoints(o: Obj): string {
  const subsets = (o.subsets ?? []) as Obj[];
  if (!subsets.length) return "<none>";
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = (ss.addresses ?? []) as Obj[];
    const ports = (ss.ports ?? []) as Obj[];
    // A headless service's subset may have no ports: bare addresses then.
    const cells = ports.length ? ports.map((p) => (a: Obj) => joinHostPort(a.ip, p.port)) : [(a: Obj) => String(a.ip)];
    for (const cell of cells) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === MAX_LISTED) {
          more = true;
          break;
        }
        list.push(cell(a));
      }
    }
  }
  return more ? `${list.join(",")} + ${count - MAX_LISTED} more...` : list.join(",");
}

/** listWithMoreString: the first three, `+ N more...`, and `<unset>` for none. */
function listWithMore(all: string[]): string {
  if (all.length > MAX_LISTED) return `${all.slice(0, MAX_LISTED).join(",")} + ${all.length - MAX_LISTED} more...`;
  return all.length ? all.join(",") : "<unset>";
}

/** formatDiscoveryPorts: the port number, else its name, else `*`. */
const discoveryPorts = (o: Obj) =>
  listWithMore(((o.ports ?? []) as Obj[]).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? "*")));

const discoveryEndpoints = (o: Obj) => listWithMore(((o.endpoints ?? []) as Obj[]).flatMap((e) => (e.addresses ?? []) as string[]));

/**
 * formatHosts: the rules' non-empty hosts (a rule without a host is skipped, `*` only when no
 * rule names one); past three, `+ N more...` where N counts every further rule.
 */
function ingressHosts(o: Obj): string {
  const rules = (o.spec?.rules ?? []) as Obj[];
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === MAX_LISTED) more = true;
    if (!more && r.host) list.push(String(r.host));
  }
  if (!list.length) return "*";
  return more ? `${list.join(",")} + ${rules.length - MAX_LISTED} more...` : list.join(",");
}

export const NETWORK_TABLES: Record<string, TableHandler> = {
  Service: {
    headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    wide: ["SELECTOR"],
    row: (o, c) => ({
      // CLUSTER-IP is spec.clusterIPs[0] (`None` for a headless service; an ExternalName has none).
      cells: [o.metadata.name, String(o.spec?.type ?? ""), o.spec?.clusterIPs?.[0] ?? "<none>", serviceExternalIP(o, c.wide), servicePorts(o), age(o, c.now)],
      wide: [formatLabels(o.spec?.selector)],
    }),
  },
  Endpoints: {
    headers: ["NAME", "ENDPOINTS", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, formatEndpoints(o), age(o, c.now)], wide: [] }),
  },
  EndpointSlice: {
    headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String(o.addressType ?? ""), discoveryPorts(o), discoveryEndpoints(o), age(o, c.now)], wide: [] }),
  },
  Ingress: {
    headers: ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
    wide: [],
    row: (o, c) => ({
      cells: [o.metadata.name, o.spec?.ingressClassName ?? "<none>", ingressHosts(o), loadBalancerStatus(o.status?.loadBalancer, c.wide),
        (o.spec?.tls ?? []).length ? "80, 443" : "80", age(o, c.now)],
      wide: [],
    }),
  },
};
