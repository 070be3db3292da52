// kubectl -o yaml: sigs.k8s.io/yaml marshals to JSON, reads that back with go-yaml v2 and emits it
// again. So keys come out sorted (go-yaml's "natural" key order, not the struct order -o json
// shows), sequences under a key are not indented, long plain/quoted strings fold at column 80,
// strings that would read back as another type are double-quoted ("80", "true", "2024-01-10"),
// multi-line strings become literal blocks (|, |-, |+). This file is the emitter state machine of
// yaml_emitter_* reduced to block mappings, block sequences, {} / [] and scalars.
import { goFormatFloat } from './go-fmt';
import { goJsonNumber } from './go-json';
import { isGoInt, isPlainObject } from './go-value';
import { analyzeScalar, chooseStringStyle, isBreak, isPrintable, keyLess } from './yaml-scalar';

export { keyLess };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** The object as `kubectl get -o yaml` prints it (ends with a newline). */
export function toKubeYaml(obj: unknown): string {
  const e = new Emitter();
  e.node(normalize(obj), { mapping: false, simpleKey: false }, -1);
  return e.out + (e.column > 0 ? '\n' : '');
}

/** kubectl refuses objects whose JSON holds characters go-yaml's reader rejects (DEL, C1 controls). */
export function kubeYamlError(obj: unknown): string | undefined {
  const bad = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
  const walk = (v: unknown): boolean =>
    typeof v === 'string' ? bad.test(v) : Array.isArray(v) ? v.some(walk) : isPlainObject(v) ? Object.entries(v).some(([k, x]) => bad.test(k) || walk(x)) : false;
  return walk(obj) ? 'error: yaml: control characters are not allowed' : undefined;
}

type Scalar = { scalar: string; kind: 'str' | 'plain' };
type YNode = Scalar | { map: [Scalar, YNode][] } | { seq: YNode[] };

/** JSON round trip as sigs.k8s.io/yaml does it: numbers re-typed, NEL folded, keys sorted. */
function normalize(v: unknown): YNode {
  if (v === null || v === undefined) return { scalar: 'null', kind: 'plain' };
  if (typeof v === 'boolean') return { scalar: String(v), kind: 'plain' };
  if (typeof v === 'number') return { scalar: yamlNumber(v), kind: 'plain' };
  if (typeof v === 'string') return { scalar: foldNel(v), kind: 'str' };
  if (Array.isArray(v)) return { seq: v.map(normalize) };
  if (v instanceof Map || isPlainObject(v)) {
    const entries = (v instanceof Map ? [...v.entries()] : Object.entries(v)).filter(([, x]) => x !== undefined);
    const pairs = entries.map(([k, x]): [Scalar, YNode] => [{ scalar: foldNel(String(k)), kind: 'str' }, normalize(x)]);
    pairs.sort((a, b) => (keyLess(a[0].scalar, b[0].scalar) ? -1 : keyLess(b[0].scalar, a[0].scalar) ? 1 : 0));
    return { map: pairs };
  }
  return { scalar: String(v), kind: 'str' };
}

function yamlNumber(n: number): string {
  if (isGoInt(n) || Object.is(n, -0)) return String(n === 0 ? 0 : n);
  const json = goJsonNumber(n);
  if (/^\d+$/.test(json) && BigInt(json) < 2n ** 64n) return json; // read back as uint64
  return goFormatFloat(n, 'g', -1).replace('+Inf', '.inf').replace('-Inf', '-.inf').replace('NaN', '.nan');
}

/** Go's JSON leaves NEL unescaped and the YAML reader folds it like a line break inside "…". */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (m) => {
    const n = m.split('\u0085').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

interface Ctx {
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;

  private put(s: string) {
    this.out += s;
    this.column += Array.from(s).length;
  }

  private putBreak() {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  private writeIndent(indent: number) {
    const ind = Math.max(indent, 0);
    if (!this.indention || this.column > ind || (this.column === ind && !this.whitespace)) this.putBreak();
    while (this.column < ind) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(s: string, needWs: boolean, isWs: boolean, isIndention: boolean) {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  node(n: YNode, ctx: Ctx, indent: number): void {
    if ('scalar' in n) return this.scalar(n, ctx, indent);
    if ('seq' in n) {
      if (n.seq.length === 0) return this.emptyFlow('[]');
      const indentless = ctx.mapping && !this.indention;
      const ind = indent < 0 ? 0 : indentless ? indent : indent + BEST_INDENT;
      for (const item of n.seq) {
        this.writeIndent(ind);
        this.indicator('-', true, false, true);
        this.node(item, { mapping: false, simpleKey: false }, ind);
      }
      return;
    }
    if (n.map.length === 0) return this.emptyFlow('{}');
    const ind = indent < 0 ? 0 : indent + BEST_INDENT;
    for (const [k, v] of n.map) {
      this.writeIndent(ind);
      if (isSimpleKey(k.scalar)) {
        this.scalar(k, { mapping: true, simpleKey: true }, ind);
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.scalar(k, { mapping: true, simpleKey: false }, ind);
        this.writeIndent(ind);
        this.indicator(':', true, false, true);
      }
      this.node(v, { mapping: true, simpleKey: false }, ind);
    }
  }

  private emptyFlow(s: string) {
    this.indicator(s[0], true, true, false);
    this.indicator(s[1], false, false, false);
  }

  private scalar(n: Scalar, ctx: Ctx, indent: number) {
    const ind = indent < 0 ? BEST_INDENT : indent + BEST_INDENT; // emit_scalar's increase_indent(flow)
    const allowBreaks = !ctx.simpleKey;
    if (n.kind === 'plain') return this.plain(n.scalar, ind, allowBreaks);
    const style = chooseStringStyle(n.scalar, analyzeScalar(n.scalar), ctx.simpleKey);
    if (style === 'plain') this.plain(n.scalar, ind, allowBreaks);
    else if (style === 'single') this.singleQuoted(n.scalar, ind, allowBreaks);
    else if (style === 'double') this.doubleQuoted(n.scalar, ind, allowBreaks);
    else this.literal(n.scalar, ind);
  }

  private plain(s: string, ind: number, allowBreaks: boolean) {
    if (!this.whitespace) this.put(' ');
    const cs = Array.from(s);
    let spaces = false;
    cs.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cs[i + 1] !== ' ') this.writeIndent(ind);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private singleQuoted(s: string, ind: number, allowBreaks: boolean) {
    this.indicator("'", true, false, false);
    const cs = Array.from(s);
    let spaces = false;
    let breaks = false;
    cs.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cs.length - 1 && cs[i + 1] !== ' ') {
          this.writeIndent(ind);
        } else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(ind);
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = breaks = false;
      }
    });
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: string) {
    if (c === '\n') return this.putBreak();
    this.out += c;
    this.column = 0;
  }

  private doubleQuoted(s: string, ind: number, allowBreaks: boolean) {
    this.indicator('"', true, false, false);
    const cs = Array.from(s);
    let spaces = false;
    cs.forEach((c, i) => {
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put(escapeDouble(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== cs.length - 1) {
          this.writeIndent(ind);
          if (cs[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(s: string, ind: number) {
    this.indicator('|', true, false, false);
    if (s[0] === ' ' || isBreak(s[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const cs = Array.from(s);
    const last = cs.length - 1;
    let chomp = '';
    if (!isBreak(cs[last])) chomp = '-';
    else if (last === 0 || isBreak(cs[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(ind);
        breaks = false;
        this.put(c);
        this.indention = false;
      }
    }
  }
}

/** yaml_emitter_check_simple_key: single-line and at most 128 bytes. */
function isSimpleKey(s: string): boolean {
  return !Array.from(s).some(isBreak) && new TextEncoder().encode(s).length <= 128;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escapeDouble(c: string): string {
  const short = DOUBLE_ESCAPES[c];
  if (short) return '\\' + short;
  const v = c.codePointAt(0) ?? 0;
  const hex = v.toString(16).toUpperCase();
  if (v <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (v <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}
