// A container's filesystem: the image's files, the mounted files (ConfigMaps, Secrets, volumes,
// bind mounts) and whatever the container writes. Directories are implicit (any path with files
// below it) plus the usual root directories. Bounded: file size and file count are capped.
// A host mount (a hostPath volume, a bind mount) is a window on the machine's own filesystem:
// every read and write below its mount point goes through to the machine's files (nothing is
// copied at start), so another container mounting the same directory, or the machine's shell,
// sees what this one wrote. A volume plugin's tree (fs-access.ts FsTree: the kubelet's atomic
// writer layout) brings its own modes, owners and symbolic links, which every lookup follows.

import { freezeData } from "../clone";
import { defaultStat, mayRead, mayWrite, readOnlyAt, SETGID, type ContainerFsOptions, type FileStat, type FsTree, type MountPoint } from "./fs-access";
import type { ProcessIdentity } from "./identity";
import { takeHostMounts, type HostMount } from "./fs-host";
import { layerEntries, normalizePath, parentOf, resolveLinks, standardDirs } from "./fs-paths";

export { normalizePath };
export { withHostMounts, type HostMount, type MachineFs } from "./fs-host";
export type { ContainerFsOptions } from "./fs-access";

export const MAX_FILE_BYTES = 1 << 20;
export const MAX_FILES = 10_000;

export type FsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EROFS" | "ENOTEMPTY" | "EEXIST" | "ENOSPC" | "EACCES" | "EPERM";


const NO_HOST_MOUNTS: readonly HostMount[] = freezeData([]);

const EXEC_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o755 });
const LINK_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o777 });
const BIN_DIRS = /^\/(usr\/(local\/)?)?s?bin\//;

/** An image file with x bits: what its bin directories hold, and its scripts (`#!`, `*.sh`). */
const imageExecutable = (path: string, content: string): boolean =>
  BIN_DIRS.test(path) || content.startsWith("#!") || path.endsWith(".sh");

export class ContainerFs {
  private readonly files = new Map<string, string>();
  /** Shared with other containers (never changed) until this one makes or removes a directory. */
  private dirs: ReadonlySet<string>;
  private ownDirs = false;
  private readonly mounts: readonly MountPoint[];
  private readonly readOnlyRoot: boolean;
  private readonly setgidMounts: boolean;
  /** Who writes (the container's processes) and whether permissions are checked for them. */
  private writer?: { who: ProcessIdentity; enforce: boolean };
  /** Owners and modes that differ from the defaults (fs-access.ts): made only when needed. */
  private meta?: Map<string, FileStat>;
  /** Files the container's processes made (mode 0644 under umask 022: not executable until chmod). */
  private created?: Set<string>;
  /** Host mounts, deepest first (most containers have none). */
  private readonly hostMounts: readonly HostMount[] = NO_HOST_MOUNTS;
  /** Symbolic links by path: their targets as written (a volume's `..data` and keys; most containers have none). */
  private links?: Map<string, string>;

  constructor(layers: Record<string, string>[], options: ContainerFsOptions = {}) {
    // Taken by the first filesystem made (the container's), no other made meanwhile.
    const pending = takeHostMounts();
    if (pending) {
      this.hostMounts = [...pending].map((m) => ({ ...m, path: normalizePath(m.path), source: normalizePath(m.source) }))
        .sort((a, b) => b.path.length - a.path.length);
      const given = (p: string) => (options.mounts ?? []).find((m) => normalizePath(m.path) === p); // its mode: emptyDir 0777…
      options = { ...options, mounts: [...(options.mounts ?? []).filter((m) => !this.hostMounts.some((h) => h.path === normalizePath(m.path))),
        ...this.hostMounts.map((m) => ({ ...given(m.path), path: m.path, readOnly: m.readOnly === true }))] };
    }
    for (const layer of layers) for (const [p, c] of layerEntries(layer)) this.files.set(p, c);
    const mounts = [...(options.readOnly ?? []).map((p) => ({ path: p, readOnly: true })), ...(options.mounts ?? [])]
      .map((m) => ({ ...m, path: normalizePath(m.path) }));
    this.dirs = standardDirs([...(options.dirs ?? []), ...(options.mounts ?? []).map((m) => m.path)].map((d) => normalizePath(d)), options.baseDirs);
    this.mounts = freezeData(mounts);
    this.readOnlyRoot = options.readOnlyRoot ?? false;
    this.setgidMounts = mounts.some((m) => ((m as MountPoint).mode ?? 0) & SETGID);
    for (const t of options.trees ?? []) this.mountTree(t);
  }

  /** `path` with its symbolic links followed (the last one too unless `followLast` is false). */
  private resolve(path: string, followLast = true): string {
    const links = this.links;
    return links?.size ? resolveLinks((p) => links.get(p), path, followLast) : path;
  }

  /** Mounts a volume plugin's tree, replacing what was at and below its path (an update, a restart): unchecked. */
  mountTree(tree: FsTree): void {
    const root = normalizePath(tree.path);
    const m = this.mounts.find((x) => x.path === root);
    const below = root === "/" ? "/" : root + "/";
    const inside = (p: string) => p === root || p.startsWith(below);
    for (const of of [this.files, this.links, this.meta, this.created]) for (const k of [...of?.keys() ?? []]) if (inside(k)) of!.delete(k);
    const dirs = this.writableDirs();
    for (const d of [...dirs]) if (d.startsWith(below)) dirs.delete(d);
    for (const rel of Object.keys(tree.entries).sort()) {
      const e = tree.entries[rel]!;
      const p = rel === "" ? root : normalizePath(`${root}/${rel}`);
      // A mount point's directory has its mount's owner and mode unless the tree says otherwise.
      const base: FileStat = e.type === "symlink" ? LINK_STAT : e.type === "file" ? { uid: 0, gid: 0, mode: 0o644 }
        : p === root && m ? { uid: m.uid ?? 0, gid: m.gid ?? 0, mode: m.mode ?? 0o755 } : { uid: 0, gid: 0, mode: 0o755 };
      if (e.type === "file") this.files.set(p, (e.content ?? "").slice(0, MAX_FILE_BYTES));
      else if (e.type === "dir") dirs.add(p);
      else (this.links ??= new Map()).set(p, e.target ?? "");
      (this.meta ??= new Map()).set(p, {
        uid: e.uid ?? base.uid, gid: e.gid ?? base.gid, mode: e.mode ?? base.mode,
        ...(e.mtime !== undefined ? { mtime: e.mtime } : {}), ...(e.size !== undefined ? { size: e.size } : {}),
      });
    }
  }

  /** Where volumes, bind mounts and subPath files are mounted. */
  mountPaths(): string[] { return this.mounts.map((m) => m.path); }

  /** The symbolic link at `path` (not followed): its target as written and its owner; undefined if it is none. */
  symlink(path: string): { target: string; stat: FileStat } | undefined {
    const at = this.resolve(path, false);
    const target = this.links?.get(at);
    return target === undefined ? undefined : { target, stat: this.meta?.get(at) ?? LINK_STAT };
  }

  /** The machine and its path for a container path below a host mount. */
  private onHost(path: string): { m: HostMount; at: string } | undefined {
    if (this.hostMounts.length === 0) return undefined;
    for (const m of this.hostMounts) {
      if (path === m.path) return { m, at: m.source };
      if (path.startsWith(m.path === "/" ? "/" : m.path + "/")) return { m, at: normalizePath(m.source + "/" + path.slice(m.path.length)) };
    }
    return undefined;
  }

  /** Sets who writes from now on; `enforce`: check owners and modes (a uid the image was not made for). */
  setWriter(who: ProcessIdentity, enforce: boolean): void {
    // Never changed, only replaced: frozen, so copies of the world share it.
    this.writer = freezeData({ who, enforce });
  }

  /** Runs `fn` with another writer (`docker exec -u`), then restores the container's own. */
  withWriter<T>(who: ProcessIdentity, enforce: boolean, fn: () => T): T {
    const saved = this.writer;
    this.writer = { who, enforce };
    try { return fn(); } finally { this.writer = saved; }
  }

  /** Owner, group and mode of an existing path (a mount point's from its mount), symlinks followed. */
  stat(path: string): FileStat {
    return this.statAt(this.resolve(path));
  }

  private statAt(path: string): FileStat {
    const own = this.meta?.get(path);
    if (own) return own;
    const dir = !this.files.has(path) && this.isDirAt(path);
    if (dir) {
      const m = this.mounts.find((x) => x.path === path);
      if (m) return { uid: m.uid ?? 0, gid: m.gid ?? 0, mode: m.mode ?? 0o755 };
    }
    if (!dir && this.files.has(path) && !this.created?.has(path) && imageExecutable(path, this.files.get(path)!)) return EXEC_STAT;
    return defaultStat(path, dir);
  }

  /**
   * Whether a file may be run (execve's EACCES otherwise): its x bits — an image's programs and
   * scripts have them, what the container wrote has not until chmod, a volume's file has the mode
   * its plugin gave it; a host mount's file is taken as the machine has it, runnable.
   */
  executable(path: string): boolean {
    const at = this.resolve(path);
    if (this.onHost(at)) return true;
    return (this.statAt(at).mode & 0o111) !== 0;
  }

  /** chmod: the permission bits of an existing path (the owner kept; a symlink's target's). */
  chmod(path: string, mode: number): FsError | undefined {
    const at = this.resolve(path);
    if (!this.existsAt(at)) return "ENOENT";
    if (this.onHost(at)) return undefined;
    if (readOnlyAt(this.mounts, this.readOnlyRoot, at)) return "EROFS";
    const st = this.statAt(at);
    const w = this.writer;
    if (w?.enforce && w.who.uid !== 0 && w.who.uid !== st.uid) return "EPERM";
    (this.meta ??= new Map()).set(at, { ...st, mode: mode & 0o7777 });
    return undefined;
  }

  /** Whether the container's user may open an existing file for reading (open's EACCES otherwise). */
  readable(path: string): boolean {
    const w = this.writer;
    return !w?.enforce || this.uncheckedDepth > 0 || !this.isFile(path) || mayRead(this.stat(path), w.who);
  }

  /** Records the owner of a path the writer has just made (non-root, or in a setgid directory). */
  private own(path: string, dir: boolean): void {
    const w = this.writer;
    // Root writing outside setgid directories makes root's files: nothing to record (the common case).
    if (!w || (w.who.uid === 0 && !this.setgidMounts)) return;
    const parent = this.statAt(parentOf(path));
    const setgid = (parent.mode & SETGID) !== 0;
    if (w.who.uid === 0 && !setgid) return;
    // umask 022; a directory made in a setgid directory is setgid too.
    const mode = dir ? 0o755 | (setgid ? SETGID : 0) : 0o644;
    (this.meta ??= new Map()).set(path, { uid: w.who.uid, gid: setgid ? parent.gid : w.who.gid, mode });
  }

  /**
   * Image programs' own writes (their plans' files) are not checked: the plans model what the real
   * program manages to do as its user. Counted, not allocated: the daemon advances on hot paths.
   */
  private uncheckedDepth = 0;
  pauseChecks(): void { this.uncheckedDepth++; }
  resumeChecks(): void { this.uncheckedDepth--; }

  /** EACCES when the writer may not change `target` (an existing path) or create in its directory. */
  private denied(target: string, exists: boolean): boolean {
    const w = this.writer;
    if (!w?.enforce || this.uncheckedDepth > 0) return false;
    return !mayWrite(this.statAt(exists ? target : parentOf(target)), w.who);
  }

  /** The runtime writes a file of its own (/etc/hosts at a restart): no read-only or permission check applies. */
  replaceMounted(path: string, content: string): void {
    this.files.set(normalizePath(path), content.slice(0, MAX_FILE_BYTES));
  }

  private writableDirs(): Set<string> {
    if (!this.ownDirs) {
      this.dirs = new Set(this.dirs);
      this.ownDirs = true;
    }
    return this.dirs as Set<string>;
  }

  isFile(path: string): boolean {
    return this.isFileAt(this.resolve(path));
  }

  private isFileAt(path: string): boolean {
    const h = this.onHost(path);
    if (h) return h.m.machine.read(h.at) !== undefined;
    return this.files.has(path) || path === "/dev/null";
  }

  isDir(path: string): boolean {
    return this.isDirAt(this.resolve(path));
  }

  private isDirAt(path: string): boolean {
    const h = this.onHost(path);
    // A file mount's mount point is that file; a directory mount's always shows as a directory.
    if (h) return h.m.machine.read(h.at) === undefined && (path === h.m.path || h.m.machine.isDir(h.at) || (h.m.systemDir?.(h.at) ?? false));
    if (this.dirs.has(path)) return true;
    if (this.links?.has(path)) return false;
    const prefix = path === "/" ? "/" : path + "/";
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    for (const d of this.dirs) if (d.startsWith(prefix)) return true;
    for (const l of this.links?.keys() ?? []) if (l.startsWith(prefix)) return true;
    return false;
  }

  exists(path: string): boolean {
    return this.existsAt(this.resolve(path));
  }

  private existsAt(path: string): boolean {
    return this.isFileAt(path) || this.isDirAt(path);
  }

  read(path: string): string | FsError {
    return this.readAt(this.resolve(path));
  }

  private readAt(path: string): string | FsError {
    if (path === "/dev/null") return "";
    const h = this.onHost(path);
    if (h) return h.m.machine.read(h.at) ?? (this.isDirAt(path) ? "EISDIR" : "ENOENT");
    const c = this.files.get(path);
    if (c !== undefined) return c;
    return this.isDirAt(path) ? "EISDIR" : "ENOENT";
  }

  private writable(path: string): FsError | undefined {
    if (this.isDirAt(path)) return "EISDIR";
    if (!this.isDirAt(parentOf(path))) return this.isFileAt(parentOf(path)) ? "ENOTDIR" : "ENOENT";
    if (readOnlyAt(this.mounts, this.readOnlyRoot, path)) return "EROFS";
    const onHost = this.onHost(path);
    if (this.denied(path, onHost ? this.isFileAt(path) : this.files.has(path))) return "EACCES";
    if (!onHost && !this.files.has(path) && this.files.size >= MAX_FILES) return "ENOSPC";
    return undefined;
  }

  /** Writes a file (through a symlink, its target). */
  write(path: string, content: string, append = false): FsError | undefined {
    if (path === "/dev/null" || path === "/dev/stdout" || path === "/dev/stderr") return undefined;
    path = this.resolve(path);
    const bad = this.writable(path);
    if (bad) return bad;
    const h = this.onHost(path);
    if (h) {
      const fresh = h.m.machine.read(h.at) === undefined;
      h.m.machine.write(h.at, ((append ? h.m.machine.read(h.at) ?? "" : "") + content).slice(0, MAX_FILE_BYTES));
      if (fresh) this.own(path, false);
      return undefined;
    }
    const existed = this.files.has(path);
    const next = (append ? (this.files.get(path) ?? "") : "") + content;
    this.files.set(path, next.slice(0, MAX_FILE_BYTES));
    if (!existed) {
      this.own(path, false);
      (this.created ??= new Set()).add(path);
    }
    return undefined;
  }

  mkdir(path: string, parents: boolean): FsError | undefined {
    path = this.resolve(path);
    if (this.isDirAt(path)) return parents ? undefined : "EEXIST";
    if (this.isFileAt(path) || this.links?.has(path)) return "EEXIST";
    if (!parents && !this.isDirAt(parentOf(path))) return "ENOENT";
    // The first directory to make is the deepest that is missing: its parent's filesystem decides.
    let first = path;
    while (parentOf(first) !== "/" && !this.isDirAt(parentOf(first))) first = parentOf(first);
    if (readOnlyAt(this.mounts, this.readOnlyRoot, first)) return "EROFS";
    if (this.denied(first, false)) return "EACCES";
    const h = this.onHost(path);
    if (h) {
      // Every missing level below the mount point is made on the machine.
      for (let p = path; p !== h.m.path && !this.isDirAt(p); p = parentOf(p)) h.m.machine.mkdir(this.onHost(p)!.at);
      return undefined;
    }
    const dirs = this.writableDirs();
    const made: string[] = [];
    for (let p = path; p !== "/" && !dirs.has(p); p = parentOf(p)) made.push(p);
    for (const p of made.reverse()) { dirs.add(p); this.own(p, true); }
    return undefined;
  }

  /** Removes a path (a symlink itself, not what it points to). */
  remove(path: string, recursive: boolean): FsError | undefined {
    path = this.resolve(path, false);
    const link = this.links?.has(path) ?? false;
    if (!link && !this.existsAt(path)) return "ENOENT";
    if (readOnlyAt(this.mounts, this.readOnlyRoot, path)) return "EROFS";
    if (this.denied(parentOf(path), true)) return "EACCES";
    this.meta?.delete(path);
    this.created?.delete(path);
    if (link) { this.links!.delete(path); return undefined; }
    const h = this.onHost(path);
    if (h) {
      if (!recursive && this.isDirAt(path) && this.listAt(path).length > 0) return "ENOTEMPTY";
      // The mount point itself stays (the kernel refuses to remove it); what it shows goes.
      if (path === h.m.path) for (const n of h.m.machine.entries(h.at)) h.m.machine.remove(`${h.at === "/" ? "" : h.at}/${n}`);
      else h.m.machine.remove(h.at);
      return undefined;
    }
    if (this.files.delete(path)) return undefined;
    if (!this.isDirAt(path)) return "ENOENT";
    const prefix = path + "/";
    const children = this.listAt(path);
    if (children.length > 0 && !recursive) return "ENOTEMPTY";
    for (const k of [...this.files.keys()]) if (k.startsWith(prefix)) this.files.delete(k);
    for (const k of [...this.links?.keys() ?? []]) if (k.startsWith(prefix)) this.links!.delete(k);
    const dirs = this.writableDirs();
    for (const d of [...dirs]) if (d === path || d.startsWith(prefix)) dirs.delete(d);
    return undefined;
  }

  /** Entry names directly below `dir` (symlinks included), sorted. */
  list(dir: string): string[] {
    return this.listAt(this.resolve(dir));
  }

  private listAt(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    const names = new Set<string>();
    const h = this.onHost(dir);
    const add = (p: string) => {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split("/")[0]!);
    };
    if (h) { // a host mount hides the image's files below it: the machine's entries and nested mount points
      for (const n of h.m.machine.entries(h.at)) names.add(n);
      for (const m of this.hostMounts) if (m !== h.m) add(m.path);
      return [...names].sort();
    }
    for (const k of this.files.keys()) add(k);
    for (const d of this.dirs) add(d);
    for (const l of this.links?.keys() ?? []) add(l);
    return [...names].sort();
  }

  /** Every file, sorted by path (for snapshots and volume write-back). */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of [...this.files.keys()].sort()) out[k] = this.files.get(k)!;
    return out;
  }
}

/**
 * A restarted container's filesystem (the same rootfs: what it wrote stays), with the files the
 * engine writes at every start (/etc/hosts, /etc/resolv.conf, /etc/hostname) and its volumes' trees put in anew.
 */
export function withFiles(fs: ContainerFs, files: Readonly<Record<string, string>> | undefined, trees: readonly FsTree[] = []): ContainerFs {
  for (const [path, content] of Object.entries(files ?? {})) fs.replaceMounted(path, content);
  for (const t of trees) fs.mountTree(t);
  return fs;
}
