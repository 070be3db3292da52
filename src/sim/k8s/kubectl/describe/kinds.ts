// Per-kind describers (pkg/describe/describe.go): Pod, Deployment, ReplicaSet, DaemonSet,
// Service, Node, Ingress, Endpoints here, the configuration kinds in config-kinds.ts; other kinds
// fall back to a generic metadata block. Each ends with the object's Events.

import { deepClone } from "../../api/json";
import { formatLabelSelector, labelSelectorMatches } from "../../api/selectors";
import { canonicalQuantity } from "../../api/quantity";
import type { KubeCluster } from "../../cluster";
import type { KObject } from "../../store";
import { kubeAge } from "../../../cli/format/duration";
import { nodeRoles } from "../printers/tables";
import { podCells } from "../printers/pod-status";
import { nodeSelectorText, writeContainers, writeTolerations, writeVolumes } from "./containers";
import { writeNodeResources } from "./node-resources";
import { writePodTemplate, writeTopologySpread } from "./pod-template";
import { controlledBy, events, header, ownedBy, podsStatusLine, type Describer } from "./common";
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from "./config-kinds";
import { WORKLOAD_DESCRIBERS } from "./workload-kinds";
import { STORAGE_DESCRIBERS } from "./storage-kinds";
import { NETWORK_DESCRIBERS } from "./network-kinds";
import { describeGeneric } from "./generic";
import { AUTOSCALING_DESCRIBERS } from "./autoscaling-kinds";
import { POLICY_DESCRIBERS, writeControllerConditions } from "./policy-kinds";
import { DescribeWriter, or, rfc1123z, writeAnnotations, writeMap, type Obj } from "./writer";

const describePod: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  w.write(0, `Priority:\t${spec.priority ?? 0}`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}`);
  const node = spec.nodeName ? `${spec.nodeName}/${st.hostIP ?? ""}` : "<none>";
  w.write(0, `Node:\t${node}`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  // translateTimestampSince(deletionTimestamp): a graceful delete sets the timestamp to the end
  // of the grace period, so while the grace period runs the duration is negative and kubectl
  // prints `<invalid>`; once it has passed (a pod stuck on a finalizer) it counts up.
  // 1.30 says Terminating whatever the phase (Succeeded/Failed are kept from 1.31 on, PR 122038).
  if (o.metadata.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${kubeAge(cluster.world.now, Date.parse(o.metadata.deletionTimestamp))})`);
    w.write(0, `Termination Grace Period:\t${o.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else {
    w.write(0, `Status:\t${st.phase ?? "Pending"}`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}`);
  if (st.message) w.write(0, `Message:\t${st.message}`);
  w.write(0, `IP:\t${st.podIP ?? ""}`);
  const ips = (st.podIPs ?? (st.podIP ? [{ ip: st.podIP }] : [])) as Obj[];
  if (ips.length) {
    w.write(0, "IPs:");
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}`);
  } else w.write(0, "IPs:\t<none>");
  const by = controlledBy(o);
  if (by) w.write(0, `Controlled By:\t${by}`);
  if (spec.initContainers?.length) writeContainers(w, 0, "Init Containers:", spec.initContainers, st.initContainerStatuses ?? [], false, o);
  writeContainers(w, 0, "Containers:", spec.containers ?? [], st.containerStatuses ?? [], false, o);
  // Ephemeral containers are described as the Containers they are made of (no target shown).
  if (spec.ephemeralContainers?.length) writeContainers(w, 0, "Ephemeral Containers:", spec.ephemeralContainers, st.ephemeralContainerStatuses ?? [], false, o);
  const conds = (st.conditions ?? []) as Obj[];
  const gates = (spec.readinessGates ?? []) as Obj[];
  if (gates.length) {
    // describePod: each gate's condition status, <none> until something sets it.
    w.write(0, "Readiness Gates:");
    w.write(1, "Type\tStatus");
    for (const g of gates) w.write(1, `${g.conditionType} \t${conds.find((c) => c.type === g.conditionType)?.status ?? "<none>"} `);
  }
  if (conds.length) {
    w.write(0, "Conditions:");
    w.write(1, "Type\tStatus");
    for (const c of conds) w.write(1, `${c.type} \t${c.status} `);
  }
  writeVolumes(w, 0, spec.volumes);
  w.write(0, `QoS Class:\t${st.qosClass ?? "BestEffort"}`);
  writeMap(w, 0, "Node-Selectors:", spec.nodeSelector);
  writeTolerations(w, 0, "Tolerations:", spec.tolerations);
  writeTopologySpread(w, 0, spec.topologySpreadConstraints);
  events(cluster, o, w);
};

function intOrPct(v: unknown): string {
  return v === undefined ? "" : String(v);
}

const describeDeployment: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? "RollingUpdate"}`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`);
  if (spec.strategy?.rollingUpdate) {
    const ru = spec.strategy.rollingUpdate;
    w.write(0, `RollingUpdateStrategy:\t${intOrPct(ru.maxUnavailable)} max unavailable, ${intOrPct(ru.maxSurge)} max surge`);
  }
  writePodTemplate(w, 0, spec.template ?? {});
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, "Conditions:");
    w.write(1, "Type\tStatus\tReason");
    w.write(1, "----\t------\t------");
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}`);
  }
  const rsets = ownedBy(cluster, "ReplicaSet", o);
  const hashOf = (rs: Obj) => rs.metadata.labels?.["pod-template-hash"];
  const current = o.spec?.template;
  const isNew = (rs: Obj) => {
    const a = deepClone(rs.spec?.template ?? {}) as Obj;
    if (a.metadata?.labels) delete a.metadata.labels["pod-template-hash"];
    return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(current ?? {}));
  };
  const newRs = rsets.find(isNew);
  // kubectl 1.30 lists every old ReplicaSet (GetAllReplicaSets' allOldRSs), scaled to 0 or not.
  const old = rsets.filter((rs) => rs !== newRs);
  const fmt = (rs: Obj) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;
  void hashOf;
  w.write(0, `OldReplicaSets:\t${old.length ? old.map(fmt).join(", ") : "<none>"}`);
  w.write(0, `NewReplicaSet:\t${newRs ? fmt(newRs) : "<none>"}`);
  events(cluster, o, w);
};

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v as Obj).sort().map((k) => [k, sortDeep((v as Obj)[k])]));
  return v;
}

const describeReplicaSet: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  const by = controlledBy(o);
  if (by) w.write(0, `Controlled By:\t${by}`);
  w.write(0, `Replicas:\t${st.replicas ?? 0} current / ${spec.replicas ?? 0} desired`);
  w.write(0, `Pods Status:\t${podsStatusLine(cluster, o)}`);
  writePodTemplate(w, 0, spec.template ?? {});
  writeControllerConditions(w, o);
  events(cluster, o, w);
};

const describeDaemonSet: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  // DaemonSet describe has no Namespace line.
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  w.write(0, `Node-Selector:\t${nodeSelectorText(spec.template?.spec?.nodeSelector)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}`);
  w.write(0, `Pods Status:\t${podsStatusLine(cluster, o)}`);
  writePodTemplate(w, 0, spec.template ?? {});
  events(cluster, o, w);
};

/** formatEndpoints filtered to one port name: at most 3 ip:port, then " + N more...";
 *  `<none>` without subsets (or Endpoints object), empty when no ready address matches. */
function endpointsText(cluster: KubeCluster, svc: Obj, portName: string | undefined): string {
  const ep = cluster.store.get("Endpoints", svc.metadata.namespace, svc.metadata.name) as Obj | undefined;
  if (!ep?.subsets?.length) return "<none>";
  const out: string[] = [];
  let count = 0;
  for (const ss of (ep?.subsets ?? []) as Obj[]) {
    if (!ss.ports?.length) {
      // Headless services without ports list bare addresses.
      for (const a of (ss.addresses ?? []) as Obj[]) {
        count++;
        if (out.length < 3) out.push(a.ip);
      }
      continue;
    }
    for (const port of ((ss.ports ?? []) as Obj[]).filter((p) => (p.name ?? "") === (portName ?? ""))) {
      for (const a of (ss.addresses ?? []) as Obj[]) {
        count++;
        if (out.length < 3) out.push(`${a.ip}:${port.port}`);
      }
    }
  }
  return out.join(",") + (count > 3 ? ` + ${count - 3} more...` : "");
}

const describeService: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Selector:\t${nodeSelectorText(spec.selector)}`);
  w.write(0, `Type:\t${spec.type ?? "ClusterIP"}`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}`);
  // Written for every type (an ExternalName service shows `<none>` and an empty IP).
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>"}`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>"}`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(",")}`);
  if (spec.type === "ExternalName") w.write(0, `External Name:\t${spec.externalName}`);
  if (spec.type === "LoadBalancer") {
    const ing = ((o.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname);
    if (ing.length) w.write(0, `LoadBalancer Ingress:\t${ing.join(", ")}`);
  }
  for (const p of (spec.ports ?? []) as Obj[]) {
    const name = p.name || "<unset>";
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? "TCP"}`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol ?? "TCP"}`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? "TCP"}`);
    w.write(0, `Endpoints:\t${endpointsText(cluster, o, p.name)}`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`);
  // No `Internal Traffic Policy:` line: kubectl prints it from 1.31 on, 1.30 does not.
  events(cluster, o, w);
};

function canonical(q: string | number): string {
  try {
    return canonicalQuantity(q);
  } catch {
    return String(q);
  }
}

const describeNode: Describer = (cluster, o, w) => {
  const st = o.status ?? {};
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Roles:\t${nodeRoles(o)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  const taints = (o.spec?.taints ?? []) as Obj[];
  if (!taints.length) w.write(0, "Taints:\t<none>");
  else taints.forEach((t, i) => w.write(0, `${i === 0 ? "Taints:" : ""}\t${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`));
  w.write(0, `Unschedulable:\t${o.spec?.unschedulable ? "true" : "false"}`);
  w.write(0, "Lease:");
  w.write(1, `HolderIdentity:\t${o.metadata.name}`);
  w.write(1, "AcquireTime:\t<unset>");
  // The kubelet renews its lease every 10 s; once it stops posting (Ready Unknown) the lease
  // is as old as the last heartbeat the node controller saw.
  const ready = ((st.conditions ?? []) as Obj[]).find((c) => c.type === "Ready");
  const renewed = ready?.status === "Unknown" && ready.lastHeartbeatTime ? ready.lastHeartbeatTime : cluster.world.now;
  w.write(1, `RenewTime:\t${rfc1123z(renewed)}`);
  w.write(0, "Conditions:");
  w.write(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage");
  w.write(1, "----\t------\t-----------------\t------------------\t------\t-------");
  for (const c of (st.conditions ?? []) as Obj[]) {
    w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}`);
  }
  w.write(0, "Addresses:");
  for (const a of (st.addresses ?? []) as Obj[]) w.write(1, `${a.type}:\t${a.address}`);
  for (const [label, key] of [["Capacity:", "capacity"], ["Allocatable:", "allocatable"]] as const) {
    w.write(0, label);
    const m = (st[key] ?? {}) as Obj;
    // kubectl parses each value into a Quantity and prints its canonical form.
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${canonical(m[k])}`);
  }
  const info = st.nodeInfo ?? {};
  w.write(0, "System Info:");
  for (const [l, k] of [["Machine ID", "machineID"], ["System UUID", "systemUUID"], ["Boot ID", "bootID"], ["Kernel Version", "kernelVersion"], ["OS Image", "osImage"], ["Operating System", "operatingSystem"], ["Architecture", "architecture"], ["Container Runtime Version", "containerRuntimeVersion"], ["Kubelet Version", "kubeletVersion"], ["Kube-Proxy Version", "kubeProxyVersion"]]) {
    w.write(1, `${l}:\t${info[k!] ?? ""}`);
  }
  if (o.spec?.podCIDR) w.write(0, `PodCIDR:\t${o.spec.podCIDR}`);
  if (o.spec?.podCIDRs) w.write(0, `PodCIDRs:\t${o.spec.podCIDRs.join(",")}`);
  const pods = cluster.store.list("Pod").filter((p) => (p.spec as Obj)?.nodeName === o.metadata.name && !["Succeeded", "Failed"].includes((p.status as Obj)?.phase)) as Obj[];
  writeNodeResources(w, o, pods, (p) => kubeAge(cluster.world.now, Date.parse(p.metadata.creationTimestamp)));
  events(cluster, o, w);
};

const describeEndpoints: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, "Subsets:");
  for (const ss of (o.subsets ?? []) as Obj[]) {
    w.write(1, `Addresses:\t${((ss.addresses ?? []) as Obj[]).map((a) => a.ip).join(",") || "<none>"}`);
    w.write(1, `NotReadyAddresses:\t${((ss.notReadyAddresses ?? []) as Obj[]).map((a) => a.ip).join(",") || "<none>"}`);
    w.write(1, "Ports:");
    w.write(2, "Name\tPort\tProtocol");
    w.write(2, "----\t----\t--------");
    for (const p of (ss.ports ?? []) as Obj[]) w.write(2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}`);
    w.write(0, "");
  }
  events(cluster, o, w);
};

const describeIngress: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `Address:\t${((o.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname).join(",")}`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}`);
  const backendText = (b: Obj | undefined) => {
    if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? "<none>"}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
    if (!b?.service) return "";
    const port = b.service.port?.number ?? b.service.port?.name;
    const sb = `${b.service.name}:${port}`;
    if (!cluster.store.get("Endpoints", o.metadata.namespace, b.service.name)) return `${sb} (<error: endpoints "${b.service.name}" not found>)`;
    const svc = cluster.store.get("Service", o.metadata.namespace, b.service.name);
    if (!svc) return `${sb}(<error: services "${b.service.name}" not found>)`;
    const sp = ((svc.spec as Obj)?.ports ?? []).find((p: Obj) => p.port === b.service.port?.number || p.name === b.service.port?.name);
    return `${sb} (${endpointsText(cluster, svc as Obj, sp?.name ?? "")})`;
  };
  w.write(0, `Default backend:\t${spec.defaultBackend ? backendText(spec.defaultBackend) : "<default>"}`);
  if (spec.tls?.length) {
    w.write(0, "TLS:");
    for (const t of spec.tls as Obj[]) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(",")}` : `SNI routes ${(t.hosts ?? []).join(",")}`);
  }
  w.write(0, "Rules:");
  w.write(1, "Host\tPath\tBackends");
  w.write(1, "----\t----\t--------");
  // Rules without http are skipped; none left prints the default backend row. The path
  // cell carries a trailing space (`\t%s \t%s`), as kubectl writes it.
  const rules = ((spec.rules ?? []) as Obj[]).filter((r) => r.http);
  for (const r of rules) {
    w.write(1, `${r.host || "*"}\t`);
    for (const p of (r.http?.paths ?? []) as Obj[]) w.write(2, `\t${p.path ?? ""} \t${backendText(p.backend)}`);
  }
  if (!rules.length) w.write(1, `*\t*\t${spec.defaultBackend ? backendText(spec.defaultBackend) : "<default>"}`);
  writeAnnotations(w, 0, o.metadata.annotations);
  events(cluster, o, w);
};

export const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  Service: describeService,
  Node: describeNode,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Endpoints: describeEndpoints,
  Ingress: describeIngress,
  ServiceAccount: describeServiceAccount,
  ...WORKLOAD_DESCRIBERS,
  ...STORAGE_DESCRIBERS,
  ...NETWORK_DESCRIBERS,
  ...POLICY_DESCRIBERS,
  ...AUTOSCALING_DESCRIBERS,
};

export function describeObject(cluster: KubeCluster, o: KObject): string {
  const w = new DescribeWriter();
  (DESCRIBERS[o.kind] ?? describeGeneric)(cluster, o as Obj, w);
  return w.toString();
}

export { labelSelectorMatches, podCells, or };
