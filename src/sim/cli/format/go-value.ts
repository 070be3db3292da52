// How plain JS data stands in for Go values when the printers below mimic Go's fmt, encoding/json
// and text/template. Go distinguishes a map (keys sorted when printed, missing key = "no value")
// from a struct (fields in declaration order, unknown field = error); JS objects don't, so an object
// may carry a non-enumerable tag (goMap / goStruct). Untagged objects take the caller's default:
// docker data are structs, kubectl data (unstructured JSON) are maps.

import { formatGoDuration } from "../../clock";

export type GoObjectKind = 'map' | 'struct';

/** A float64 that happens to be integral (the literal `3.0`): JS can't tell it from the int 3. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A byte (uint8): what indexing a string yields. Prints as a number. */
export class GoByte {
  constructor(readonly value: number) {}
}

/**
 * A Go time.Time (docker's API structs hold them: CreatedAt, Status.Timestamp…). fmt and templates
 * print its String() — "2006-01-02 15:04:05.999999999 -0700 MST", no fraction on a whole second —
 * while encoding/json writes RFC 3339 with nanoseconds (toJSON, so JSON.stringify agrees). UTC.
 */
export class GoTime {
  constructor(readonly ms: number) {}

  toJSON(): string {
    return new Date(this.ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
  }

  toString(): string {
    const iso = new Date(this.ms).toISOString();
    const frac = iso.slice(20, 23).replace(/0+$/, '');
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? '.' + frac : ''} +0000 UTC`;
  }
}

/**
 * A Go integer type with a String() method (time.Duration, os.FileMode): an integer to
 * encoding/json (toJSON, so JSON.stringify agrees), to %d/%o and to comparisons, its String() to
 * templates, %v and %s.
 */
export abstract class GoIntStringer {
  constructor(readonly int: number) {}

  /** The Go type name (%T, template errors). */
  abstract get goType(): string;

  abstract toString(): string;

  toJSON(): number {
    return this.int;
  }
}

/**
 * A Go time.Duration (swarm's UpdateConfig.Delay, StopGracePeriod, RestartPolicy.Delay…): an int64
 * of nanoseconds; String() is "10s", "1m30s", "0s".
 */
export class GoDuration extends GoIntStringer {
  get ns(): number {
    return this.int;
  }

  get goType(): string {
    return 'time.Duration';
  }

  toString(): string {
    return formatGoDuration(this.int / 1e6);
  }
}

/**
 * A Go os.FileMode (a swarm secret's or config's File.Mode): a uint32; String() is ls-like,
 * `-r--r--r--` for 0444 — Go's own type bits (dalTLDpSugct?) first, `-` when none is set.
 */
export class GoFileMode extends GoIntStringer {
  get goType(): string {
    return 'fs.FileMode';
  }

  toString(): string {
    const m = this.int >>> 0;
    let out = '';
    const TYPES = 'dalTLDpSugct?';
    for (let i = 0; i < TYPES.length; i++) if (m & (2 ** (31 - i))) out += TYPES[i];
    if (out === '') out = '-';
    const RWX = 'rwxrwxrwx';
    for (let i = 0; i < 9; i++) out += m & (1 << (8 - i)) ? RWX[i] : '-';
    return out;
  }
}

const GO_TAG = Symbol.for('clustergrade.goTag');

interface GoTag {
  kind: GoObjectKind;
  type?: string;
}

function tag<T extends object>(obj: T, t: GoTag): T {
  Object.defineProperty(obj, GO_TAG, { value: t, enumerable: false, configurable: true, writable: true });
  return obj;
}

/** Marks an object as a Go map (e.g. labels): keys print sorted, a missing key is `<no value>`. */
export function goMap<T extends object>(obj: T, typeName?: string): T {
  return tag(obj, { kind: 'map', type: typeName });
}

/** Marks an object as a Go struct with an optional Go type name used in error messages. */
export function goStruct<T extends object>(obj: T, typeName?: string): T {
  return tag(obj, { kind: 'struct', type: typeName });
}

const GO_NIL = Symbol.for('clustergrade.goNil');

/**
 * Marks an empty array or map as Go's nil slice or map (a field that omitempty left out of the
 * JSON decodes to nil): templates print it as `[]` / `map[]` like an empty one, but encoding/json
 * writes `null` (`{{json .Spec.EndpointSpec.Ports}}` of a service without ports).
 */
export function goNil<T extends object>(v: T): T {
  Object.defineProperty(v, GO_NIL, { value: true, enumerable: false, configurable: true });
  return v;
}

export function isGoNil(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { [GO_NIL]?: boolean })[GO_NIL] === true;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof GoFloat) && !(v instanceof GoByte) && !(v instanceof GoTime) && !(v instanceof GoIntStringer);
}

/** The Go kind of an object value, using `dflt` for untagged plain objects. */
export function objectKind(v: object, dflt: GoObjectKind): GoObjectKind {
  if (v instanceof Map) return 'map';
  const t = (v as { [GO_TAG]?: GoTag })[GO_TAG];
  return t ? t.kind : dflt;
}

/**
 * The Go type name shown in template errors, e.g. `*formatter.serviceContext`. A number in decoded
 * JSON (`map` data: kubectl's printers) is what k8s.io/apimachinery/pkg/util/json made of it, an
 * int64 when integral, else a float64; docker's typed structs hold Go `int`s. A template's own
 * literals are `int` in Go whatever the data; JS can't tell them from the data's, so the
 * evaluator names them for printf (FuncCtx.intArgs), the one place that shows the difference.
 */
export function goTypeName(v: unknown, dflt: GoObjectKind): string {
  if (v === undefined || v === null) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? (dflt === 'map' ? 'int64' : 'int') : 'float64';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoIntStringer) return v.goType;
  if (typeof v === 'function') return 'func';
  if (Array.isArray(v)) return dflt === 'struct' && v.length > 0 && v.every((x) => typeof x === 'string') ? '[]string' : '[]interface {}';
  const t = (v as { [GO_TAG]?: GoTag })[GO_TAG];
  if (t?.type) return t.type;
  return objectKind(v, dflt) === 'map' ? 'map[string]interface {}' : 'struct';
}

/** Entries of an object-like value: maps sorted by key (Go's fmt and encoding/json sort map keys). */
export function objectEntries(v: object, kind: GoObjectKind): [string, unknown][] {
  const entries: [string, unknown][] =
    v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x]) : Object.entries(v);
  const defined = entries.filter(([, x]) => x !== undefined);
  return kind === 'map' ? defined.sort((a, b) => compareBytes(a[0], b[0])) : defined;
}

export function objectGet(v: object, key: string): { found: boolean; value: unknown } {
  if (v instanceof Map) return { found: v.has(key), value: v.get(key) };
  if (!Object.prototype.hasOwnProperty.call(v, key)) return { found: false, value: undefined };
  const value = (v as Record<string, unknown>)[key];
  return { found: value !== undefined, value };
}

/** JS numbers stand for int64 when integral and in range, float64 otherwise. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 && !Object.is(n, -0);
}

/** Go compares strings byte-wise in UTF-8, which is code point order (not UTF-16 unit order). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate pair encodes a code point above U+FFFF
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Go's notion of an empty value, used by `if`, `with`, `and`, `or`, `not`. */
export function goTruth(v: unknown, dflt: GoObjectKind = 'struct'): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoFloat || v instanceof GoByte) return v.value !== 0;
  if (v instanceof GoIntStringer) return v.int !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object') {
    // A struct is always non-empty; a map is empty when it has no keys.
    return objectKind(v, dflt) === 'struct' || objectEntries(v, 'map').length > 0;
  }
  return true;
}
