// The control API for services (swarmkit manager/controlapi/service.go, as moby relays it):
// validate a spec in swarmkit's order, allocate published ports and virtual IPs, store it, and
// on update decide whether the change needs new tasks (a rolling update) or not.

import type { World } from "../../world";
import { parseImageReference } from "../../images/reference";
import { swarmInvalidImage } from "../../images/pull-messages";
import { allocateAddress, endpointNetworks } from "./allocator";
import type { SwarmCluster } from "./cluster";
import {
  annotationsError, DAEMON, ERR_DUPLICATE_PORTS, ERR_INGRESS_DNSRR, ERR_MODE_CHANGE, ERR_RENAME,
  errAttachIngress, errDuplicateMount, errExpanding, errInvalidCPU, errInvalidMemory, errNameConflict, errPortInUse, rpc,
} from "./errors";
import { isLive, shutdown } from "./orchestrator/common";
import { beginUpdate, resumeUpdate, taskTemplateKey } from "./orchestrator/update";
import { parseConstraints } from "./scheduler/constraint";
import { convertError, withConvertedDefaults } from "./spec-convert";
import { validateTemplates } from "./templates";
import type { PortConfig, Service, ServiceSpec } from "./types";

export const INGRESS_PORT_RANGE = { start: 30000, end: 32767 };
export const errLocalNetwork = (name: string): string =>
  `The network ${name} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`;

export type SpecResult = { ok: true; service: Service } | { ok: false; error: string };

const goG = (n: number): string => String(n);

/** swarmkit's validateServiceSpec, in its order; errors carry the daemon prefix. */
export function validateSpec(world: World, c: SwarmCluster, spec: ServiceSpec, self?: Service): string | undefined {
  const badName = annotationsError(spec.name);
  if (badName) return DAEMON + badName;
  for (const r of [spec.reservations, spec.limits]) {
    if (r.nanoCPUs !== 0 && r.nanoCPUs < 1e6) return DAEMON + errInvalidCPU(goG(r.nanoCPUs / 1e9));
    if (r.memoryBytes !== 0 && r.memoryBytes < 4 * 1024 * 1024) return DAEMON + errInvalidMemory(r.memoryBytes);
  }
  // validateRestartPolicy (the CLI sends a delay or window only when given: the defaults pass).
  if (spec.restart.delayMs < 0) return DAEMON + rpc("InvalidArgument", "TaskSpec: restart-delay cannot be negative");
  if (spec.restart.windowMs < 0) return DAEMON + rpc("InvalidArgument", "TaskSpec: restart-window cannot be negative");
  const constraints = parseConstraints(spec.constraints);
  if (!constraints.ok) return DAEMON + rpc("Unknown", constraints.error);
  // validateSecretRefsSpec / validateConfigRefsSpec: one file target per reference.
  for (const [kind, refs] of [["secret", spec.secrets], ["config", spec.configs]] as const) {
    const byTarget = new Map<string, string>();
    for (const r of refs) {
      const prev = byTarget.get(r.target);
      if (prev !== undefined) return DAEMON + rpc("InvalidArgument", `${kind} references '${prev}' and '${r.name}' have a conflicting target: '${r.target}'`);
      byTarget.set(r.target, r.name);
    }
  }
  const image = spec.image.replace(/@sha256:[0-9a-f]{64}$/, "");
  if (!parseImageReference(image).ok) return swarmInvalidImage(spec.image);
  const targets = new Set<string>();
  for (const m of spec.mounts) {
    if (targets.has(m.target)) return DAEMON + errDuplicateMount(m.target);
    targets.add(m.target);
  }
  const bad = validateTemplates(world, { id: self?.id ?? "", spec });
  if (bad) return DAEMON + errExpanding(bad.what, bad.error);
  // validateUpdate, for services that are not jobs: the update config only (not the rollback's).
  const jobMode = spec.mode.kind === "replicated-job" || spec.mode.kind === "global-job";
  if (!jobMode) {
    const u = spec.update;
    if (u.delayMs < 0) return DAEMON + rpc("InvalidArgument", "TaskSpec: update-delay cannot be negative");
    if (u.monitorMs < 0) return DAEMON + rpc("InvalidArgument", "TaskSpec: update-monitor cannot be negative");
    if (u.maxFailureRatio < 0 || u.maxFailureRatio > 1) return DAEMON + rpc("InvalidArgument", "TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1");
  }
  // swarmkit's validateEndpointSpec, port by port: dnsrr refuses an ingress port; a published
  // port (with its protocol, whatever the mode) may appear once.
  const seen = new Set<string>();
  for (const p of spec.ports) {
    if (spec.endpointMode === "dnsrr" && p.publishMode === "ingress") return DAEMON + ERR_INGRESS_DNSRR;
    if (p.publishedPort === 0) continue;
    const k = `${p.protocol}/${p.publishedPort}`;
    if (seen.has(k)) return DAEMON + ERR_DUPLICATE_PORTS;
    seen.add(k);
  }
  for (const id of spec.networks) {
    const net = c.networks.get(id);
    if (net?.ingress) return DAEMON + errAttachIngress(net.name);
  }
  // CreateService checks published ports against the other services before the store refuses a
  // taken name (re-running the same `service create -p 80:80` reports the port); UpdateService
  // checks them when the endpoint changed, before the mode and name.
  const endpointChanged = !self || JSON.stringify([self.spec.ports, self.spec.endpointMode]) !== JSON.stringify([spec.ports, spec.endpointMode]);
  const ports = endpointChanged ? portConflict(c, spec, self) : undefined;
  if (ports) return ports;
  if (self) {
    if (modeFamily(self.spec) !== modeFamily(spec)) return DAEMON + ERR_MODE_CHANGE;
    if (self.spec.name !== spec.name) return DAEMON + ERR_RENAME;
  }
  // allocator.IsIngressNetworkNeeded: an ingress-mode port needs the ingress network (removed by
  // `docker network rm ingress`).
  if (spec.ports.some((p) => p.publishMode === "ingress") && ![...c.networks.values()].some((n) => n.ingress)) {
    return DAEMON + rpc("FailedPrecondition", "service needs ingress network, but no ingress network is present");
  }
  if (!self && c.serviceByName(spec.name, true)) return DAEMON + errNameConflict(spec.name);
  return undefined;
}

const modeFamily = (s: ServiceSpec): string => s.mode.kind;

function portConflict(c: SwarmCluster, spec: ServiceSpec, self?: Service): string | undefined {
  for (const p of spec.ports) {
    if (p.publishedPort === 0) continue;
    for (const other of c.services.values()) {
      if (other === self) continue;
      // checkPortConflicts: services may share a host-mode port (the scheduler keeps their
      // tasks on different nodes); an ingress port clashes with any other use of it.
      const clash = other.endpointPorts.find((q) => q.publishedPort === p.publishedPort && q.protocol === p.protocol && (q.publishMode === "ingress" || p.publishMode === "ingress"));
      if (clash) return DAEMON + errPortInUse(p.publishedPort, other.spec.name, other.id, clash.publishMode);
    }
  }
  return undefined;
}

/** Ingress ports without a published port get one from 30000–32767 (kept across updates). */
function allocatePorts(c: SwarmCluster, spec: ServiceSpec, previous: PortConfig[] = []): PortConfig[] {
  const used = new Set<number>();
  for (const s of c.services.values()) for (const p of s.endpointPorts) used.add(p.publishedPort);
  return spec.ports.map((p) => {
    if (p.publishedPort !== 0 || p.publishMode !== "ingress") return { ...p };
    const kept = previous.find((q) => q.targetPort === p.targetPort && q.protocol === p.protocol && q.publishMode === "ingress");
    if (kept) return { ...p, publishedPort: kept.publishedPort };
    let port = INGRESS_PORT_RANGE.start;
    while (used.has(port) && port < INGRESS_PORT_RANGE.end) port++;
    used.add(port);
    return { ...p, publishedPort: port };
  });
}

function allocateVips(c: SwarmCluster, svc: Service): void {
  if (svc.spec.endpointMode !== "vip") return;
  for (const id of endpointNetworks(c, svc)) if (!svc.virtualIPs[id]) svc.virtualIPs[id] = allocateAddress(c, id);
}

export function createService(world: World, c: SwarmCluster, requested: ServiceSpec): SpecResult {
  const refused = convertError(requested);
  if (refused) return { ok: false, error: DAEMON + refused };
  const spec = withConvertedDefaults(requested);
  const err = validateSpec(world, c, spec);
  if (err) return { ok: false, error: err };
  const svc: Service = {
    id: c.newId(), spec, version: 1, specVersion: 1, createdAt: world.now, updatedAt: world.now,
    endpointPorts: allocatePorts(c, spec), virtualIPs: {},
  };
  allocateVips(c, svc);
  c.services.set(svc.id, svc);
  world.record("swarm", "service-create", `service/${spec.name}`, { id: svc.id });
  world.settle();
  return { ok: true, service: svc };
}

export function updateService(world: World, c: SwarmCluster, svc: Service, requested: ServiceSpec, opts: { rollback?: boolean } = {}): SpecResult {
  // moby converts the spec first (daemon/cluster/convert), then swarmkit validates it.
  const refused = convertError(requested);
  if (refused) return { ok: false, error: DAEMON + refused };
  const spec = withConvertedDefaults(requested);
  const err = validateSpec(world, c, spec, svc);
  if (err) return { ok: false, error: err };
  const old = svc.spec;
  svc.previousSpec = old;
  svc.spec = spec;
  svc.version++;
  svc.updatedAt = world.now;
  svc.endpointPorts = allocatePorts(c, spec, svc.endpointPorts);
  allocateVips(c, svc);
  const needsTasks = taskTemplateKey(old) !== taskTemplateKey(spec) || JSON.stringify([old.constraints, old.preferences, old.maxReplicas]) !== JSON.stringify([spec.constraints, spec.preferences, spec.maxReplicas]);
  if (needsTasks || opts.rollback) beginUpdate(world, svc, !!opts.rollback);
  else {
    // swarmkit's UpdateService resets UpdateStatus on every update but a rollback; the updater
    // starts again only if tasks are out of date — how `docker service update web` resumes a
    // paused update. A plain scale leaves no UpdateStatus behind.
    svc.updateStatus = undefined;
    if (c.tasksOf(svc.id).some((t) => isLive(t) && t.specVersion !== svc.specVersion)) resumeUpdate(world, svc);
  }
  world.record("swarm", opts.rollback ? "service-rollback" : "service-update", `service/${spec.name}`, { version: svc.version });
  world.settle();
  return { ok: true, service: svc };
}

export function removeService(world: World, c: SwarmCluster, svc: Service): void {
  for (const t of c.tasksOf(svc.id)) if (isLive(t) || t.desiredState === "shutdown") shutdown(t, "remove");
  c.services.delete(svc.id);
  world.record("swarm", "service-remove", `service/${svc.spec.name}`, { id: svc.id });
  world.settle();
}
