// The fields of moby's container list (types.Container / container.Summary) that docker/cli's and
// Compose's ContainerContext print, shared by `docker ps` and `docker compose ps`.

import { goStruct } from "../../cli/format/go-value";
import { boundPorts, type BoundPort } from "./ports";
import type { Container, EngineHost } from "./state";
import { parseImageReference } from "../../images";
import { findImage } from "./image-delete";

/** ContainerContext.CreatedAt: time.Unix(created, 0).String() in UTC. */
export function createdAtText(c: Container): string {
  return new Date(Math.floor(c.created / 1000) * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000 UTC");
}

/** ContainerContext.Mounts: each mount's volume name (or source), Ellipsis(15) unless --no-trunc. */
export function mountsText(c: Container, trunc: boolean): string {
  return c.mounts.map((m) => m.source || m.target).map((n) => (!trunc || [...n].length <= 15 ? n : [...n].slice(0, 14).join("") + "…")).join(",");
}

/** ContainerContext.LocalVolumes: the mounts whose driver is `local` (every volume here; binds have none). */
export const localVolumesText = (c: Container): string => String(c.mounts.filter((m) => m.type === "volume").length);

/**
 * Summary.Ports: NetworkSettings.Ports flattened (one entry per binding, an exposed port left
 * unbound as one entry without address), which only a container holding its network has.
 */
export function listedPorts(c: Container): BoundPort[] {
  return c.status === "running" || c.status === "paused" ? boundPorts(c) : [];
}

/** Compose's api.PortPublisher, one per Summary.Ports entry sorted by private port (a stable sort for so few). */
export function portPublishers(c: Container): { URL: string; TargetPort: number; PublishedPort: number; Protocol: string }[] {
  return [...listedPorts(c)].sort((a, b) => a.containerPort - b.containerPort)
    .map((p) => goStruct({ URL: p.hostIp, TargetPort: p.containerPort, PublishedPort: Number(p.hostPort) || 0, Protocol: p.protocol }));
}

/**
 * The IMAGE column: moby lists the image reference the container was made from, or its image ID
 * once that reference names another image or none (untagged, removed); docker/cli's
 * ContainerContext.Image then shows an ID truncated and drops a digest from a tagged reference.
 */
export function psImageText(h: EngineHost, c: Container, trunc: boolean): string {
  const found = findImage(h, c.image);
  const listed = "image" in found && `sha256:${found.image.id}` === c.imageId ? c.image : c.imageId;
  if (!trunc) return listed;
  if (listed === c.imageId) return c.imageId.replace(/^sha256:/, "").slice(0, 12);
  const p = parseImageReference(listed);
  if (!p.ok) return listed;
  return p.ref.tag !== undefined && /:[^/]*$/.test(listed.split("@")[0]!) ? `${p.ref.familiarName}:${p.ref.tag}` : p.ref.familiarName;
}
