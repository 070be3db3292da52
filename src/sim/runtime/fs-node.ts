// What `ls -l` and `stat` show of one path of a container's filesystem (fs.ts): its type, owner
// and mode, size, allocated blocks and hard links, as the kernel's lstat/stat would report them.

import type { FsNode } from "./fs-access";
import type { ShellFs } from "./shell/types";

const utf8Length = (s: string): number => (/^[\x00-\x7f]*$/.test(s) ? s.length : new TextEncoder().encode(s).length);

const child = (dir: string, name: string): string => (dir === "/" ? `/${name}` : `${dir}/${name}`);

/**
 * The node at `path` (with `follow`, what a final symlink points to), undefined when nothing is
 * there. A file's size is its content's, in 4 KiB blocks; a directory is 4096 bytes in 4 blocks
 * unless its filesystem says otherwise (a tmpfs: 40 bytes + 20 per entry, no blocks), with 2
 * links plus one per subdirectory — but a root filesystem directory the runtime made a mount
 * point in (`/`, /etc) is an overlayfs merged directory, which reports 1;
 * a short symlink takes no block.
 */
export function fsNode(fs: ShellFs, path: string, follow: boolean): FsNode | undefined {
  const link = follow ? undefined : fs.symlink?.(path);
  if (link) return { type: "symlink", stat: link.stat, size: utf8Length(link.target), blocks: 0, nlink: 1, target: link.target };
  const st = fs.stat?.(path);
  if (fs.isFile(path)) {
    const c = fs.read(path);
    const size = typeof c === "string" ? utf8Length(c) : 0;
    return { type: "file", stat: st ?? { uid: 0, gid: 0, mode: 0o644 }, size, blocks: 4 * Math.ceil(size / 4096), nlink: 1 };
  }
  if (!fs.isDir(path)) return undefined;
  const mounts = fs.mountPaths?.() ?? [];
  const below = path === "/" ? "/" : `${path}/`;
  // Image directories the runtime made a mount point in are merged (copied up): `/` and top-level
  // ones like /etc here; a directory made only for a mount (/run/secrets/kubernetes.io) is the upper layer's.
  const merged = !!fs.mountPaths && (path === "/" || (path.lastIndexOf("/") === 0 && mounts.some((m) => m.startsWith(below))));
  const subdirs = merged ? 0 : fs.list(path).filter((n) => fs.isDir(child(path, n)) && !fs.symlink?.(child(path, n))).length;
  return { type: "dir", stat: st ?? { uid: 0, gid: 0, mode: 0o755 }, size: st?.size ?? 4096, blocks: st?.size === undefined ? 4 : 0, nlink: merged ? 1 : 2 + subdirs };
}
