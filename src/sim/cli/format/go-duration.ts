// Mirrors Go's time.ParseDuration (src/time/format.go): [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, where a
// unit is every byte up to the next digit or '.', so `1x"` has the unit `x"`. The errors quote with
// the time package's own quote (non-ASCII bytes as \xNN).
import { goTimeQuote } from './go-fmt';

const UNIT_NS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** 1<<63 nanoseconds: beyond it time.ParseDuration overflows. */
const LIMIT = 2 ** 63;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** time.ParseDuration: the duration in nanoseconds (a float), or Go's error text. */
export function goParseDuration(orig: string): { ns: number } | { error: string } {
  const invalid = { error: `time: invalid duration ${goTimeQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    let i = 0;
    while (isDigit(s[i])) i++;
    const pre = i > 0;
    const int = s.slice(0, i);
    s = s.slice(i);
    let frac = '';
    if (s[0] === '.') {
      let j = 1;
      while (isDigit(s[j])) j++;
      frac = s.slice(1, j);
      s = s.slice(j);
    }
    if (!pre && frac === '') return invalid; // no digits, e.g. ".s"
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return { error: `time: missing unit in duration ${goTimeQuote(orig)}` };
    const unit = s.slice(0, u);
    s = s.slice(u);
    const scale = UNIT_NS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${goTimeQuote(unit)} in duration ${goTimeQuote(orig)}` };
    total += Number(`${int || '0'}.${frac || '0'}`) * scale;
    if (total > LIMIT) return invalid;
  }
  // A positive duration must fit in 1<<63-1; a negative one may reach -1<<63.
  if (!neg && total >= LIMIT) return invalid;
  return { ns: neg ? -total : total };
}

/** time.ParseDuration's error text, or undefined when the value parses. */
export function goDurationError(v: string): string | undefined {
  const r = goParseDuration(v);
  return 'error' in r ? r.error : undefined;
}
