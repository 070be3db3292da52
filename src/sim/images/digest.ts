// Deterministic stand-ins for registry digests and layer IDs: hex derived from the reference by a
// seeded 32-bit mix (FNV-1a + xorshift), so the same image always shows the same digest.

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` hex characters derived from `text`. */
export function stableHex(text: string, n: number): string {
  let out = "";
  for (let i = 0; out.length < n; i++) {
    let x = fnv1a(text, i * 0x9e3779b9);
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out += x.toString(16).padStart(8, "0");
  }
  return out.slice(0, n);
}

/** "sha256:<64 hex>" for an image name + tag. */
export const imageDigest = (nameAndTag: string): string => `sha256:${stableHex(nameAndTag, 64)}`;

/** The 12-hex layer IDs `docker pull` prints ("a2abf6c4d29d: Pull complete"): `layers`, else 3–6 per image. */
export function layerIds(digest: string, layers?: number): string[] {
  const count = layers ?? 3 + (parseInt(digest.slice(7, 9), 16) % 4);
  return Array.from({ length: count }, (_, i) => stableHex(`${digest}#${i}`, 12));
}
