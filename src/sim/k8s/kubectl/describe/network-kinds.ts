// Mirrors describe.go (kubectl 1.30) for NetworkPolicy (describeNetworkPolicy and its spec
// printers: fixed-width "PodSelector: " cells, four-space rule indents, no Events section) and
// EndpointSlice (describeEndpointSliceV1). Spread into kinds.ts's registry.

import { formatLabelSelector } from "../../api/selectors";
import { events, header, type Describer } from "./common";
import { writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

const RULE_INDENT = "    ";

/** metav1.Time printed with %s: Go's time.Time.String() in UTC. */
function goTimeString(iso: string | undefined): string {
  if (!iso) return "0001-01-01 00:00:00 +0000 UTC";
  return new Date(Date.parse(iso)).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " +0000 UTC");
}

/** IntOrString printed with %s; a nil port prints <nil>. */
const portText = (p: Obj) => (p.port === undefined || p.port === null ? "<nil>" : String(p.port));

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo. */
function writeRules(w: DescribeWriter, rules: Obj[] | undefined, peersKey: "from" | "to", direction: "ingress" | "egress"): void {
  const peerLabel = peersKey === "from" ? "From" : "To";
  if (!rules?.length) {
    w.write(0, `${RULE_INDENT}<none> (Selected pods are isolated for ${direction} connectivity)`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports = (rule.ports ?? []) as Obj[];
    if (!ports.length) w.write(0, `${RULE_INDENT}To Port: <any> (traffic allowed to all ports)`);
    // kubectl 1.30 prints the start port only: `To Port Range` for endPort came later.
    for (const p of ports) w.write(0, `${RULE_INDENT}To Port: ${portText(p)}/${p.protocol ?? "TCP"}`);
    const peers = (rule[peersKey] ?? []) as Obj[];
    if (!peers.length) {
      w.write(0, `${RULE_INDENT}${peerLabel}: <any> (traffic not restricted by ${peersKey === "from" ? "source" : "destination"})`);
    }
    for (const peer of peers) {
      w.write(0, `${RULE_INDENT}${peerLabel}:`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(1, `${RULE_INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
        w.write(1, `${RULE_INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
      } else if (peer.podSelector) {
        w.write(1, `${RULE_INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
      } else if (peer.namespaceSelector) {
        w.write(1, `${RULE_INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
      } else if (peer.ipBlock) {
        w.write(1, `${RULE_INDENT}IPBlock:`);
        w.write(2, `${RULE_INDENT}CIDR: ${peer.ipBlock.cidr ?? ""}`);
        w.write(2, `${RULE_INDENT}Except: ${((peer.ipBlock.except ?? []) as string[]).join(", ")}`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${RULE_INDENT}----------`);
  });
}

const describeNetworkPolicy: Describer = (_cluster, o, w) => {
  header(w, o);
  w.write(0, `Created on:\t${goTimeString(o.metadata.creationTimestamp)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  const spec = o.spec ?? {};
  w.write(0, "Spec:");
  // `w.Write(LEVEL_1, "PodSelector: ")` then the selector at LEVEL_2: four more spaces.
  const sel = spec.podSelector ?? {};
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  w.write(1, `PodSelector:     ${empty ? "<none> (Allowing the specific traffic to all pods in this namespace)" : formatLabelSelector(sel)}`);
  const types = (spec.policyTypes ?? []) as string[];
  if (types.includes("Ingress")) {
    w.write(1, "Allowing ingress traffic:");
    writeRules(w, spec.ingress, "from", "ingress");
  } else w.write(1, "Not affecting ingress traffic");
  if (types.includes("Egress")) {
    w.write(1, "Allowing egress traffic:");
    writeRules(w, spec.egress, "to", "egress");
  } else w.write(1, "Not affecting egress traffic");
  w.write(1, `Policy Types: ${types.join(", ")}`);
};

const describeEndpointSlice: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `AddressType:\t${o.addressType ?? ""}`);
  const ports = (o.ports ?? []) as Obj[];
  if (!ports.length) w.write(0, "Ports: <unset>");
  else {
    w.write(0, "Ports:");
    w.write(1, "Name\tPort\tProtocol");
    w.write(1, "----\t----\t--------");
    for (const p of ports) w.write(1, `${p.name || "<unset>"}\t${p.port ?? "<unset>"}\t${p.protocol ?? "TCP"}`);
  }
  const eps = (o.endpoints ?? []) as Obj[];
  if (!eps.length) w.write(0, "Endpoints: <none>");
  else {
    w.write(0, "Endpoints:");
    const unset = (v: unknown) => (v === undefined || v === null ? "<unset>" : String(v));
    for (const e of eps) {
      w.write(1, `- Addresses:\t${((e.addresses ?? []) as string[]).join(", ") || "<none>"}`);
      w.write(2, "Conditions:");
      w.write(3, `Ready:\t${unset(e.conditions?.ready)}`);
      w.write(2, `Hostname:\t${unset(e.hostname)}`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`);
      w.write(2, `NodeName:\t${unset(e.nodeName)}`);
      w.write(2, `Zone:\t${unset(e.zone)}`);
    }
  }
  events(cluster, o, w);
};

export const NETWORK_DESCRIBERS: Record<string, Describer> = {
  NetworkPolicy: describeNetworkPolicy,
  EndpointSlice: describeEndpointSlice,
};
