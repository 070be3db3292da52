// The project's networks and volumes as compose's create.go makes them before any container
// (ensureNetworks / ensureProjectVolumes) and down.go removes them:
//   - a network or volume is made only when a service uses it, named project_key unless `name:`;
//   - an external one must exist (its name is the key unless `name:`): `network ov declared as
//     external, but could not be found` (off a swarm) / `external volume "data" not found`;
//   - `driver: overlay` is a swarm network, made through the swarm API (so only on a manager,
//     with the daemon's errors: `failed to create network root_ov: Error response from daemon:
//     Cannot create a multi-host network from a worker node…`), attachable only when the file
//     says so — a container can join a non-attachable one no more than `docker run` can.

import type { World } from "../../world";
import { ensureNetwork, ensureVolume, labelledNetworks, removeNetwork as removeEngineNetwork } from "../engine/ops";
import { engineHost } from "../engine/state";
import { activeEndpoints, createNetwork, engineNetworks, findNetwork, removeNetwork, runNetworkError, visibleNetworks } from "../network";
import { swarmOf } from "../swarm/state";
import { LABEL_PROJECT, networkName, serviceNetworks, volumeName } from "./container-spec";
import type { ServiceModel } from "./model";
import type { ProgressLine, Project } from "./project";

export const LABEL_NETWORK = "com.docker.compose.network";
export const LABEL_VOLUME = "com.docker.compose.volume";

export const errExternalNetwork = (name: string) => `network ${name} declared as external, but could not be found`;
export const errExternalVolume = (name: string) => `external volume ${JSON.stringify(name)} not found`;

/** Creates the networks the services use; returns the error that stops `up`, if any. */
export function ensureProjectNetworks(world: World, host: string, p: Project, services: ServiceModel[], labels: Record<string, string>, lines: ProgressLine[]): string | undefined {
  const keys = new Set<string>();
  for (const s of services) for (const n of serviceNetworks(s)) keys.add(n);
  // (A bare engine without a machine, in unit tests, has its own networks only.)
  const h = world.host(host);
  const exists = (name: string) => (h ? findNetwork(world, h, name).ok : engineNetworks(world).of(host).some((n) => n.name === name));
  for (const key of [...keys].sort()) {
    const def = p.model.networks[key] ?? {};
    const name = networkName(p, key);
    if (def.external) {
      // resolveExternalNetwork: on a swarm node an overlay made elsewhere may not be listed
      // here yet, so compose lets the container's attachment fail instead ("network ov not found").
      if (!exists(name) && !(h && swarmOf(world).of(h))) return errExternalNetwork(name);
      continue;
    }
    const driver = typeof def.driver === "string" ? def.driver : "bridge";
    if (driver !== "overlay") {
      const r = ensureNetwork(world, host, name, { ...labels, [LABEL_NETWORK]: key }, driver);
      if (r.created) lines.push({ kind: "Network", name, status: "Created" });
      continue;
    }
    if (!h || exists(name)) continue;
    const r = createNetwork(world, h, {
      name, driver, attachable: def.attachable === true, internal: def.internal === true, labels: { ...labels, [LABEL_NETWORK]: key },
    });
    if (!r.ok) {
      lines.push({ kind: "Network", name, status: "Error", error: true });
      return `failed to create network ${name}: ${r.error}`;
    }
    lines.push({ kind: "Network", name, status: "Created" });
  }
  return undefined;
}

/** The daemon's refusal of a container on these networks (a swarm network that is not attachable). */
export function attachError(world: World, host: string, networks: string[]): string | undefined {
  const h = world.host(host);
  if (!h) return undefined;
  for (const n of networks) {
    const e = runNetworkError(world, h, n);
    if (e) return e;
  }
  return undefined;
}

/** Creates the named volumes the services use; returns the error that stops `up`, if any. */
export function ensureProjectVolumes(world: World, host: string, p: Project, services: ServiceModel[], labels: Record<string, string>, lines: ProgressLine[]): string | undefined {
  const keys = new Set<string>();
  for (const s of services) for (const v of s.volumes) if (v.type === "volume" && v.source) keys.add(v.source);
  for (const key of [...keys].sort()) {
    const def = p.model.volumes[key] ?? {};
    const name = volumeName(p, key);
    if (def.external) {
      if (!engineHost(world, host).volumes.some((v) => v.name === name)) return errExternalVolume(name);
      continue;
    }
    const r = ensureVolume(world, host, name, { ...labels, [LABEL_VOLUME]: key });
    if (r.created) lines.push({ kind: "Volume", name: `"${name}"`, status: "Created" });
  }
  return undefined;
}

/**
 * down: the project's networks (its label), local and swarm ones. removeNetwork leaves one a
 * container is still connected to (NetworkInspect's Containers: an endpoint, a stopped container
 * has none) with a Warning.
 */
export function removeProjectNetworks(world: World, host: string, p: Project, lines: ProgressLine[]): void {
  for (const n of labelledNetworks(world, host, LABEL_PROJECT, p.name).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (activeEndpoints(world, host, n).length > 0) {
      lines.push({ kind: "Network", name: n.name, status: "Resource is still in use", warning: true });
      continue;
    }
    removeEngineNetwork(world, host, n.name);
    lines.push({ kind: "Network", name: n.name, status: "Removed" });
  }
  const hostObj = world.host(host);
  if (!hostObj) return;
  const swarmNets = visibleNetworks(world, hostObj).filter((n) => n.scope === "swarm" && n.net.labels[LABEL_PROJECT] === p.name);
  for (const n of swarmNets.sort((a, b) => (a.net.name < b.net.name ? -1 : 1))) {
    if (removeNetwork(world, hostObj, n.net.id).ok) lines.push({ kind: "Network", name: n.net.name, status: "Removed" });
  }
}
