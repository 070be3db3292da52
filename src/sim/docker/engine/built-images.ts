// Images built on this engine (compose `build:`): kept per host beside the pulled ones, found
// before any registry lookup, listed by `docker images`. No registry has them, so they exist on
// this host only.
//   engine/image-built  subject: image ref, data {host}

import { layerIds, parseImageReference, type ImageFacts } from "../../images";
import { addImageRecord, engineImageId } from "./image-delete";
import type { World } from "../../world";
import { engineHost } from "./state";

/** An image built on this engine (it exists nowhere else: no registry has it). */
export function builtImage(world: World, host: string, ref: string): ImageFacts | undefined {
  const p = parseImageReference(ref);
  return p.ok ? engineHost(world, host).built.get(p.ref.familiar) : undefined;
}

/** Records a built image as present locally (`docker images` lists it). */
export function addBuiltImage(world: World, host: string, facts: ImageFacts): void {
  const h = engineHost(world, host);
  const key = facts.ref.familiar;
  h.built.set(key, facts);
  h.images = h.images.filter((i) => i.ref !== key);
  addImageRecord(h, {
    ref: key, repository: facts.ref.familiarName, tag: facts.ref.tag ?? "latest",
    id: engineImageId(facts.digest), created: world.now, size: facts.sizeBytes, layers: layerIds(facts.digest, facts.layers).length,
  });
  world.record("engine", "image-built", key, { host });
}
