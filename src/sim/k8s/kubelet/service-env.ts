// Mirrors kubelet_pods.go getServiceEnvVarMap and pkg/kubelet/envvars FromServices: the
// Docker-links-style variables a container gets for the Services that exist when it is created —
// those of its own namespace (enableServiceLinks, default true) and always the master service
// `kubernetes` of `default`. Headless (clusterIP None) and ExternalName Services give none.

import type { KubeCluster } from "../cluster";
import type { Pod } from "../controllers/model";

type Obj = Record<string, any>;
type Data = Record<string, string>;

const MASTER_SERVICES = new Set(["kubernetes"]);

/** makeEnvVariableName: upper-cased, '-' → '_'. */
export const envVariableName = (s: string): string => s.replace(/-/g, "_").toUpperCase();

function isServiceIPSet(s: Obj): boolean {
  const ip = s.spec?.clusterIP;
  return typeof ip === "string" && ip !== "" && ip !== "None";
}

/** The variables of one Service, in FromServices order. */
export function serviceEnvVars(svc: Obj): [string, string][] {
  const spec = svc.spec ?? {};
  const ports = (Array.isArray(spec.ports) ? spec.ports : []) as Obj[];
  if (!isServiceIPSet(svc) || !ports.length) return [];
  const prefix = envVariableName(svc.metadata.name);
  const ip: string = spec.clusterIP;
  const hostPort = (port: number) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);
  const out: [string, string][] = [[`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0]!.port)]];
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envVariableName(p.name)}`, String(p.port)]);
  ports.forEach((p, i) => {
    const proto = String(p.protocol || "TCP");
    const url = `${proto.toLowerCase()}://${hostPort(p.port)}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([pp, url], [`${pp}_PROTO`, proto.toLowerCase()], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
  });
  return out;
}

/**
 * The variables per namespace (and service links on or off) as of the last write to any Service:
 * every container started meanwhile gets the same (frozen) table. A pure cache beside the store.
 */
const computed = new WeakMap<object, Map<string, { rev: number; data: Readonly<Data> }>>();

/** The service variables for a container of `pod` created now (Services sorted by name; read-only). */
export function serviceEnv(cluster: KubeCluster, pod: Pod): Readonly<Data> {
  const ns = pod.metadata.namespace ?? "default";
  const links = (pod.spec as Obj).enableServiceLinks !== false;
  const rev = cluster.store.revisionOf("Service");
  let byKey = computed.get(cluster.store);
  if (!byKey) computed.set(cluster.store, (byKey = new Map()));
  const key = `${links ? "+" : "-"}${ns}`;
  const hit = byKey.get(key);
  if (hit && hit.rev === rev) return hit.data;
  const data = Object.freeze(compute(cluster, ns, links));
  byKey.set(key, { rev, data });
  return data;
}

function compute(cluster: KubeCluster, ns: string, links: boolean): Data {
  const chosen = new Map<string, Obj>();
  const services = (cluster.store.view("Service") as readonly Obj[])
    .filter((s) => s.spec?.type !== "ExternalName" && isServiceIPSet(s) && !s.metadata.deletionTimestamp);
  for (const s of services) {
    const name = s.metadata.name as string;
    if (s.metadata.namespace === "default" && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, s);
    } else if (s.metadata.namespace === ns && links) {
      chosen.set(name, s);
    }
  }
  const out: Data = {};
  for (const name of [...chosen.keys()].sort()) for (const [k, v] of serviceEnvVars(chosen.get(name)!)) out[k] = v;
  return out;
}
