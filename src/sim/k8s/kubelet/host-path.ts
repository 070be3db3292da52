// Mirrors pkg/volume/hostpath (host_path.go): a hostPath volume is the node's own directory or
// file. SetUp checks the path against the volume's type (checkTypeInternal): DirectoryOrCreate
// and FileOrCreate make what is missing (MkdirAll 0755 / an empty 0644 file, whose directory
// must exist), Directory, File, Socket, CharDevice and BlockDevice must find one, else the mount
// fails ("hostPath type check failed: /x is not a directory"); an unset type checks nothing,
// and containerd then makes a missing source as a directory when it creates the container
// (WithMounts' MkdirAll). The container sees the node's files through the mount itself
// (runtime/fs.ts host mounts), read-only when the volumeMount says so, so what it writes lands
// on the node: another pod on the node and the node's shell see it. An emptyDir is mounted the same
// way, from the pod's directory under /var/lib/kubelet/pods (pkg/volume/emptydir).

import type { Host } from "../../world";
import type { HostMount, MachineFs } from "../../runtime/fs";
import { normalizePath } from "../../runtime/fs";
import type { KubeCluster } from "../cluster";
import type { Container, Pod, Volume } from "../controllers/model";

export const hostPathTypeCheckFailed = (path: string, what: string): string => `hostPath type check failed: ${path} is not a ${what}`;

/** Directories every node has though its files (the machine's VirtualFs) do not list them. */
const NODE_DIRS: ReadonlySet<string> = new Set([
  "/", "/bin", "/boot", "/dev", "/etc", "/etc/ssl", "/etc/ssl/certs", "/etc/ca-certificates", "/etc/cni", "/etc/cni/net.d",
  "/etc/containerd", "/etc/kubernetes", "/home", "/lib", "/lib/modules", "/lib64", "/media", "/mnt", "/opt", "/opt/cni",
  "/opt/cni/bin", "/proc", "/root", "/run", "/run/containerd", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin",
  "/usr/lib", "/usr/libexec", "/usr/local", "/usr/local/bin", "/usr/local/share", "/usr/local/share/ca-certificates", "/usr/sbin",
  "/usr/share", "/usr/share/ca-certificates", "/var", "/var/cache", "/var/lib", "/var/lib/containerd", "/var/lib/kubelet",
  "/var/lib/kubelet/pods", "/var/log", "/var/log/containers", "/var/log/pods", "/var/run", "/var/tmp",
]);
/** Trees that exist as a whole (kernel filesystems). */
const NODE_TREES = ["/proc/", "/sys/"];
const NODE_FILES: ReadonlySet<string> = new Set(["/etc/hosts", "/etc/hostname", "/etc/passwd", "/etc/group", "/etc/resolv.conf",
  "/etc/localtime", "/etc/os-release", "/run/xtables.lock"]);
const NODE_SOCKETS: ReadonlySet<string> = new Set(["/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock"]);
const NODE_CHAR_DEVICES: ReadonlySet<string> = new Set(["/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/kmsg", "/dev/full", "/dev/fuse"]);
const NODE_BLOCK_DEVICES: ReadonlySet<string> = new Set(["/dev/sda", "/dev/sda1", "/dev/vda", "/dev/vda1"]);

export const isNodeSystemDir = (p: string): boolean => NODE_DIRS.has(p) || NODE_TREES.some((t) => p.startsWith(t));

type Kind = "dir" | "file" | "socket" | "char" | "block";

/** What is at `path` on the machine, if anything. */
function kindAt(fs: MachineFs, path: string): Kind | undefined {
  if (fs.read(path) !== undefined || NODE_FILES.has(path)) return "file";
  if (NODE_SOCKETS.has(path)) return "socket";
  if (NODE_CHAR_DEVICES.has(path)) return "char";
  if (NODE_BLOCK_DEVICES.has(path)) return "block";
  if (fs.isDir(path) || isNodeSystemDir(path)) return "dir";
  return undefined;
}

const parentOf = (p: string): string => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

/** The machine a pod runs on (its node). */
function machineOf(cluster: KubeCluster, pod: Pod): Host | undefined {
  const node = pod.spec.nodeName;
  return node ? cluster.world.host(node) : undefined;
}

/** hostPathMounter.SetUp: the type check (making what *OrCreate asks for), or its error. */
export function setUpHostPath(cluster: KubeCluster, pod: Pod, vol: Volume): { files?: Record<string, string>; error?: string } {
  const src = vol["hostPath"] as { path?: string; type?: string } | undefined;
  const host = machineOf(cluster, pod);
  if (!src?.path || !host) return { files: {} };
  const path = src.path;
  if (path.split("/").includes("..")) return { error: `invalid HostPath \`${path}\`: must not contain '..'` };
  const fs = host.fs;
  const at = normalizePath(path);
  const kind = kindAt(fs, at);
  switch (src.type ?? "") {
    case "": return { files: {} };
    case "DirectoryOrCreate":
      if (kind === undefined) { fs.mkdir(at); return { files: {} }; }
      return kind === "dir" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "directory") };
    case "Directory":
      return kind === "dir" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "directory") };
    case "FileOrCreate":
      if (kind === undefined) {
        // os.OpenFile(O_CREATE): the directory must be there already.
        if (kindAt(fs, parentOf(at)) !== "dir") return { error: `open ${path}: no such file or directory` };
        fs.write(at, "");
        return { files: {} };
      }
      return kind === "file" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "file") };
    case "File":
      return kind === "file" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "file") };
    case "Socket":
      return kind === "socket" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "socket file") };
    case "CharDevice":
      return kind === "char" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "character device") };
    case "BlockDevice":
      return kind === "block" ? { files: {} } : { error: hostPathTypeCheckFailed(path, "block device") };
    default:
      return { error: `${src.type} is an invalid volume type` };
  }
}

/** Where the kubelet keeps a pod's volumes on its node (pkg/kubelet getPodVolumeDir). */
export const podVolumesDir = (uid: string): string => `/var/lib/kubelet/pods/${uid}`;

/** An emptyDir's directory on the node: every container of the pod that mounts it shares it. */
const emptyDirPath = (pod: Pod, name: string): string => `${podVolumesDir(pod.metadata.uid)}/volumes/kubernetes.io~empty-dir/${name}`;

/**
 * The container's node-backed mounts as the runtime makes them: each volumeMount of a hostPath
 * volume shows the node's path, and of an emptyDir the pod's directory under the kubelet's
 * (shared by the pod's containers, kept across their restarts, gone with the pod) — joined with
 * its subPath, read-only when the mount says so. A missing source is made as a directory first
 * (containerd; the kubelet for an emptyDir), unless it is a file mount's.
 */
export function nodeVolumeMounts(cluster: KubeCluster, pod: Pod, c: Container): HostMount[] {
  const mounts = c.volumeMounts ?? [];
  if (!mounts.length || !(pod.spec.volumes ?? []).some((v) => v["hostPath"] || v["emptyDir"])) return [];
  const host = machineOf(cluster, pod);
  if (!host) return [];
  const out: HostMount[] = [];
  for (const m of mounts) {
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name);
    const src = vol?.["hostPath"] as { path?: string } | undefined;
    const base = src?.path ?? (vol?.["emptyDir"] !== undefined ? emptyDirPath(pod, vol.name) : undefined);
    if (!base) continue;
    const source = normalizePath(m.subPath ? `${base}/${m.subPath}` : base);
    if (kindAt(host.fs, source) === undefined) host.fs.mkdir(source);
    out.push({ path: m.mountPath, source, readOnly: m.readOnly === true, machine: host.fs, systemDir: isNodeSystemDir });
  }
  return out;
}
