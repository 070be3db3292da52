// Files the kubelet puts in every container of a pod besides its volumes: the managed /etc/hosts
// (kubelet_pods.go managedHostsFileContent) and /etc/resolv.conf (dns.go, dnsPolicy
// ClusterFirst: the cluster DNS Service, the pod's search path, ndots:5), and the files of
// projected and downwardAPI volumes — the service account token, ca.crt and namespace that
// admission mounts at /var/run/secrets/kubernetes.io/serviceaccount — each with its mode (the
// item's, else the volume's defaultMode, 0644 by default), as atomic-writer.ts lays them out.

import { utf8ToBase64 } from "../../base64";
import type { KubeCluster } from "../cluster";
import type { Pod } from "../controllers/model";
import type { Payload } from "./atomic-writer";

type Data = Record<string, string>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CLUSTER_DOMAIN = "cluster.local";

/**
 * /etc/hosts and /etc/resolv.conf as the kubelet writes them (none for hostNetwork pods: the
 * node's), and /etc/hostname as the runtime writes it (the pod's hostname, or the node's name).
 */
export function kubeletManagedFiles(cluster: KubeCluster, pod: Pod, podIP: string | undefined): Data {
  const spec = pod.spec as Obj;
  if (spec.hostNetwork) return spec.nodeName ? { "/etc/hostname": `${spec.nodeName}\n` } : {};
  const files: Data = { "/etc/hostname": `${spec.hostname ?? pod.metadata.name}\n` };
  let hosts = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
    + "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  const hostname: string = spec.hostname ?? pod.metadata.name;
  if (podIP) {
    hosts += spec.subdomain
      ? `${podIP}\t${hostname}.${spec.subdomain}.${pod.metadata.namespace ?? "default"}.svc.${CLUSTER_DOMAIN}\t${hostname}\n`
      : `${podIP}\t${hostname}\n`;
  }
  const aliases = (spec.hostAliases ?? []) as { ip: string; hostnames?: string[] }[];
  if (aliases.length) {
    hosts += "\n# Entries added by HostAliases.\n";
    for (const a of aliases) hosts += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  }
  files["/etc/hosts"] = hosts;
  const policy = spec.dnsPolicy ?? "ClusterFirst";
  if (policy === "ClusterFirst" || policy === "ClusterFirstWithHostNet") {
    const ns = pod.metadata.namespace ?? "default";
    const dns = (cluster.store.get("Service", "kube-system", "kube-dns")?.spec as Obj | undefined)?.clusterIP ?? "10.96.0.10";
    files["/etc/resolv.conf"] = `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${dns}\noptions ndots:5\n`;
  }
  return files;
}

/** DefaultMode when the volume does not set it (the API server defaults it to 420). */
export const DEFAULT_FILE_MODE = 0o644;

/**
 * The user every container of the pod runs as, when they agree on one (volumeutil.FsUserFrom:
 * each container's runAsUser over the pod's); the projected token is then theirs, mode 0600.
 */
function fsUserOf(pod: Pod): number | undefined {
  const podUser = (pod.spec as Obj).securityContext?.runAsUser as number | undefined;
  const users = new Set([...((pod.spec as Obj).initContainers ?? []), ...pod.spec.containers]
    .map((c: Obj) => (c.securityContext?.runAsUser as number | undefined) ?? podUser));
  const [only] = users;
  return users.size === 1 && only !== undefined ? only : undefined;
}

/**
 * The files of a projected or downwardAPI volume by path inside it with their modes, or why it
 * cannot be set up (a missing ConfigMap/Secret that is not optional). A token is mode 0600 when
 * the pod has an fsGroup or a single runAsUser (projected.go), owned by that user.
 */
export function projectedFiles(cluster: KubeCluster, pod: Pod, vol: Obj, data: {
  configMap(name: string): Data | undefined;
  secret(name: string): Data | undefined;
}): { files?: Payload; error?: string } {
  const files: Payload = {};
  const source = vol.projected ?? vol.downwardAPI;
  const defaultMode: number = source?.defaultMode ?? DEFAULT_FILE_MODE;
  const file = (content: string, mode: number | undefined) => ({ content, mode: mode ?? defaultMode });
  const sources: Obj[] = vol.projected ? vol.projected.sources ?? [] : [{ downwardAPI: vol.downwardAPI }];
  for (const src of sources) {
    if (src.serviceAccountToken) {
      const fsUser = fsUserOf(pod);
      const fsGroup = (pod.spec as Obj).securityContext?.fsGroup;
      files[src.serviceAccountToken.path] = {
        content: serviceAccountToken(cluster, pod, src.serviceAccountToken.expirationSeconds ?? 3600),
        mode: fsUser !== undefined || fsGroup !== undefined ? 0o600 : defaultMode, ...(fsUser !== undefined ? { fsUser } : {}),
      };
    } else if (src.configMap || src.secret) {
      const ref = src.configMap ?? src.secret;
      const content = src.configMap ? data.configMap(ref.name) : data.secret(ref.name);
      if (!content) {
        if (ref.optional) continue;
        return { error: `${src.configMap ? "configmap" : "secret"} "${ref.name}" not found` };
      }
      for (const it of (ref.items ?? Object.keys(content).map((key: string) => ({ key, path: key }))) as { key: string; path: string; mode?: number }[]) {
        if (it.key in content) files[it.path] = file(content[it.key]!, it.mode);
      }
    } else if (src.downwardAPI) {
      for (const it of (src.downwardAPI.items ?? []) as Obj[]) {
        const value = it.fieldRef ? fieldValue(pod, it.fieldRef.fieldPath) : undefined;
        if (value !== undefined) files[it.path] = file(value, it.mode);
      }
    }
  }
  return { files };
}

/** downwardAPI fieldRef values as files show them (labels and annotations as key="value" lines). */
function fieldValue(pod: Pod, path: string): string | undefined {
  const meta = pod.metadata;
  const lines = (m: Record<string, string> | undefined) =>
    Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join("\n");
  switch (path) {
    case "metadata.name": return meta.name;
    case "metadata.namespace": return meta.namespace ?? "default";
    case "metadata.uid": return meta.uid;
    case "metadata.labels": return lines(meta.labels);
    case "metadata.annotations": return lines(meta.annotations);
    default: return undefined;
  }
}

/**
 * A bound service account token: a JWT in the shape the API server issues (RS256 header with a
 * key id, the pod's and service account's identity), signed by nothing real — no one verifies it here.
 */
function serviceAccountToken(cluster: KubeCluster, pod: Pod, expirationSeconds: number): string {
  const ns = pod.metadata.namespace ?? "default";
  const sa = (pod.spec as Obj).serviceAccountName ?? "default";
  const account = cluster.store.get("ServiceAccount", ns, sa);
  // A pure function of these: made once per pod (every start of every container reads it).
  const key = `${pod.metadata.uid}|${ns}|${sa}|${account?.metadata.uid}|${pod.metadata.creationTimestamp}|${expirationSeconds}`;
  let token = tokens.get(key);
  if (token === undefined) {
    if (tokens.size >= 4096) tokens.clear();
    tokens.set(key, (token = makeToken(pod, ns, sa, account?.metadata.uid ?? "", expirationSeconds)));
  }
  return token;
}

const tokens = new Map<string, string>();

// Names, uids and namespaces are ASCII (validated): btoa takes such a string as it is.
const base64url = (s: string) => (/^[\x00-\x7f]*$/.test(s) ? btoa(s) : utf8ToBase64(s)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
/** The header names the cluster's one signing key. */
const TOKEN_HEADER = base64url(JSON.stringify({ alg: "RS256", kid: "Hq7s4dNgMqVd0mQKXKk0t5z3xYw5nW1kH2cL8pR6uTs" }));

function makeToken(pod: Pod, ns: string, sa: string, accountUid: string, expirationSeconds: number): string {
  const iat = Math.floor(Date.parse(pod.metadata.creationTimestamp) / 1000);
  const payload = {
    aud: [`https://kubernetes.default.svc.${CLUSTER_DOMAIN}`], exp: iat + expirationSeconds, iat,
    iss: `https://kubernetes.default.svc.${CLUSTER_DOMAIN}`,
    "kubernetes.io": { namespace: ns, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa, uid: accountUid } },
    nbf: iat, sub: `system:serviceaccount:${ns}:${sa}`,
  };
  // 256 signature bytes in base64url; hex digits of the identities stand in for them.
  const signature = (pod.metadata.uid + accountUid).replace(/-/g, "").repeat(11).slice(0, 342);
  return `${TOKEN_HEADER}.${base64url(JSON.stringify(payload))}.${signature}`;
}
