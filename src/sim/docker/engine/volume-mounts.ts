// Volumes and bind mounts as windows on the machine's own files (runtime/fs.ts host mounts), for
// `docker run`, Compose and swarm tasks alike:
//   - a named volume's data lives where the local driver keeps it, /var/lib/docker/volumes/NAME/
//     _data on the machine, so the next container mounting it (after `docker rm`, or beside this
//     one) sees what this one wrote, and `docker volume rm` loses it;
//   - a volume mounted empty over a directory the image fills first gets a copy of the image's
//     files there (moby's populateVolume/copyExistingContents: only into an empty volume, so once);
//   - a bind mount shows the machine's path itself (a file or a directory); `docker run -v`
//     makes a missing source as a directory (a swarm `--mount type=bind` source must exist:
//     swarm/task-mounts.ts refuses the task before this).
// Anonymous volumes (`-v /data`, an image's VOLUME) are named volumes by now (container-volumes.ts),
// backed the same way.

import type { ImageFacts } from "../../images";
import { normalizePath, type HostMount } from "../../runtime/fs";
import type { World } from "../../world";
import { isMachineSystemDir as isSystemDir } from "../../fs";
import type { ContainerMount } from "./state";

/** Where the local driver keeps a volume's data on the machine (`docker volume inspect`'s Mountpoint). */
export const volumeDataDir = (name: string): string => `/var/lib/docker/volumes/${name}/_data`;

/** The host mounts of a container's volume and bind mounts on `host`, made ready (volume data, copy-up, bind sources). */
export function engineHostMounts(world: World, host: string, mounts: readonly ContainerMount[], image: ImageFacts): HostMount[] {
  const machine = world.host(host)?.fs;
  if (!machine) return [];
  const out: HostMount[] = [];
  for (const m of mounts) {
    if (m.type === "tmpfs" || (m.type === "volume" && !m.source)) continue;
    const target = normalizePath(m.target);
    let source: string;
    if (m.type === "volume") {
      source = volumeDataDir(m.source);
      if (machine.entries(source).length === 0) {
        machine.mkdir(source);
        copyUp(machine, source, image.files, target);
      }
    } else {
      source = machine.resolve(m.source);
      if (machine.read(source) === undefined && !machine.isDir(source) && !isSystemDir(source)) machine.mkdir(source);
    }
    out.push({ path: target, source, readOnly: m.readOnly, machine, systemDir: isSystemDir });
  }
  return out;
}

/** The image's files below `target`, copied into an empty volume's directory. */
function copyUp(machine: NonNullable<ReturnType<World["host"]>>["fs"], dir: string, files: Readonly<Record<string, string>>, target: string): void {
  const prefix = target === "/" ? "/" : `${target}/`;
  for (const [path, content] of Object.entries(files)) {
    const p = normalizePath(path);
    if (p.startsWith(prefix)) machine.write(`${dir}/${p.slice(prefix.length)}`, content);
  }
}
