// The swarm's state for query checks (and POST /v1/simulate): docker-inspect-like shapes with
// deterministic key order. With several swarms in the world, the one most machines belong to is the
// top-level view; all of them are listed under `swarms`.

import type { World } from "../../world";
import { dockerAgo } from "../../cli/format/duration";
import type { SwarmCluster } from "./cluster";
import { isGlobal } from "./orchestrator/common";
import { quorumView, faultTolerance } from "./raft";
import type { SwarmState } from "./state";
import { managerStatus, serviceCounts } from "./status";
import type { Service, Task } from "./types";

const iso = (world: World, t: number) => world.clock.iso(t);

export function serviceJson(world: World, c: SwarmCluster, s: Service): Record<string, unknown> {
  const counts = serviceCounts(c, s);
  const spec = s.spec;
  return {
    ID: s.id,
    Name: spec.name,
    Mode: isGlobal(s) ? "global" : "replicated",
    Replicas: spec.mode.kind === "replicated" || spec.mode.kind === "replicated-job" ? spec.mode.replicas : null,
    Running: counts.running,
    Desired: counts.desired,
    Image: spec.image,
    Labels: spec.labels,
    Env: spec.env,
    Hostname: spec.hostname,
    Constraints: spec.constraints,
    Preferences: spec.preferences,
    MaxReplicasPerNode: spec.maxReplicas,
    Reservations: { NanoCPUs: spec.reservations.nanoCPUs, MemoryBytes: spec.reservations.memoryBytes },
    Limits: { NanoCPUs: spec.limits.nanoCPUs, MemoryBytes: spec.limits.memoryBytes },
    Networks: spec.networks.map((id) => c.networks.get(id)?.name ?? id),
    Ports: s.endpointPorts.map((p) => ({ Protocol: p.protocol, TargetPort: p.targetPort, PublishedPort: p.publishedPort, PublishMode: p.publishMode })),
    Secrets: spec.secrets.map((x) => x.name),
    Configs: spec.configs.map((x) => x.name),
    Mounts: spec.mounts.map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
    // ContainerSpec.ReadOnly and Groups: the task containers' read-only root and extra groups.
    ReadOnly: !!spec.readOnly,
    Groups: spec.groups ?? [],
    UpdateConfig: { ...spec.update },
    UpdateStatus: s.updateStatus ? { State: s.updateStatus.state, Message: s.updateStatus.message } : null,
    CreatedAt: iso(world, s.createdAt),
    UpdatedAt: iso(world, s.updatedAt),
  };
}

export function taskJson(world: World, c: SwarmCluster, t: Task): Record<string, unknown> {
  const svc = c.services.get(t.serviceId);
  const node = c.nodes.get(t.nodeId);
  const name = svc ? `${svc.spec.name}.${t.slot > 0 ? t.slot : t.nodeId}` : "";
  return {
    ID: t.id,
    Name: name,
    Service: svc?.spec.name ?? "",
    ServiceID: t.serviceId,
    Slot: t.slot,
    NodeID: t.nodeId,
    Node: node?.host ?? "",
    DesiredState: t.desiredState,
    State: t.state,
    CurrentState: `${t.state[0]!.toUpperCase()}${t.state.slice(1)} ${dockerAgo(world.now - t.stateAt, true)}`,
    Message: t.message,
    Err: t.err,
    ExitCode: t.exitCode ?? null,
    Image: t.spec.image,
    Hostname: t.hostname,
    Env: t.env,
    Mounts: (t.mounts ?? t.spec.mounts).map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
    UpToDate: svc ? t.specVersion === svc.specVersion : false,
    // An encrypted overlay reaching a Windows node: attached without error, but its traffic
    // cannot pass (Windows has no IPsec data-path encryption).
    Networks: t.spec.networks.map((id) => {
      const net = c.networks.get(id);
      const encrypted = !!net && "encrypted" in net.options;
      const os = node ? world.host(node.host)?.os : undefined;
      return { ID: id, Name: net?.name ?? id, Encrypted: encrypted, CanCommunicate: !(encrypted && os === "windows") };
    }),
    CreatedAt: iso(world, t.createdAt),
  };
}

function clusterJson(world: World, st: SwarmState, c: SwarmCluster): Record<string, unknown> {
  const q = quorumView(c);
  const nodes = c.sortedNodes();
  const services = [...c.services.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
  const tasks = [...c.tasks.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return {
    cluster: {
      ID: c.id,
      Managers: q.managers,
      Reachable: q.reachable,
      Quorum: q.quorum,
      HasQuorum: q.hasQuorum,
      FaultTolerance: faultTolerance(q.managers),
      Leader: c.leaderId ? c.nodes.get(c.leaderId)?.host ?? null : null,
      Autolock: c.autolock,
      Locked: nodes.filter((n) => st.membership.get(n.host)?.locked && st.membership.get(n.host)?.clusterId === c.id).map((n) => n.host),
      TaskHistoryLimit: c.settings.taskHistoryLimit,
    },
    nodes: nodes.map((n) => ({
      ID: n.id,
      Hostname: n.host,
      Role: n.role,
      Availability: n.availability,
      State: n.state,
      Addr: n.addr,
      Labels: n.labels,
      ManagerStatus: managerStatus(c, n) || null,
      Leader: c.leaderId === n.id,
    })),
    services: services.map((s) => serviceJson(world, c, s)),
    tasks: tasks.map((t) => taskJson(world, c, t)),
    networks: [...c.networks.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((n) => ({
      ID: n.id, Name: n.name, Driver: n.driver, Scope: "swarm", Attachable: n.attachable, Ingress: n.ingress,
      Internal: n.internal, Encrypted: "encrypted" in n.options, Subnet: n.subnet, Gateway: n.gateway, Labels: n.labels,
    })),
    secrets: [...c.secrets.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((s) => ({ ID: s.id, Name: s.name, Labels: s.labels })),
    configs: [...c.configs.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((s) => ({ ID: s.id, Name: s.name, Labels: s.labels })),
  };
}

export function snapshotSwarm(st: SwarmState, world: World): unknown {
  const clusters = st.sortedClusters();
  const membership: Record<string, unknown> = {};
  for (const name of [...st.membership.keys()].sort()) {
    const m = st.membership.get(name)!;
    membership[name] = { ClusterID: m.clusterId, NodeID: m.nodeId, Locked: m.locked };
  }
  // The swarm most machines belong to (ties: the newest) is the top-level view.
  const members = (id: string) => [...st.membership.values()].filter((m) => m.clusterId === id).length;
  const first = [...clusters].sort((a, b) => members(b.id) - members(a.id) || b.createdAt - a.createdAt)[0];
  return {
    ...(first ? clusterJson(world, st, first) : { cluster: null, nodes: [], services: [], tasks: [], networks: [], secrets: [], configs: [] }),
    membership,
    swarms: clusters.length > 1 ? clusters.map((c) => clusterJson(world, st, c)) : undefined,
  };
}
