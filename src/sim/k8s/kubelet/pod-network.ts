// What a pod's processes reach on the network, for its whole life (PID 1 and exec alike): the
// cluster DNS with the pod's search path, Services through kube-proxy, other pods' IPs, NodePorts.
// A class instance holding the cluster and the pod's name — not closures — so it is copied with
// the world (src/sim/clone.ts); the pod is looked up when asked, as it may have been replaced.

import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import type { HttpResult } from "../../runtime/http";
import type { ConnectResult, DnsAnswer, NetworkHooks } from "../../runtime/types";
import { podConnect } from "./pod-connect";
import { clusterDns, podHttp } from "../kubectl/exec-runtime";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class PodNetworkHooks implements NetworkHooks {
  /** `ip`: the address the kubelet gave the pod (its status may not say it yet when the first container starts). */
  constructor(readonly cluster: KubeCluster, readonly namespace: string, readonly name: string, readonly uid: string, readonly ip?: string) {}

  private pod(): KObject | undefined {
    const p = this.cluster.store.get("Pod", this.namespace, this.name);
    return p?.metadata.uid === this.uid ? p : undefined;
  }

  // Getters, not methods: the runtime reads them off the object (`{ lookup: network.lookup }`).
  get http(): (url: string, request?: { method?: string; userAgent?: string }) => HttpResult | undefined {
    return (url, request) => {
      const pod = this.pod();
      return pod ? podHttp(this.cluster, pod, url, request, this.ip) : { kind: "unresolved" };
    };
  }

  get lookup(): (name: string) => DnsAnswer {
    return (name) => clusterDns(this.cluster, this.namespace, name);
  }

  get resolves(): (name: string) => boolean {
    return (name) => clusterDns(this.cluster, this.namespace, name).found !== undefined;
  }

  get connect(): (host: string, port: number) => ConnectResult | undefined {
    return (host, port) => (this.pod() ? podConnect(this.cluster, this.namespace, host, port) : { kind: "unresolved" });
  }

  /** A ClusterIP is kube-proxy's rules, not an interface: ICMP to it goes unanswered. */
  get echoes(): (address: string) => boolean {
    return (address) => !(this.cluster.store.view("Service") as readonly Obj[]).some((s) => s.spec?.clusterIP === address || (s.spec?.clusterIPs ?? []).includes(address));
  }
}
