// Mirrors Go's fmt and strconv for the values our printers see: %v of numbers (int64 vs float64),
// slices, maps (sorted) and structs; %#v as kubectl shows it in jsonpath errors; strconv.Quote.
import {
  GoByte,
  GoFloat,
  GoIntStringer,
  GoTime,
  type GoObjectKind,
  isGoInt,
  isPlainObject,
  objectEntries,
  objectKind,
} from './go-value';

/** strconv.FormatFloat(n, fmt, prec, 64); prec -1 = shortest representation that round-trips. */
export function goFormatFloat(n: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const neg = n < 0 || Object.is(n, -0);
  const { digits, exp } = decimalDigits(Math.abs(n), fmt, prec);
  let body: string;
  if (fmt === 'e') body = eForm(digits, exp, prec < 0 ? digits.length - 1 : prec);
  else if (fmt === 'f') body = fForm(digits, exp, prec < 0 ? Math.max(digits.length - exp - 1, 0) : prec);
  else {
    // %e when the exponent is < -4 or >= the precision; shortest decides with precision 6... unless
    // the digits say otherwise (Go: "if precision was the shortest possible, use precision 6").
    let eprec = prec < 0 ? 6 : prec === 0 ? 1 : prec;
    if (prec >= 0 && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
    if (exp < -4 || exp >= eprec) body = eForm(digits, exp, digits.length - 1);
    else body = fForm(digits, exp, Math.max(digits.length - exp - 1, 0));
  }
  return (neg ? '-' : '') + body;
}

/** Decimal digits (no leading/trailing zeros beyond what the format needs) and exponent of the first. */
function decimalDigits(x: number, fmt: 'e' | 'f' | 'g', prec: number): { digits: string; exp: number } {
  if (x === 0) return { digits: prec < 0 ? '0' : '0'.repeat(fmt === 'f' ? 1 : Math.max(prec, 1)), exp: 0 };
  let s: string;
  if (prec < 0) s = x.toExponential();
  else if (fmt === 'e') s = roundHalfEven(x, x.toExponential(prec), prec, 'e');
  else if (fmt === 'g') s = x.toExponential(Math.max((prec === 0 ? 1 : prec) - 1, 0));
  else if (x >= 1e21) {
    const all = BigInt(x).toString();
    return { digits: all.replace(/0+$/, ''), exp: all.length - 1 };
  } else {
    const fixed = roundHalfEven(x, x.toFixed(Math.min(prec, 100)), prec, 'f');
    const m = /^(\d+)(?:\.(\d+))?$/.exec(fixed);
    const intPart = m ? m[1] : '0';
    const frac = m?.[2] ?? '';
    const all = (intPart + frac).replace(/^0+/, '');
    if (all === '') return { digits: '0', exp: 0 };
    return { digits: all, exp: intPart === '0' ? -(frac.length - all.length) - 1 : intPart.length - 1 };
  }
  const [mant, e] = s.split('e');
  let digits = mant.replace('.', '');
  if (prec < 0 || fmt === 'g') digits = digits.replace(/0+$/, '') || '0';
  return { digits, exp: Number(e) };
}

/** JS rounds exact ties up; Go rounds them to even. Only exact binary ties are affected. */
function roundHalfEven(x: number, js: string, prec: number, fmt: 'e' | 'f'): string {
  const scale = fmt === 'f' ? 10 ** prec : 10 ** (prec - Math.floor(Math.log10(x)));
  const scaled = x * scale;
  if (!Number.isFinite(scaled) || Math.abs(scaled) > 2 ** 52) return js;
  if (Number.isInteger(scaled * 2) && !Number.isInteger(scaled) && Math.ceil(scaled) % 2 === 1) {
    const down = Math.floor(scaled) / scale;
    return fmt === 'f' ? down.toFixed(prec) : down.toExponential(prec);
  }
  return js;
}

function eForm(digits: string, exp: number, prec: number): string {
  const d = digits.padEnd(prec + 1, '0');
  const mant = prec > 0 ? `${d[0]}.${d.slice(1, prec + 1)}` : d[0];
  const ae = Math.abs(exp);
  return `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

function fForm(digits: string, exp: number, prec: number): string {
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    const padded = digits.padEnd(exp + 1, '0');
    intPart = padded.slice(0, exp + 1);
    frac = padded.slice(exp + 1);
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  frac = frac.padEnd(prec, '0').slice(0, prec);
  return prec > 0 ? `${intPart}.${frac}` : intPart;
}

/** A number as fmt's %v prints it: int64 in decimal, float64 with %g shortest. */
export function goNumber(n: number): string {
  return isGoInt(n) ? String(n) : goFormatFloat(n, 'g', -1);
}

/** fmt.Sprint(v) / %v. `objects` says whether untagged JS objects are maps or structs. */
export function goV(v: unknown, objects: GoObjectKind, plus = false): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (v instanceof GoFloat) return goFormatFloat(v.value, 'g', -1);
  if (v instanceof GoByte) return String(v.value);
  if (v instanceof GoTime || v instanceof GoIntStringer) return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'function') return '0x1';
  if (Array.isArray(v)) return `[${v.map((x) => goV(x, objects, plus)).join(' ')}]`;
  if (typeof v === 'object') {
    const kind = objectKind(v, objects);
    const entries = objectEntries(v, kind);
    if (kind === 'map') return `map[${entries.map(([k, x]) => `${k}:${goV(x, objects, plus)}`).join(' ')}]`;
    return `{${entries.map(([k, x]) => (plus ? `${k}:` : '') + goV(x, objects, plus)).join(' ')}}`;
  }
  return String(v);
}

/** %#v of JSON-like data held in interface{} (as kubectl prints its object in jsonpath errors). */
export function goSharpV(v: unknown, top = true): string {
  if (v === undefined || v === null) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (v instanceof GoFloat) return goFormatFloat(v.value, 'g', -1);
  if (v instanceof GoByte) return `0x${v.value.toString(16)}`;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`;
  if (isPlainObject(v) || v instanceof Map) {
    const entries = objectEntries(v, 'map');
    return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goSharpV(x, false)}`).join(', ')}}`;
  }
  return top ? String(v) : goQuote(String(v));
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.Quote: Go-escaped double-quoted string. */
export function goQuote(s: string, quote = '"'): string {
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else out += escapeRune(c);
  }
  return out + quote;
}

/**
 * The time package's own quote (time.ParseDuration, time.Parse errors): like strconv.Quote for
 * printable ASCII, but every byte of a control or non-ASCII character becomes \xNN
 * (`time: invalid duration "x\"\xc3\xa9\x09"` for x"é<TAB>).
 */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x20 && c < 0x80) out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
    else for (const b of new TextEncoder().encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out + '"';
}

const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeRune(c: number): string {
  if (SHORT_ESCAPES[c]) return SHORT_ESCAPES[c];
  if (c < 0x20 || c === 0x7f) return '\\x' + c.toString(16).padStart(2, '0');
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

/** fmt.Sprint: a space between operands when neither is a string. */
export function goSprint(args: unknown[], objects: GoObjectKind): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += goV(a, objects);
  });
  return out;
}

/** fmt.Sprintln: operands always separated by spaces, newline appended. */
export function goSprintln(args: unknown[], objects: GoObjectKind): string {
  return args.map((a) => goV(a, objects)).join(' ') + '\n';
}

