// HTTP from the machines themselves (a student's `curl localhost:8080` on the lab VM): what listens
// on a machine's address is what Docker and Kubernetes put there —
//   - a container's published port (`docker run -p 8080:80`, a swarm task's host-mode port),
//   - the swarm routing mesh (an ingress-published port answers on every node, spread over the
//     service's running tasks),
//   - kube-proxy (NodePorts on every node; ClusterIPs and pod IPs are routed from every node).
// Names resolve as the machine's /etc/hosts does: localhost and the machines' names.

import { SideTable } from "../clone";
import { boundPorts } from "../docker/engine/ports";
import { engineHost } from "../docker/engine/state";
import { containerNetworks } from "../docker/network/attach";
import { SWARM } from "../docker/swarm/state";
import type { Service } from "../docker/swarm/types";
import { kubeOf } from "../k8s/cluster";
import { nodeHttp } from "../k8s/kubectl/exec-runtime";
import { portForwardHttp } from "../k8s/kubectl/port-forward";
import type { HttpResult } from "../runtime/http";
import type { Host, World } from "../world";

/**
 * Whether a port bound on hostIp answers a request for `name` (as typed) sent to `address`: the
 * wildcard addresses answer on every address of the machine, a specific one only on itself —
 * `-p 127.0.0.1:8080:80` is reachable from that machine alone. `localhost` resolves to ::1 as well
 * as 127.0.0.1 (curl tries both), so IPv6 loopback and wildcard bindings answer it too.
 */
function reaches(hostIp: string, name: string, address: string): boolean {
  if (hostIp === "0.0.0.0" || hostIp === address) return true;
  return name === "localhost" && (hostIp === "::" || hostIp === "::1");
}

/** The routing mesh's turn per service (deterministic round robin over its tasks). */
const turns = new SideTable<Service, number>();

export function hostHttp(world: World, from: Host, url: string, options: { method?: string; userAgent?: string } = {}): HttpResult {
  const m = /^([a-z]+):\/\/([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/i.exec(url);
  if (!m) return { kind: "unresolved" };
  const name = m[2]!.toLowerCase();
  const port = m[3] ? Number(m[3]) : m[1]!.toLowerCase() === "https" ? 443 : 80;
  const path = m[4] ? (m[4].startsWith("?") ? "/" + m[4] : m[4]) : "/";
  const loopback = name === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(name) || name === "0.0.0.0";
  const machine = loopback ? from : world.hostByAddress(name);
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(name);
  if (!machine && !isIp) return { kind: "unresolved" };
  const address = loopback ? "127.0.0.1" : machine && !isIp ? machine.ip : name;
  const client = machine === from ? "127.0.0.1" : from.ip;
  const answer = (r: HttpResult): HttpResult => (r.kind === "response" ? { ...r, address } : r);
  const kube = kubeOf(world);
  const request = { host: m[3] ? `${m[2]!}:${m[3]}` : m[2]!, ...(options.method ? { method: options.method } : {}), ...(options.userAgent ? { userAgent: options.userAgent } : {}) };

  if (machine) {
    if (!machine.up) return { kind: "refused", address };
    // A `kubectl port-forward` listening there (on the machine kubectl ran on).
    const forwarded = kube && portForwardHttp(kube, machine, (bound) => reaches(bound, name, address), port, path, request);
    if (forwarded) return answer(forwarded);
    // A container's published port on that machine (the docker-proxy / iptables DNAT): what was
    // bound at start (a `-P` or `-p 80` port is the allocator's), on an address the request reaches.
    for (const c of engineHost(world, machine.name).containers) {
      if (c.status !== "running" || !c.process) continue;
      // A container in the host's network namespace listens on the machine's own addresses.
      if (c.networks[0] === "host") {
        if (c.process.tcpConnect(port)) return answer(c.process.httpGet(port, path, { ...request, client }));
        continue;
      }
      const b = boundPorts(c).find((p) => p.hostPort !== "" && Number(p.hostPort) === port && p.protocol === "tcp" && reaches(p.hostIp, name, address));
      // From the machine itself the container sees the bridge's gateway (docker-proxy for
      // localhost, the route's source address otherwise); from elsewhere DNAT keeps the caller's.
      const seenFrom = machine === from ? containerNetworks(world, machine, c)[0]?.gateway || client : client;
      if (b) return answer(c.process.httpGet(b.containerPort, path, { ...request, client: seenFrom }));
    }
    // The swarm routing mesh: every node of the swarm answers on an ingress-published port.
    const swarm = world.peekSlot(SWARM)?.of(machine);
    if (swarm) {
      for (const svc of swarm.cluster.services.values()) {
        const p = svc.endpointPorts.find((x) => x.publishMode === "ingress" && x.publishedPort === port && x.protocol === "tcp");
        if (!p) continue;
        const backends = world.hosts.flatMap((h) => engineHost(world, h.name).containers
          .filter((c) => c.status === "running" && c.process && c.labels["com.docker.swarm.service.id"] === svc.id));
        if (!backends.length) return { kind: "refused", address };
        const turn = turns.get(svc) ?? 0;
        turns.set(svc, turn + 1);
        const backend = backends[turn % backends.length]!;
        return answer(backend.process!.httpGet(p.targetPort, path, { ...request, client }));
      }
    }
  }
  if (kube) {
    const onNode = machine && kube.store.get("Node", undefined, machine.name) ? machine.name : undefined;
    const r = nodeHttp(kube, onNode, machine ? machine.ip : name, port, path, client, options);
    if (r) return answer(r);
  }
  // Nothing listens there (an address nobody owns would time out; the simulator refuses at once).
  return { kind: "refused", address };
}
