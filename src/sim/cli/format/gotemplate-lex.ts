// Mirrors Go's text/template/parse/lex.go: the same item kinds, trim markers `{{- ` / ` -}}`,
// comments, and the lexer's own error texts ("unclosed action", "unterminated quoted string", …).
// Positions are UTF-16 offsets, which equal Go's byte offsets for ASCII templates.
import { goQuote } from './go-fmt';

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'eof'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else', end: 'end',
  if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};
const KEYWORD_TYPES = new Set<ItemType>(Object.values(KEYWORDS));

export const isKeyword = (t: ItemType) => KEYWORD_TYPES.has(t);

const isSpace = (r: string) => r === ' ' || r === '\t' || r === '\r' || r === '\n';
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const hasLeftTrimMarker = (s: string) => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrimMarker = (s: string) => s.length >= 2 && isSpace(s[0]) && s[1] === '-';
const trimRightLen = (s: string) => s.length - s.replace(/[ \t\r\n]+$/, '').length;
const trimLeftLen = (s: string) => s.length - s.replace(/^[ \t\r\n]+/, '').length;

/** %#U of a rune, as in `unrecognized character in action: U+0023 '#'`. */
export function sharpU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return /\p{L}|\p{M}|\p{N}|\p{P}|\p{S}|^ $/u.test(r) ? `${hex} '${r}'` : hex;
}

/** Lexes a whole template; the last item is `eof` or `error`. */
export function lex(input: string): Item[] {
  const L = '{{';
  const R = '}}';
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let width = 0;

  const next = (): string => {
    if (pos >= input.length) {
      width = 0;
      return '';
    }
    const r = String.fromCodePoint(input.codePointAt(pos) ?? 0);
    width = r.length;
    pos += width;
    if (r === '\n') line++;
    return r;
  };
  const backup = () => {
    if (width > 0) {
      pos -= width;
      if (input[pos] === '\n') line--;
    }
  };
  const peek = () => {
    const r = next();
    backup();
    return r;
  };
  const emit = (type: ItemType) => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const fail = (msg: string): Item[] => {
    items.push({ type: 'error', pos: start, val: msg, line: startLine });
    return items;
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrimMarker(input.slice(pos)) && input.startsWith(R, pos + 2)) return [true, true];
    return [input.startsWith(R, pos), false];
  };
  const atTerminator = () => {
    const r = peek();
    return isSpace(r) || r === '' || '.,|:)('.includes(r) || input.startsWith(R, pos);
  };
  const accept = (valid: string) => {
    const r = next();
    if (r !== '' && valid.includes(r)) return true;
    backup();
    return false;
  };
  const acceptRun = (valid: string) => {
    while (accept(valid));
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const quoted = (close: string, what: string, raw: boolean): string | undefined => {
    for (;;) {
      const r = next();
      if (!raw && r === '\\') {
        const e = next();
        if (e !== '' && e !== '\n') continue;
        return `unterminated ${what}`;
      }
      if (r === '' || (!raw && r === '\n')) return `unterminated ${what}`;
      if (r === close) return undefined;
    }
  };

  // Text and actions alternate; the loop below is lexText + lexInsideAction.
  for (;;) {
    // lexText
    const x = input.indexOf(L, pos);
    if (x < 0) {
      line += count(input.slice(pos), '\n');
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return items;
    }
    if (x > pos) {
      line += count(input.slice(pos, x), '\n');
      pos = x;
      const trim = hasLeftTrimMarker(input.slice(x + L.length)) ? trimRightLen(input.slice(start, pos)) : 0;
      pos -= trim;
      if (pos > start) emit('text');
      pos += trim;
      start = pos;
      startLine = line;
    }
    // lexLeftDelim
    pos += L.length;
    const trimSpace = hasLeftTrimMarker(input.slice(pos));
    const after = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      start = pos;
      // lexComment
      pos += 2;
      const end = input.indexOf('*/', pos);
      if (end < 0) return fail('unclosed comment');
      line += count(input.slice(pos, end), '\n');
      pos = end + 2;
      const [delim, trim] = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      if (trim) pos += 2;
      pos += R.length;
      if (trim) {
        const n = trimLeftLen(input.slice(pos));
        line += count(input.slice(pos, pos + n), '\n');
        pos += n;
      }
      start = pos;
      startLine = line;
      continue;
    }
    emit('leftDelim');
    pos += after;
    start = pos;
    parenDepth = 0;
    // lexInsideAction until the right delimiter
    for (;;) {
      const [delim, trim] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (trim) {
          pos += 2;
          start = pos;
        }
        pos += R.length;
        emit('rightDelim');
        if (trim) {
          const n = trimLeftLen(input.slice(pos));
          line += count(input.slice(pos, pos + n), '\n');
          pos += n;
          start = pos;
          startLine = line;
        }
        break;
      }
      const r = next();
      if (r === '') return fail('unclosed action');
      if (isSpace(r)) {
        backup();
        let n = 0;
        while (isSpace(peek())) {
          next();
          n++;
        }
        if (hasRightTrimMarker(input.slice(pos - 1)) && input.startsWith(R, pos + 1)) {
          backup();
          if (n === 1) continue; // on the trim-marked delimiter
        }
        emit('space');
      } else if (r === '=') emit('assign');
      else if (r === ':') {
        if (next() !== '=') return fail('expected :=');
        emit('declare');
      } else if (r === '|') emit('pipe');
      else if (r === '"') {
        const err = quoted('"', 'quoted string', false);
        if (err) return fail(err);
        emit('string');
      } else if (r === '`') {
        const err = quoted('`', 'raw quoted string', true);
        if (err) return fail(err);
        emit('rawString');
      } else if (r === '$' || (r === '.' && pos < input.length && !(input[pos] >= '0' && input[pos] <= '9'))) {
        // lexVariable / lexField
        if (atTerminator()) {
          emit(r === '$' ? 'variable' : 'dot');
          continue;
        }
        let c: string;
        for (;;) {
          c = next();
          if (!isAlphaNumeric(c)) {
            backup();
            break;
          }
        }
        if (!atTerminator()) return fail(`bad character ${sharpU(c)}`);
        emit(r === '$' ? 'variable' : 'field');
      } else if (r === "'") {
        const err = quoted("'", 'character constant', false);
        if (err) return fail(err);
        emit('charConstant');
      } else if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        backup();
        if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        const sign = peek();
        if (sign === '+' || sign === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
          emit('complex');
        } else emit('number');
      } else if (isAlphaNumeric(r)) {
        let c: string;
        for (;;) {
          c = next();
          if (!isAlphaNumeric(c)) {
            backup();
            break;
          }
        }
        const word = input.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${sharpU(c)}`);
        if (KEYWORDS[word] && word !== '.') emit(KEYWORDS[word]);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (r === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (r === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
      } else if (r.charCodeAt(0) < 0x80 && r >= ' ' && r <= '~') emit('char');
      else return fail(`unrecognized character in action: ${sharpU(r)}`);
    }
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
