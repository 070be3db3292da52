// Mirrors pkg/controller/controller_utils.go ComputeHash + apimachinery rand.SafeEncodeString:
// FNV-1a 32-bit over the pod template (with the collision count mixed in), printed in decimal,
// each digit mapped through the name alphabet, so hashes use only "4 5 6 7 8 9 b c d f" and are
// usually 10 characters long ("7c5d79b5bb"), sometimes 9.
//
// Upstream hashes Go's spew dump of the template struct; we hash its canonical JSON (sorted
// keys, pod-template-hash label removed) instead: deterministic and stable across identical
// templates (so rollback re-uses the old ReplicaSet) but not bit-identical to a real cluster.

import { SideTable } from "../../clone";
import { canonicalJson } from "./pods";
import { POD_TEMPLATE_HASH_LABEL, type PodTemplateSpec } from "./model";

export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function fnv1a(bytes: Iterable<number>, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return out;
}

/** rand.SafeEncodeString: each character mapped to alphabet[code % 27]. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** A template without the pod-template-hash label (EqualIgnoreHash's view). */
export function templateWithoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } };
}

/** ComputeHash(template, collisionCount) → the pod-template-hash label value. */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  return hashOf(canonicalJson(templateWithoutHash(template)), collisionCount);
}

/** computeHash of a stored object's spec.template (memoised per object version). */
export function computeOwnerHash(owner: Parameters<typeof templateFingerprint>[0], collisionCount?: number): string {
  return hashOf(templateFingerprint(owner), collisionCount);
}

function hashOf(fingerprint: string, collisionCount?: number): string {
  let h = fnv1a(utf8(fingerprint));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv1a([c & 255, (c >>> 8) & 255, (c >>> 16) & 255, (c >>> 24) & 255, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}

/**
 * The canonical JSON of a stored object's template without the hash label, memoised per object
 * and metadata.generation (a spec change through the API server bumps it; status writes do not),
 * so controllers comparing templates on every pass do not re-serialise unchanged objects.
 * Objects without a generation are memoised per resourceVersion; unstored ones not at all.
 */
// A SideTable rather than a WeakMap: the memo travels with the object into copies of the world,
// so a grade forked from a prepared session does not serialise its Deployments' templates again.
const fingerprints = new SideTable<object, { version: string; fp: string }>();

export function templateFingerprint(owner: {
  metadata: { resourceVersion?: string; generation?: number };
  spec: { template: PodTemplateSpec };
}): string {
  const { generation, resourceVersion } = owner.metadata;
  const version = generation !== undefined ? `g${generation}` : resourceVersion ? `r${resourceVersion}` : "";
  const hit = version ? fingerprints.get(owner) : undefined;
  if (hit && hit.version === version) return hit.fp;
  const fp = canonicalJson(templateWithoutHash(owner.spec.template));
  if (version) fingerprints.set(owner, { version, fp });
  return fp;
}

/** EqualIgnoreHash: two templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonicalJson(templateWithoutHash(a)) === canonicalJson(templateWithoutHash(b));
}
