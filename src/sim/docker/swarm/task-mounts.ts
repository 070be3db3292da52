// A task's mounts as the executor prepares them on its node (moby daemon/cluster/executor/
// container: the adapter creates the task's volumes, then the container; the daemon validates
// bind sources at create). Templates in source/target are already rendered (templates.ts).
// A `--mount type=bind` source must exist on the node (unlike `docker run -v`, which creates
// it): else the container is not created and the task is Rejected with the daemon's error.
// A named volume is created on the node on first use (driver local); an anonymous one
// (no source) gets a fresh 64-hex name, as the daemon gives it.

import type { World } from "../../world";
import { normalizePath } from "../../runtime/fs";
import { imageFacts } from "./task-runtime";
import { ensureVolume } from "../engine/ops";
import { ANONYMOUS_VOLUME_LABEL, type ContainerMount } from "../engine/state";
import type { MountSpec, Task } from "./types";

/** moby volume/mounts (linux_parser.go): errMountConfig wrapping errBindSourceDoesNotExist. */
export const errBindSourceMissing = (path: string): string =>
  `invalid mount config for type "bind": bind source path does not exist: ${path}`;

/** Paths present on every Linux node even though the host's working files do not list them. */
const SYSTEM_DIRS = [
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt", "/opt", "/root", "/run",
  "/sbin", "/srv", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/share", "/usr/sbin", "/var",
  "/var/lib", "/var/log", "/var/run", "/var/tmp", "/var/cache", "/etc/localtime", "/etc/hosts", "/etc/hostname",
  "/etc/timezone", "/etc/passwd", "/etc/group", "/etc/resolv.conf", "/etc/ssl", "/etc/ssl/certs", "/run/docker.sock",
  "/var/run/docker.sock", "/lib/modules",
];
/** Trees that exist as a whole (kernel filesystems, the engine's own data). */
const SYSTEM_TREES = ["/proc/", "/sys/", "/dev/", "/var/lib/docker/", "/usr/share/zoneinfo/"];

/** Whether a bind source exists on the machine. */
export function hostPathExists(world: World, host: string, path: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (SYSTEM_DIRS.includes(p) || SYSTEM_TREES.some((t) => p.startsWith(t))) return true;
  const fs = world.host(host)?.fs;
  return !!fs && fs.exists(p);
}

const anonymousVolumeName = (t: Task, i: number): string => {
  let h = "";
  for (let k = 0; h.length < 64; k++) h += ((t.id.charCodeAt(k % t.id.length) * 131 + (i + 1) * 97 + k * 29) % 256).toString(16).padStart(2, "0");
  return h.slice(0, 64);
};

/** The task's mounts (rendered), for its container. */
export const taskMounts = (t: Task): MountSpec[] => t.mounts ?? t.spec.mounts;

/**
 * Prepares the task's mounts on its node: the error that rejects the task, if any; else the
 * container's mounts (volumes created on the node, anonymous ones named; kept as the task's).
 */
export function prepareTaskMounts(world: World, host: string, t: Task): { err: string } | { mounts: ContainerMount[] } {
  // The image's VOLUMEs no mount covers get anonymous volumes too (the daemon's create does it).
  const spec = taskMounts(t);
  const extra = [...(imageFacts(world, t.spec.image)?.volumes ?? [])].sort()
    .filter((p) => !spec.some((m) => normalizePath(m.target) === normalizePath(p)))
    .map((target) => ({ type: "volume", source: "", target, readOnly: false }));
  const mounts: MountSpec[] = [...spec, ...extra];
  for (const m of mounts) {
    if (m.type === "bind" && !hostPathExists(world, host, m.source)) return { err: errBindSourceMissing(m.source) };
  }
  const out: ContainerMount[] = [];
  mounts.forEach((m, i) => {
    const type = m.type === "bind" || m.type === "tmpfs" ? m.type : "volume";
    let source = m.source;
    const anonymous = type === "volume" && !source;
    if (type === "volume") {
      if (anonymous) source = anonymousVolumeName(t, i);
      // The executor creates the volume first (volumeCreateRequest), with the mount's rendered
      // labels and driver options only when it has a DriverConfig; the container create that
      // follows finds it and adds no labels. So a stack volume with neither driver nor
      // driver_opts is made unlabelled; `--mount volume-label=…` (the CLI always sets a
      // DriverConfig) labels it.
      const withConfig = !!m.volumeOptions?.driverConfig || !!m.volumeDriver;
      const labels = { ...(withConfig ? m.volumeOptions?.labels ?? {} : {}), ...(anonymous ? { [ANONYMOUS_VOLUME_LABEL]: "" } : {}) };
      const made = ensureVolume(world, host, source, labels);
      const opts = withConfig ? m.volumeOptions?.driverOpts : undefined;
      if (made.created && opts && Object.keys(opts).length) made.volume.options = { ...opts };
    }
    out.push({ type, source, target: m.target, readOnly: m.readOnly, ...(anonymous ? { anonymous } : {}) });
  });
  t.mounts = out.map((m) => ({ ...m }));
  return { mounts: out };
}
