// Mirrors swarmkit's manager/scheduler/filter.go: each filter is enabled for a task or not,
// checks one node, and explains how many nodes it rejected. Order is the pipeline's order.

import type { Task } from "../types";
import { nodeMatches, parseConstraints, type Constraint, type NodeFacts } from "./constraint";

/** What the scheduler knows about a node (swarmkit's NodeInfo). */
export interface NodeInfo {
  facts: NodeFacts;
  ready: boolean;
  /** Nano-CPUs and bytes not reserved by active tasks. */
  availableCPU: number;
  availableMemory: number;
  activeByService: Map<string, number>;
  activeTotal: number;
  /** "tcp/8080" for host-mode published ports in use. */
  hostPorts: Set<string>;
  recentFailures: Map<string, number>;
}

export interface Filter {
  readonly name: string;
  enabled(task: Task): boolean;
  check(task: Task, node: NodeInfo): boolean;
  explain(nodes: number): string;
}

const onNodes = (what: string) => (n: number) => `${what} on ${n === 1 ? "1 node" : `${n} nodes`}`;

export const READY_FILTER: Filter = {
  name: "ready",
  enabled: () => true,
  check: (_t, n) => n.ready && n.facts.node.availability === "active",
  explain: (n) => (n === 1 ? "1 node not available for new tasks" : `${n} nodes not available for new tasks`),
};

export const RESOURCE_FILTER: Filter = {
  name: "resources",
  enabled: (t) => t.spec.reservations.nanoCPUs > 0 || t.spec.reservations.memoryBytes > 0,
  check: (t, n) => t.spec.reservations.nanoCPUs <= n.availableCPU && t.spec.reservations.memoryBytes <= n.availableMemory,
  explain: onNodes("insufficient resources"),
};

/** The plugins every simulated engine reports (node inspect's Description.Engine.Plugins). */
export const NODE_PLUGINS: Readonly<Record<"Log" | "Network" | "Volume", readonly string[]>> = {
  Log: ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"],
  Network: ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
  Volume: ["local"],
};

/** pluginExistsOnNode: the name itself, or name:latest. */
const hasPlugin = (type: keyof typeof NODE_PLUGINS, name: string): boolean =>
  NODE_PLUGINS[type].some((p) => p === name || p === `${name}:latest`);

const volumePlugins = (t: Task): string[] =>
  t.spec.mounts.filter((m) => m.type === "volume" && m.volumeDriver && m.volumeDriver !== "local").map((m) => m.volumeDriver!);

/**
 * PluginFilter: a task's volume drivers (other than local) and its log driver must be plugins
 * the node's engine has; its networks' drivers (overlay) always are.
 */
export const PLUGIN_FILTER: Filter = {
  name: "plugin",
  enabled: (t) => volumePlugins(t).length > 0 || t.spec.networks.length > 0 || !!t.spec.logDriver,
  check: (t) => volumePlugins(t).every((d) => hasPlugin("Volume", d)) &&
    (!t.spec.logDriver?.name || t.spec.logDriver.name === "none" || hasPlugin("Log", t.spec.logDriver.name)),
  explain: onNodes("missing plugin"),
};

const constraintCache = new WeakMap<string[], Constraint[]>();
function constraintsOf(t: Task): Constraint[] {
  let c = constraintCache.get(t.spec.constraints);
  if (!c) {
    const r = parseConstraints(t.spec.constraints);
    c = r.ok ? r.constraints : [];
    constraintCache.set(t.spec.constraints, c);
  }
  return c;
}

export const CONSTRAINT_FILTER: Filter = {
  name: "constraints",
  enabled: (t) => t.spec.constraints.length > 0,
  check: (t, n) => nodeMatches(constraintsOf(t), n.facts),
  explain: onNodes("scheduling constraints not satisfied"),
};

/** Images whose platform is Windows; every other image the simulator knows is Linux-only. */
export function imageOS(image: string): string {
  return /(^|\/)(windows|nanoserver|servercore)|mcr\.microsoft\.com\/windows/.test(image) ? "windows" : "linux";
}

export const PLATFORM_FILTER: Filter = {
  name: "platform",
  enabled: () => true,
  check: (t, n) => imageOS(t.spec.image) === n.facts.os.toLowerCase(),
  explain: onNodes("unsupported platform"),
};

export const HOST_PORT_FILTER: Filter = {
  name: "hostport",
  enabled: (t) => t.spec.ports.some((p) => p.publishMode === "host" && p.publishedPort > 0),
  check: (t, n) => !t.spec.ports.some((p) => p.publishMode === "host" && p.publishedPort > 0 && n.hostPorts.has(`${p.protocol}/${p.publishedPort}`)),
  explain: onNodes("host-mode port already in use"),
};

export const MAX_REPLICAS_FILTER: Filter = {
  name: "maxreplicas",
  enabled: (t) => t.spec.maxReplicas > 0,
  check: (t, n) => (n.activeByService.get(t.serviceId) ?? 0) < t.spec.maxReplicas,
  explain: () => "max replicas per node limit exceed",
};

/** The pipeline, in swarmkit's order. */
export const DEFAULT_FILTERS: readonly Filter[] = [
  READY_FILTER, RESOURCE_FILTER, PLUGIN_FILTER, CONSTRAINT_FILTER, PLATFORM_FILTER, HOST_PORT_FILTER, MAX_REPLICAS_FILTER,
];
