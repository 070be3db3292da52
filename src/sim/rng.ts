// Seeded randomness for the simulator: every ID, IP, suffix and token comes from here, never
// from the platform's random source, so the same scenario and submission always produce the
// same bytes.

/** FNV-1a over a string: a stable 32-bit seed from a scenario id. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const K8S_SUFFIX = "bcdfghjklmnpqrstvwxz2456789"; // k8s.io/apimachinery rand alphanums

/** Scratch arrays for chars(), one per length (module-level: a world's copies share no state through them). */
const SCRATCH: number[][] = [];

/** sfc32: small, fast, good enough for IDs; deterministic across JS engines. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const s = typeof seed === "string" ? hashString(seed) : seed >>> 0;
    this.a = 0x9e3779b9 | 0;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162 | 0;
    this.d = s | 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uint32. */
  next(): number {
    // sfc32 on int32 locals (the state is kept as int32: no unsigned conversions per draw).
    const b = this.b;
    const c = this.c;
    const d = (this.d + 1) | 0;
    const t = (((this.a + b) | 0) + d) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    this.d = d;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chars(alphabet: string, n: number): string {
    // One flat string from char codes (appending char by char builds a rope that every later
    // slice or hash of the ID must flatten); the same draws, so the same IDs.
    const codes = n < 256 ? (SCRATCH[n] ??= new Array<number>(n).fill(0)) : new Array<number>(n);
    const len = alphabet.length;
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(this.next() % len);
    return String.fromCharCode.apply(null, codes);
  }

  /** Swarmkit object IDs: 25 lowercase base-36 characters. */
  swarmId(): string {
    return this.chars(BASE36, 25);
  }

  /** Container, local network and volume IDs: 64 lowercase hex characters. */
  hexId(n = 64): string {
    return this.chars(HEX, n);
  }

  base36(n: number): string {
    return this.chars(BASE36, n);
  }

  base64(n: number): string {
    return this.chars(BASE64, n);
  }

  /** Kubernetes generated-name suffixes (pod names, generateName). */
  k8sSuffix(n = 5): string {
    return this.chars(K8S_SUFFIX, n);
  }

  /** A child stream, so one subsystem's draws do not shift another's. */
  fork(label: string): Rng {
    return new Rng((this.next() ^ hashString(label)) >>> 0);
  }
}
