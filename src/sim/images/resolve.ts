// resolveImage: "can this reference be pulled, and what is it?" — images.md §1.2's rule of thumb:
// pullable iff (registry, repository) is in the catalogue (or declared by the scenario) and the tag
// exists per that repository's rule. Unknown repositories on a known registry → "repository does
// not exist"; unknown tags → "manifest unknown"; unknown registry hosts → unreachable.

import { markShared } from "../clone";
import { CATALOGUE, findEntry, type ImageData } from "./catalogue";
import { customImageData, type CustomImage } from "./custom";
import { imageDigest } from "./digest";
import { parseImageReference } from "./reference";
import type { ImageFacts, ImageReference, PullFailure } from "./types";

/** Registries that answer (so an unknown repository there is "does not exist", not "no such host"). */
export const KNOWN_REGISTRIES = [
  "docker.io", "registry.k8s.io", "k8s.gcr.io", "gcr.io", "quay.io", "mcr.microsoft.com", "ghcr.io",
  "docker.elastic.co", "us-central1-docker.pkg.dev", "us-docker.pkg.dev", "public.ecr.aws", "registry.gitlab.com",
  "container-registry.oracle.com", "docker.redpanda.com", "nvcr.io",
];

export type ResolveFailure = PullFailure | "registry-unreachable" | "invalid-reference";

export type ResolveResult =
  | { ok: true; image: ImageFacts }
  | { ok: false; reason: ResolveFailure; ref?: ImageReference; message: string };

/**
 * An image's facts are never changed once resolved (engines and kubelets derive new objects from
 * them), so every copy of a world shares them (src/sim/clone.ts).
 */
function facts(ref: ImageReference, repository: string, data: ImageData, extra?: { custom: true }): ImageFacts {
  return markShared({ ...data, ref, repository, digest: ref.digest ?? imageDigest(`${ref.name}:${ref.tag ?? "latest"}`), ...extra });
}

function notFound(ref: ImageReference, reason: ResolveFailure): ResolveResult {
  const messages: Record<ResolveFailure, string> = {
    "repository-not-found": `repository ${ref.name} does not exist`,
    "tag-not-found": `${ref.full}: not found`,
    "registry-unreachable": `registry ${ref.registry} is unreachable`,
    "invalid-reference": "invalid reference format",
  };
  return { ok: false, reason, ref, message: messages[reason] };
}

/** Scenario images by repository name, each with its declared tags. */
function customByName(custom: readonly CustomImage[]): Map<string, Map<string, CustomImage>> {
  const out = new Map<string, Map<string, CustomImage>>();
  for (const c of custom) {
    const parsed = parseImageReference(c.name);
    if (!parsed.ok) continue;
    const tags = out.get(parsed.ref.name) ?? new Map<string, CustomImage>();
    tags.set(parsed.ref.tag ?? "latest", c);
    out.set(parsed.ref.name, tags);
  }
  return out;
}

/**
 * The facts of `reference` if it can be pulled. Scenario images (`custom`) come first, so a
 * scenario may also redefine a catalogue image. A digest-pinned reference of a known repository
 * resolves (the tag, if any, is ignored for pulling, as Docker does).
 */
export function resolveImage(reference: string | ImageReference, custom: readonly CustomImage[] = NO_CUSTOM): ResolveResult {
  // A pure function of the reference and the scenario's images: remembered, bounded.
  const key = typeof reference === "string" ? reference : `${reference.written}\u0000${reference.full}\u0000${reference.digest ?? ""}`;
  const setKey = imagesKey(custom);
  let cache = resolved.get(setKey);
  if (!cache) {
    if (resolved.size >= 256) resolved.clear();
    resolved.set(setKey, (cache = new Map()));
  }
  let r = cache.get(key);
  if (!r) {
    r = markShared(resolveUncached(reference, custom));
    if (cache.size >= 2000) cache.clear();
    cache.set(key, r);
  }
  return r;
}

const NO_CUSTOM: readonly CustomImage[] = [];
/** Answers per set of scenario images (by content: every Kubernetes world declares the same system images). */
const resolved = new Map<string, Map<string, ResolveResult>>();
const imagesKeys = new WeakMap<readonly CustomImage[], string>();

function imagesKey(custom: readonly CustomImage[]): string {
  if (custom.length === 0) return "";
  let k = imagesKeys.get(custom);
  if (k === undefined) imagesKeys.set(custom, (k = JSON.stringify(custom)));
  return k;
}

function resolveUncached(reference: string | ImageReference, custom: readonly CustomImage[]): ResolveResult {
  let ref: ImageReference;
  if (typeof reference === "string") {
    const parsed = parseImageReference(reference);
    if (!parsed.ok) return { ok: false, reason: "invalid-reference", message: parsed.message };
    ref = parsed.ref;
  } else {
    ref = reference;
  }

  const declared = customByName(custom).get(ref.name);
  if (declared) {
    const c = ref.digest !== undefined && ref.tag === undefined ? [...declared.values()][0] : declared.get(ref.tag ?? "latest");
    if (!c) return notFound(ref, "tag-not-found");
    return { ok: true, image: facts(ref, ref.name, customImageData(c, ref.tag), { custom: true }) };
  }

  const entry = findEntry(ref.name);
  if (!entry) {
    return notFound(ref, KNOWN_REGISTRIES.includes(ref.registry) ? "repository-not-found" : "registry-unreachable");
  }
  if (ref.digest === undefined && !entry.tags(ref.tag ?? "latest")) return notFound(ref, "tag-not-found");
  return { ok: true, image: facts(ref, ref.name, entry.image(ref.tag)) };
}

/** Full repository names in the catalogue, sorted (for docs and "did you mean" hints). */
export function catalogueRepositories(): string[] {
  return CATALOGUE.flatMap((e) => e.names).sort();
}
