// Mirrors Go's fmt.Sprintf (the template `printf` function): flags, width, precision, the common
// verbs, and fmt's in-band complaints: %!d(string=x), %!v(MISSING), %!(EXTRA int=1), %!(NOVERB).
import { goFormatFloat, goQuote } from './go-fmt';
import { GoByte, GoFloat, GoIntStringer, GoTime, type GoObjectKind, goTypeName, isGoInt, objectEntries, objectKind } from './go-value';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

/** `intArgs[i]`: argument i is a Go `int` (a template literal) even in `map` data (FuncCtx.intArgs). */
export function goSprintf(format: string, args: unknown[], objects: GoObjectKind, intArgs?: boolean[]): string {
  const kindOf = (i: number): GoObjectKind => (intArgs?.[i] ? 'struct' : objects);
  let out = '';
  let argNum = 0;
  let i = 0;
  let reordered = false;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, verb: '' };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '#') spec.sharp = true;
      else if (c === '0') spec.zero = !spec.minus;
      else if (c === '+') spec.plus = true;
      else if (c === '-') [spec.minus, spec.zero] = [true, false];
      else if (c === ' ') spec.space = true;
      else break;
    }
    [i, argNum] = argIndex(format, i, argNum, args.length, () => (reordered = true));
    const width = readNum(format, i, args, argNum);
    i = width.next;
    argNum = width.argNum;
    if (width.bad) out += '%!(BADWIDTH)';
    if (width.value !== undefined) {
      if (width.value < 0) [spec.minus, spec.zero, spec.width] = [true, false, -width.value];
      else spec.width = width.value;
    }
    if (format[i] === '.') {
      [i, argNum] = argIndex(format, i + 1, argNum, args.length, () => (reordered = true));
      i -= 1;
      const prec = readNum(format, i + 1, args, argNum);
      i = prec.next;
      argNum = prec.argNum;
      if (prec.bad || (prec.value !== undefined && prec.value < 0)) out += '%!(BADPREC)';
      else spec.prec = prec.value ?? 0;
    }
    [i, argNum] = argIndex(format, i, argNum, args.length, () => (reordered = true));
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') out += '%';
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      out += formatArg(args[argNum], spec, kindOf(argNum), 0);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a, i) => (a == null ? '<nil>' : `${goTypeName(a, kindOf(argNum + i))}=${formatArg(a, plainV(), kindOf(argNum + i), 0)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** `[n]` explicit argument index (1-based); an invalid one sends the arg number out of range. */
function argIndex(format: string, i: number, argNum: number, nArgs: number, mark: () => void): [number, number] {
  if (format[i] !== '[') return [i, argNum];
  const close = format.indexOf(']', i);
  if (close < 0) return [i, argNum];
  mark();
  const n = Number(format.slice(i + 1, close));
  if (!/^\d+$/.test(format.slice(i + 1, close)) || n < 1 || n > nArgs) return [close + 1, nArgs];
  return [close + 1, n - 1];
}

function plainV(): Spec {
  return { minus: false, plus: false, sharp: false, space: false, zero: false, verb: 'v' };
}

function readNum(format: string, i: number, args: unknown[], argNum: number) {
  if (format[i] === '*') {
    const a = args[argNum];
    if (typeof a === 'number' && isGoInt(a)) return { value: a, next: i + 1, argNum: argNum + 1, bad: false };
    return { value: undefined, next: i + 1, argNum: argNum + 1, bad: true };
  }
  let j = i;
  while (j < format.length && format[j] >= '0' && format[j] <= '9') j++;
  return { value: j > i ? Number(format.slice(i, j)) : undefined, next: j, argNum, bad: false };
}

function badVerb(v: unknown, spec: Spec, objects: GoObjectKind): string {
  if (v === null || v === undefined) return `%!${spec.verb}(<nil>)`;
  if (typeof v === 'number' && !isGoInt(v)) v = new GoFloat(v);
  return `%!${spec.verb}(${goTypeName(v, objects)}=${formatArg(v, plainV(), objects, 0)})`;
}

function formatArg(v: unknown, spec: Spec, objects: GoObjectKind, depth: number): string {
  // %T: the argument's dynamic type, padded like a string (fmt's printArg, before any other verb).
  if (spec.verb === 'T' && depth === 0) return v === null || v === undefined ? pad('<nil>', spec) : fmtString(goTypeName(v, objects), { ...spec, verb: 's' }, objects);
  if (v === null || v === undefined) return spec.verb === 'v' ? pad('<nil>', spec) : badVerb(v, spec, objects);
  if (typeof v === 'boolean') return spec.verb === 't' || spec.verb === 'v' ? pad(String(v), spec) : badVerb(v, spec, objects);
  if (typeof v === 'number') return isGoInt(v) ? fmtInt(v, spec, objects) : fmtFloat(v, spec, objects);
  if (v instanceof GoFloat) return fmtFloat(v.value, spec, objects);
  if (v instanceof GoByte) return fmtInt(v.value, spec, objects, v);
  // A Stringer (time.Time): %v and %s print String(), %q quotes it.
  if ((v instanceof GoTime || v instanceof GoIntStringer) && (spec.verb === 'v' || spec.verb === 's' || spec.verb === 'q')) return fmtString(v.toString(), spec, objects);
  if (v instanceof GoIntStringer) return fmtInt(v.int, spec, objects);
  if (typeof v === 'string') return fmtString(v, spec, objects);
  if (Array.isArray(v)) return '[' + v.map((x) => formatArg(x, spec, objects, depth + 1)).join(' ') + ']';
  if (typeof v === 'object') {
    const kind = objectKind(v, objects);
    const entries = objectEntries(v, kind);
    if (kind === 'map') {
      return 'map[' + entries.map(([k, x]) => `${fmtString(k, spec, objects)}:${formatArg(x, spec, objects, depth + 1)}`).join(' ') + ']';
    }
    return '{' + entries.map(([k, x]) => (spec.plus ? `${k}:` : '') + formatArg(x, spec, objects, depth + 1)).join(' ') + '}';
  }
  return pad(String(v), spec);
}

function pad(s: string, spec: Spec, zeroOk = false): string {
  const n = [...s].length;
  if (spec.width === undefined || n >= spec.width) return s;
  const fill = spec.width - n;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return (spec.zero ? '0' : ' ').repeat(fill) + s;
}

function signed(s: string, neg: boolean, spec: Spec): string {
  if (neg) return '-' + s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function fmtInt(n: number, spec: Spec, objects: GoObjectKind, orig: unknown = n): string {
  const abs = BigInt(Math.abs(n));
  let digits: string;
  let prefix = '';
  switch (spec.verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (spec.verb === 'O') prefix = '0o';
      else if (spec.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (spec.verb === 'X') digits = digits.toUpperCase();
      if (spec.sharp) prefix = spec.verb === 'X' ? '0X' : '0x';
      break;
    case 'c':
      return pad(String.fromCodePoint(n), spec);
    case 'q':
      return pad(goQuote(String.fromCodePoint(n), "'"), spec);
    case 'U':
      return pad('U+' + n.toString(16).toUpperCase().padStart(4, '0'), spec);
    default:
      return badVerb(orig, spec, objects);
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && n === 0) digits = '';
    digits = digits.padStart(spec.prec, '0');
  }
  const body = signed(prefix + digits, n < 0, spec);
  return pad(body, spec, spec.prec === undefined);
}

function fmtFloat(n: number, spec: Spec, objects: GoObjectKind): string {
  const verb = spec.verb;
  let s: string;
  if (verb === 'v' && spec.prec === undefined) s = goFormatFloat(n, 'g', -1);
  else if (verb === 'v' || verb === 'g' || verb === 'G') s = goFormatFloat(n, 'g', spec.prec ?? -1);
  else if (verb === 'e' || verb === 'E') s = goFormatFloat(n, 'e', spec.prec ?? 6);
  else if (verb === 'f' || verb === 'F') s = goFormatFloat(n, 'f', spec.prec ?? 6);
  else return badVerb(n, spec, objects);
  if (verb === 'G' || verb === 'E') s = s.toUpperCase();
  const neg = s.startsWith('-');
  return pad(signed(neg ? s.slice(1) : s, neg, spec), spec, Number.isFinite(n));
}

function fmtString(s: string, spec: Spec, objects: GoObjectKind): string {
  const cut = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(cut, spec);
    case 'q':
      return pad(goQuote(cut), spec);
    case 'x':
    case 'X': {
      const hex = [...new TextEncoder().encode(cut)].map((b) => b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      return pad(spec.verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return badVerb(s, spec, objects);
  }
}
