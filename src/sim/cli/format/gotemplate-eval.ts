// The expression half of Go's text/template/exec.go: pipelines, commands, field chains (struct
// fields, methods with arguments, map keys), function calls with Go's argument checking, and the
// error texts located as `template: :LINE:COL: executing "NAME" at <NODE>: …`. The statement
// half (walking if/range/with/template and printing) is gotemplate-exec.ts.
import { type ArgNode, type CommandNode, type Node, type NumberLit, type PipeNode, argString, nodeString } from './gotemplate-ast';
import { FuncError, type FuncCtx, type GoFunc, type ParamType } from './gotemplate-funcs';
import type { ParsedTemplate } from './gotemplate-parse';
import { goQuote } from './go-fmt';
import { GoFloat, type GoObjectKind, goTruth, goTypeName, isGoInt, objectEntries, objectGet, objectKind } from './go-value';
import { OutcomeError } from '../../outcome-error';

export interface ExecOptions {
  funcs: Record<string, GoFunc>;
  /** What untagged plain objects are (docker data: 'struct'; decoded JSON: 'map'). */
  objects?: GoObjectKind;
  /** Option("missingkey=…"): `error` makes a missing map key fail (docker inspect's raw fallback). */
  missingKey?: 'invalid' | 'zero' | 'error';
  /** Go type of the data, for messages: `*formatter.serviceContext`. */
  rootType?: string;
  /** The data's fields are Go methods (docker's list contexts): arguments → "wrong number of args". */
  rootMethods?: boolean;
  maxOutput?: number;
  maxSteps?: number;
}

export const MISSING = Symbol('missing');
export type Val = unknown;
export type AnyNode = Node | ArgNode | CommandNode;

export class ExecError extends OutcomeError {}

const STATEMENTS = new Set(['list', 'text', 'action', 'if', 'with', 'range', 'template', 'break', 'continue']);

export class Evaluator {
  out = '';
  node: AnyNode | undefined;
  name: string;
  vars: { name: string; value: Val }[];
  protected steps = 0;
  protected depth = 0;
  readonly objects: GoObjectKind;
  protected readonly ctx: FuncCtx;

  constructor(protected readonly tpl: ParsedTemplate, protected readonly opts: ExecOptions, protected readonly root: unknown) {
    this.name = tpl.name;
    this.vars = [{ name: '$', value: root }];
    this.objects = opts.objects ?? 'struct';
    this.ctx = { objects: this.objects, invoke: (fn, args) => (fn as (...a: unknown[]) => unknown)(...args) };
  }

  protected at(n: AnyNode) {
    this.node = n;
  }

  errorf(msg: string): never {
    const n = this.node;
    if (!n) throw new ExecError(`template: ${this.name}: ${msg}`);
    const before = new TextEncoder().encode(this.tpl.text.slice(0, n.pos));
    const nl = before.lastIndexOf(10);
    const line = 1 + before.filter((b) => b === 10).length;
    const col = nl < 0 ? before.length : before.length - nl - 1;
    // Go 1.24 (docker 28) prints the whole node; older releases cut it at 20 bytes.
    const context = STATEMENTS.has(n.t) ? nodeString(n as Node) : argString(n as ArgNode | CommandNode);
    throw new ExecError(`template: ${this.tpl.name}:${line}:${col}: executing ${goQuote(this.name)} at <${context}>: ${msg}`);
  }

  protected tick() {
    if (++this.steps > (this.opts.maxSteps ?? 1_000_000)) this.errorf('template execution exceeded its step budget');
  }

  protected write(s: string) {
    this.out += s;
    if (this.out.length > (this.opts.maxOutput ?? 4 << 20)) this.errorf('template output exceeds the size limit');
  }

  protected setVar(name: string, value: Val) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe);
    let value: Val = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.name, value);
      else this.vars.push({ name: d.name, value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Val) {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${argString(args[0])}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    this.tick();
    const first = cmd.args[0];
    switch (first.t) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.idents, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberLit): Val {
    this.at(n);
    if (n.isComplex) this.errorf(`complex constant ${n.text} is not supported`);
    if (n.isFloat && !n.isChar && !/^[+-]?0[xX]/.test(n.text) && /[.eEpP]/.test(n.text)) {
      return Number.isInteger(n.float) ? new GoFloat(n.float) : n.float;
    }
    if (n.isInt) return n.int;
    this.errorf(`${n.text} overflows int`);
  }

  private evalChain(dot: Val, chain: Extract<ArgNode, { t: 'chain' }>, args: ArgNode[], final: Val): Val {
    this.at(chain);
    if (chain.node.t === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`);
    const pipe = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.fields, args, final);
  }

  private evalVariable(dot: Val, v: Extract<ArgNode, { t: 'variable' }>, args: ArgNode[], final: Val): Val {
    this.at(v);
    const value = this.varValue(v.idents[0]);
    if (v.idents.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.idents.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, node: AnyNode, idents: string[], args: ArgNode[], final: Val): Val {
    // Go reports a value's static type: an element of a map[string]interface{} (decoded JSON) is
    // an `interface {}`, whatever it holds.
    let staticType: string | undefined;
    for (let i = 0; i < idents.length - 1; i++) {
      const fromAnyMap = goTypeName(receiver, this.objects) === 'map[string]interface {}';
      receiver = this.evalField(dot, idents[i], node, [], MISSING, receiver, staticType);
      staticType = fromAnyMap ? 'interface {}' : undefined;
    }
    return this.evalField(dot, idents[idents.length - 1], node, args, final, receiver, staticType);
  }

  private evalField(dot: Val, name: string, node: AnyNode, args: ArgNode[], final: Val, receiver: Val, staticType?: string): Val {
    if (receiver === undefined) {
      if (this.opts.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    const type = staticType ?? (receiver === this.root ? (this.opts.rootType ?? goTypeName(receiver, this.objects)) : goTypeName(receiver, this.objects));
    if (receiver === null) this.errorf(`nil pointer evaluating ${type}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (typeof receiver === 'object' && !(receiver instanceof GoFloat) && !Array.isArray(receiver)) {
      const method = findMember(receiver, name);
      if (method.found && typeof method.value === 'function') {
        return this.evalCall(dot, { params: [], variadic: 'any', call: (a) => (method.value as (...x: unknown[]) => unknown).apply(receiver, a) }, name, node, args, final);
      }
      if (receiver instanceof Map || objectKind(receiver, this.objects) === 'map') {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        const got = receiver instanceof Map ? { found: receiver.has(name), value: receiver.get(name) } : objectGet(receiver, name);
        if (got.found) return got.value;
        if (this.opts.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(name)}`);
        return this.opts.missingKey === 'zero' && objectEntries(receiver, 'map').every(([, x]) => typeof x === 'string') ? '' : undefined;
      }
      if (method.found) {
        if (hasArgs && receiver === this.root && this.opts.rootMethods) {
          this.errorf(`wrong number of args for ${name}: want 0 got ${args.length - 1 + (final !== MISSING ? 1 : 0)}`);
        }
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return method.value;
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${type}`);
  }

  private evalFunction(dot: Val, node: Extract<ArgNode, { t: 'identifier' }>, cmd: AnyNode, args: ArgNode[], final: Val): Val {
    this.at(node);
    const fn = this.opts.funcs[node.name];
    if (!fn) this.errorf(`${goQuote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, node.name, cmd, args, final);
  }

  private evalCall(dot: Val, fn: GoFunc, name: string, node: AnyNode, args: ArgNode[], final: Val): Val {
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    if (fn.variadic) {
      if (numIn < fn.params.length) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${argNodes.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    const typeAt = (i: number): ParamType => (i < fn.params.length ? fn.params[i] : (fn.variadic as ParamType));
    if (fn === this.opts.funcs.and || fn === this.opts.funcs.or) {
      let v: Val;
      for (const a of argNodes) {
        v = this.evalArg(dot, 'value', a);
        if (goTruth(v, this.objects) === (name === 'or')) return v;
      }
      return final !== MISSING ? final : v;
    }
    const argv = argNodes.map((a, i) => this.evalArg(dot, typeAt(i), a));
    if (final !== MISSING) argv.push(this.validateType(final, typeAt(argNodes.length)));
    try {
      const intArgs = this.objects === 'map' ? argNodes.map(isStaticInt) : undefined;
      return fn.call(argv, { ...this.ctx, callee: name === 'call' && argNodes[0] ? argString(argNodes[0]) : undefined, intArgs });
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private evalArg(dot: Val, type: ParamType, n: ArgNode): Val {
    this.at(n);
    switch (n.t) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === 'any' || type === '[]string') return null;
        if (type === 'value') return undefined;
        this.errorf(`cannot assign nil to ${type}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.idents, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [n], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
    }
    if (type === 'int') {
      if (n.t === 'number' && n.isInt) return n.int;
      this.errorf(`expected integer; found ${argString(n)}`);
    }
    if (type === 'string') {
      if (n.t === 'string') return n.text;
      this.errorf(`expected string; found ${argString(n)}`);
    }
    if (type === '[]string') this.errorf(`can't handle ${argString(n)} for arg of type []string`);
    if (n.t === 'bool') return n.value;
    if (n.t === 'number') return this.idealConstant(n);
    return n.text;
  }

  private validateType(v: Val, type: ParamType): Val {
    if (type === 'value') return v;
    if (v === undefined) {
      if (type === 'any' || type === '[]string') return null;
      this.errorf(`invalid value; expected ${type}`);
    }
    const got = () => goTypeName(v, this.objects);
    if (type === 'string' && typeof v !== 'string') this.errorf(`wrong type for value; expected string; got ${got()}`);
    if (type === 'int' && !(typeof v === 'number' && isGoInt(v))) this.errorf(`wrong type for value; expected int; got ${got()}`);
    if (type === '[]string') {
      if (v === null) return [];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) this.errorf(`wrong type for value; expected []string; got ${got()}`);
    }
    return v;
  }
}

/**
 * An argument Go types as `int` whatever the data: a number literal (Go's idealConstant makes
 * an int of it; a float is float64 in every mode anyway) or a parenthesised `len`.
 */
function isStaticInt(n: ArgNode): boolean {
  if (n.t === 'number') return true;
  if (n.t !== 'pipe' || n.decl.length > 0) return false;
  const last = n.cmds[n.cmds.length - 1]?.args[0];
  return last?.t === 'identifier' && last.name === 'len';
}

/** A struct field or method: own properties and class members, never Object.prototype's. */
function findMember(obj: object, name: string): { found: boolean; value: unknown } {
  let o: object | null = obj;
  while (o && o !== Object.prototype && o !== Map.prototype) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return { found: true, value: d.get ? d.get.call(obj) : d.value };
    o = Object.getPrototypeOf(o);
  }
  return { found: false, value: undefined };
}

