// The API shapes `docker … inspect` prints and `--format` templates read (moby api/types/swarm):
// Node, Service, Task, with Go's field names and order.

import { NODE_PLUGINS } from "../swarm/scheduler/filters";
import type { World } from "../../world";
import type { SwarmCluster } from "../swarm/cluster";
import { isGlobal } from "../swarm/orchestrator/common";
import { managerStatus } from "../swarm/status";
import { taskContainerId } from "../swarm/engine-sync";
import type { MountSpec, Service, ServiceSpec, SwarmNode, Task } from "../swarm/types";
import { GoDuration, GoFileMode, GoTime, goNil, objectEntries, objectKind } from "../../cli/format/go-value";
import { nodeRootGeneration, rootCA, type TlsInfo } from "../swarm/ca-cert";
import { asMap } from "./swarm-format";
import { healthJson } from "./service-extras";

export const ENGINE_VERSION = "28.2.2";

/** Go's time.Time in JSON (RFC 3339 with nanoseconds, trailing zeros dropped). */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.000Z$/, "Z").replace(/(\.\d*?)0+Z$/, "$1Z");
}

/**
 * Go's time.Time.String() ("2006-01-02 15:04:05.999999999 -0700 MST": the fraction without its
 * trailing zeros, none at all on a whole second), in UTC.
 */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? "." + frac : ""} +0000 UTC`;
}

/**
 * Go structs always have every field, but JSON with omitempty leaves the empty ones out. Zero
 * values are added as non-enumerable properties: `--format` templates see them (`[]`, `map[]`),
 * JSON output does not.
 */
export function withZero<T extends Record<string, unknown>>(obj: T, zero: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(zero)) {
    if (!(k in obj)) Object.defineProperty(obj, k, { value: nilIfEmpty(v), enumerable: false, configurable: true, writable: true });
  }
  return obj;
}

/**
 * A slice or map that omitempty left out decodes as nil: `[]`/`map[]` to templates, `null` to
 * `{{json}}` (goNil).
 */
function nilIfEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? goNil(v) : v;
  if (v && typeof v === "object" && objectKind(v, "struct") === "map" && objectEntries(v, "map").length === 0) return goNil(v);
  return v;
}

/** swarm.TLSInfo as JSON: the PEM, then the DER subject and public key ([]byte, so base64). */
export function tlsInfoObject(t: TlsInfo): Record<string, string> {
  return { TrustRoot: t.trustRoot, CertIssuerSubject: t.certIssuerSubject, CertIssuerPublicKey: t.certIssuerPublicKey };
}

export function nodeObject(world: World, c: SwarmCluster, n: SwarmNode): Record<string, unknown> {
  const host = world.host(n.host);
  const ms = managerStatus(c, n);
  const obj: Record<string, unknown> = {
    ID: n.id,
    Version: { Index: n.joinIndex * 7 + 2 },
    CreatedAt: new GoTime(n.createdAt),
    UpdatedAt: new GoTime(n.updatedAt),
    Spec: withZero({ Labels: asMap({ ...n.labels }), Role: n.role, Availability: n.availability }, { Name: "" }),
    Description: {
      Hostname: n.host,
      Platform: { Architecture: host?.arch ?? "x86_64", OS: host?.os ?? "linux" },
      Resources: { NanoCPUs: Math.round((host?.cpus ?? 0) * 1e9), MemoryBytes: host?.memory ?? 0 },
      Engine: {
        EngineVersion: ENGINE_VERSION,
        Labels: asMap({ ...(host?.labels ?? {}) }),
        Plugins: (["Log", "Network", "Volume"] as const).flatMap((Type) => NODE_PLUGINS[Type].map((Name) => ({ Type, Name }))),
      },
      TLSInfo: tlsInfoObject(rootCA(c, nodeRootGeneration(c, n))),
    },
    // swarmkit's dispatcher marks a node whose heartbeats stopped down with this message.
    Status: withZero({ State: n.state, ...(n.state === "down" ? { Message: "heartbeat failure" } : {}), Addr: n.addr }, { Message: "" }),
  };
  if (ms) obj.ManagerStatus = withZero({ ...(ms === "Leader" ? { Leader: true } : {}), Reachability: ms === "Unreachable" ? "unreachable" : "reachable", Addr: n.managerAddr ?? `${n.addr}:2377` }, { Leader: false });
  return withZero(obj, { ManagerStatus: null });
}

/** swarm.ServiceMode: one pointer set, the others nil (`{{.Spec.Mode.Global}}` is <nil>). */
function modeObject(spec: ServiceSpec): Record<string, unknown> {
  const m = spec.mode;
  const zero = { Replicated: null, Global: null, ReplicatedJob: null, GlobalJob: null };
  if (m.kind === "replicated") return withZero({ Replicated: { Replicas: m.replicas } }, zero);
  if (m.kind === "global") return withZero({ Global: {} }, zero);
  if (m.kind === "replicated-job") return withZero({ ReplicatedJob: { MaxConcurrent: m.maxConcurrent, TotalCompletions: m.replicas } }, zero);
  return withZero({ GlobalJob: {} }, zero);
}

/** A time.Duration field: nanoseconds in JSON, "10s" in templates (GoDuration). */
const nsDuration = (ms: number): GoDuration => new GoDuration(ms * 1e6);

/** swarm.UpdateConfig: Delay and Monitor are omitempty (a zero Delay is not in the JSON). */
function updateConfigObject(u: ServiceSpec["update"]): Record<string, unknown> {
  return withZero({
    Parallelism: u.parallelism,
    ...(u.delayMs ? { Delay: nsDuration(u.delayMs) } : {}),
    FailureAction: u.failureAction,
    ...(u.monitorMs ? { Monitor: nsDuration(u.monitorMs) } : {}),
    MaxFailureRatio: u.maxFailureRatio, Order: u.order,
  }, { Delay: new GoDuration(0), Monitor: new GoDuration(0) });
}

export function specObject(c: SwarmCluster, spec: ServiceSpec): Record<string, unknown> {
  const container: Record<string, unknown> = { Image: spec.image };
  if (spec.labels && Object.keys(spec.containerLabels).length) container.Labels = asMap({ ...spec.containerLabels });
  if (spec.command.length) container.Command = spec.command;
  if (spec.args.length) container.Args = spec.args;
  if (spec.hostname) container.Hostname = spec.hostname;
  if (spec.env.length) container.Env = spec.env;
  if (spec.workdir) container.Dir = spec.workdir;
  if (spec.user) container.User = spec.user;
  // moby's swarm.ContainerSpec order: User, Groups, Privileges, Init, StopSignal, TTY, OpenStdin,
  // ReadOnly, Mounts.
  if (spec.groups?.length) container.Groups = [...spec.groups];
  if (spec.init !== undefined) container.Init = spec.init;
  if (spec.stopSignal) container.StopSignal = spec.stopSignal;
  if (spec.tty) container.TTY = true;
  if (spec.readOnly) container.ReadOnly = true;
  if (spec.mounts.length) {
    container.Mounts = spec.mounts.map((m) => ({
      Type: m.type, Source: m.source, Target: m.target, ...(m.readOnly ? { ReadOnly: true } : {}),
      ...(m.volumeDriver || m.volumeOptions ? { VolumeOptions: volumeOptionsJson(m) } : {}),
    }));
  }
  container.StopGracePeriod = nsDuration(spec.stopGracePeriodMs);
  if (spec.healthcheck) container.Healthcheck = healthJson(spec.healthcheck);
  container.DNSConfig = {};
  // File.Mode is an os.FileMode: 292 in JSON, `-r--r--r--` to templates.
  if (spec.secrets.length) container.Secrets = spec.secrets.map((s) => ({ File: { Name: s.target, UID: s.uid, GID: s.gid, Mode: new GoFileMode(s.mode) }, SecretID: s.id, SecretName: s.name }));
  if (spec.configs.length) container.Configs = spec.configs.map((s) => ({ File: { Name: s.target, UID: s.uid, GID: s.gid, Mode: new GoFileMode(s.mode) }, ConfigID: s.id, ConfigName: s.name }));
  container.Isolation = "default";
  if (spec.sysctls && Object.keys(spec.sysctls).length) container.Sysctls = asMap({ ...spec.sysctls });
  if (spec.capAdd?.length) container.CapabilityAdd = [...spec.capAdd];
  if (spec.capDrop?.length) container.CapabilityDrop = [...spec.capDrop];
  if (spec.ulimits?.length) container.Ulimits = spec.ulimits.map((u) => ({ Name: u.name, Hard: u.hard, Soft: u.soft }));
  withZero(container, {
    Labels: asMap({}), Command: [], Args: [], Hostname: "", Env: [], Dir: "", User: "", Groups: [], Init: null, StopSignal: "", TTY: false,
    ReadOnly: false, Mounts: [], Healthcheck: null, Hosts: [], Secrets: [], Configs: [], Sysctls: asMap({}), CapabilityAdd: [], CapabilityDrop: [], Ulimits: [],
  });
  const resources: Record<string, unknown> = { Limits: {}, Reservations: {} };
  if (spec.limits.nanoCPUs) (resources.Limits as Record<string, number>).NanoCPUs = spec.limits.nanoCPUs;
  if (spec.limits.memoryBytes) (resources.Limits as Record<string, number>).MemoryBytes = spec.limits.memoryBytes;
  if (spec.limits.pids) (resources.Limits as Record<string, number>).Pids = spec.limits.pids;
  if (spec.reservations.nanoCPUs) (resources.Reservations as Record<string, number>).NanoCPUs = spec.reservations.nanoCPUs;
  if (spec.reservations.memoryBytes) (resources.Reservations as Record<string, number>).MemoryBytes = spec.reservations.memoryBytes;
  const placement: Record<string, unknown> = {};
  if (spec.constraints.length) placement.Constraints = spec.constraints;
  if (spec.preferences.length) placement.Preferences = spec.preferences.map((p) => ({ Spread: { SpreadDescriptor: p } }));
  if (spec.maxReplicas) placement.MaxReplicas = spec.maxReplicas;
  placement.Platforms = [{ Architecture: "amd64", OS: "linux" }];
  withZero(placement, { Constraints: [], Preferences: [], MaxReplicas: 0 });
  const out: Record<string, unknown> = {
    Name: spec.name,
    Labels: asMap({ ...spec.labels }),
    TaskTemplate: withZero({
      ContainerSpec: container,
      Resources: resources,
      // restartPolicyFromGRPC: MaxAttempts always, Window only when the spec carries one
      // (--restart-window, a stack's restart_policy.window).
      RestartPolicy: withZero({
        Condition: spec.restart.condition, Delay: nsDuration(spec.restart.delayMs), MaxAttempts: spec.restart.maxAttempts,
        ...(spec.restart.windowMs ? { Window: nsDuration(spec.restart.windowMs) } : {}),
      }, { Window: null }),
      Placement: placement,
      ...(spec.networks.length ? { Networks: spec.networks.map((id) => ({ Target: id })) } : {}),
      ...(spec.logDriver ? { LogDriver: { Name: spec.logDriver.name, ...(Object.keys(spec.logDriver.options).length ? { Options: asMap({ ...spec.logDriver.options }) } : {}) } } : {}),
      ForceUpdate: spec.forceUpdate,
      Runtime: "container",
    }, { Networks: [], LogDriver: null }),
    Mode: modeObject(spec),
    UpdateConfig: updateConfigObject(spec.update),
    RollbackConfig: updateConfigObject(spec.rollback),
    EndpointSpec: withZero({
      Mode: spec.endpointMode,
      ...(spec.ports.length ? { Ports: spec.ports.map((p) => ({ Protocol: p.protocol, TargetPort: p.targetPort, ...(p.publishedPort ? { PublishedPort: p.publishedPort } : {}), PublishMode: p.publishMode })) } : {}),
    }, { Ports: [] }),
  };
  return out;
}

export function serviceObject(world: World, c: SwarmCluster, s: Service): Record<string, unknown> {
  const obj: Record<string, unknown> = {
    ID: s.id,
    Version: { Index: 10 + s.version * 3 },
    CreatedAt: new GoTime(s.createdAt),
    UpdatedAt: new GoTime(s.updatedAt),
    Spec: specObject(c, s.spec),
  };
  if (s.previousSpec) obj.PreviousSpec = specObject(c, s.previousSpec);
  const endpoint: Record<string, unknown> = { Spec: (obj.Spec as Record<string, unknown>).EndpointSpec };
  if (s.endpointPorts.length) endpoint.Ports = s.endpointPorts.map((p) => ({ Protocol: p.protocol, TargetPort: p.targetPort, PublishedPort: p.publishedPort, PublishMode: p.publishMode }));
  const vips = Object.entries(s.virtualIPs);
  if (vips.length) endpoint.VirtualIPs = vips.map(([NetworkID, Addr]) => ({ NetworkID, Addr }));
  obj.Endpoint = withZero(endpoint, { Ports: [], VirtualIPs: [] });
  if (s.updateStatus) {
    obj.UpdateStatus = {
      State: s.updateStatus.state,
      StartedAt: new GoTime(s.updateStatus.startedAt),
      ...(s.updateStatus.completedAt !== undefined ? { CompletedAt: new GoTime(s.updateStatus.completedAt) } : {}),
      Message: s.updateStatus.message,
    };
  }
  // After the real fields: a zero added first would stay non-enumerable when assigned, and
  // vanish from the JSON.
  withZero(obj, { PreviousSpec: null, UpdateStatus: null, ServiceStatus: null, JobStatus: null });
  void world;
  return obj;
}

export function taskObject(world: World, c: SwarmCluster, t: Task): Record<string, unknown> {
  const svc = c.services.get(t.serviceId);
  const status: Record<string, unknown> = { Timestamp: new GoTime(t.stateAt), State: t.state, Message: t.message };
  if (t.err) status.Err = t.err;
  if (t.state === "running" || t.exitCode !== undefined) {
    status.ContainerStatus = { ContainerID: containerIdOf(t), PID: t.state === "running" ? 1000 + (t.slot || 1) : 0, ExitCode: t.exitCode ?? 0 };
  }
  // The agent reports the host-mode ports a running task published.
  const hostPorts = t.state === "running" ? t.spec.ports.filter((p) => p.publishMode === "host") : [];
  status.PortStatus = hostPorts.length
    ? { Ports: hostPorts.map((p) => ({ Protocol: p.protocol, TargetPort: p.targetPort, PublishedPort: p.publishedPort, PublishMode: "host" })) }
    : {};
  // swarm.Task / TaskStatus: omitempty fields still exist for templates (`{{.Status.Err}}` is "").
  withZero(status, { Err: "", ContainerStatus: null });
  return withZero({
    ID: t.id,
    Version: { Index: 20 },
    CreatedAt: new GoTime(t.createdAt),
    UpdatedAt: new GoTime(t.stateAt),
    Labels: asMap({}),
    Spec: (specObject(c, t.spec).TaskTemplate as Record<string, unknown>),
    ServiceID: t.serviceId,
    ...(t.slot > 0 ? { Slot: t.slot } : {}),
    ...(t.nodeId ? { NodeID: t.nodeId } : {}),
    Status: status,
    DesiredState: t.desiredState,
    ...(Object.keys(t.addresses).length ? { NetworksAttachments: Object.entries(t.addresses).map(([id, a]) => ({ Network: attachmentNetwork(c, id), Addresses: [a] })) } : {}),
  }, { Name: "", Slot: 0, NodeID: "", NetworksAttachments: null });
}

/**
 * swarm.Network as a task's NetworksAttachments carry it (so `{{.Network.Spec.Name}}` works):
 * the network's spec, the driver state with its VXLAN ID, and its IPAM config.
 */
function attachmentNetwork(c: SwarmCluster, id: string): Record<string, unknown> {
  const n = c.networks.get(id);
  if (!n) return { ID: id };
  const spec: Record<string, unknown> = { Name: n.name, Labels: asMap({ ...n.labels }) };
  if (!n.ingress) spec.DriverConfiguration = { Name: n.driver };
  if (n.ingress) spec.Ingress = true;
  if (n.internal) spec.Internal = true;
  if (n.attachable) spec.Attachable = true;
  spec.IPAMOptions = { Driver: {}, ...(n.subnet ? { Configs: [{ Subnet: n.subnet, Gateway: n.gateway }] } : {}) };
  spec.Scope = "swarm";
  return {
    ID: n.id, Version: { Index: 6 }, CreatedAt: new GoTime(n.createdAt), UpdatedAt: new GoTime(n.createdAt), Spec: spec,
    DriverState: { Name: n.driver, Options: asMap({ ...n.options }) },
    IPAMOptions: { Driver: { Name: "default" }, Configs: [{ Subnet: n.subnet, Gateway: n.gateway }] },
  };
}

export const containerIdOf = taskContainerId;

export const serviceModeLabel = (s: Service): string =>
  ({ replicated: "replicated", global: "global", "replicated-job": "replicated job", "global-job": "global job" })[s.spec.mode.kind];

export { isGlobal };

const sortedMap = (o: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));

/** mount.VolumeOptions as the API returns it (omitempty fields; Go sorts map keys). */
function volumeOptionsJson(m: MountSpec): Record<string, unknown> {
  const vo = m.volumeOptions ?? {};
  const out: Record<string, unknown> = {};
  if (vo.noCopy) out.NoCopy = true;
  if (vo.labels && Object.keys(vo.labels).length) out.Labels = sortedMap(vo.labels);
  if (vo.subpath) out.Subpath = vo.subpath;
  if (vo.driverConfig || m.volumeDriver) {
    out.DriverConfig = {
      ...(m.volumeDriver ? { Name: m.volumeDriver } : {}),
      ...(vo.driverOpts && Object.keys(vo.driverOpts).length ? { Options: sortedMap(vo.driverOpts) } : {}),
    };
  }
  return out;
}
