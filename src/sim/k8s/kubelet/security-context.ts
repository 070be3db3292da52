// What a container's security context and volume mounts ask of the runtime, as the kubelet and
// containerd's CRI hand them over (kuberuntime_container.go, containerd's generateUserString and
// WithSupplementalGroups): the user "UID[:GID]" (the container's runAsUser/runAsGroup over the
// pod's; without runAsUser the image's user keeps its uid), the pod's fsGroup and
// supplementalGroups as extra groups, readOnlyRootFilesystem, and each mount with its read-only
// flag and mode. ConfigMap, Secret, downwardAPI and projected volumes are always read-only (the
// kubelet mounts them so since 1.9.4, whatever volumeMounts says); an emptyDir is 0777 and, with
// fsGroup, group-owned and setgid (drwxrwsrwx root 2000), so files made in it take the group.

import type { MountPoint } from "../../runtime/fs-access";
import type { Container, Pod, Volume } from "../controllers/model";

interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  readOnlyRootFilesystem?: boolean;
}

export interface RuntimeSecurity {
  user?: string;
  supplementalGroups?: number[];
  mounts: MountPoint[];
  /** subPath mounts are files: read-only ones by path. */
  readOnlyPaths: string[];
  readOnlyRootFilesystem?: boolean;
}

const ALWAYS_READ_ONLY = ["configMap", "secret", "downwardAPI", "projected"];
/** Plugins that mount a tmpfs (sticky, world-writable before the kubelet's files). */
const TMPFS = ["secret", "downwardAPI", "projected"];

function mountMode(vol: Volume | undefined, fsGroup: number | undefined): Pick<MountPoint, "mode" | "gid"> {
  if (!vol || vol["hostPath"]) return {};
  const base = TMPFS.some((k) => vol[k] !== undefined) ? 0o1777 : 0o777;
  return fsGroup === undefined ? { mode: base } : { mode: base | 0o2000, gid: fsGroup };
}

export function runtimeSecurity(pod: Pod, c: Container, imageUser: string): RuntimeSecurity {
  const podSc = (pod.spec["securityContext"] ?? {}) as SecurityContext;
  const sc = ((c as { securityContext?: SecurityContext }).securityContext ?? {}) as SecurityContext;
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  const runAsGroup = sc.runAsGroup ?? podSc.runAsGroup;
  let user: string | undefined;
  if (runAsUser !== undefined || runAsGroup !== undefined) {
    const u = runAsUser !== undefined ? String(runAsUser) : imageUser.split(":")[0] || "0";
    user = runAsGroup !== undefined ? `${u}:${runAsGroup}` : u;
  }
  const groups = [...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : []), ...(podSc.supplementalGroups ?? [])];
  const mounts: MountPoint[] = [];
  const readOnlyPaths: string[] = [];
  for (const m of c.volumeMounts ?? []) {
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name);
    const readOnly = m.readOnly === true || (vol !== undefined && ALWAYS_READ_ONLY.some((k) => vol[k] !== undefined));
    if (m.subPath) { if (readOnly) readOnlyPaths.push(m.mountPath); continue; }
    mounts.push({ path: m.mountPath, readOnly, ...mountMode(vol, podSc.fsGroup) });
  }
  return {
    ...(user !== undefined ? { user } : {}), ...(groups.length ? { supplementalGroups: groups } : {}),
    mounts, readOnlyPaths, ...(sc.readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
  };
}
