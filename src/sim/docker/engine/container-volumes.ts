// Anonymous volumes (moby daemon/create.go, daemon/volumes.go): a volume mount without a source
// (`-v /data`, `--mount type=volume,dst=/data`, Compose's `- /data`) and each VOLUME of the image
// that no mount covers get a volume the daemon names itself (64 hex digits) and labels
// com.docker.volume.anonymous. They are ordinary local volumes — `docker volume ls` lists them,
// their data lives under /var/lib/docker/volumes/<name>/_data — but removing the container with
// RemoveVolumes (`docker rm -v`, `run --rm`, Compose's `down -v`, a swarm task's container)
// removes them too (removeMountPoints: only mounts whose spec had no Source), unless another
// container still uses them.

import type { ImageFacts } from "../../images";
import { normalizePath } from "../../runtime/fs";
import type { World } from "../../world";
import { ANONYMOUS_VOLUME_LABEL, engineHost, type Container, type ContainerMount } from "./state";

/** The mounts a container is created with: anonymous ones named (and their volumes made), the image's VOLUMEs added. */
export function withAnonymousVolumes(
  world: World, host: string, mounts: readonly ContainerMount[], image: ImageFacts,
  ensure: (name: string, labels: Record<string, string>) => void,
): ContainerMount[] {
  const rng = world.rng.fork("docker-volume");
  const anonymous = (target: string, readOnly = false): ContainerMount => {
    const name = rng.hexId(64);
    ensure(name, { [ANONYMOUS_VOLUME_LABEL]: "" });
    return { type: "volume", source: name, target, readOnly, anonymous: true };
  };
  const out = mounts.map((m) => (m.type === "volume" && !m.source ? anonymous(m.target, m.readOnly) : m));
  // The image's VOLUMEs in path order (Config.Volumes is a map); a mount at the same path wins.
  for (const path of [...(image.volumes ?? [])].sort()) {
    if (!out.some((m) => normalizePath(m.target) === normalizePath(path))) out.push(anonymous(path));
  }
  return out;
}

/** The container's anonymous volumes no other container on the engine uses (what RemoveVolumes removes). */
export function releasableVolumes(world: World, host: string, c: Container): string[] {
  const others = engineHost(world, host).containers.filter((x) => x !== c);
  return c.mounts
    .filter((m) => m.type === "volume" && m.anonymous && m.source)
    .map((m) => m.source)
    .filter((name) => !others.some((x) => x.mounts.some((m) => m.type === "volume" && m.source === name)));
}
