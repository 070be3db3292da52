// Mirrors moby's classic image service (daemon/images/image_delete.go, image.go GetImage,
// image_tag.go) over the engine's image records: `docker rmi`, `docker image prune` and
// `docker tag` all go through it, so the Untagged/Deleted records and the conflict errors are
// the daemon's.
//
// Model: an image is the set of ImageRecords sharing an `id`. Its references are what moby's
// reference store holds: each record's tag ("nginx:latest"), or a digest reference
// ("nginx@sha256:…") — a record whose ref holds "@" (pulled by digest) or the repoDigest a pull
// by tag left on a record (RepoDigests). An image with no reference left but still present (a
// forced untag while a container runs it) is one record with ref "" (<none>:<none>).

import { layerIds, parseImageReference, stableHex } from "../../images";
import type { World } from "../../world";
import { engineHost, type Container, type EngineHost, type ImageRecord } from "./state";

/** One entry of moby's ImageDelete response: the CLI prints "Untagged: X" / "Deleted: X". */
export type DeleteRecord = { untagged: string } | { deleted: string };

export type DeleteResult =
  | { ok: true; records: DeleteRecord[] }
  | { ok: false; message: string; notFound: boolean; conflict: boolean };

interface Reference { text: string; name: string; canonical: boolean; full: string }

const upOrPaused = (c: Container) => c.status === "running" || c.status === "restarting" || c.status === "paused";
const truncId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

/**
 * The image ID (64 hex) of an image pulled or built with this manifest digest. moby's image ID is
 * the digest of the image's config, not the registry's manifest digest (RepoDigests, `docker
 * images --digests`, the `Digest:` line of a pull): a stand-in config digest derived from it.
 * Every container made from the image — `docker run`, compose, swarm's task containers — carries
 * `sha256:` + this ID as its Image, so the conflicts, prunes and `docker ps` see it.
 */
export const engineImageId = (manifestDigest: string): string => stableHex(`${manifestDigest}#config`, 64);

/** The ChainIDs of an image's layers, top first (what imageStore.Delete reports removed). */
export function layerChainIds(img: ImageRecord): string[] {
  const n = img.layers ?? layerIds(`sha256:${img.id}`).length;
  return Array.from({ length: n }, (_, i) => `sha256:${stableHex(`${img.id}#layer${n - 1 - i}`, 64)}`);
}

/** The reference store's entries for an image, in its lexical order (by the normalized string). */
export function imageReferences(h: EngineHost, id: string): Reference[] {
  const out = new Map<string, Reference>();
  const add = (text: string, name: string, canonical: boolean) => {
    const p = parseImageReference(text);
    out.set(text, { text, name, canonical, full: p.ok ? p.ref.full : text });
  };
  for (const r of h.images) {
    if (r.id !== id || r.ref === "") continue;
    add(r.ref, r.repository, r.ref.includes("@"));
    if (r.repoDigest) add(`${r.repository}@${r.repoDigest}`, r.repository, true);
  }
  return [...out.values()].sort((a, b) => (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
}

/** isSingleReference: at most one tag, and every reference in that tag's repository. */
function isSingleReference(refs: Reference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const tags = refs.filter((r) => !r.canonical);
  if (tags.length > 1) return false;
  const names = new Set(refs.filter((r) => r.canonical).map((r) => r.name));
  const single = tags[0] ?? refs[0]!;
  return names.size === 1 && names.has(single.name);
}

/**
 * GetImage: a reference (tag or digest) first, then an ID prefix. The error is
 * ErrImageDoesNotExist (the reference with its default tag) or the parse error.
 */
export function findImage(h: EngineHost, refOrId: string): { image: ImageRecord } | { error: string; notFound: boolean } {
  const hex = /^(?:sha256:)?([a-f0-9]+)$/.exec(refOrId)?.[1];
  if (hex && hex.length === 64) {
    const img = h.images.find((i) => i.id === hex);
    return img ? { image: img } : { error: `No such image: sha256:${hex}`, notFound: true };
  }
  const p = parseImageReference(refOrId);
  if (!p.ok) return { error: p.message, notFound: false };
  const want = p.ref.familiar;
  const byRef = h.images.find((i) => i.ref === want || (i.repoDigest !== undefined && p.ref.digest === i.repoDigest && i.repository === p.ref.familiarName));
  if (byRef) return { image: byRef };
  if (hex) {
    const ids = [...new Set(h.images.filter((i) => i.id.startsWith(hex)).map((i) => i.id))];
    if (ids.length === 1) return { image: h.images.find((i) => i.id === ids[0])! };
  }
  return { error: `No such image: ${want}`, notFound: true };
}

/** Removes one reference; the image stays, nameless, when it was its last one. */
function removeReference(h: EngineHost, id: string, ref: Reference): void {
  const template = h.images.find((i) => i.id === id)!;
  if (ref.canonical) {
    h.images = h.images.filter((i) => !(i.id === id && i.ref === ref.text));
    for (const i of h.images) if (i.id === id && `${i.repository}@${i.repoDigest}` === ref.text) delete i.repoDigest;
  } else {
    const gone = h.images.find((i) => i.id === id && i.ref === ref.text);
    h.images = h.images.filter((i) => i !== gone);
    // What the name ran locally (a build, a tag) goes with it.
    h.built.delete(ref.text);
    // The pull's digest belongs to the repository, not to this tag: another tag of it keeps it.
    // Without another tag of the repository, the digest reference stays on its own (ImageDelete
    // then removes it as a reference of its own: "Untagged: nginx@sha256:…").
    const heir = h.images.find((i) => i.id === id && i.repository === ref.name && !i.ref.includes("@") && i.ref !== "");
    if (gone?.repoDigest && heir) heir.repoDigest ??= gone.repoDigest;
    else if (gone?.repoDigest) {
      const { repoDigest, ...rest } = gone;
      h.images.push({ ...rest, ref: `${gone.repository}@${repoDigest}`, tag: "<none>" });
    }
  }
  if (!h.images.some((i) => i.id === id)) {
    const { repoDigest: _drop, ...rest } = template;
    h.images.push({ ...rest, ref: "", repository: "<none>", tag: "<none>" });
  }
}

type Conflict = { hard: boolean; used: boolean; message: string };

/** checkImageDeleteConflict with the soft conflicts (stopped containers, references) or not. */
function conflictOf(h: EngineHost, id: string, soft: { references: boolean; stopped: boolean }): Conflict | undefined {
  const users = h.containers.filter((c) => c.imageId.endsWith(id));
  const running = users.find(upOrPaused);
  if (running) return { hard: true, used: true, message: `image is being used by running container ${truncId(running.id)}` };
  if (soft.references && imageReferences(h, id).length > 0) return { hard: false, used: false, message: "image is referenced in multiple repositories" };
  const stopped = users.find((c) => !upOrPaused(c));
  if (soft.stopped && stopped) return { hard: false, used: true, message: `image is being used by stopped container ${truncId(stopped.id)}` };
  return undefined;
}

const conflictError = (id: string, c: Conflict): DeleteResult =>
  ({ ok: false, notFound: false, conflict: true, message: `conflict: unable to delete ${truncId(id)} (${c.hard ? "cannot be forced" : "must be forced"}) - ${c.message}` });

/** imageDeleteHelper: every reference, then the image and its layers (quietly gives up when asked). */
function deleteHelper(world: World, host: string, id: string, records: DeleteRecord[], force: boolean, quiet: boolean): DeleteResult {
  const h = engineHost(world, host);
  const c = conflictOf(h, id, { references: !force, stopped: !force });
  if (c) {
    const dangling = imageReferences(h, id).length === 0;
    return quiet && (!dangling || c.used) ? { ok: true, records } : conflictError(id, c);
  }
  const name = h.images.find((i) => i.id === id && i.ref !== "")?.ref ?? `sha256:${id}`;
  for (const ref of imageReferences(h, id)) {
    removeReference(h, id, ref);
    records.push({ untagged: ref.text });
  }
  const img = h.images.find((i) => i.id === id)!;
  h.images = h.images.filter((i) => i.id !== id);
  world.record("engine", "image-removed", name, { host });
  records.push({ deleted: `sha256:${id}` }, ...layerChainIds(img).map((l) => ({ deleted: l })));
  return { ok: true, records };
}

/** ImageDelete(imageRef, force): the records the daemon answers, or its error. */
export function imageDelete(world: World, host: string, refOrId: string, force: boolean): DeleteResult {
  const h = engineHost(world, host);
  const found = findImage(h, refOrId);
  if ("error" in found) return { ok: false, message: found.error, notFound: found.notFound, conflict: false };
  const id = found.image.id;
  const records: DeleteRecord[] = [];
  let refs = imageReferences(h, id);
  const byId = `sha256:${id}`.startsWith(refOrId) || id.startsWith(refOrId);
  if (!byId) {
    // A repository reference: untag it first (unless that would leave a used image nameless).
    if (!force && isSingleReference(refs)) {
      const user = h.containers.find((c) => c.imageId.endsWith(id));
      if (user) {
        return {
          ok: false, notFound: false, conflict: true,
          message: `conflict: unable to remove repository reference "${refOrId}" (must force) - container ${truncId(user.id)} is using its referenced image ${truncId(id)}`,
        };
      }
    }
    const p = parseImageReference(refOrId);
    const given = refs.find((r) => p.ok && r.text === (p.ref.digest ? `${p.ref.familiarName}@${p.ref.digest}` : p.ref.familiar))
      ?? refs.find((r) => r.text === found.image.ref)!;
    removeReference(h, id, given);
    records.push({ untagged: given.text });
    refs = imageReferences(h, id);
    // A tag went and no other tag of its repository is left: its digest references go too.
    if (!given.canonical && !refs.some((r) => !r.canonical && r.name === given.name)) {
      for (const r of refs.filter((x) => x.canonical && x.name === given.name)) {
        removeReference(h, id, r);
        records.push({ untagged: r.text });
      }
      refs = imageReferences(h, id);
    }
    if (refs.length > 0) return { ok: true, records };
    return deleteHelper(world, host, id, records, force, true);
  }
  if (isSingleReference(refs)) {
    const c = conflictOf(h, id, { references: false, stopped: !force });
    if (c) return conflictError(id, c);
    for (const r of refs) {
      removeReference(h, id, r);
      records.push({ untagged: r.text });
    }
  }
  return deleteHelper(world, host, id, records, force, false);
}

/** A reference now names an image (a pull, a build): it is no longer the nameless one it may have been. */
export function addImageRecord(h: EngineHost, rec: ImageRecord): void {
  h.images = h.images.filter((i) => !(i.id === rec.id && i.ref === ""));
  h.images.push(rec);
}

/** TagImage: the target reference now names the source's image (moved from any other image). */
export function tagImage(h: EngineHost, source: ImageRecord, target: { familiar: string; familiarName: string; tag: string }): void {
  const old = h.images.find((i) => i.ref === target.familiar);
  if (old?.id === source.id) return;
  if (old) removeReference(h, old.id, { text: old.ref, name: old.repository, canonical: false, full: old.ref });
  const { repoDigest: _drop, ...rest } = source;
  h.images = h.images.filter((i) => !(i.id === source.id && i.ref === ""));
  h.images.push({ ...rest, ref: target.familiar, repository: target.familiarName, tag: target.tag });
}
