// A container's filesystem: the image's files, the mounted files (ConfigMaps, Secrets, volumes,
// bind mounts) and whatever the container writes. Directories are implicit (any path with files
// below it) plus the usual root directories. Bounded: file size and file count are capped.

import { freezeData, markShared } from "../clone";

export const MAX_FILE_BYTES = 1 << 20;
export const MAX_FILES = 10_000;

const STANDARD_DIRS = ["/", "/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root",
  "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/share",
  "/var", "/var/log", "/var/run", "/var/tmp", "/var/lib"];

export type FsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EROFS" | "ENOTEMPTY" | "EEXIST" | "ENOSPC";

export function normalizePath(path: string, cwd = "/"): string {
  const abs = path.startsWith("/") ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

const parentOf = (p: string): string => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

/** The standard directories plus a working directory: one shared Set per working directory. */
const baseDirs = new Map<string, ReadonlySet<string>>();
function standardDirs(extra: string[]): ReadonlySet<string> {
  const key = extra.join("\u0000");
  let s = baseDirs.get(key);
  if (!s) {
    s = markShared(new Set([...STANDARD_DIRS, ...extra]));
    if (baseDirs.size < 256) baseDirs.set(key, s);
  }
  return s;
}

export class ContainerFs {
  private readonly files = new Map<string, string>();
  /** Shared with other containers (never changed) until this one makes or removes a directory. */
  private dirs: ReadonlySet<string>;
  private ownDirs = false;
  private readonly readOnly: string[];

  constructor(layers: Record<string, string>[], options: { dirs?: string[]; readOnly?: string[] } = {}) {
    for (const layer of layers) for (const [p, c] of Object.entries(layer)) this.files.set(normalizePath(p), c);
    this.dirs = standardDirs((options.dirs ?? []).map((d) => normalizePath(d)));
    this.readOnly = freezeData((options.readOnly ?? []).map((p) => normalizePath(p)));
  }

  private writableDirs(): Set<string> {
    if (!this.ownDirs) {
      this.dirs = new Set(this.dirs);
      this.ownDirs = true;
    }
    return this.dirs as Set<string>;
  }

  isFile(path: string): boolean {
    return this.files.has(path) || path === "/dev/null";
  }

  isDir(path: string): boolean {
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
    const c = this.files.get(path);
    if (c !== undefined) return c;
    return this.isDir(path) ? "EISDIR" : "ENOENT";
  }

  private writable(path: string): FsError | undefined {
    if (this.readOnly.some((ro) => path === ro || path.startsWith(ro + "/"))) return "EROFS";
    if (this.isDir(path)) return "EISDIR";
    if (!this.isDir(parentOf(path))) return this.isFile(parentOf(path)) ? "ENOTDIR" : "ENOENT";
    if (!this.files.has(path) && this.files.size >= MAX_FILES) return "ENOSPC";
    return undefined;
  }

  write(path: string, content: string, append = false): FsError | undefined {
    if (path === "/dev/null" || path === "/dev/stdout" || path === "/dev/stderr") return undefined;
    const bad = this.writable(path);
    if (bad) return bad;
    const next = (append ? (this.files.get(path) ?? "") : "") + content;
    this.files.set(path, next.slice(0, MAX_FILE_BYTES));
    return undefined;
  }

  mkdir(path: string, parents: boolean): FsError | undefined {
    if (this.isDir(path)) return parents ? undefined : "EEXIST";
    if (this.isFile(path)) return "EEXIST";
    if (this.readOnly.some((ro) => path.startsWith(ro + "/"))) return "EROFS";
    if (!parents && !this.isDir(parentOf(path))) return "ENOENT";
    const dirs = this.writableDirs();
    for (let p = path; p !== "/"; p = parentOf(p)) dirs.add(p);
    return undefined;
  }

  remove(path: string, recursive: boolean): FsError | undefined {
    if (this.readOnly.some((ro) => path === ro || path.startsWith(ro + "/"))) return "EROFS";
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
