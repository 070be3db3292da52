// Host mounts (a hostPath volume, a bind mount): windows on the machine's own filesystem that a
// container's filesystem (fs.ts) reads and writes through.

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

/** The host mounts handed over for the filesystem being made (taken once: by the container's own). */
export function takeHostMounts(): readonly HostMount[] | undefined {
  const pending = pendingHostMounts;
  pendingHostMounts = undefined;
  return pending?.length ? pending : undefined;
}
