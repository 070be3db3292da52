// Mirrors k8s.io/client-go/util/jsonpath/jsonpath.go over unstructured data (what kubectl queries):
// objects are map[string]interface{}, integers int64, other numbers float64. Each eval step keeps
// Go's (values, error) pair, because some quirks depend on the values returned with an error
// (a filter's existence test ignores the error but keeps them). Map keys are visited in sorted
// order where Go's order is random (wildcards, recursive descent).
import { type JPList, type JPNode, type ParamsEntry, parseJsonPath } from './jsonpath-parse';
import { GoByte, GoFloat, compareBytes, isGoInt, isPlainObject } from './go-value';
import { goV } from './go-fmt';
import { OutcomeError } from '../../outcome-error';

export { GoByte, GoFloat };

/** `undefined` in results is Go's invalid reflect.Value (printed `<no value>`); `null` is a nil. */
export type JPValue = unknown;

export interface JsonPathOptions {
  /** kubectl passes true (--allow-missing-template-keys=true); client-go's own default is false. */
  allowMissingKeys?: boolean;
  /** Cap on values visited, so no template/data pair can run away. */
  maxSteps?: number;
}

type Step = [JPValue[], string?];

class State {
  beginRange = 0;
  inRange = 0;
  endRange = 0;
  lastEndNode: JPNode | undefined;
  steps = 0;
  constructor(readonly allowMissingKeys: boolean, readonly maxSteps: number) {}
}

class BudgetExceeded extends OutcomeError {}

export type JPResults = { ok: true; results: JPValue[][] } | { ok: false; error: string };

/** JSONPath.FindResults: one list of values per top-level node of the template. */
export function findJsonPathResults(root: JPList, data: unknown, opts: JsonPathOptions = {}): JPResults {
  const state = new State(opts.allowMissingKeys ?? true, opts.maxSteps ?? 1_000_000);
  try {
    return findResults(state, data, root.nodes);
  } catch (e) {
    if (e instanceof BudgetExceeded) return { ok: false, error: 'jsonpath evaluation exceeded its budget' };
    throw e;
  }
}

/** All values an expression selects, flattened, e.g. for grading queries. */
export function evalJsonPath(expr: string, data: unknown, opts: JsonPathOptions = {}): { ok: true; values: unknown[] } | { ok: false; error: string } {
  const parsed = parseJsonPath(expr);
  if (!parsed.ok) return parsed;
  const r = findJsonPathResults(parsed.root, data, opts);
  if (!r.ok) return r;
  return { ok: true, values: r.results.flat().map(plainValue) };
}

/** Literal wrappers back to plain JS values. */
export function plainValue(v: JPValue): unknown {
  return v instanceof GoFloat || v instanceof GoByte ? v.value : v;
}

function findResults(state: State, data: unknown, nodes: JPNode[]): JPResults {
  const full: JPValue[][] = [];
  const cur = [data];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const [results, err] = walk(state, cur, node);
    if (err !== undefined) return { ok: false, error: err };
    if (state.endRange > 0 && state.endRange <= state.inRange) {
      state.endRange--;
      state.lastEndNode = node;
      break;
    }
    if (state.beginRange > 0) {
      state.beginRange--;
      state.inRange++;
      const rest = nodes.slice(i + 1);
      // value.Interface() of a nil element is a nil interface: the body then sees an invalid value.
      for (const value of results.length > 0 ? results : [null]) {
        const next = findResults(state, value === null ? undefined : value, rest);
        if (!next.ok) return next;
        if (results.length > 0) full.push(...next.results);
      }
      state.inRange--;
      const k = nodes.indexOf(state.lastEndNode as JPNode, i + 1);
      if (k >= 0) i = k;
      continue;
    }
    full.push(results);
  }
  return { ok: true, results: full };
}

function tick(state: State, n = 1) {
  state.steps += n;
  if (state.steps > state.maxSteps) throw new BudgetExceeded();
}

function walk(state: State, input: JPValue[], node: JPNode): Step {
  tick(state, input.length + 1);
  switch (node.type) {
    case 'list':
      return evalList(state, input, node);
    case 'text':
      return [[node.text]];
    case 'field':
      return evalField(state, input, node.name);
    case 'array':
      return evalArray(input, node.params);
    case 'filter':
      return evalFilter(state, input, node);
    case 'int':
      return [[node.value]];
    case 'float':
      return [[new GoFloat(node.value)]];
    case 'bool':
      return [[node.value]];
    case 'wildcard':
      return [input.flatMap(children)];
    case 'recursive':
      return [evalRecursive(state, input, 0)];
    case 'union': {
      const out: JPValue[] = [];
      for (const l of node.nodes) {
        const [vals, err] = evalList(state, input, l);
        if (err !== undefined) return [input, err];
        out.push(...vals);
      }
      return [out];
    }
    case 'identifier':
      if (node.name === 'range') {
        state.beginRange++;
        return [input];
      }
      if (node.name === 'end') {
        if (state.inRange > 0) {
          state.endRange++;
          return [[]];
        }
        return [[], 'not in range, nothing to end'];
      }
      return [input, `unrecognized identifier ${node.name}`];
  }
}

function evalList(state: State, input: JPValue[], list: JPList): Step {
  let cur = input;
  for (const n of list.nodes) {
    const [vals, err] = walk(state, cur, n);
    if (err !== undefined) return [vals, err];
    cur = vals;
  }
  return [cur];
}

const isObj = (v: unknown): v is Record<string, unknown> => !(v instanceof GoFloat || v instanceof GoByte) && isPlainObject(v);

function evalField(state: State, input: JPValue[], name: string): Step {
  if (input.length === 0) return [[]];
  const results: JPValue[] = [];
  for (const v of input) {
    if (v instanceof Map) {
      if (v.has(name) && v.get(name) !== undefined) results.push(v.get(name));
    } else if (isObj(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) {
      results.push(v[name]);
    }
  }
  if (results.length === 0 && !state.allowMissingKeys) return [results, `${name} is not found`];
  return [results];
}

function evalArray(input: JPValue[], node: [ParamsEntry, ParamsEntry, ParamsEntry]): Step {
  const result: JPValue[] = [];
  for (const value of input) {
    if (value === null) continue;
    if (!Array.isArray(value)) return [input, `${typeName(value)} is not array or slice`];
    const len = value.length;
    const p = node.map((e) => ({ ...e }));
    if (!p[0].known) p[0].value = 0;
    if (p[0].value < 0) p[0].value += len;
    if (!p[1].known) p[1].value = len;
    if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
    if (p[1].value === p[0].value) return [result]; // zero elements requested (Go stops here)
    if (p[0].value >= len || p[0].value < 0) return [input, `array index out of bounds: index ${p[0].value}, length ${len}`];
    if (p[1].value > len || p[1].value < 0) return [input, `array index out of bounds: index ${p[1].value - 1}, length ${len}`];
    if (p[0].value > p[1].value) return [input, `starting index ${p[0].value} is greater than ending index ${p[1].value}`];
    let step = 1;
    if (p[2].known) {
      if (p[2].value <= 0) return [input, 'step must be > 0'];
      step = p[2].value;
    }
    for (let i = p[0].value; i < p[1].value; i += step) result.push(value[i]);
  }
  return [result];
}

function evalFilter(state: State, input: JPValue[], node: Extract<JPNode, { type: 'filter' }>): Step {
  const results: JPValue[] = [];
  for (const value of input) {
    if (!Array.isArray(value)) {
      const shown = value === undefined ? '<invalid reflect.Value>' : goV(plainValue(value), 'map');
      return [input, `${shown} is not array or slice and cannot be filtered`];
    }
    for (const item of value) {
      tick(state);
      const [lefts, lerr] = evalList(state, [item], node.left);
      if (node.op === 'exists') {
        if (lefts.length > 0) results.push(item);
        continue;
      }
      if (lerr !== undefined) return [input, lerr];
      if (lefts.length === 0) continue;
      if (lefts.length > 1) return [input, 'can only compare one element at a time'];
      const [rights, rerr] = evalList(state, [item], node.right);
      if (rerr !== undefined) return [input, rerr];
      if (rights.length === 0) continue;
      if (rights.length > 1) return [input, 'can only compare one element at a time'];
      const cmp = compare(node.op, lefts[0], rights[0]);
      if (typeof cmp === 'string') return [results, cmp];
      if (cmp) results.push(item);
    }
  }
  return [results];
}

type Basic = { kind: 'bool' | 'int' | 'uint' | 'float' | 'string'; v: unknown };

function basic(v: JPValue): Basic | undefined {
  if (typeof v === 'boolean') return { kind: 'bool', v };
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'number') return { kind: isGoInt(v) ? 'int' : 'float', v };
  if (v instanceof GoFloat) return { kind: 'float', v: v.value };
  if (v instanceof GoByte) return { kind: 'uint', v: v.value };
  return undefined;
}

/** text/template's eq/lt as forked into client-go: a bool, or the error message. */
function compare(op: string, l: JPValue, r: JPValue): boolean | string {
  const a = basic(l);
  const b = basic(r);
  if (!a || !b) return 'invalid type for comparison';
  const ints = (a.kind === 'int' || a.kind === 'uint') && (b.kind === 'int' || b.kind === 'uint');
  if (a.kind !== b.kind && !ints) return 'incompatible types for comparison';
  const eq = a.v === b.v;
  if (op === '==') return eq;
  if (op === '!=') return !eq;
  if (a.kind === 'bool') return 'invalid type for comparison';
  const lt = a.kind === 'string' ? compareBytes(a.v as string, b.v as string) < 0 : (a.v as number) < (b.v as number);
  if (op === '<') return lt;
  if (op === '>') return !lt && !eq;
  if (op === '<=') return lt || eq;
  if (op === '>=') return !lt;
  return `unrecognized filter operator ${op}`;
}

/** Elements of a slice, values of a map (sorted by key), bytes of a string. */
function children(v: JPValue): JPValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.keys()].sort(compareBytes).map((k) => v.get(k));
  if (isObj(v)) return Object.keys(v).filter((k) => v[k] !== undefined).sort(compareBytes).map((k) => v[k]);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)].map((b) => new GoByte(b));
  return [];
}

function evalRecursive(state: State, input: JPValue[], depth: number): JPValue[] {
  const result: JPValue[] = [];
  if (depth > 512) throw new BudgetExceeded();
  for (const value of input) {
    if (value === null) continue;
    const kids = children(value);
    tick(state, kids.length);
    if (kids.length === 0) continue;
    result.push(value, ...evalRecursive(state, kids, depth + 1));
  }
  return result;
}

/** Go type names as reflect prints them for unstructured data. */
export function typeName(v: JPValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObj(v) || v instanceof Map) return 'map[string]interface {}';
  return 'interface {}';
}
