// Scalar decisions of go-yaml v2 (the emitter behind sigs.k8s.io/yaml, i.e. kubectl -o yaml):
// which strings must be quoted because they would read back as another type (resolve), which
// characters forbid plain / single-quoted / literal styles (yaml_emitter_analyze_scalar), and the
// style finally chosen (stringv + yaml_emitter_select_scalar_style); and the order of map keys.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when a plain (unquoted) s would read back as a string, so it may be emitted plain. */
export function resolvesToString(s: string): boolean {
  const hint = s === '' ? 'M' : hintOf(s[0]);
  if (!hint) return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (hint === '.') return !goParseFloat(s);
  if (hint === 'M') return true;
  if (isTimestamp(s)) return false;
  const plain = s.replace(/_/g, '');
  if (goParseInt(plain) || (YAML_FLOAT.test(plain) && goParseFloat(plain))) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return true;
}

function hintOf(c: string): string {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** strconv.ParseFloat(s, 64) succeeds for a decimal literal: underscores only between digits, finite. */
function goParseFloat(s: string): boolean {
  let saw = '^';
  for (const c of s) {
    if (c >= '0' && c <= '9') saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  if (saw === '_') return false;
  const plain = s.replace(/_/g, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain) && Number.isFinite(Number(plain));
}

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds (base prefixes 0x, 0o, 0b, 0). */
function goParseInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  if (m[1] === '-') return v <= 2n ** 63n;
  return v < 2n ** 64n;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** go-yaml's parseTimestamp: the Go layouts 2006-1-2T15:4:5.999999999Z07:00 (also t, space) and 2006-1-2. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS[month - 1])) return false;
  if (m[6] === undefined) return true;
  if (Number(m[6]) > 23 || Number(m[7]) > 59 || Number(m[8]) > 59) return false;
  if (m[4] && !m[10]) return false; // the T layouts require a zone
  if (m[5] && m[10]) return false; // the space layout has none
  if (m[10] && m[10] !== 'Z') {
    const [hh, mm] = m[10].slice(1).split(':').map(Number);
    if (hh > 23 || mm > 59) return false;
  }
  return true;
}

export interface ScalarAnalysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

export const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';

/** libyaml's printable set (the emitter runs in unicode mode). Characters outside need escapes. */
export function isPrintable(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  if (n === 0x0a || (n >= 0x20 && n <= 0x7e)) return true;
  if (n >= 0xa0 && n <= 0xd7ff) return true; // not NEL (0x85): the emitter escapes it as \N
  if (n >= 0xe000 && n <= 0xfffd && n !== 0xfeff) return true;
  return false; // includes every code point above U+FFFF: go-yaml escapes them as \UXXXXXXXX
}

/** yaml_emitter_analyze_scalar. */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) {
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  }
  const cs = Array.from(value);
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWs = true;
  if (value.startsWith('---') || value.startsWith('...')) blockInd = flowInd = true;
  cs.forEach((c, i) => {
    const next = cs[i + 1];
    const followedByWs = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) flowInd = blockInd = true;
      else if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === '-' && followedByWs) flowInd = blockInd = true;
    } else if (',?[]{}'.includes(c)) flowInd = true;
    else if (c === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (c === '#' && precededByWs) flowInd = blockInd = true;
    if (!isPrintable(c)) special = true;
    const last = i === cs.length - 1;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = c === ' ' || c === '\t' || isBreak(c);
  });
  const a: ScalarAnalysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

/** The style go-yaml v2 ends up with for a string in block context (flow level 0). */
export function chooseStringStyle(s: string, a: ScalarAnalysis, simpleKey: boolean): ScalarStyle {
  const canUsePlain = resolvesToString(s) && !BASE60_FLOAT.test(s);
  let style: ScalarStyle = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlain) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2 keyList.Less for string keys: letters after other runes, digit runs numerically. */
export function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && DIGIT.test(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}
