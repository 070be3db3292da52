// Paths of a container's filesystem: their normal form, the image layers' files under it, and
// the directory tree every image starts with (shared Sets: most containers never make a directory).

import { isShared, markShared } from "../clone";

const STANDARD_DIRS = ["/", "/bin", "/dev", "/dev/shm", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root",
  "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/share",
  "/var", "/var/log", "/var/run", "/var/tmp", "/var/lib"];

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
export function layerEntries(layer: Record<string, string>): readonly (readonly [string, string])[] {
  let entries = normalizedLayers.get(layer);
  if (!entries) {
    entries = Object.entries(layer).map(([p, c]) => [normalizePath(p), c] as const);
    if (isShared(layer)) normalizedLayers.set(layer, entries);
  }
  return entries;
}

export const parentOf = (p: string): string => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

/** The standard directories plus a working directory: one shared Set per working directory. */
const baseDirs = new Map<string, ReadonlySet<string>>();
export function standardDirs(extra: string[], base: readonly string[] = STANDARD_DIRS): ReadonlySet<string> {
  const key = (base === STANDARD_DIRS ? "" : base.join("\u0001") + "\u0002") + extra.join("\u0000");
  let s = baseDirs.get(key);
  if (!s) {
    s = markShared(new Set([...base, ...extra]));
    if (baseDirs.size < 256) baseDirs.set(key, s);
  }
  return s;
}

/** Linux's limit on symbolic links followed while resolving one path (ELOOP beyond). */
const MAX_LINK_HOPS = 40;

/**
 * `path` with the symbolic links in it followed, component by component as the kernel walks it
 * (the last one only with `followLast`): `/etc/config/key` → `/etc/config/..data/key` →
 * `/etc/config/..2026_11_26_14_00_00.1234/key`. A loop stops after 40 links, where it is.
 */
export function resolveLinks(linkAt: (path: string) => string | undefined, path: string, followLast: boolean): string {
  let p = path;
  let hops = 0;
  let from = 0;
  while (hops < MAX_LINK_HOPS) {
    const j = p.indexOf("/", from + 1);
    const prefix = j < 0 ? p : p.slice(0, j);
    if (j < 0 && !followLast) return p;
    const target = linkAt(prefix);
    if (target === undefined) {
      if (j < 0) return p;
      from = j;
      continue;
    }
    hops++;
    p = normalizePath((target.startsWith("/") ? target : `${parentOf(prefix)}/${target}`) + (j < 0 ? "" : p.slice(j)));
    from = 0;
  }
  return p;
}
