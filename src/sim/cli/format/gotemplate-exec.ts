// Mirrors the statement half of Go's text/template/exec.go over JS data: printing actions, if /
// with / else, range over slices, maps (sorted keys) and ints with break/continue, and
// {{template}} calls. Expressions are evaluated by gotemplate-eval.ts. "No value" is `undefined`;
// nil is `null`.
import { type ControlNode, type ListNode, type Node, type PipeNode, nodeString } from './gotemplate-ast';
import { Evaluator, ExecError, type ExecOptions, type Val } from './gotemplate-eval';
import type { ParsedTemplate } from './gotemplate-parse';
import { goQuote, goV } from './go-fmt';
import { GoFloat, compareBytes, goTruth, isGoInt, objectEntries, objectKind } from './go-value';

export type { ExecOptions } from './gotemplate-eval';

/** On failure `partial` is what was written before the error (Go leaves it in the writer). */
export type ExecResult = { ok: true; text: string } | { ok: false; error: string; partial: string };

class Break {}
class Continue {}

export function execGoTemplate(tpl: ParsedTemplate, data: unknown, opts: ExecOptions): ExecResult {
  const s = new Walker(tpl, opts, data);
  try {
    s.walk(data, tpl.root);
    return { ok: true, text: s.out };
  } catch (e) {
    if (e instanceof ExecError) return { ok: false, error: e.message, partial: s.out };
    throw e;
  }
}

class Walker extends Evaluator {
  walk(dot: Val, node: Node): void {
    this.tick();
    this.at(node);
    switch (node.t) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.t, dot, node.pipe, node.list, node.elseList);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
    }
  }

  private walkIfOrWith(t: 'if' | 'with', dot: Val, pipe: PipeNode, list: ListNode, elseList?: ListNode) {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, pipe);
    if (goTruth(val, this.objects)) this.walk(t === 'with' ? val : dot, list);
    else if (elseList) this.walk(dot, elseList);
    this.vars.length = mark;
  }

  private walkRange(dot: Val, r: ControlNode) {
    this.at(r);
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const bodyMark = this.vars.length;
    const decl = r.pipe.decl;
    const one = (index: Val, elem: Val) => {
      this.tick();
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0].name, decl.length > 1 ? index : elem);
        else this.vars[this.vars.length - 1].value = elem;
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].name, elem);
        else this.vars[this.vars.length - 2].value = index;
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = bodyMark;
      }
    };
    let ran = false;
    try {
      if (Array.isArray(val)) {
        val.forEach((x, i) => one(i, x));
        ran = val.length > 0;
      } else if (val instanceof Map || (typeof val === 'object' && val !== null && !(val instanceof GoFloat) && objectKind(val, this.objects) === 'map')) {
        const entries = val instanceof Map ? sortedMap(val) : objectEntries(val, 'map');
        entries.forEach(([k, x]) => one(k, x));
        ran = entries.length > 0;
      } else if (typeof val === 'number' && isGoInt(val)) {
        if (decl.length > 1) this.errorf(`can't use ${val} to iterate over more than one variable`);
        for (let i = 0; i < val; i++) one(i, i);
        ran = val > 0;
      } else if (val !== undefined && val !== null) {
        this.errorf(`range can't iterate over ${goV(val, this.objects)}`);
      }
    } catch (e) {
      if (!(e instanceof Break)) throw e;
      ran = true;
    }
    if (!ran && r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  private walkTemplate(dot: Val, t: Extract<Node, { t: 'template' }>) {
    this.at(t);
    const body = this.tpl.defines.get(t.name);
    if (!body) this.errorf(`template ${goQuote(t.name)} not defined`);
    // Go allows 100000 levels; JS stacks don't. Runaway recursion is the only way to get that deep,
    // so we stop far earlier but report Go's message.
    if (this.depth >= 1000) this.errorf('exceeded maximum template depth (100000)');
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value: newDot }];
    this.name = t.name;
    this.depth++;
    try {
      this.walk(newDot, body);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.name = saved.name;
    }
  }

  private printValue(n: Node, v: Val) {
    this.at(n);
    // Go prints an invalid reflect.Value as <no value>. Decoded JSON (`map` data) holds a null as a
    // nil interface{}, which the pipeline unwraps into just that; docker's typed structs hold nil
    // pointers, which stay valid and print as <nil>.
    if (v === undefined || (v === null && this.objects === 'map')) return this.write('<no value>');
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type func`);
    this.write(goV(v, this.objects));
  }
}

function sortedMap(m: Map<unknown, unknown>): [unknown, unknown][] {
  return [...m.entries()].sort(([a], [b]) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : compareBytes(String(a), String(b)),
  );
}
