// A container's filesystem: the image's files, the mounted files (ConfigMaps, Secrets, volumes,
// bind mounts) and whatever the container writes. Directories are implicit (any path with files
// below it) plus the usual root directories. Bounded: file size and file count are capped.
// A host mount (a hostPath volume, a bind mount) is a window on the machine's own filesystem:
// every read and write below its mount point goes through to the machine's files (nothing is
// copied at start), so another container mounting the same directory, or the machine's shell,
// sees what this one wrote.

import { freezeData, isShared, markShared } from "../clone";
import { defaultStat, mayWrite, readOnlyAt, SETGID, type FileStat, type MountPoint } from "./fs-access";
import type { ProcessIdentity } from "./identity";

export const MAX_FILE_BYTES = 1 << 20;
export const MAX_FILES = 10_000;

const STANDARD_DIRS = ["/", "/bin", "/dev", "/dev/shm", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root",
  "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/share",
  "/var", "/var/log", "/var/run", "/var/tmp", "/var/lib"];

/**
 * The machine's filesystem as a host mount reaches it (src/sim/fs.ts VirtualFs offers this).
 * Absolute paths only.
 */
export interface MachineFs {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  isDir(path: string): boolean;
  mkdir(path: string): void;
  remove(path: string): boolean;
  entries(dir: string): string[];
}

/** A host mount: the container's `path` shows the machine's `source`. */
export interface HostMount {
  path: string;
  source: string;
  readOnly?: boolean;
  machine: MachineFs;
  /** Directories every machine has though its files do not list them (/var/log, /etc, …). */
  systemDir?: (path: string) => boolean;
}

/**
 * Host mounts for the containers made while `fn` runs. The runtime's start options are frozen
 * data that copies of a world share, so the machine (world state) cannot travel in them: it is
 * handed over here, synchronously, and kept by the ContainerFs instance (copied with the world).
 */
export function withHostMounts<T>(mounts: readonly HostMount[], fn: () => T): T {
  const saved = pendingHostMounts;
  pendingHostMounts = mounts;
  try { return fn(); } finally { pendingHostMounts = saved; }
}
let pendingHostMounts: readonly HostMount[] | undefined;

export type FsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EROFS" | "ENOTEMPTY" | "EEXIST" | "ENOSPC" | "EACCES" | "EPERM";

export interface ContainerFsOptions {
  dirs?: string[];
  /** The image's own directory tree instead of STANDARD_DIRS (busybox's is smaller). */
  baseDirs?: readonly string[];
  /** Read-only mount points (kept for callers that only know paths). */
  readOnly?: string[];
  /** Volumes and bind mounts: their directories exist, with their own mode and read-only flag. */
  mounts?: MountPoint[];
  /** readOnlyRootFilesystem / `docker run --read-only`: only the mounts (and /dev) take writes. */
  readOnlyRoot?: boolean;
}

export function normalizePath(path: string, cwd = "/"): string {
  if (isNormal(path)) return path;
  const abs = path.startsWith("/") ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

/** An absolute path without empty, `.` or `..` segments nor a trailing slash: its own normal form. */
function isNormal(p: string): boolean {
  if (p.charCodeAt(0) !== 47) return false;
  if (p.length === 1) return true;
  if (p.charCodeAt(p.length - 1) === 47) return false;
  return !p.includes("//") && !p.includes("/./") && !p.includes("/../") && !p.endsWith("/.") && !p.endsWith("/..");
}

/** A layer's files with normalized paths, per layer object (image layers are shared constants). */
const normalizedLayers = new WeakMap<Record<string, string>, readonly (readonly [string, string])[]>();
function layerEntries(layer: Record<string, string>): readonly (readonly [string, string])[] {
  let entries = normalizedLayers.get(layer);
  if (!entries) {
    entries = Object.entries(layer).map(([p, c]) => [normalizePath(p), c] as const);
    if (isShared(layer)) normalizedLayers.set(layer, entries);
  }
  return entries;
}

const NO_HOST_MOUNTS: readonly HostMount[] = freezeData([]);

const parentOf = (p: string): string => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

/** The standard directories plus a working directory: one shared Set per working directory. */
const baseDirs = new Map<string, ReadonlySet<string>>();
function standardDirs(extra: string[], base: readonly string[] = STANDARD_DIRS): ReadonlySet<string> {
  const key = (base === STANDARD_DIRS ? "" : base.join("\u0001") + "\u0002") + extra.join("\u0000");
  let s = baseDirs.get(key);
  if (!s) {
    s = markShared(new Set([...base, ...extra]));
    if (baseDirs.size < 256) baseDirs.set(key, s);
  }
  return s;
}

const EXEC_STAT: FileStat = Object.freeze({ uid: 0, gid: 0, mode: 0o755 });
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

  constructor(layers: Record<string, string>[], options: ContainerFsOptions = {}) {
    if (pendingHostMounts?.length) {
      // Taken by the first filesystem made (the container's), no other made meanwhile.
      const pending = pendingHostMounts;
      pendingHostMounts = undefined;
      this.hostMounts = [...pending].map((m) => ({ ...m, path: normalizePath(m.path), source: normalizePath(m.source) }))
        .sort((a, b) => b.path.length - a.path.length);
      options = { ...options, mounts: [...(options.mounts ?? []).filter((m) => !this.hostMounts.some((h) => h.path === normalizePath(m.path))),
        ...this.hostMounts.map((m) => ({ path: m.path, readOnly: m.readOnly === true }))] };
    }
    for (const layer of layers) for (const [p, c] of layerEntries(layer)) this.files.set(p, c);
    const mounts = [...(options.readOnly ?? []).map((p) => ({ path: p, readOnly: true })), ...(options.mounts ?? [])]
      .map((m) => ({ ...m, path: normalizePath(m.path) }));
    this.dirs = standardDirs([...(options.dirs ?? []), ...(options.mounts ?? []).map((m) => m.path)].map((d) => normalizePath(d)), options.baseDirs);
    this.mounts = freezeData(mounts);
    this.readOnlyRoot = options.readOnlyRoot ?? false;
    this.setgidMounts = mounts.some((m) => ((m as MountPoint).mode ?? 0) & SETGID);
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

  private static hostIsDir(h: { m: HostMount; at: string }): boolean {
    return h.m.machine.isDir(h.at) || (h.m.systemDir?.(h.at) ?? false);
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

  /** Owner, group and mode of an existing path (a mount point's from its mount). */
  stat(path: string): FileStat {
    const own = this.meta?.get(path);
    if (own) return own;
    const dir = !this.files.has(path) && this.isDir(path);
    if (dir) {
      const m = this.mounts.find((x) => x.path === path);
      if (m) return { uid: m.uid ?? 0, gid: m.gid ?? 0, mode: m.mode ?? 0o755 };
    }
    if (!dir && this.files.has(path) && !this.created?.has(path) && imageExecutable(path, this.files.get(path)!)) return EXEC_STAT;
    return defaultStat(path, dir);
  }

  /**
   * Whether a file may be run (execve's EACCES otherwise): its x bits — an image's programs and
   * scripts have them, what the container wrote has not until chmod; a host mount's file is
   * taken as the machine has it, runnable.
   */
  executable(path: string): boolean {
    if (this.onHost(path)) return true;
    return (this.stat(path).mode & 0o111) !== 0;
  }

  /** chmod: the permission bits of an existing path (the owner kept). */
  chmod(path: string, mode: number): FsError | undefined {
    if (!this.exists(path)) return "ENOENT";
    if (this.onHost(path)) return undefined;
    if (readOnlyAt(this.mounts, this.readOnlyRoot, path)) return "EROFS";
    const st = this.stat(path);
    const w = this.writer;
    if (w?.enforce && w.who.uid !== 0 && w.who.uid !== st.uid) return "EPERM";
    (this.meta ??= new Map()).set(path, { uid: st.uid, gid: st.gid, mode: mode & 0o7777 });
    return undefined;
  }

  /** Records the owner of a path the writer has just made (non-root, or in a setgid directory). */
  private own(path: string, dir: boolean): void {
    const w = this.writer;
    // Root writing outside setgid directories makes root's files: nothing to record (the common case).
    if (!w || (w.who.uid === 0 && !this.setgidMounts)) return;
    const parent = this.stat(parentOf(path));
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
    return !mayWrite(this.stat(exists ? target : parentOf(target)), w.who);
  }

  /** The kubelet rewrites a mounted ConfigMap/Secret file: no read-only or permission check applies. */
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
    const h = this.onHost(path);
    if (h) return h.m.machine.read(h.at) !== undefined;
    return this.files.has(path) || path === "/dev/null";
  }

  isDir(path: string): boolean {
    const h = this.onHost(path);
    // A file mount's mount point is that file; a directory mount's always shows as a directory.
    if (h) return h.m.machine.read(h.at) === undefined && (path === h.m.path || ContainerFs.hostIsDir(h));
    if (this.dirs.has(path)) return true;
    const prefix = path === "/" ? "/" : path + "/";
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    for (const d of this.dirs) if (d.startsWith(prefix)) return true;
    return false;
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  read(path: string): string | FsError {
    if (path === "/dev/null") return "";
    const h = this.onHost(path);
    if (h) return h.m.machine.read(h.at) ?? (this.isDir(path) ? "EISDIR" : "ENOENT");
    const c = this.files.get(path);
    if (c !== undefined) return c;
    return this.isDir(path) ? "EISDIR" : "ENOENT";
  }

  private writable(path: string): FsError | undefined {
    if (this.isDir(path)) return "EISDIR";
    if (!this.isDir(parentOf(path))) return this.isFile(parentOf(path)) ? "ENOTDIR" : "ENOENT";
    if (readOnlyAt(this.mounts, this.readOnlyRoot, path)) return "EROFS";
    const onHost = this.onHost(path);
    if (this.denied(path, onHost ? this.isFile(path) : this.files.has(path))) return "EACCES";
    if (!onHost && !this.files.has(path) && this.files.size >= MAX_FILES) return "ENOSPC";
    return undefined;
  }

  write(path: string, content: string, append = false): FsError | undefined {
    if (path === "/dev/null" || path === "/dev/stdout" || path === "/dev/stderr") return undefined;
    const bad = this.writable(path);
    if (bad) return bad;
    const h = this.onHost(path);
    if (h) {
      h.m.machine.write(h.at, ((append ? h.m.machine.read(h.at) ?? "" : "") + content).slice(0, MAX_FILE_BYTES));
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
    if (this.isDir(path)) return parents ? undefined : "EEXIST";
    if (this.isFile(path)) return "EEXIST";
    if (!parents && !this.isDir(parentOf(path))) return "ENOENT";
    // The first directory to make is the deepest that is missing: its parent's filesystem decides.
    let first = path;
    while (parentOf(first) !== "/" && !this.isDir(parentOf(first))) first = parentOf(first);
    if (readOnlyAt(this.mounts, this.readOnlyRoot, first)) return "EROFS";
    if (this.denied(first, false)) return "EACCES";
    const h = this.onHost(path);
    if (h) {
      // Every missing level below the mount point is made on the machine.
      for (let p = path; p !== h.m.path && !this.isDir(p); p = parentOf(p)) h.m.machine.mkdir(this.onHost(p)!.at);
      return undefined;
    }
    const dirs = this.writableDirs();
    const made: string[] = [];
    for (let p = path; p !== "/" && !dirs.has(p); p = parentOf(p)) made.push(p);
    for (const p of made.reverse()) { dirs.add(p); this.own(p, true); }
    return undefined;
  }

  remove(path: string, recursive: boolean): FsError | undefined {
    if (!this.exists(path)) return "ENOENT";
    if (readOnlyAt(this.mounts, this.readOnlyRoot, path)) return "EROFS";
    if (this.denied(parentOf(path), true)) return "EACCES";
    this.meta?.delete(path);
    this.created?.delete(path);
    const h = this.onHost(path);
    if (h) {
      if (!recursive && this.isDir(path) && this.list(path).length > 0) return "ENOTEMPTY";
      // The mount point itself stays (the kernel refuses to remove it); what it shows goes.
      if (path === h.m.path) for (const n of h.m.machine.entries(h.at)) h.m.machine.remove(`${h.at === "/" ? "" : h.at}/${n}`);
      else h.m.machine.remove(h.at);
      return undefined;
    }
    if (this.files.delete(path)) return undefined;
    if (!this.isDir(path)) return "ENOENT";
    const prefix = path + "/";
    const children = this.list(path);
    if (children.length > 0 && !recursive) return "ENOTEMPTY";
    for (const k of [...this.files.keys()]) if (k.startsWith(prefix)) this.files.delete(k);
    const dirs = this.writableDirs();
    for (const d of [...dirs]) if (d === path || d.startsWith(prefix)) dirs.delete(d);
    return undefined;
  }

  /** Entry names directly below `dir`, sorted. */
  list(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    const names = new Set<string>();
    const h = this.onHost(dir);
    if (h) for (const n of h.m.machine.entries(h.at)) names.add(n);
    const add = (p: string) => {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split("/")[0]!);
    };
    for (const k of this.files.keys()) add(k);
    for (const d of this.dirs) add(d);
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
 * engine writes at every start (/etc/hosts, /etc/resolv.conf, /etc/hostname) put in anew.
 */
export function withFiles(fs: ContainerFs, files: Readonly<Record<string, string>> | undefined): ContainerFs {
  for (const [path, content] of Object.entries(files ?? {})) fs.replaceMounted(path, content);
  return fs;
}
