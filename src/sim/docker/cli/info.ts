// `docker info` (docker/cli cli/command/system/info.go): the client and server sections, with
// the Swarm section as the daemon reports it for this machine; `--format` reads the same
// structure (`{{.Swarm.LocalNodeState}}`, `{{.Swarm.ControlAvailable}}`, …).

import { engineHost } from "../engine/state";
import { quorumView } from "../swarm/raft";
import { swarmOf } from "../swarm/state";
import { ENGINE_VERSION } from "./swarm-inspect";
import { fail, ok, type Ctx, type SwarmHandler } from "./swarm-common";
import { formatInfo } from "./swarm-format";

function memText(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

export function infoObject(ctx: Ctx): Record<string, unknown> {
  const host = ctx.host;
  const st = swarmOf(ctx.world).of(host);
  const h = engineHost(ctx.world, host.name);
  let taskContainers = 0;
  if (st) for (const t of st.cluster.tasks.values()) if (t.nodeId === st.node.id && (t.state === "running" || t.state === "complete" || t.state === "failed")) taskContainers++;
  const running = h.containers.filter((c) => c.status === "running").length + (st ? [...st.cluster.tasks.values()].filter((t) => t.nodeId === st.node.id && t.state === "running").length : 0);
  const total = h.containers.length + taskContainers;
  let swarm: Record<string, unknown> = { NodeID: "", NodeAddr: "", LocalNodeState: "inactive", ControlAvailable: false, Error: "", RemoteManagers: null };
  if (st) {
    const c = st.cluster;
    const isManager = c.members.includes(st.node.id);
    const managers = c.sortedNodes().filter((n) => c.members.includes(n.id));
    swarm = {
      NodeID: st.node.id,
      NodeAddr: st.node.addr,
      LocalNodeState: st.membership.locked ? "locked" : "active",
      ControlAvailable: isManager && !st.membership.locked,
      Error: "",
      RemoteManagers: managers.map((n) => ({ NodeID: n.id, Addr: n.managerAddr ?? `${n.addr}:2377` })),
      ...(isManager && !st.membership.locked ? {
        Nodes: c.nodes.size,
        Managers: c.members.length,
        Cluster: {
          ID: c.id,
          Spec: {
            Name: "default",
            Orchestration: { TaskHistoryRetentionLimit: c.settings.taskHistoryLimit },
            Raft: { SnapshotInterval: c.settings.snapshotInterval, KeepOldSnapshots: c.settings.maxSnapshots, LogEntriesForSlowFollowers: 500, ElectionTick: 10, HeartbeatTick: 1 },
            Dispatcher: { HeartbeatPeriod: c.settings.dispatcherHeartbeatMs * 1e6 },
            CAConfig: { NodeCertExpiry: c.settings.certExpiryMs * 1e6 },
            EncryptionConfig: { AutoLockManagers: c.autolock },
          },
          DefaultAddrPool: c.settings.defaultAddrPool,
          SubnetSize: c.settings.subnetSize,
          DataPathPort: c.settings.dataPathPort,
        },
      } : {}),
    };
    if (st.membership.locked) swarm = { NodeID: "", NodeAddr: "", LocalNodeState: "locked", ControlAvailable: false, Error: "", RemoteManagers: null };
  }
  return {
    ID: `${host.name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(4, "X").slice(0, 4)}:SIMU:LATE:DHOS:T000:0000:0000:0000:0000:0000:0000:0000`,
    Containers: total,
    ContainersRunning: running,
    ContainersPaused: 0,
    ContainersStopped: total - running,
    Images: h.images.length,
    Driver: "overlay2",
    Name: host.name,
    NCPU: host.cpus,
    MemTotal: host.memory,
    ServerVersion: ENGINE_VERSION,
    OSType: host.os,
    Architecture: host.arch,
    OperatingSystem: host.os === "windows" ? "Windows Server 2022 Datacenter" : "Ubuntu 24.04.2 LTS",
    KernelVersion: host.os === "windows" ? "10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)" : "6.8.0-60-generic",
    DockerRootDir: "/var/lib/docker",
    Swarm: swarm,
    Labels: Object.entries(host.labels).map(([k, v]) => `${k}=${v}`),
  };
}

function swarmSection(ctx: Ctx): string {
  const st = swarmOf(ctx.world).of(ctx.host);
  if (!st) return " Swarm: inactive\n";
  if (st.membership.locked) return " Swarm: locked\n";
  const c = st.cluster;
  const isManager = c.members.includes(st.node.id);
  let s = ` Swarm: active\n  NodeID: ${st.node.id}\n  Is Manager: ${isManager}\n`;
  if (isManager && quorumView(c).hasQuorum) {
    const hb = c.settings.dispatcherHeartbeatMs / 1000;
    s += `  ClusterID: ${c.id}\n  Managers: ${c.members.length}\n  Nodes: ${c.nodes.size}\n`;
    s += `  Default Address Pool: ${c.settings.defaultAddrPool.join(" ")}  \n  SubnetSize: ${c.settings.subnetSize}\n  Data Path Port: ${c.settings.dataPathPort}\n`;
    s += `  Orchestration:\n   Task History Retention Limit: ${c.settings.taskHistoryLimit}\n`;
    s += `  Raft:\n   Snapshot Interval: ${c.settings.snapshotInterval}\n   Number of Old Snapshots to Retain: ${c.settings.maxSnapshots}\n   Heartbeat Tick: 1\n   Election Tick: 10\n`;
    s += `  Dispatcher:\n   Heartbeat Period: ${hb} second${hb === 1 ? "" : "s"}\n`;
    s += `  CA Configuration:\n   Expiry Duration: 3 months\n   Force Rotate: 0\n`;
    s += `  Autolock Managers: ${c.autolock}\n  Root Rotation In Progress: false\n`;
  }
  s += `  Node Address: ${st.node.addr}\n  Manager Addresses:\n`;
  for (const n of c.sortedNodes().filter((x) => c.members.includes(x.id)).sort((a, b) => (a.managerAddr ?? "").localeCompare(b.managerAddr ?? ""))) s += `   ${n.managerAddr}\n`;
  return s;
}

export const infoHandler: SwarmHandler = {
  args: { min: 0, max: 0 },
  run(ctx, inv) {
    const info = infoObject(ctx);
    const format = inv.flags.str("format");
    if (format) return formatInfo(format, info);
    const h = ctx.host;
    const i = info as Record<string, number | string>;
    let out = `Client: Docker Engine - Community\n Version:    ${ENGINE_VERSION}\n Context:    default\n Debug Mode: false\n`;
    out += " Plugins:\n  buildx: Docker Buildx (Docker Inc.)\n    Version:  v0.24.0\n    Path:     /usr/libexec/docker/cli-plugins/docker-buildx\n";
    out += "  compose: Docker Compose (Docker Inc.)\n    Version:  v2.36.2\n    Path:     /usr/libexec/docker/cli-plugins/docker-compose\n\n";
    out += `Server:\n Containers: ${i.Containers}\n  Running: ${i.ContainersRunning}\n  Paused: 0\n  Stopped: ${i.ContainersStopped}\n Images: ${i.Images}\n`;
    out += ` Server Version: ${ENGINE_VERSION}\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n  Supports d_type: true\n  Using metacopy: false\n  Native Overlay Diff: true\n  userxattr: false\n`;
    out += " Logging Driver: json-file\n Cgroup Driver: systemd\n Cgroup Version: 2\n Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n";
    out += "  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog\n CDI spec directories:\n  /etc/cdi\n  /var/run/cdi\n";
    out += swarmSection(ctx);
    out += " Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc\n Init Binary: docker-init\n";
    out += " containerd version: 05044ec0a9a75232cad458027ca83437aae3f4da\n runc version: v1.2.5-0-g59923ef\n init version: de40ad0\n";
    out += " Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n";
    out += ` Kernel Version: ${i.KernelVersion}\n Operating System: ${i.OperatingSystem}\n OSType: ${h.os}\n Architecture: ${h.arch}\n CPUs: ${h.cpus}\n Total Memory: ${memText(h.memory)}\n Name: ${h.name}\n ID: ${i.ID}\n`;
    out += " Docker Root Dir: /var/lib/docker\n Debug Mode: false\n";
    const labels = Object.entries(h.labels);
    if (labels.length) out += ` Labels:\n${labels.map(([k, v]) => `  ${k}=${v}\n`).join("")}`;
    out += " Experimental: false\n Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n Live Restore Enabled: false\n\n";
    return ok(out);
  },
};
