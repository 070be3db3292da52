// Mirrors k8s.io/client-go/util/jsonpath/parser.go, quirks included: `['a.b']` is re-parsed as
// the fields a and b, a filter is split by a regexp, unions are split on commas, text outside
// braces is literal. Error strings are the parser's own ("unclosed action", …).

import { TextCache } from '../../text-cache';
import { OutcomeError } from '../../outcome-error';

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export type JPNode =
  | { type: 'list'; nodes: JPNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: JPList; right: JPList; op: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: JPList[] }
  | { type: 'identifier'; name: string };

export type JPList = Extract<JPNode, { type: 'list' }>;

export type JPParse = { ok: true; root: JPList } | { ok: false; error: string };

class ParseError extends OutcomeError {}

export function parseJsonPath(text: string): JPParse {
  // Checks and scripts ask the same templates again and again: parse each once. The tree is
  // frozen, so an evaluator that tried to change it would fail loudly.
  return parsed.get(text, parseUncached);
}

const parsed = new TextCache<JPParse>(200_000);

function parseUncached(text: string): JPParse {
  try {
    return { ok: true, root: new Parser(text).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

const EOF = '';
const isTerminator = (r: string) => r === EOF || ' \t\r\n.,[]$@{}'.includes(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);

function list(): JPList {
  return { type: 'list', nodes: [] };
}

/** Parses `{text}` and returns the single inner list, as parseAction does. */
function parseAction(text: string): JPList {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as JPList;
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root = list();

  constructor(private readonly input: string) {}

  parse(): JPList {
    // Go's parser recurses from one token to the next; a loop keeps long templates off the stack.
    let inside: JPList | undefined;
    for (;;) {
      if (inside) inside = this.parseInsideAction(inside) ? undefined : inside;
      else {
        inside = this.parseText();
        if (!inside) return this.root;
      }
    }
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup() {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  /** Text up to the next `{`; returns the action list that `{` opens, or undefined at the end. */
  private parseText(): JPList | undefined {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.input.slice(this.start, this.pos) });
        this.pos += 1;
        this.consumeText();
        const node = list();
        this.root.nodes.push(node);
        return node;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.input.slice(this.start, this.pos) });
    return undefined;
  }

  /** One step inside an action; true when the closing `}` was consumed. */
  private parseInsideAction(cur: JPList): boolean {
    const rest = this.rest();
    if (rest.startsWith('}')) {
      this.pos += 1;
      this.consumeText();
      return true;
    }
    if (rest.startsWith('[?(')) return this.parseFilter(cur), false;
    if (rest.startsWith('..')) return this.parseRecursive(cur), false;
    const r = this.next();
    if (r === EOF || r === '\r' || r === '\n') throw new ParseError('unclosed action');
    if (r === ' ' || r === '@' || r === '$') this.consumeText();
    else if (r === '[') this.parseArray(cur);
    else if (r === '"' || r === "'") this.parseQuote(cur, r);
    else if (r === '.') this.parseField(cur);
    else if (r === '+' || r === '-' || isDigit(r)) {
      this.backup();
      this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup();
      this.parseIdentifier(cur);
    } else {
      const cp = (r.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new ParseError(`unrecognized character in action: U+${cp} '${r}'`);
    }
    return false;
  }

  private parseIdentifier(cur: JPList): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: JPList): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new ParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
  }

  private parseNumber(cur: JPList): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value) && Math.abs(Number(value)) < 2 ** 63) {
      cur.nodes.push({ type: 'int', value: Number(value) });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
    } else throw new ParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: JPList): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new ParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new ParseError(`invalid array index ${text}`);
    const params = [0, 1, 2].map(() => ({ value: 0, known: false, derived: false })) as [ParamsEntry, ParamsEntry, ParamsEntry];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params[i].known = false;
        else {
          if (!/^-?\d+$/.test(v)) throw new ParseError(`array index ${v} is not a number`);
          params[i] = { value: Number(v), known: true, derived: false };
        }
      } else if (i === 1) params[i] = { value: params[0].value + 1, known: true, derived: true };
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: JPList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new ParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new ParseError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: list(), op: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: JPList, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new ParseError('unterminated quoted string');
      if (r === '\\') {
        const e = this.next();
        if (e !== EOF && e !== '\n') continue;
        break;
      }
      if (r === end) break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === undefined) throw new ParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: JPList): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.Unquote extended to single-quoted strings of any length. */
function unquoteExtend(s: string): string | undefined {
  if (s.length < 2 || s[0] !== s[s.length - 1] || (s[0] !== '"' && s[0] !== "'")) return undefined;
  const quote = s[0];
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) return undefined;
    if (c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e]) out += SIMPLE_ESCAPES[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}
