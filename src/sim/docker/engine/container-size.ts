// A container's writable layer size (moby's SizeRw: the graph driver's DiffSize, overlay2's
// upper directory measured by pkg/directory.Size): the bytes of every file the container made or
// changed (a changed image file is copied up whole), directories and removed files (whiteouts)
// counting nothing. What is mounted is not in the layer: volumes, binds, tmpfs, and the files
// the engine bind-mounts at every start (/etc/hosts, /etc/hostname, /etc/resolv.conf).
// Used by `docker container|system prune` (the space reclaimed) and `docker system df`.

import { normalizePath } from "../../runtime";
import type { World } from "../../world";
import { imageFactsOf } from "./ops";
import type { Container } from "./state";

const ENGINE_FILES = new Set(["/etc/hosts", "/etc/hostname", "/etc/resolv.conf"]);
/** Kernel filesystems and /dev (a tmpfs with /dev/shm): never in the layer. */
const NOT_IN_LAYER = ["/dev", "/proc", "/sys"];

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir === "/" ? "/" : dir + "/");

/** SizeRw in bytes (0 for a container never started: nothing was written). */
export function containerSizeRw(world: World, host: string, c: Container): number {
  const fs = c.process?.fs;
  if (!fs) return 0;
  const image = imageFactsOf(world, c.image, host);
  const base = new Map(Object.entries(image?.files ?? {}).map(([p, content]) => [normalizePath(p), content]));
  const mounted = [...NOT_IN_LAYER, ...c.mounts.map((m) => normalizePath(m.target)), ...(c.tmpfs ?? []).map((p) => normalizePath(p))];
  let size = 0;
  for (const [path, content] of Object.entries(fs.snapshot())) {
    if (ENGINE_FILES.has(path) || mounted.some((m) => under(path, m)) || base.get(path) === content) continue;
    size += utf8Length(content);
  }
  return size;
}
