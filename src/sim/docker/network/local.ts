// Each engine's local networks (libnetwork's local scope): the predefined bridge, host and none,
// docker_gwbridge once the engine is in a swarm, and user-defined bridge networks. Containers
// attach with an address from the network's subnet.

import { freezeData } from "../../clone";
import type { Rng } from "../../rng";
import type { World } from "../../world";
import { defineSlot } from "../../world";
import { hostAddress, nextLocalSubnet, type Subnet } from "./ipam";

export interface Endpoint {
  containerId: string;
  name: string;
  ipv4: string;
  aliases: string[];
}

export interface LocalNetwork {
  id: string;
  name: string;
  driver: "bridge" | "host" | "null" | "macvlan" | "ipvlan" | (string & {});
  scope: "local";
  subnet: string;
  gateway: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  createdAt: number;
  /** Predefined networks (bridge, host, none) cannot be removed. */
  builtin: boolean;
  endpoints: Endpoint[];
  nextHost: number;
  /** Created by the engine/Compose side (src/sim/docker/engine); shown here, removed there. */
  engineOwned?: boolean;
}

/** `docker network inspect bridge`'s Options (daemon/daemon_unix.go initBridgeDriver). */
export const DEFAULT_BRIDGE_OPTIONS: Readonly<Record<string, string>> = {
  "com.docker.network.bridge.default_bridge": "true",
  "com.docker.network.bridge.enable_icc": "true",
  "com.docker.network.bridge.enable_ip_masquerade": "true",
  "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
  "com.docker.network.bridge.name": "docker0",
  "com.docker.network.driver.mtu": "1500",
};

export class EngineNetworks {
  readonly byHost = new Map<string, LocalNetwork[]>();
  readonly rng: Rng;

  constructor(readonly world: World) {
    this.rng = world.rng.fork("docker-networks");
  }

  /** The engine's local networks, with the predefined ones created on first use. */
  of(host: string): LocalNetwork[] {
    let list = this.byHost.get(host);
    if (!list) {
      list = [];
      this.byHost.set(host, list);
      const mk = (name: string, driver: string, sub?: Subnet, options?: Record<string, string>) => list!.push(this.make(name, driver, sub, true, options ? { options } : {}));
      // The daemon's default bridge (docker0) carries the bridge driver's settings as options.
      mk("bridge", "bridge", { subnet: "172.17.0.0/16", gateway: "172.17.0.1" }, DEFAULT_BRIDGE_OPTIONS);
      mk("host", "host");
      mk("none", "null");
    }
    return list;
  }

  make(name: string, driver: string, sub: Subnet | undefined, builtin: boolean, extra: Partial<LocalNetwork> = {}): LocalNetwork {
    const net: LocalNetwork = {
      id: this.rng.hexId(), name, driver, scope: "local", subnet: sub?.subnet ?? "", gateway: sub?.gateway ?? "",
      internal: false, attachable: false, ipv6: false, labels: {}, options: {}, createdAt: this.world.now,
      builtin, endpoints: [], nextHost: 2, ...extra,
    };
    // Fixed at creation (`docker network create --label/--opt`): frozen, so copies of the world share them.
    freezeData(net.labels);
    freezeData(net.options);
    return net;
  }

  /** A free bridge subnet on this engine. */
  freeSubnet(host: string, alsoTaken: string[] = []): Subnet {
    return nextLocalSubnet([...this.of(host).map((n) => n.subnet).filter(Boolean), ...alsoTaken]);
  }

  /** docker_gwbridge appears when the engine joins a swarm. */
  ensureGwbridge(host: string): void {
    const list = this.of(host);
    if (list.some((n) => n.name === "docker_gwbridge")) return;
    list.push(this.make("docker_gwbridge", "bridge", this.freeSubnet(host), false, {
      options: {
        "com.docker.network.bridge.enable_icc": "false",
        "com.docker.network.bridge.enable_ip_masquerade": "true",
        "com.docker.network.bridge.name": "docker_gwbridge",
      },
    }));
  }

  attach(net: LocalNetwork, containerId: string, name: string, aliases: string[] = []): Endpoint {
    const existing = net.endpoints.find((e) => e.containerId === containerId);
    if (existing) return existing;
    const ep = { containerId, name, ipv4: net.subnet ? hostAddress(net.subnet, net.nextHost++) : "", aliases };
    net.endpoints.push(ep);
    return ep;
  }

  detach(net: LocalNetwork, containerId: string): boolean {
    const i = net.endpoints.findIndex((e) => e.containerId === containerId);
    if (i < 0) return false;
    net.endpoints.splice(i, 1);
    return true;
  }
}

export const ENGINE_NETWORKS = defineSlot("docker-networks", (w) => new EngineNetworks(w));
export const engineNetworks = (world: World): EngineNetworks => world.slot(ENGINE_NETWORKS);
