// The kube-system ConfigMaps of a fresh kubeadm v1.30 cluster besides kube-root-ca.crt:
// kubeadm's uploadconfig phase (kubeadm-config with the ClusterConfiguration, kubelet-config
// with the KubeletConfiguration), its addons (coredns with the Corefile of
// phases/addons/dns/manifests.go, kube-proxy with config.conf and kubeconfig.conf), and the API
// server's own (extension-apiserver-authentication from its client-CA controller,
// kube-apiserver-legacy-service-account-token-tracking since 1.28). Text is that of kubeadm's
// templates and sigs.k8s.io/yaml output; certificates are the placeholders of bootstrap-node-files.ts.

import type { KubeCluster } from "./cluster";
import type { KObject } from "./store";
import { ROOT_CA } from "./api/server";
import { stableHex } from "../images/digest";
import { KUBELET_CONFIG, pem } from "./bootstrap-node-files";
import { POD_SUBNET, SERVICE_SUBNET } from "./bootstrap-manifests";
import { KUBERNETES_VERSION } from "./versions";

const CLUSTER_CONFIGURATION = `apiServer:
  timeoutForControlPlane: 4m0s
apiVersion: kubeadm.k8s.io/v1beta3
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: cluster.local
  podSubnet: ${POD_SUBNET}
  serviceSubnet: ${SERVICE_SUBNET}
scheduler: {}
`;

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${POD_SUBNET}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;

const kubeProxyKubeconfig = (server: string): string => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;

/** kubeadm's annotation on the component configs it uploaded (the hash of what it wrote). */
const componentConfigHash = (text: string): Record<string, string> => ({ "kubeadm.kubernetes.io/component-config.hash": `sha256:${stableHex(text, 64)}` });

function configMap(name: string, data: Record<string, string>, meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): KObject {
  return {
    apiVersion: "v1", kind: "ConfigMap",
    metadata: { name, namespace: "kube-system", ...meta } as unknown as KObject["metadata"],
    data,
  } as unknown as KObject;
}

/** Creates the ConfigMaps a fresh kubeadm cluster has that are missing. */
export function bootstrapSystemConfigMaps(cluster: KubeCluster): void {
  const server = `https://${cluster.apiServerAddress}:6443`;
  const list = [
    configMap("coredns", { Corefile: COREFILE }),
    configMap("extension-apiserver-authentication", {
      "client-ca-file": ROOT_CA,
      "requestheader-allowed-names": '["front-proxy-client"]',
      "requestheader-client-ca-file": pem("CERTIFICATE", "front-proxy-ca.crt"),
      "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
      "requestheader-group-headers": '["X-Remote-Group"]',
      "requestheader-username-headers": '["X-Remote-User"]',
    }),
    configMap("kube-apiserver-legacy-service-account-token-tracking", { since: cluster.world.clock.iso().slice(0, 10) }),
    configMap("kube-proxy", { "config.conf": KUBE_PROXY_CONFIG, "kubeconfig.conf": kubeProxyKubeconfig(server) },
      { labels: { app: "kube-proxy" }, annotations: componentConfigHash(KUBE_PROXY_CONFIG) }),
    configMap("kubeadm-config", { ClusterConfiguration: CLUSTER_CONFIGURATION }),
    configMap("kubelet-config", { kubelet: KUBELET_CONFIG }, { annotations: componentConfigHash(KUBELET_CONFIG) }),
  ];
  for (const cm of list) {
    if (!cluster.store.get("ConfigMap", "kube-system", cm.metadata.name)) cluster.store.create(cm);
  }
}
