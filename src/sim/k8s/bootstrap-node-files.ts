// What kubeadm leaves on a machine's disk besides the static pod manifests: the kubeconfig files
// in /etc/kubernetes (kubeconfig phase: admin.conf, super-admin.conf, kubelet.conf,
// controller-manager.conf, scheduler.conf; a worker only has kubelet.conf), the certificates
// and keys in /etc/kubernetes/pki (certs phase), and the kubelet's configuration in
// /var/lib/kubelet (kubelet-start phase: config.yaml, kubeadm-flags.env). Certificates and keys
// are placeholders in PEM shape (nothing here verifies them), derived from their names so every
// world holds the same text; ca.crt is the cluster's root CA that kube-root-ca.crt publishes.

import { ROOT_CA } from "./api/server";
import { stableHex } from "../images/digest";
import { utf8ToBase64 as base64Encode } from "../base64";

/** KubeletConfiguration as kubeadm writes it (and stores in the kubelet-config ConfigMap). */
export const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

const KUBEADM_FLAGS = `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9"\n`;

/** A PEM block whose body is a stand-in derived from `seed` (64-character lines, as PEM wraps them). */
export function pem(type: string, seed: string, bytes = 600): string {
  // A pure function of its arguments, asked for the same blocks by every cluster's bootstrap.
  const key = `${type}\u0000${seed}\u0000${bytes}`;
  let block = pems.get(key);
  if (block === undefined) {
    let hex = "";
    for (let i = 0; hex.length < bytes * 2; i++) hex += stableHex(`${seed}#${i}`, 64);
    const body = base64Encode(hex.slice(0, bytes * 2));
    const lines = body.match(/.{1,64}/g) ?? [];
    block = `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
    if (pems.size >= 4096) pems.clear();
    pems.set(key, block);
  }
  return block;
}
const pems = new Map<string, string>();

const b64 = (s: string): string => base64Encode(s);

/** A kubeconfig with embedded client credentials (or, for the kubelet, its rotated certificate file). */
function kubeconfig(server: string, user: string, embedded: boolean): string {
  const credentials = embedded
    ? `    client-certificate-data: ${b64(pem("CERTIFICATE", `client:${user}`))}\n    client-key-data: ${b64(pem("RSA PRIVATE KEY", `key:${user}`, 1190))}\n`
    : "    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n";
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(ROOT_CA)}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
${credentials}`;
}

/** Certificate/key pairs of the certs phase (etcd's under pki/etcd). */
const PKI_PAIRS = ["apiserver", "apiserver-etcd-client", "apiserver-kubelet-client", "front-proxy-ca", "front-proxy-client",
  "etcd/ca", "etcd/healthcheck-client", "etcd/peer", "etcd/server"];

/** The files of a kubeadm control-plane machine, by absolute path (manifests excepted). */
export function controlPlaneFiles(node: string, ip: string): Record<string, string> {
  const server = `https://${ip}:6443`;
  const files: Record<string, string> = {
    "/etc/kubernetes/admin.conf": kubeconfig(server, "kubernetes-admin", true),
    "/etc/kubernetes/super-admin.conf": kubeconfig(server, "kubernetes-super-admin", true),
    "/etc/kubernetes/controller-manager.conf": kubeconfig(server, "system:kube-controller-manager", true),
    "/etc/kubernetes/scheduler.conf": kubeconfig(server, "system:kube-scheduler", true),
    "/etc/kubernetes/pki/ca.crt": ROOT_CA,
    "/etc/kubernetes/pki/ca.key": pem("RSA PRIVATE KEY", "ca.key", 1190),
    "/etc/kubernetes/pki/sa.key": pem("RSA PRIVATE KEY", "sa.key", 1190),
    "/etc/kubernetes/pki/sa.pub": pem("PUBLIC KEY", "sa.pub", 294),
  };
  for (const name of PKI_PAIRS) {
    files[`/etc/kubernetes/pki/${name}.crt`] = pem("CERTIFICATE", `${name}.crt`);
    files[`/etc/kubernetes/pki/${name}.key`] = pem("RSA PRIVATE KEY", `${name}.key`, 1190);
  }
  return { ...files, ...nodeFiles(node, ip) };
}

/** The files every kubeadm machine has (a worker's after `kubeadm join`). */
export function nodeFiles(node: string, apiServerIp: string): Record<string, string> {
  return {
    "/etc/kubernetes/kubelet.conf": kubeconfig(`https://${apiServerIp}:6443`, `system:node:${node}`, false),
    "/etc/kubernetes/pki/ca.crt": ROOT_CA,
    "/var/lib/kubelet/config.yaml": KUBELET_CONFIG,
    "/var/lib/kubelet/kubeadm-flags.env": KUBEADM_FLAGS,
    "/var/lib/kubelet/pki/kubelet-client-current.pem": pem("CERTIFICATE", `kubelet-client:${node}`) + pem("EC PRIVATE KEY", `kubelet-key:${node}`, 121),
    "/var/lib/kubelet/pki/kubelet.crt": pem("CERTIFICATE", `kubelet.crt:${node}`),
    "/var/lib/kubelet/pki/kubelet.key": pem("RSA PRIVATE KEY", `kubelet.key:${node}`, 1190),
  };
}
