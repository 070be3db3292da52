// Ownership, modes and mounts of a container's filesystem, as the kernel decides a write: the
// mount the path is on (a read-only mount, or a read-only root filesystem outside the writable
// mounts: EROFS — checked before permissions, as inode_permission does), then the owner and mode
// bits against the writer's uid and groups (EACCES). The image's files and directories are root's
// (0644 / 0755; /tmp, /var/tmp and /dev/shm 1777); a volume's mount point has the mode its plugin
// gives it (an emptyDir 0777, and with fsGroup group-owned and setgid, so files made in it take
// that group).

import type { ProcessIdentity } from "./identity";

/** How a container's filesystem (fs.ts) is made: its image's directories, mounts and volume trees. */
export interface ContainerFsOptions {
  dirs?: string[];
  /** The image's own directory tree instead of the standard directories (busybox's is smaller). */
  baseDirs?: readonly string[];
  /** Read-only mount points (kept for callers that only know paths). */
  readOnly?: string[];
  /** Volumes and bind mounts: their directories exist, with their own mode and read-only flag. */
  mounts?: MountPoint[];
  /** readOnlyRootFilesystem / `docker run --read-only`: only the mounts (and /dev) take writes. */
  readOnlyRoot?: boolean;
  /** Trees volume plugins wrote (ConfigMap, Secret, downwardAPI, projected; subPath files), in mount order. */
  trees?: readonly FsTree[];
}

/** A mount in the container: a volume, a bind mount, a ConfigMap/Secret/projected directory. */
export interface MountPoint {
  path: string;
  readOnly?: boolean;
  /** The mount point directory's owner, group and mode (default root:root 0755). */
  uid?: number;
  gid?: number;
  mode?: number;
}

export interface FileStat {
  uid: number;
  gid: number;
  /** Permission bits with setuid/setgid/sticky (0o2777…), without the file type. */
  mode: number;
  /** When it was last written, on the virtual clock (ls shows the current time when unknown). */
  mtime?: number;
  /** A directory's size as its filesystem reports it (a tmpfs's: 40 bytes + 20 per entry); 4096 when unset. */
  size?: number;
}

/**
 * One node of a tree a volume plugin writes: a file with its content, a directory, or a
 * symbolic link. Without an owner it is root's; a file without a mode is 0644, a directory 0755
 * (a tree's root directory keeps its mount point's mode).
 */
export interface FsEntry {
  type: "file" | "dir" | "symlink";
  content?: string;
  /** A symlink's target as written (`..data/key`): relative to the link's directory, or absolute. */
  target?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  /** A directory's reported size (tmpfs); 4096 when unset. */
  size?: number;
}

/**
 * What the runtime mounts at `path`: the tree a volume plugin wrote (the kubelet's atomic writer
 * layout: `..data`, a timestamped directory and one symlink per key), or a single file (a subPath
 * mount: the entry at ""). Entries are keyed by their path below `path` ("" is `path` itself).
 * Mounting it again (a container's restart, the kubelet's update) replaces what was below `path`.
 */
export interface FsTree {
  path: string;
  entries: Readonly<Record<string, FsEntry>>;
}

export const FILE_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o644 });
export const DIR_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o755 });
const STICKY_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o1777 });
/** World-writable directories every image has. */
export const STICKY_DIRS: ReadonlySet<string> = new Set(["/tmp", "/var/tmp", "/dev/shm"]);
/** Kernel filesystems that stay writable under a read-only root (/dev is a tmpfs, /dev/shm too). */
const ALWAYS_WRITABLE = ["/dev", "/proc", "/sys"];

export const SETGID = 0o2000;

/** What `ls -l` and `stat` show of one path: its type, owner and mode, size, blocks and links. */
export interface FsNode {
  type: "file" | "dir" | "symlink";
  stat: FileStat;
  /** Bytes (a symlink's: its target's length). */
  size: number;
  /** Allocated 1 KiB blocks (ls's `total`): 0 for a short symlink and a tmpfs directory. */
  blocks: number;
  /** Hard links: a directory's are 2 plus its subdirectories. */
  nlink: number;
  target?: string;
}

/** The default stat of an image path (no recorded owner). */
export function defaultStat(path: string, dir: boolean): FileStat {
  return dir ? (STICKY_DIRS.has(path) ? STICKY_STAT : DIR_STAT) : FILE_STAT;
}

/** The mount `path` is on (the deepest one containing it), or undefined for the root filesystem. */
export function mountOf(mounts: readonly MountPoint[], path: string): MountPoint | undefined {
  let best: MountPoint | undefined;
  for (const m of mounts) {
    if ((path === m.path || path.startsWith(m.path === "/" ? "/" : m.path + "/")) && (!best || m.path.length > best.path.length)) best = m;
  }
  return best;
}

/** Whether a write at `path` meets a read-only filesystem. */
export function readOnlyAt(mounts: readonly MountPoint[], readOnlyRoot: boolean, path: string): boolean {
  const m = mountOf(mounts, path);
  if (m) return m.readOnly === true;
  return readOnlyRoot && !ALWAYS_WRITABLE.some((d) => path === d || path.startsWith(d + "/"));
}

/** May `who` write to something with this owner and mode (root may always). */
export function mayWrite(st: FileStat, who: ProcessIdentity): boolean {
  if (who.uid === 0) return true;
  if (st.uid === who.uid) return (st.mode & 0o200) !== 0;
  if (who.groups.includes(st.gid) || st.gid === who.gid) return (st.mode & 0o020) !== 0;
  return (st.mode & 0o002) !== 0;
}

/** May `who` read something with this owner and mode (root may always). */
export function mayRead(st: FileStat, who: ProcessIdentity): boolean {
  if (who.uid === 0) return true;
  if (st.uid === who.uid) return (st.mode & 0o400) !== 0;
  if (who.groups.includes(st.gid) || st.gid === who.gid) return (st.mode & 0o040) !== 0;
  return (st.mode & 0o004) !== 0;
}

/** `ls -l`'s mode column: "drwxrwsrwx", "-rw-r--r--", "drwxrwxrwt", "lrwxrwxrwx". */
export function modeString(st: FileStat, dir: boolean | "l"): string {
  const m = st.mode;
  const bit = (mask: number, c: string) => ((m & mask) !== 0 ? c : "-");
  const exec = (mask: number, special: number, set: string) =>
    (m & special) !== 0 ? ((m & mask) !== 0 ? set : set.toUpperCase()) : bit(mask, "x");
  return (dir === "l" ? "l" : dir ? "d" : "-") + bit(0o400, "r") + bit(0o200, "w") + exec(0o100, 0o4000, "s")
    + bit(0o040, "r") + bit(0o020, "w") + exec(0o010, SETGID, "s")
    + bit(0o004, "r") + bit(0o002, "w") + exec(0o001, 0o1000, "t");
}
