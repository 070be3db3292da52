// Mirrors compose's down.go ensureVolumesDown / ensureImagesDown and image_pruner.go: what `down -v`
// and `down --rmi` remove after the containers, each one progress event:
//   - a volume: VolumeRemove with force, so one already gone is "Removed" all the same (the
//     daemon's PurgeOnError), one a container still holds "Resource is still in use" (a Warning);
//   - an image: ImageRemove without force — "Removed", a conflict (a container still uses it)
//     "Resource is still in use", one gone meanwhile "Warning: No resource found to remove".
// Which images: --rmi all the services' `image:` that exist, plus (both modes) what compose built
// for the project's services; familiar names with their tag, deduplicated and sorted.

import { parseImageReference } from "../../images";
import type { World } from "../../world";
import { imageDelete, findImage } from "../engine/image-delete";
import { removeVolume } from "../engine/ops";
import { engineHost } from "../engine/state";
import { volumeName } from "./container-spec";
import type { ProgressLine, Project } from "./project";

export const STILL_IN_USE = "Resource is still in use";
export const NO_RESOURCE_FOUND = "Warning: No resource found to remove";

export function removeProjectVolumes(world: World, host: string, p: Project, lines: ProgressLine[]): void {
  const h = engineHost(world, host);
  for (const key of Object.keys(p.model.volumes).sort()) {
    if (p.model.volumes[key]!.external) continue;
    const name = volumeName(p, key);
    if (h.containers.some((c) => c.mounts.some((m) => m.type === "volume" && m.source === name))) {
      lines.push({ kind: "Volume", name, status: STILL_IN_USE, warning: true });
      continue;
    }
    if (h.volumes.some((v) => v.name === name)) removeVolume(world, host, name);
    lines.push({ kind: "Volume", name, status: "Removed" });
  }
}

/** normalizeAndDedupeImages: TagNameOnly + FamiliarString ("nginx" → "nginx:latest"). */
function familiarTagged(ref: string): string {
  const p = parseImageReference(ref);
  return p.ok ? p.ref.familiar : ref;
}

/** ImagePruner.ImagesToPrune for --rmi all|local. */
export function imagesToPrune(world: World, host: string, p: Project, mode: "all" | "local", serviceImage: (s: Project["model"]["services"][number]) => string): string[] {
  const h = engineHost(world, host);
  const exists = (ref: string) => "image" in findImage(h, ref);
  const names: string[] = [];
  for (const s of p.model.services) {
    if (mode === "all" && s.image) names.push(s.image);
    // Built for the project (labelled), or named by the default convention (unlabelled).
    if (s.hasBuild || !s.image) names.push(serviceImage(s));
  }
  return [...new Set(names.filter(exists).map(familiarTagged))].sort();
}

export function removeProjectImages(world: World, host: string, images: string[], lines: ProgressLine[]): void {
  for (const ref of images) {
    const r = imageDelete(world, host, ref, false);
    if (r.ok) lines.push({ kind: "Image", name: ref, status: "Removed" });
    else if (r.conflict) lines.push({ kind: "Image", name: ref, status: STILL_IN_USE, warning: true });
    else if (r.notFound) lines.push({ kind: "Image", name: ref, status: NO_RESOURCE_FOUND });
  }
}
