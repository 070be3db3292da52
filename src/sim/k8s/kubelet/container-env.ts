// Mirrors kubelet_pods.go makeEnvironmentVariables and the volume plugins' SetUp for ConfigMap
// and Secret sources: what a container sees, or why it cannot start yet — a missing ConfigMap,
// Secret or key for env (CreateContainerConfigError) or for a volume (FailedMount, stays
// ContainerCreating) — and security_context.go's runAsNonRoot check.

import type { KubeCluster } from "../cluster";
import type { Container, Pod, Volume } from "../controllers/model";
import { setUpHostPath } from "./host-path";
import type { Payload } from "./atomic-writer";
import { DEFAULT_FILE_MODE, projectedFiles } from "./pod-files";
import { formatPod } from "./reasons";
import { serviceEnv } from "./service-env";

export const configMapNotFound = (name: string): string => `configmap "${name}" not found`;
export const secretNotFound = (name: string): string => `secret "${name}" not found`;
export const keyNotFoundInConfigMap = (key: string, ns: string, name: string): string => `couldn't find key ${key} in ConfigMap ${ns}/${name}`;
export const keyNotFoundInSecret = (key: string, ns: string, name: string): string => `couldn't find key ${key} in Secret ${ns}/${name}`;
export const mountFailed = (volume: string, err: string): string => `MountVolume.SetUp failed for volume "${volume}" : ${err}`;

type Data = Record<string, string>;

function decodeBase64(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

function configMapData(cluster: KubeCluster, ns: string, name: string): Data | undefined {
  const cm = cluster.store.get("ConfigMap", ns, name) as { data?: Data } | undefined;
  return cm ? { ...(cm.data ?? {}) } : undefined;
}

function secretData(cluster: KubeCluster, ns: string, name: string): Data | undefined {
  const s = cluster.store.get("Secret", ns, name) as { data?: Data } | undefined;
  if (!s) return undefined;
  const out: Data = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(v);
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The container's environment, or the CreateContainerConfigError message. */
export function containerEnv(cluster: KubeCluster, pod: Pod, c: Container): { env?: Data; error?: string } {
  const ns = pod.metadata.namespace ?? "default";
  const env: Data = {};
  const services = serviceEnv(cluster, pod);
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const data = from.configMapRef ? configMapData(cluster, ns, ref.name) : secretData(cluster, ns, ref.name);
    if (!data) {
      if (ref.optional) continue;
      return { error: from.configMapRef ? configMapNotFound(ref.name) : secretNotFound(ref.name) };
    }
    for (const [k, v] of Object.entries(data)) {
      const key = (from.prefix ?? "") + k;
      if (ENV_NAME.test(key)) env[key] = v;
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env[e.name] = expand(e.value ?? "", { ...services, ...env });
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const isCm = !!vf.configMapKeyRef;
      const data = isCm ? configMapData(cluster, ns, ref.name) : secretData(cluster, ns, ref.name);
      if (!data) {
        if (ref.optional) continue;
        return { error: isCm ? configMapNotFound(ref.name) : secretNotFound(ref.name) };
      }
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { error: isCm ? keyNotFoundInConfigMap(ref.key, ns, ref.name) : keyNotFoundInSecret(ref.key, ns, ref.name) };
      }
      env[e.name] = data[ref.key]!;
    } else if (vf.fieldRef) {
      env[e.name] = fieldRef(pod, vf.fieldRef.fieldPath);
    } else if (vf.resourceFieldRef) {
      env[e.name] = "0";
    }
  }
  // The container's own variables first, then the service variables it does not override.
  for (const [k, v] of Object.entries(services)) if (!(k in env)) env[k] = v;
  return { env };
}

/** $(VAR) references to earlier variables (kubelet's expansion). */
function expand(v: string, env: Data): string {
  return v.replace(/\$\$|\$\(([-._a-zA-Z0-9]+)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && name in env ? env[name]! : m));
}

function fieldRef(pod: Pod, path: string): string {
  switch (path) {
    case "metadata.name": return pod.metadata.name;
    case "metadata.namespace": return pod.metadata.namespace ?? "default";
    case "metadata.uid": return pod.metadata.uid;
    case "spec.nodeName": return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName": return String(pod.spec["serviceAccountName"] ?? "default");
    case "status.podIP": return pod.status?.podIP ?? "";
    case "status.hostIP": return pod.status?.hostIP ?? "";
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? "";
      return "";
    }
  }
}

/**
 * One volume's files by path inside it with their modes (the ConfigMap/Secret/projected plugins'
 * SetUp: an item's mode, else defaultMode), or why it cannot be set up (the error after
 * `MountVolume.SetUp failed for volume "x" : `). A hostPath volume's files are the node's
 * (host-path.ts): its type check may fail. Volumes of other kinds (emptyDir, PVCs) have no files
 * here and always mount.
 */
export function volumeFiles(cluster: KubeCluster, pod: Pod, vol: Volume): { files?: Payload; error?: string } {
  const ns = pod.metadata.namespace ?? "default";
  if (vol["hostPath"]) {
    const set = setUpHostPath(cluster, pod, vol);
    return set.error ? { error: set.error } : { files: {} };
  }
  if (vol.projected || vol.downwardAPI) {
    return projectedFiles(cluster, pod, vol, { configMap: (n) => configMapData(cluster, ns, n), secret: (n) => secretData(cluster, ns, n) });
  }
  const src = vol.configMap ?? vol.secret;
  if (!src) return { files: {} };
  const name = vol.configMap ? vol.configMap.name : vol.secret!.secretName;
  const data = vol.configMap ? configMapData(cluster, ns, name) : secretData(cluster, ns, name);
  if (!data) return src.optional ? { files: {} } : { error: vol.configMap ? configMapNotFound(name) : secretNotFound(name) };
  const files: Payload = {};
  const defaultMode = (src as { defaultMode?: number }).defaultMode ?? DEFAULT_FILE_MODE;
  for (const it of (src.items ?? Object.keys(data).map((key) => ({ key, path: key }))) as { key: string; path: string; mode?: number }[]) {
    if (!(it.key in data)) {
      if (src.optional) continue;
      return { error: vol.configMap ? `configmap references non-existent config key: ${it.key}` : `secret references non-existent secret key: ${it.key}` };
    }
    files[it.path] = { content: data[it.key]!, mode: it.mode ?? defaultMode };
  }
  return { files };
}

/**
 * verifyRunAsNonRoot: with runAsNonRoot (the container's securityContext over the pod's), a
 * runAsUser of 0, or an image whose user is root (none set, or 0) or a name the kubelet cannot
 * check, is a CreateContainerConfigError. `imageUser` is the image's USER ("", "101", "nginx", "1000:1000").
 */
export function verifyRunAsNonRoot(pod: Pod, c: Container, imageUser: string): string | undefined {
  type Sc = { runAsNonRoot?: boolean; runAsUser?: number };
  const podSc = (pod.spec["securityContext"] ?? {}) as Sc;
  const sc = ((c as { securityContext?: Sc }).securityContext ?? {}) as Sc;
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  if (!nonRoot) return undefined;
  const where = `(pod: "${formatPod(pod)}", container: ${c.name})`;
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  if (runAsUser !== undefined) return runAsUser === 0 ? `container's runAsUser breaks non-root policy ${where}` : undefined;
  const user = imageUser.split(":")[0] ?? "";
  if (user === "" || user === "0") return `container has runAsNonRoot and image will run as root ${where}`;
  if (!/^\d+$/.test(user)) return `container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root ${where}`;
  return undefined;
}
