// JSON values as the API server handles them: copies and comparisons with JSON's semantics
// (undefined fields absent, undefined array items null), without printing and parsing text.

/**
 * Whether two JSON values print the same JSON (JSON.stringify(a) === JSON.stringify(b): keys in
 * order, undefined fields absent, undefined array items null) without printing them: status
 * writers compare the status they computed with the stored one on every sync.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const ka = definedKeys(a as Record<string, unknown>);
  const kb = definedKeys(b as Record<string, unknown>);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k in o) if (o[k] !== undefined && typeof o[k] !== "function") out.push(k);
  return out;
}

/**
 * A copy of a JSON value, as a JSON round trip would give it (undefined fields dropped, undefined
 * array items null) without printing and parsing text: controllers copy a template per pod.
 */
export function deepClone<T>(v: T): T {
  return v === undefined ? v : (copyJson(v) as T);
}

function copyJson(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] === undefined ? null : copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== "function") out[k] = copyJson(x);
  }
  return out;
}

/**
 * apiequality.Semantic.DeepEqual for JSON values: objects are equal whatever their key order (Go
 * structs and maps have none), arrays element by element, absent and undefined fields alike.
 * The API server bumps metadata.generation only when the spec changed in this sense.
 */
export function sameJsonUnordered(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJsonUnordered(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const ka = definedKeys(a as Record<string, unknown>);
  const kb = definedKeys(b as Record<string, unknown>);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!sameJsonUnordered((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
