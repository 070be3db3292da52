// Ownership, modes and mounts of a container's filesystem, as the kernel decides a write: the
// mount the path is on (a read-only mount, or a read-only root filesystem outside the writable
// mounts: EROFS — checked before permissions, as inode_permission does), then the owner and mode
// bits against the writer's uid and groups (EACCES). The image's files and directories are root's
// (0644 / 0755; /tmp, /var/tmp and /dev/shm 1777); a volume's mount point has the mode its plugin
// gives it (an emptyDir 0777, and with fsGroup group-owned and setgid, so files made in it take
// that group).

import type { ProcessIdentity } from "./identity";

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
}

export const FILE_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o644 });
export const DIR_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o755 });
const STICKY_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o1777 });
/** World-writable directories every image has. */
export const STICKY_DIRS: ReadonlySet<string> = new Set(["/tmp", "/var/tmp", "/dev/shm"]);
/** Kernel filesystems that stay writable under a read-only root (/dev is a tmpfs, /dev/shm too). */
const ALWAYS_WRITABLE = ["/dev", "/proc", "/sys"];

export const SETGID = 0o2000;

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

/** `ls -l`'s mode column: "drwxrwsrwx", "-rw-r--r--", "drwxrwxrwt". */
export function modeString(st: FileStat, dir: boolean): string {
  const m = st.mode;
  const bit = (mask: number, c: string) => ((m & mask) !== 0 ? c : "-");
  const exec = (mask: number, special: number, set: string) =>
    (m & special) !== 0 ? ((m & mask) !== 0 ? set : set.toUpperCase()) : bit(mask, "x");
  return (dir ? "d" : "-") + bit(0o400, "r") + bit(0o200, "w") + exec(0o100, 0o4000, "s")
    + bit(0o040, "r") + bit(0o020, "w") + exec(0o010, SETGID, "s")
    + bit(0o004, "r") + bit(0o002, "w") + exec(0o001, 0o1000, "t");
}
