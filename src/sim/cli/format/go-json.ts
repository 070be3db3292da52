// Mirrors Go's encoding/json Marshal / MarshalIndent for JSON-like data: map keys sorted byte-wise,
// struct fields in declaration (insertion) order, Go's string escaping (\u003c for <>& unless
// HTML escaping is off, as docker's `json` template function turns it off), floats as Go writes them.
import { GoByte, GoFloat, GoIntStringer, GoTime, type GoObjectKind, isGoInt, isGoNil, objectEntries, objectKind } from './go-value';

export interface GoJsonOptions {
  /** MarshalIndent's indent ("" = compact Marshal). kubectl -o json uses four spaces. */
  indent?: string;
  /** Escape <, > and & as \u003c etc. Default true, as json.Marshal does. */
  escapeHTML?: boolean;
  /** What untagged plain objects are: 'map' sorts keys (unstructured data), 'struct' keeps order. */
  objects?: GoObjectKind;
}

export function goJsonMarshal(v: unknown, opts: GoJsonOptions = {}): string {
  const o = { indent: '', escapeHTML: true, objects: 'map' as GoObjectKind, ...opts };
  return encode(v, o, '');
}

function encode(v: unknown, o: Required<GoJsonOptions>, prefix: string): string {
  if (v === null || v === undefined || isGoNil(v)) return 'null';
  if (typeof v === 'string') return goJsonString(v, o.escapeHTML);
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof GoFloat) return goJsonNumber(v.value);
  if (v instanceof GoByte) return String(v.value);
  if (v instanceof GoTime) return goJsonString(v.toJSON(), o.escapeHTML);
  if (v instanceof GoIntStringer) return goJsonNumber(v.int);
  const inner = prefix + o.indent;
  const nl = o.indent ? '\n' : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => (o.indent ? inner : '') + encode(x, o, inner));
    return `[${nl}${items.join(',' + nl)}${nl}${o.indent ? prefix : ''}]`;
  }
  if (typeof v === 'object') {
    const entries = objectEntries(v, objectKind(v, o.objects)).filter(([, x]) => typeof x !== 'function');
    if (entries.length === 0) return '{}';
    const sep = o.indent ? ': ' : ':';
    const items = entries.map(([k, x]) => (o.indent ? inner : '') + goJsonString(k, o.escapeHTML) + sep + encode(x, o, inner));
    return `{${nl}${items.join(',' + nl)}${nl}${o.indent ? prefix : ''}}`;
  }
  return 'null';
}

/** Go's float encoding: %f unless the exponent is < -6 or >= 21; ints as integers. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null'; // Go refuses to marshal these; never produced by our data
  if (Object.is(n, -0)) return '-0';
  if (isGoInt(n)) return String(n);
  // JS Number#toString switches to exponent form at the same thresholds and writes e-7 like Go's cleanup.
  return String(n);
}

const HEX = '0123456789abcdef';

export function goJsonString(s: string, escapeHTML = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\\ufffd'; // lone surrogate: not valid UTF-8, Go writes the replacement char
      continue;
    }
    const short = SHORT[c];
    if (short) out += short;
    else if (c < 0x20 || c === 0x2028 || c === 0x2029 || (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) {
      out += '\\u' + HEX[c >> 12] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    } else out += s[i];
  }
  return out + '"';
}

const SHORT: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};
