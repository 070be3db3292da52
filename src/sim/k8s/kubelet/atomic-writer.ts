// Mirrors pkg/volume/util/atomic_writer.go as the ConfigMap, Secret, downwardAPI and projected
// volume plugins use it. The payload (each file's content and mode) is written to a new
// directory named after the UTC time, `..2026_11_26_14_00_00.1234567890` (os.MkdirTemp's suffix
// is a random uint32 — here a hash of the pod, the volume and the time, so replays agree),
// chmod 0755; `..data` links to it and each top-level name of the payload links to
// `..data/name`, so `ls` shows only the keys and an update swaps one symlink. Files get exactly
// their mode (defaultMode or the item's, 0644 unless set) and, for a service account token with
// a uniform runAsUser, that owner. An unchanged payload is not written again; a key that stays
// keeps its symlink (and its time). With an fsGroup, SetVolumeOwnership (volume_linux.go) gives
// everything that group, adds r--r----- to files (these volumes are read-only) and r-xr-s--- to
// directories. ConfigMap volumes live on the node's disk (an emptyDir-backed directory, 4096-byte
// directories); the others on a tmpfs, whose directories report 40 bytes plus 20 per entry.

import type { FsEntry, FsTree } from "../../runtime/fs-access";
import { resolveLinks } from "../../runtime/fs-paths";

/** One file of a payload (volumeutil.FileProjection). */
export interface FileProjection {
  content: string;
  mode: number;
  /** The owner the kubelet chowns it to (a projected token's fsUser). */
  fsUser?: number;
}

/** A volume's files by path inside it ("key", "sub/file"). */
export type Payload = Record<string, FileProjection>;

/** A volume as the kubelet last wrote it on the node: what every container mounting it sees. */
export interface WrittenVolume {
  payload: Payload;
  writtenAt: number;
  /** The timestamped directory's name, `..2026_11_26_14_00_00.1234567890`. */
  stamp: string;
  /** When each top-level symlink was made (kept while its name stays in the payload). */
  linkedAt: Record<string, number>;
}

/** How the plugin's directory is kept: on a tmpfs or the node's disk, with the pod's fsGroup. */
export interface VolumeLayout {
  tmpfs: boolean;
  fsGroup?: number;
}

const DATA_DIR = "..data";
const RO_MASK = 0o440;
const DIR_MASK = 0o2000 | 0o440 | 0o110;

/** Whether two payloads hold the same files with the same modes (the atomic writer then writes nothing). */
export function samePayload(a: Payload, b: Payload): boolean {
  const keys = Object.keys(b);
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => a[k] !== undefined && a[k]!.content === b[k]!.content && a[k]!.mode === b[k]!.mode && a[k]!.fsUser === b[k]!.fsUser);
}

/** FNV-1a over the string: a stand-in for MkdirTemp's random uint32, the same in every replay. */
function suffix(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `..2006_01_02_15_04_05.` (time.Format in UTC) plus the temporary directory's suffix. */
function stampName(id: string, at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, "0");
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.${suffix(`${id}|${at}`)}`;
}

const topName = (path: string): string => path.split("/")[0]!;

/**
 * An empty table of entries by path. Its keys hold the timestamped directory's name, new for every
 * write: a plain `{}` would give V8 a new hidden class per key ever seen (a transition tree that
 * only grows while the isolate grades); a prototype-less object is a dictionary from the start.
 */
const entryTable = (): Record<string, FsEntry> => Object.create(null) as Record<string, FsEntry>;

/**
 * The atomic writer's Write: the payload as the volume now holds it. `id` names the volume on
 * the node (the pod's uid and the volume's name); `previous` is what it held.
 */
export function writeVolume(id: string, payload: Payload, now: number, previous?: WrittenVolume): WrittenVolume {
  if (previous && samePayload(previous.payload, payload)) return previous;
  const linkedAt: Record<string, number> = {};
  for (const p of Object.keys(payload)) linkedAt[topName(p)] = previous?.linkedAt[topName(p)] ?? now;
  return { payload, writtenAt: now, stamp: stampName(id, now), linkedAt };
}

/** The volume's entries by path inside it ("" is its directory), as `ls -la` finds them. */
function volumeEntries(v: WrittenVolume, layout: VolumeLayout): Record<string, FsEntry> {
  const g = layout.fsGroup;
  const group = g === undefined ? {} : { gid: g };
  const dirMode = g === undefined ? 0o755 : 0o755 | DIR_MASK;
  const at = { mtime: v.writtenAt };
  const children = new Map<string, Set<string>>([["", new Set([DATA_DIR, v.stamp])], [v.stamp, new Set()]]);
  const entries = entryTable();
  for (const path of Object.keys(v.payload).sort()) {
    const f = v.payload[path]!;
    // MkdirAll of the file's directories inside the timestamped one (0755 under the kubelet's umask).
    const parts = `${v.stamp}/${path}`.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      children.get(dir)?.add(parts[i]!) ?? children.set(dir, new Set([parts[i]!]));
      if (i > 1) entries[dir] ??= { type: "dir", mode: dirMode, ...group, ...at };
    }
    entries[`${v.stamp}/${path}`] = {
      type: "file", content: f.content, mode: g === undefined ? f.mode : f.mode | RO_MASK,
      ...(f.fsUser !== undefined ? { uid: f.fsUser } : {}), ...group, ...at,
    };
    children.get("")!.add(topName(path));
  }
  entries[v.stamp] = { type: "dir", mode: dirMode, ...group, ...at };
  entries[DATA_DIR] = { type: "symlink", target: v.stamp, ...group, ...at };
  for (const name of Object.keys(v.linkedAt)) entries[name] = { type: "symlink", target: `${DATA_DIR}/${name}`, ...group, mtime: v.linkedAt[name] };
  entries[""] = { type: "dir", ...at };
  if (layout.tmpfs) {
    for (const [dir, names] of children) entries[dir] = { ...entries[dir]!, size: 40 + 20 * names.size };
  }
  return entries;
}

/**
 * Entries already laid out, by write and layout: a written volume never changes (an update is a
 * new write), and every container of the pod, and each of its restarts, mounts the same one.
 */
const laidOut = new WeakMap<WrittenVolume, Map<string, Record<string, FsEntry>>>();

/** The tree a container mounting the whole volume at `path` sees. */
export function volumeTree(path: string, v: WrittenVolume, layout: VolumeLayout): FsTree {
  const key = `${layout.tmpfs}/${layout.fsGroup ?? ""}`;
  let byLayout = laidOut.get(v);
  if (!byLayout) laidOut.set(v, (byLayout = new Map()));
  let entries = byLayout.get(key);
  if (!entries) byLayout.set(key, (entries = volumeEntries(v, layout)));
  return { path, entries };
}

/**
 * A subPath mount: what `subPath` names inside the volume, symlinks followed as the kubelet
 * resolves it (a key is the file in the timestamped directory: a plain file, never updated). A
 * path the volume does not have is made as an empty directory with the volume directory's mode
 * (subpath_linux.go doSafeMakeDir, fchmod'ed past the umask): a mistyped key mounts a directory.
 */
export function subPathTree(path: string, subPath: string, v: WrittenVolume, layout: VolumeLayout): FsTree {
  const all = volumeEntries(v, layout);
  const links = new Map<string, string>();
  for (const [p, e] of Object.entries(all)) if (e.type === "symlink") links.set(`/${p}`, e.target!);
  const at = resolveLinks((p) => links.get(p), `/${subPath}`, true).slice(1);
  const g = layout.fsGroup;
  const root = all[at] ?? {
    type: "dir", mode: (layout.tmpfs ? 0o1777 : 0o777) | (g === undefined ? 0 : 0o2000), ...(g === undefined ? {} : { gid: g }), mtime: v.writtenAt,
    ...(layout.tmpfs ? { size: 40 } : {}),
  };
  const entries = entryTable();
  entries[""] = root;
  if (root.type === "dir") {
    for (const [p, e] of Object.entries(all)) if (at === "" ? p !== "" : p.startsWith(`${at}/`)) entries[at === "" ? p : p.slice(at.length + 1)] = e;
  }
  return { path, entries };
}
