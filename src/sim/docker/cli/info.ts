// `docker info` (docker/cli cli/command/system/info.go): the client and server sections, with
// the Swarm section as the daemon reports it for this machine; `--format` reads the same
// structure (`{{.Swarm.LocalNodeState}}`, `{{.Swarm.ControlAvailable}}`, …).

import { engineHost } from "../engine/state";
import { quorumView } from "../swarm/raft";
import { swarmOf } from "../swarm/state";
import { ERR_NO_LEADER } from "../swarm/errors";
import { GoDuration, GoTime } from "../../cli/format/go-value";
import { dockerHumanDuration } from "../../cli/format/duration";
import { ENGINE_VERSION, tlsInfoObject, withZero } from "./swarm-inspect";
import { rootCA } from "../swarm/ca-cert";
import { fail, ok, type Ctx, type SwarmHandler } from "./swarm-common";
import { formatInfo } from "./swarm-format";
import { rootRotation } from "./swarm-ca";

/** An omitempty time.Duration left out of the JSON is still a field (0s) to templates. */
const zeroDurations = (...names: string[]) => withZero({}, Object.fromEntries(names.map((n) => [n, new GoDuration(0)])));

/** Go's zero swarm.ClusterInfo (what &swarm.ClusterInfo points at when the inspect failed). */
const ZERO_CLUSTER_INFO = (): Record<string, unknown> => ({
  ID: "", Version: {}, CreatedAt: new GoTime(GO_ZERO_TIME_MS), UpdatedAt: new GoTime(GO_ZERO_TIME_MS),
  Spec: { Orchestration: {}, Raft: { ElectionTick: 0, HeartbeatTick: 0 }, Dispatcher: zeroDurations("HeartbeatPeriod"), CAConfig: zeroDurations("NodeCertExpiry"), TaskDefaults: {}, EncryptionConfig: { AutoLockManagers: false } },
  TLSInfo: {}, RootRotationInProgress: false, DefaultAddrPool: null, SubnetSize: 0, DataPathPort: 0,
});
/**
 * moby's Cluster.Info adds this to Swarm.Warnings on an active manager whose node list holds
 * exactly two managers; the info route appends the swarm's warnings to the daemon's, and the
 * CLI prints them on stderr after the output.
 */
export const WARN_TWO_MANAGERS = `WARNING: Running Swarm in a two-manager configuration. This configuration provides
         no fault tolerance, and poses a high risk to lose control over the cluster.
         Refer to https://docs.docker.com/engine/swarm/admin_guide/ to configure the
         Swarm for fault-tolerance.`;

/** 0001-01-01T00:00:00Z, Go's zero time.Time. */
const GO_ZERO_TIME_MS = -62135596800000;

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
  // The daemon's state counter keeps paused containers apart from running and stopped ones.
  const paused = h.containers.filter((c) => c.status === "paused").length;
  let swarm: Record<string, unknown> = { NodeID: "", NodeAddr: "", LocalNodeState: "inactive", ControlAvailable: false, Error: "", RemoteManagers: null };
  const pending = swarmOf(ctx.world).pending.get(host.name);
  // A join still trying: no node ID or address yet; the address it calls is its one remote.
  if (!st && pending) swarm = { ...swarm, LocalNodeState: "pending", RemoteManagers: [{ NodeID: "", Addr: pending.remote }] };
  if (st) {
    const c = st.cluster;
    const isManager = c.members.includes(st.node.id);
    const managers = c.sortedNodes().filter((n) => c.members.includes(n.id));
    // moby's Cluster.Info: a manager's control client answers even without a leader, but the
    // cluster inspect and node list it makes fail then: their error goes to Error, the counts
    // stay 0 and Cluster points at an empty ClusterInfo.
    const control = isManager && !st.membership.locked;
    const noLeader = control && !quorumView(c).hasQuorum;
    swarm = {
      NodeID: st.node.id,
      NodeAddr: st.node.addr,
      LocalNodeState: st.membership.locked ? "locked" : "active",
      ControlAvailable: control,
      Error: noLeader ? ERR_NO_LEADER : "",
      RemoteManagers: managers.map((n) => ({ NodeID: n.id, Addr: n.managerAddr ?? `${n.addr}:2377` })),
      ...(noLeader ? { Cluster: ZERO_CLUSTER_INFO() } : {}),
      ...(control && !noLeader ? {
        Nodes: c.nodes.size,
        Managers: c.members.length,
        ...(c.members.length === 2 ? { Warnings: [WARN_TWO_MANAGERS] } : {}),
        Cluster: {
          ID: c.id,
          Spec: {
            Name: "default",
            Orchestration: { TaskHistoryRetentionLimit: c.settings.taskHistoryLimit },
            Raft: { SnapshotInterval: c.settings.snapshotInterval, KeepOldSnapshots: c.settings.maxSnapshots, LogEntriesForSlowFollowers: 500, ElectionTick: 10, HeartbeatTick: 1 },
            // time.Durations: nanoseconds in JSON, `2160h0m0s` to templates.
            Dispatcher: { HeartbeatPeriod: new GoDuration(c.settings.dispatcherHeartbeatMs * 1e6) },
            CAConfig: { NodeCertExpiry: new GoDuration(c.settings.certExpiryMs * 1e6) },
            EncryptionConfig: { AutoLockManagers: c.autolock },
          },
          TLSInfo: tlsInfoObject(rootCA(c)),
          RootRotationInProgress: rootRotation(c).inProgress,
          DefaultAddrPool: c.settings.defaultAddrPool,
          SubnetSize: c.settings.subnetSize,
          DataPathPort: c.settings.dataPathPort,
        },
      } : {}),
    };
    if (st.membership.locked) swarm = { NodeID: "", NodeAddr: "", LocalNodeState: "locked", ControlAvailable: false, Error: "", RemoteManagers: null };
  }
  // swarm.Info is a struct: Nodes, Managers, Cluster and Warnings exist on every node (0 / nil
  // where the daemon leaves them out, as JSON's omitempty does).
  withZero(swarm, { Nodes: 0, Managers: 0, Cluster: null, Warnings: null });
  const warnings = (swarm.Warnings as string[] | null) ?? [];
  const linux = host.os !== "windows";
  // system.Info in Go's field order (what `{{json .}}` prints), with the values the text view
  // below prints for an Ubuntu 24.04 machine running Docker Engine 28.
  return withZero({
    ID: `${host.name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(4, "X").slice(0, 4)}:SIMU:LATE:DHOS:T000:0000:0000:0000:0000:0000:0000:0000`,
    Containers: total,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: total - running - paused,
    Images: h.images.length,
    Driver: "overlay2",
    DriverStatus: DRIVER_STATUS.map((p) => [...p]),
    Plugins: { Volume: ["local"], Network: [...NETWORK_PLUGINS], Authorization: null, Log: [...LOG_PLUGINS] },
    MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true, PidsLimit: true,
    IPv4Forwarding: true, BridgeNfIptables: false, BridgeNfIp6tables: false,
    Debug: false, NFd: 32 + total, OomKillDisable: false, NGoroutines: 48 + 6 * running,
    // time.Now().Format(time.RFC3339Nano) on the daemon (a UTC machine): trailing zeros dropped.
    SystemTime: new Date(ctx.world.now).toISOString().replace(/\.?0+Z$/, "Z"),
    LoggingDriver: "json-file", CgroupDriver: "systemd", CgroupVersion: "2", NEventsListener: 0,
    KernelVersion: linux ? "6.8.0-60-generic" : "10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)",
    OperatingSystem: linux ? "Ubuntu 24.04.2 LTS" : "Windows Server 2022 Datacenter",
    OSVersion: linux ? "24.04" : "10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)",
    OSType: host.os,
    Architecture: host.arch,
    IndexServerAddress: "https://index.docker.io/v1/",
    // registry.ServiceConfig marshals itself through a map (to add legacy fields): its keys come
    // out sorted, at every level.
    RegistryConfig: {
      IndexConfigs: { "docker.io": { Mirrors: [], Name: "docker.io", Official: true, Secure: true } },
      InsecureRegistryCIDRs: ["::1/128", "127.0.0.0/8"],
      Mirrors: null,
    },
    NCPU: host.cpus,
    MemTotal: host.memory,
    GenericResources: null,
    DockerRootDir: "/var/lib/docker",
    HttpProxy: "", HttpsProxy: "", NoProxy: "",
    Name: host.name,
    Labels: Object.entries(host.labels).map(([k, v]) => `${k}=${v}`),
    ExperimentalBuild: false,
    ServerVersion: ENGINE_VERSION,
    Runtimes: { "io.containerd.runc.v2": { path: "runc" }, runc: { path: "runc" } },
    DefaultRuntime: "runc",
    Swarm: swarm,
    LiveRestoreEnabled: false,
    Isolation: "",
    InitBinary: "docker-init",
    ContainerdCommit: { ID: COMMITS.containerd },
    RuncCommit: { ID: COMMITS.runc },
    InitCommit: { ID: COMMITS.init },
    SecurityOptions: ["name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"],
    CDISpecDirs: ["/etc/cdi", "/var/run/cdi"],
    Containerd: { Address: "/run/containerd/containerd.sock", Namespaces: { Containers: "moby", Plugins: "plugins.moby" } },
    ...(warnings.length ? { Warnings: [...warnings] } : {}),
  }, { Warnings: null });
}

const DRIVER_STATUS = [["Backing Filesystem", "extfs"], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"], ["userxattr", "false"]] as const;
const NETWORK_PLUGINS = ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"];
const LOG_PLUGINS = ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"];
const COMMITS = { containerd: "05044ec0a9a75232cad458027ca83437aae3f4da", runc: "v1.2.5-0-g59923ef", init: "de40ad0" };

/** docker/cli's printSwarmInfo over the info's Swarm struct. */
function swarmSection(ctx: Ctx, swarm: Record<string, unknown>): string {
  const state = swarm.LocalNodeState as string;
  let s = ` Swarm: ${state}\n`;
  if (state === "inactive" || state === "locked") return s;
  s += `  NodeID: ${swarm.NodeID}\n`;
  if (swarm.Error) s += `  Error: ${swarm.Error}\n`;
  s += `  Is Manager: ${swarm.ControlAvailable}\n`;
  const st = swarmOf(ctx.world).of(ctx.host);
  if (st && swarm.ControlAvailable && !swarm.Error) {
    const c = st.cluster;
    s += `  ClusterID: ${c.id}\n  Managers: ${swarm.Managers}\n  Nodes: ${swarm.Nodes}\n`;
    s += `  Default Address Pool: ${c.settings.defaultAddrPool.map((p) => p + "  ").join("")}\n  SubnetSize: ${c.settings.subnetSize}\n  Data Path Port: ${c.settings.dataPathPort}\n`;
    s += `  Orchestration:\n   Task History Retention Limit: ${c.settings.taskHistoryLimit}\n`;
    s += `  Raft:\n   Snapshot Interval: ${c.settings.snapshotInterval}\n   Number of Old Snapshots to Retain: ${c.settings.maxSnapshots}\n   Heartbeat Tick: 1\n   Election Tick: 10\n`;
    // Both durations through units.HumanDuration (2160h is "3 months", 48h "2 days").
    s += `  Dispatcher:\n   Heartbeat Period: ${dockerHumanDuration(c.settings.dispatcherHeartbeatMs)}\n`;
    s += `  CA Configuration:\n   Expiry Duration: ${dockerHumanDuration(c.settings.certExpiryMs)}\n   Force Rotate: 0\n`;
    s += `  Autolock Managers: ${c.autolock}\n  Root Rotation In Progress: ${rootRotation(c).inProgress}\n`;
  }
  s += `  Node Address: ${swarm.NodeAddr}\n`;
  // sort.Strings: byte order.
  const managers = ((swarm.RemoteManagers ?? []) as { Addr: string }[]).map((m) => m.Addr).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (managers.length) s += `  Manager Addresses:\n${managers.map((m) => `   ${m}\n`).join("")}`;
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
    out += `Server:\n Containers: ${i.Containers}\n  Running: ${i.ContainersRunning}\n  Paused: ${i.ContainersPaused}\n  Stopped: ${i.ContainersStopped}\n Images: ${i.Images}\n`;
    out += ` Server Version: ${ENGINE_VERSION}\n Storage Driver: overlay2\n${DRIVER_STATUS.map(([k, v]) => `  ${k}: ${v}\n`).join("")}`;
    out += ` Logging Driver: json-file\n Cgroup Driver: systemd\n Cgroup Version: 2\n Plugins:\n  Volume: local\n  Network: ${NETWORK_PLUGINS.join(" ")}\n`;
    out += `  Log: ${LOG_PLUGINS.join(" ")}\n CDI spec directories:\n  /etc/cdi\n  /var/run/cdi\n`;
    out += swarmSection(ctx, info.Swarm as Record<string, unknown>);
    out += " Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc\n Init Binary: docker-init\n";
    out += ` containerd version: ${COMMITS.containerd}\n runc version: ${COMMITS.runc}\n init version: ${COMMITS.init}\n`;
    out += " Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n";
    out += ` Kernel Version: ${i.KernelVersion}\n Operating System: ${i.OperatingSystem}\n OSType: ${h.os}\n Architecture: ${h.arch}\n CPUs: ${h.cpus}\n Total Memory: ${memText(h.memory)}\n Name: ${h.name}\n ID: ${i.ID}\n`;
    out += " Docker Root Dir: /var/lib/docker\n Debug Mode: false\n";
    const labels = Object.entries(h.labels);
    if (labels.length) out += ` Labels:\n${labels.map(([k, v]) => `  ${k}=${v}\n`).join("")}`;
    out += " Experimental: false\n Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n Live Restore Enabled: false\n\n";
    const warnings = (info.Warnings as string[] | null) ?? [];
    return { exitCode: 0, stdout: out, stderr: warnings.map((w) => w + "\n").join("") };
  },
};
