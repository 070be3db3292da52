// Go literal syntax for templates: strconv.Unquote for "…", `…` and '…', and the number rules of
// text/template/parse.NumberNode (ints, floats, hex/octal/binary, underscores, char constants).
import type { NumberLit } from './gotemplate-ast';

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.Unquote; undefined on syntax errors. */
export function unquoteGo(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (SIMPLE[e]) out += SIMPLE[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const v = parseInt(hex, 16);
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
      out += String.fromCodePoint(v);
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

/** Go integer literal (ParseInt/ParseUint with base 0) as a bigint, or undefined. */
function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  const v = BigInt(body);
  return m[1] === '-' ? -v : v;
}

/** NumberNode construction; a string is the parse error. */
export function parseGoNumber(text: string, type: string): Omit<NumberLit, 'pos'> | string {
  const base = { t: 'number' as const, text, isInt: false, isFloat: false, isChar: false, isComplex: false, int: 0, float: 0 };
  if (type === 'charConstant') {
    const r = unquoteGo(text);
    if (r === undefined) return 'invalid syntax';
    const cp = r.codePointAt(0) ?? 0;
    return { ...base, isChar: true, isInt: true, isFloat: true, int: cp, float: cp };
  }
  if (type === 'complex') return { ...base, isComplex: true };
  if (text.endsWith('i') && !/^0[xX]/.test(text)) return { ...base, isComplex: true };
  const i = parseGoInt(text);
  if (i !== undefined) {
    if (i >= -(2n ** 63n) && i < 2n ** 63n) return { ...base, isInt: true, isFloat: true, int: Number(i), float: Number(i) };
    if (i >= 0n && i < 2n ** 64n) return { ...base, isFloat: true, float: Number(i) };
    return `integer overflow: ${JSON.stringify(text)}`;
  }
  const f = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(text) ? Number(text.replace(/_/g, '')) : NaN;
  if (!Number.isNaN(f) && !/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
  if (!Number.isNaN(f)) {
    const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    return { ...base, isFloat: true, isInt, int: isInt ? f : 0, float: f };
  }
  return `illegal number syntax: ${JSON.stringify(text)}`;
}
