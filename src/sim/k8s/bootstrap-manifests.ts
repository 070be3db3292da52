// The control plane's static pod manifests as kubeadm v1.30 writes them to
// /etc/kubernetes/manifests (cmd/kubeadm/app/phases/controlplane/manifests.go and
// phases/etcd/local.go, through staticpod.ComponentPod and sigs.k8s.io/yaml: keys sorted,
// `creationTimestamp: null`, `status: {}`) — but the API server's readinessProbe (see apiServer). The kubelet runs them from the file (kubelet/static-pods.ts);
// the mirror pods in the API are made from them, so the file and `kubectl get pod -o yaml` agree.

import { toKubeYaml } from "../cli/format/kube-yaml";
import { SYSTEM_IMAGES } from "./bootstrap-system";

type Obj = Record<string, unknown>;

/** kubeadm's defaults for the cluster this simulator boots. */
export const SERVICE_SUBNET = "10.96.0.0/12";
export const POD_SUBNET = "10.244.0.0/16";

const probe = (host: string, path: string, port: number, scheme: "HTTP" | "HTTPS", failureThreshold: number, extra: Obj = {}): Obj => ({
  failureThreshold, httpGet: { host, path, port, scheme }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15, ...extra,
});

const hostPathVolume = (name: string, path: string, type: string): Obj => ({ hostPath: { path, type }, name });
const mount = (name: string, mountPath: string, readOnly: boolean): Obj => ({ mountPath, name, ...(readOnly ? { readOnly: true } : {}) });

/** The CA certificate directories every control-plane component mounts (getHostPathVolumesForTheControlPlane on Debian-like hosts). */
const CA_DIRS: [string, string][] = [
  ["ca-certs", "/etc/ssl/certs"], ["etc-ca-certificates", "/etc/ca-certificates"],
  ["usr-local-share-ca-certificates", "/usr/local/share/ca-certificates"], ["usr-share-ca-certificates", "/usr/share/ca-certificates"],
];

/** The volumes and mounts of a component, sorted by name as kubeadm sorts them. */
function volumes(list: { name: string; path: string; type: string; readOnly: boolean }[]): { volumes: Obj[]; volumeMounts: Obj[] } {
  const sorted = [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    volumes: sorted.map((v) => hostPathVolume(v.name, v.path, v.type)),
    volumeMounts: sorted.map((v) => mount(v.name, v.path, v.readOnly)),
  };
}

function pod(component: string, annotations: Obj | undefined, container: Obj, vols: { volumes: Obj[]; volumeMounts: Obj[] }): Obj {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: {
      ...(annotations ? { annotations } : {}), creationTimestamp: null,
      labels: { component, tier: "control-plane" }, name: component, namespace: "kube-system",
    },
    spec: {
      containers: [{ ...container, imagePullPolicy: "IfNotPresent", name: component, volumeMounts: vols.volumeMounts }],
      hostNetwork: true, priority: 2000001000, priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes: vols.volumes,
    },
    status: {},
  };
}

const caVolumes = CA_DIRS.map(([name, path]) => ({ name, path, type: "DirectoryOrCreate", readOnly: true }));

function etcd(node: string, ip: string): Obj {
  return pod("etcd", { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` }, {
    command: [
      "etcd", `--advertise-client-urls=https://${ip}:2379`, "--cert-file=/etc/kubernetes/pki/etcd/server.crt", "--client-cert-auth=true",
      "--data-dir=/var/lib/etcd", "--experimental-initial-corrupt-check=true", "--experimental-watch-progress-notify-interval=5s",
      `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${node}=https://${ip}:2380`, "--key-file=/etc/kubernetes/pki/etcd/server.key",
      `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, "--listen-metrics-urls=http://127.0.0.1:2381",
      `--listen-peer-urls=https://${ip}:2380`, `--name=${node}`, "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt", "--peer-client-cert-auth=true",
      "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key", "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt", "--snapshot-count=10000",
      "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
    ],
    image: SYSTEM_IMAGES.etcd,
    livenessProbe: probe("127.0.0.1", "/health?exclude=NOSPACE&serialize=true", 2381, "HTTP", 8),
    resources: { requests: { cpu: "100m", memory: "100Mi" } },
    startupProbe: probe("127.0.0.1", "/health?serialize=false", 2381, "HTTP", 24),
  }, {
    // local.go lists etcd's mounts itself (data, then certs); its volumes come sorted from a map.
    volumes: [hostPathVolume("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate"), hostPathVolume("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")],
    volumeMounts: [mount("etcd-data", "/var/lib/etcd", false), mount("etcd-certs", "/etc/kubernetes/pki/etcd", false)],
  });
}

function apiServer(ip: string): Obj {
  const pki = "/etc/kubernetes/pki";
  return pod("kube-apiserver", { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:6443` }, {
    command: [
      "kube-apiserver", `--advertise-address=${ip}`, "--allow-privileged=true", "--authorization-mode=Node,RBAC", `--client-ca-file=${pki}/ca.crt`,
      "--enable-admission-plugins=NodeRestriction", "--enable-bootstrap-token-auth=true", `--etcd-cafile=${pki}/etcd/ca.crt`,
      `--etcd-certfile=${pki}/apiserver-etcd-client.crt`, `--etcd-keyfile=${pki}/apiserver-etcd-client.key`, "--etcd-servers=https://127.0.0.1:2379",
      `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
      "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname", `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
      `--proxy-client-key-file=${pki}/front-proxy-client.key`, "--requestheader-allowed-names=front-proxy-client",
      `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, "--requestheader-extra-headers-prefix=X-Remote-Extra-",
      "--requestheader-group-headers=X-Remote-Group", "--requestheader-username-headers=X-Remote-User", "--secure-port=6443",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local", `--service-account-key-file=${pki}/sa.pub`,
      `--service-account-signing-key-file=${pki}/sa.key`, `--service-cluster-ip-range=${SERVICE_SUBNET}`, `--tls-cert-file=${pki}/apiserver.crt`,
      `--tls-private-key-file=${pki}/apiserver.key`,
    ],
    image: SYSTEM_IMAGES.apiserver,
    livenessProbe: probe(ip, "/livez", 6443, "HTTPS", 8),
    // kubeadm also writes a readinessProbe on /readyz every second (periodSeconds: 1). Left out:
    // the kubelet here wakes the whole world for every probe tick, and a tick a second for the
    // life of every cluster costs ten times what all the other probes cost (a day's `sleep`
    // ran out of its wake-up budget). Its outcome would never differ from the startup probe's.
    resources: { requests: { cpu: "250m" } },
    startupProbe: probe(ip, "/livez", 6443, "HTTPS", 24),
  }, volumes([...caVolumes, { name: "k8s-certs", path: pki, type: "DirectoryOrCreate", readOnly: true }]));
}

function controllerManager(): Obj {
  const conf = "/etc/kubernetes/controller-manager.conf";
  return pod("kube-controller-manager", undefined, {
    command: [
      "kube-controller-manager", "--allocate-node-cidrs=true", `--authentication-kubeconfig=${conf}`, `--authorization-kubeconfig=${conf}`,
      "--bind-address=127.0.0.1", "--client-ca-file=/etc/kubernetes/pki/ca.crt", `--cluster-cidr=${POD_SUBNET}`, "--cluster-name=kubernetes",
      "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt", "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
      "--controllers=*,bootstrapsigner,tokencleaner", `--kubeconfig=${conf}`, "--leader-elect=true",
      "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt", "--root-ca-file=/etc/kubernetes/pki/ca.crt",
      "--service-account-private-key-file=/etc/kubernetes/pki/sa.key", `--service-cluster-ip-range=${SERVICE_SUBNET}`,
      "--use-service-account-credentials=true",
    ],
    image: SYSTEM_IMAGES.controllerManager,
    livenessProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 8),
    resources: { requests: { cpu: "200m" } },
    startupProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 24),
  }, volumes([
    ...caVolumes,
    { name: "flexvolume-dir", path: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", type: "DirectoryOrCreate", readOnly: false },
    { name: "k8s-certs", path: "/etc/kubernetes/pki", type: "DirectoryOrCreate", readOnly: true },
    { name: "kubeconfig", path: conf, type: "FileOrCreate", readOnly: true },
  ]));
}

function scheduler(): Obj {
  const conf = "/etc/kubernetes/scheduler.conf";
  return pod("kube-scheduler", undefined, {
    command: [
      "kube-scheduler", `--authentication-kubeconfig=${conf}`, `--authorization-kubeconfig=${conf}`, "--bind-address=127.0.0.1",
      `--kubeconfig=${conf}`, "--leader-elect=true",
    ],
    image: SYSTEM_IMAGES.scheduler,
    livenessProbe: probe("127.0.0.1", "/healthz", 10259, "HTTPS", 8),
    resources: { requests: { cpu: "100m" } },
    startupProbe: probe("127.0.0.1", "/healthz", 10259, "HTTPS", 24),
  }, volumes([{ name: "kubeconfig", path: conf, type: "FileOrCreate", readOnly: true }]));
}

/** The four manifests by file name (etcd.yaml, kube-apiserver.yaml, …), as YAML text. */
export function controlPlaneManifests(node: string, ip: string): Readonly<Record<string, string>> {
  // A pure function of the node's name and address: rendered once per pair (a boot's largest YAML).
  const key = `${node}\u0000${ip}`;
  let files = rendered.get(key);
  if (!files) {
    files = Object.freeze({
      "etcd.yaml": toKubeYaml(etcd(node, ip)),
      "kube-apiserver.yaml": toKubeYaml(apiServer(ip)),
      "kube-controller-manager.yaml": toKubeYaml(controllerManager()),
      "kube-scheduler.yaml": toKubeYaml(scheduler()),
    });
    if (rendered.size >= 256) rendered.clear();
    rendered.set(key, files);
  }
  return files;
}
const rendered = new Map<string, Readonly<Record<string, string>>>();
