// Mirrors pkg/registry/core/service/strategy.go dropTypeDependentFields (since 1.20): on update,
// when a Service's type no longer needs a field that the server may have set itself (cluster IP,
// node ports, externalTrafficPolicy, allocateLoadBalancerNodePorts, healthCheckNodePort) and the
// user did not change that field, the server wipes it instead of rejecting the update. So
// `kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}'` on a NodePort Service succeeds.

type Obj = Record<string, any>;

const needsClusterIP = (s: Obj) => (s.type ?? "ClusterIP") !== "ExternalName";
const needsNodePort = (s: Obj) => s.type === "NodePort" || s.type === "LoadBalancer";
const needsHCNodePort = (s: Obj) => s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
const externallyAccessible = (s: Obj) =>
  s.type === "LoadBalancer" || s.type === "NodePort" || ((s.type ?? "ClusterIP") === "ClusterIP" && (s.externalIPs ?? []).length > 0);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function nodePorts(s: Obj): Set<number> {
  const out = new Set<number>();
  for (const p of (Array.isArray(s.ports) ? s.ports : []) as Obj[]) if (p?.nodePort) out.add(p.nodePort);
  return out;
}

/** Users may add, remove or modify ports, as long as they add no net-new node port. */
function sameNodePorts(oldSpec: Obj, newSpec: Obj): boolean {
  const old = nodePorts(oldSpec);
  return [...nodePorts(newSpec)].every((p) => old.has(p));
}

/** Wipes the type-dependent fields of `next` (in place) that no longer apply after the update. */
export function dropTypeDependentFields(old: Obj, next: Obj): void {
  const o = (old.spec ?? {}) as Obj;
  const n = (next.spec ??= {}) as Obj;
  if (needsClusterIP(o) && !needsClusterIP(n)) {
    if (same(o.clusterIP, n.clusterIP) && same(o.clusterIPs, n.clusterIPs)) { delete n.clusterIP; delete n.clusterIPs; }
    if (same(o.ipFamilies, n.ipFamilies)) delete n.ipFamilies;
    if (same(o.ipFamilyPolicy, n.ipFamilyPolicy)) delete n.ipFamilyPolicy;
  }
  if (needsNodePort(o) && !needsNodePort(n) && sameNodePorts(o, n)) {
    for (const p of (Array.isArray(n.ports) ? n.ports : []) as Obj[]) if (p && typeof p === "object") delete p.nodePort;
  }
  if (needsHCNodePort(o) && !needsHCNodePort(n) && same(o.healthCheckNodePort, n.healthCheckNodePort)) delete n.healthCheckNodePort;
  if (o.type === "LoadBalancer" && n.type !== "LoadBalancer") {
    if (n.allocateLoadBalancerNodePorts !== undefined && o.allocateLoadBalancerNodePorts !== undefined
      && o.allocateLoadBalancerNodePorts === n.allocateLoadBalancerNodePorts) delete n.allocateLoadBalancerNodePorts;
    if (n.loadBalancerClass !== undefined && same(o.loadBalancerClass, n.loadBalancerClass)) delete n.loadBalancerClass;
  }
  if (externallyAccessible(o) && !externallyAccessible(n) && same(o.externalTrafficPolicy, n.externalTrafficPolicy)) {
    delete n.externalTrafficPolicy;
  }
}
