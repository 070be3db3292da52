// The functions a docker --format template can call: text/template's builtins (funcs.go) and
// docker/cli's templates.basicFunctions (json, split, join, title, lower, upper, pad, truncate).
// Each declares Go's parameter types so the executor can reproduce Go's argument errors.
import { goSprint, goSprintln, goV } from './go-fmt';
import { goSprintf } from './go-printf';
import { goJsonMarshal } from './go-json';
import { GoByte, GoFloat, GoIntStringer, type GoObjectKind, compareBytes, goTruth, goTypeName, isGoInt, isPlainObject, objectEntries, objectKind } from './go-value';
import { OutcomeError } from '../../outcome-error';

/** reflect.Value (anything, even "no value"), interface{}, string, int, []string. */
export type ParamType = 'value' | 'any' | 'string' | 'int' | '[]string';

export interface FuncCtx {
  objects: GoObjectKind;
  /** Calls a JS function value (the `call` builtin). */
  invoke(fn: unknown, args: unknown[]): unknown;
  /** For `call`: the source text of the callee argument. */
  callee?: string;
  /**
   * Arguments whose Go type is `int` whatever the data (a literal, a `len`): in `map` data a JS
   * number otherwise stands for an int64, so printf names these with struct-mode types.
   */
  intArgs?: boolean[];
}

export interface GoFunc {
  params: ParamType[];
  variadic?: ParamType;
  call(args: unknown[], ctx: FuncCtx): unknown;
}

/** Thrown by a function body: the executor reports `error calling NAME: MESSAGE`. */
export class FuncError extends OutcomeError {}

const errBadType = 'invalid type for comparison';
const errBad = 'incompatible types for comparison';

type Basic = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: unknown): Basic | undefined {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte || v instanceof GoIntStringer) return 'int';
  return undefined;
}

const num = (v: unknown) => (v instanceof GoFloat || v instanceof GoByte ? v.value : v instanceof GoIntStringer ? v.int : (v as number));

/** text/template eq: nil and "no value" compare equal to each other and unequal to anything else. */
function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a) ?? 'other';
  const aNil = a === null || a === undefined;
  for (const b of rest) {
    const k2 = basicKind(b) ?? 'other';
    const bNil = b === null || b === undefined;
    if (k1 !== k2) {
      if (!aNil && !bNil) throw new FuncError(errBad);
      continue;
    }
    if (k1 !== 'other') {
      if (k1 === 'int' || k1 === 'float' ? num(a) === num(b) : a === b) return true;
      continue;
    }
    if (aNil || bNil) {
      if (aNil && bNil) return true;
      continue;
    }
    if (Array.isArray(b) || b instanceof Map || typeof b === 'function' || objectKind(b as object, 'struct') === 'map') {
      throw new FuncError(`non-comparable type ${goV(b, 'struct')}: ${goTypeName(b, 'struct')}`);
    }
    if (goJsonMarshal(a, { objects: 'struct' }) === goJsonMarshal(b, { objects: 'struct' })) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (!k1 || !k2) throw new FuncError(errBadType);
  if (k1 !== k2) throw new FuncError(errBad);
  if (k1 === 'bool') throw new FuncError(errBadType);
  if (k1 === 'string') return compareBytes(a as string, b as string) < 0;
  return num(a) < num(b);
}

const le = (a: unknown, b: unknown) => lt(a, b) || eq(a, b);

function length(v: unknown, objects: GoObjectKind): number {
  if (v === undefined || v === null) throw new FuncError('len of untyped nil');
  if (typeof v === 'string') return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  if (isPlainObject(v) && objectKind(v, 'struct') === 'map') return objectEntries(v, 'map').length;
  throw new FuncError(`len of type ${goTypeName(v, objects)}`);
}

function indexArg(i: unknown, cap: number): number {
  if (i === undefined || i === null) throw new FuncError('cannot index slice/array with nil');
  const n = i instanceof GoByte ? i.value : i;
  if (typeof n !== 'number' || !isGoInt(n)) throw new FuncError(`cannot index slice/array with type ${goTypeName(i, 'struct')}`);
  if (n < 0 || n > cap) throw new FuncError(`index out of range: ${n}`);
  return n;
}

/** Zero value of a map's element type: "" for string maps (labels), else no value. */
function mapZero(m: object): unknown {
  const vals = objectEntries(m, 'map').map(([, x]) => x);
  return vals.length > 0 && vals.every((x) => typeof x === 'string') ? '' : undefined;
}

function index(objects: GoObjectKind, item: unknown, ...idx: unknown[]): unknown {
  if (item === undefined) throw new FuncError('index of untyped nil');
  let cur: unknown = item;
  for (const i of idx) {
    if (cur === null || cur === undefined) throw new FuncError('index of nil pointer');
    if (Array.isArray(cur) || typeof cur === 'string') {
      const bytes = typeof cur === 'string' ? new TextEncoder().encode(cur) : undefined;
      const len = bytes ? bytes.length : (cur as unknown[]).length;
      const x = indexArg(i, len);
      if (x === len) throw new FuncError('reflect: slice index out of range');
      cur = bytes ? new GoByte(bytes[x]) : (cur as unknown[])[x];
    } else if (typeof cur === 'object' && (cur instanceof Map || objectKind(cur as object, 'struct') === 'map')) {
      // The key is nearly always a literal, an `int` in Go whatever the data.
      if (typeof i !== 'string') throw new FuncError(`value has type ${goTypeName(i, 'struct')}; should be string`);
      const m = cur as Record<string, unknown> | Map<string, unknown>;
      const v = m instanceof Map ? m.get(i) : Object.prototype.hasOwnProperty.call(m, i) ? m[i] : undefined;
      cur = v === undefined ? mapZero(m) : v;
    } else throw new FuncError(`can't index item of type ${goTypeName(cur, objects)}`);
  }
  return cur;
}

function slice(objects: GoObjectKind, item: unknown, ...idx: unknown[]): unknown {
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new FuncError(`can't slice item of type ${goTypeName(item, objects)}`);
  if (typeof item === 'string' && idx.length === 3) throw new FuncError('cannot 3-index slice a string');
  const len = typeof item === 'string' ? new TextEncoder().encode(item).length : item.length;
  const ix = [0, len];
  idx.slice(0, 2).forEach((v, k) => (ix[k] = indexArg(v, len)));
  if (ix[0] > ix[1]) throw new FuncError(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  if (typeof item === 'string') return new TextDecoder().decode(new TextEncoder().encode(item).slice(ix[0], ix[1]));
  return item.slice(ix[0], ix[1]);
}

function evalArgs(args: unknown[], objects: GoObjectKind): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // printableValue: a nil interface (JSON null in decoded `map` data) is no value at all; docker's
  // typed nils are nil pointers, which fmt prints as <nil>.
  return goSprint(args.map((a) => (a === undefined || (a === null && objects === 'map') ? '<no value>' : a)), objects);
}

const HTML: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20 || (c >= 0x7f && !/\p{L}|\p{N}|\p{P}|\p{S}|\p{M}/u.test(ch))) {
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    } else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return [...new TextEncoder().encode(s)]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return '%' + b.toString(16).toUpperCase().padStart(2, '0');
    })
    .join('');
}

/** strings.Title: upper-cases the first letter of each word (deprecated in Go, still docker's `title`). */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = !/[\p{L}\p{N}_']/u.test(prev);
    out += isSep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

const V: ParamType = 'value';

export const BUILTINS: Record<string, GoFunc> = {
  and: { params: [V], variadic: V, call: () => undefined }, // short-circuit handled by the executor
  or: { params: [V], variadic: V, call: () => undefined },
  not: { params: [V], call: ([a], ctx) => !goTruth(a, ctx.objects) },
  len: { params: [V], call: ([a], ctx) => length(a, ctx.objects) },
  index: { params: [V], variadic: V, call: ([a, ...r], ctx) => index(ctx.objects, a, ...r) },
  slice: { params: [V], variadic: V, call: ([a, ...r], ctx) => slice(ctx.objects, a, ...r) },
  print: { params: [], variadic: 'any', call: (a, ctx) => goSprint(a, ctx.objects) },
  println: { params: [], variadic: 'any', call: (a, ctx) => goSprintln(a, ctx.objects) },
  printf: { params: ['string'], variadic: 'any', call: ([f, ...a], ctx) => goSprintf(f as string, a, ctx.objects, ctx.intArgs?.slice(1)) },
  html: { params: [], variadic: 'any', call: (a, ctx) => evalArgs(a, ctx.objects).replace(/["'&<>\0]/g, (c) => HTML[c]) },
  js: { params: [], variadic: 'any', call: (a, ctx) => jsEscape(evalArgs(a, ctx.objects)) },
  urlquery: { params: [], variadic: 'any', call: (a, ctx) => queryEscape(evalArgs(a, ctx.objects)) },
  eq: { params: [V], variadic: V, call: ([a, ...r]) => eq(a, ...r) },
  ne: { params: [V, V], call: ([a, b]) => !eq(a, b) },
  lt: { params: [V, V], call: ([a, b]) => lt(a, b) },
  le: { params: [V, V], call: ([a, b]) => le(a, b) },
  gt: { params: [V, V], call: ([a, b]) => !le(a, b) },
  ge: { params: [V, V], call: ([a, b]) => !lt(a, b) },
  call: {
    params: [V],
    variadic: V,
    call: ([fn, ...a], ctx) => {
      if (typeof fn !== 'function') throw new FuncError(`non-function ${ctx.callee ?? ''} of type ${goTypeName(fn, ctx.objects)}`);
      return ctx.invoke(fn, a);
    },
  },
};

/** docker/cli/templates basicFunctions. */
export const DOCKER_FUNCS: Record<string, GoFunc> = {
  json: {
    params: ['any'],
    call: ([v], ctx) => goJsonMarshal(v, { escapeHTML: false, objects: ctx.objects }).trim(),
  },
  split: { params: ['string', 'string'], call: ([s, sep]) => goSplit(s as string, sep as string) },
  join: { params: ['[]string', 'string'], call: ([a, sep]) => (a as string[]).join(sep as string) },
  title: { params: ['string'], call: ([s]) => title(s as string) },
  lower: { params: ['string'], call: ([s]) => (s as string).toLowerCase() },
  upper: { params: ['string'], call: ([s]) => (s as string).toUpperCase() },
  pad: {
    params: ['string', 'int', 'int'],
    call: ([s, p, q]) => {
      if (s === '') return '';
      if ((p as number) < 0 || (q as number) < 0) throw new FuncError('strings: negative Repeat count');
      return ' '.repeat(p as number) + s + ' '.repeat(q as number);
    },
  },
  truncate: {
    params: ['string', 'int'],
    call: ([s, n]) => {
      const bytes = new TextEncoder().encode(s as string);
      return bytes.length < (n as number) ? s : new TextDecoder().decode(bytes.slice(0, n as number));
    },
  },
};

/** docker's HeaderFunctions: while rendering a table header, these return their input unchanged. */
export const DOCKER_HEADER_FUNCS: Record<string, GoFunc> = {
  json: { params: ['string'], call: ([v]) => v },
  split: { params: ['string', 'string'], call: ([v]) => v },
  join: { params: ['string', 'string'], call: ([v]) => v },
  title: { params: ['string'], call: ([v]) => v },
  lower: { params: ['string'], call: ([v]) => v },
  upper: { params: ['string'], call: ([v]) => v },
  truncate: { params: ['string', 'int'], call: ([v]) => v },
};

/** strings.Split: an empty separator splits into UTF-8 sequences. */
function goSplit(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}
