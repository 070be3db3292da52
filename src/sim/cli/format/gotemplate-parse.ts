// Mirrors Go's text/template/parse/parse.go: actions, pipelines with declarations, if / else if /
// with / else with / range (+ break, continue) / define / template / block, variable scoping, and
// the parser's messages: `template: :1: function "foo" not defined`, `unexpected EOF`, …
import { type ArgNode, type CommandNode, type ListNode, type Node, type NumberLit, type PipeNode, argString } from './gotemplate-ast';
import { type Item, isKeyword, lex } from './gotemplate-lex';
import { goQuote } from './go-fmt';
import { unquoteGo, parseGoNumber } from './gotemplate-literals';

export interface ParsedTemplate {
  name: string;
  root: ListNode;
  /** {{define}} / {{block}} bodies by name. */
  defines: Map<string, ListNode>;
  text: string;
}

class ParseError extends Error {}

type Ctl = { t: 'end' | 'else'; pos: number; line: number };

export function parseGoTemplate(text: string, funcs: ReadonlySet<string>, name = ''): { ok: true; tpl: ParsedTemplate } | { ok: false; error: string } {
  try {
    return { ok: true, tpl: new Parser(text, funcs, name).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (isKeyword(i.type)) return `<${i.val}>`;
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}

class Parser {
  private items: Item[];
  private idx = 0;
  private lastLine = 1;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private defines = new Map<string, ListNode>();

  constructor(private readonly text: string, private readonly funcs: ReadonlySet<string>, private readonly name: string) {
    this.items = lex(text);
  }

  parse(): ParsedTemplate {
    const root: ListNode = { t: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const mark = this.idx;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.idx = mark;
      }
      const n = this.textOrAction();
      if ('t' in n && (n.t === 'end' || n.t === 'else')) this.errorf(`unexpected {{${n.t}}}`);
      root.nodes.push(n as Node);
    }
    return { name: this.name, root, defines: this.defines, text: this.text };
  }

  private next(): Item {
    const it = this.items[Math.min(this.idx, this.items.length - 1)];
    this.idx++;
    this.lastLine = Math.max(this.lastLine, it.line);
    return it;
  }
  private backup(n = 1) {
    this.idx -= n;
  }
  private peek(): Item {
    const it = this.next();
    this.backup();
    return it;
  }
  private nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.type === 'space');
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }

  private errorf(msg: string): never {
    throw new ParseError(`template: ${this.name}:${this.lastLine}: ${msg}`);
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private expect(type: Item['type'], context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  private parseDefinition() {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = unquoteGo(token.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.expect('rightDelim', context);
    const list = this.body(context);
    this.addDefine(name, list);
  }

  /** A define/block body is its own tree: it sees only `$` and no enclosing range. */
  private body(context: string): ListNode {
    const [vars, depth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      const [list, end] = this.itemList();
      if (end.t !== 'end') this.errorf(`unexpected {{${end.t}}} in ${context}`);
      return list;
    } finally {
      [this.vars, this.rangeDepth] = [vars, depth];
    }
  }

  private addDefine(name: string, list: ListNode) {
    const old = this.defines.get(name);
    const isEmpty = (l: ListNode) => l.nodes.every((n) => n.t === 'text' && n.text.trim() === '');
    if (old && !isEmpty(old) && !isEmpty(list)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
    if (!old || !isEmpty(list)) this.defines.set(name, list);
  }

  private textOrAction(): Node | Ctl {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { t: 'text', pos: token.pos, text: token.val };
    if (token.type === 'leftDelim') {
      this.actionLine = token.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    return this.unexpected(token, 'input');
  }

  private itemList(): [ListNode, Ctl] {
    const list: ListNode = { t: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if ('t' in n && (n.t === 'end' || n.t === 'else')) return [list, n as Ctl];
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF');
  }

  private action(): Node | Ctl {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.type !== 'rightDelim') this.unexpected(t, `{{${token.type}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.type}}} outside {{range}}`);
        return { t: token.type, pos: token.pos, line: token.line };
      }
      case 'else': {
        const peek = this.peekNonSpace();
        if (peek.type === 'if' || peek.type === 'with') return { t: 'else', pos: peek.pos, line: peek.line };
        const t = this.expect('rightDelim', 'else');
        return { t: 'else', pos: t.pos, line: t.line };
      }
      case 'end':
        return { t: 'end', pos: this.expect('rightDelim', 'end').pos, line: token.line };
      case 'if':
      case 'range':
      case 'with':
        return this.control(token.type);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const t = this.peek();
    return { t: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next0] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next0.t === 'else') {
        const p = this.peek();
        if ((context === 'if' && p.type === 'if') || (context === 'with' && p.type === 'with')) {
          this.next();
          elseList = { t: 'list', pos: next0.pos, nodes: [this.control(context)] };
        } else {
          const [l, next] = this.itemList();
          if (next.t !== 'end') this.errorf(`expected end; found {{${next.t}}}`);
          elseList = l;
        }
      }
      return { t: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private templateControl(context = 'template clause'): Node {
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const t = this.nextNonSpace();
    let pipe: PipeNode | undefined;
    if (t.type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { t: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') {
      const s = unquoteGo(token.val);
      if (s === undefined) this.errorf('invalid syntax');
      return s;
    }
    this.unexpected(token, context);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.addDefine(name, this.body(context));
    return { t: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { t: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.nextNonSpace();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, name: v.val });
        this.vars.push(v.val);
        break;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, name: v.val });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.backup(after.type === 'space' ? 2 : 1);
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].t)) {
            this.errorf(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      if (['bool', 'charConstant', 'complex', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(t.type)) {
        this.backup();
        pipe.cmds.push(this.command());
      } else this.unexpected(t, context);
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { t: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.t) {
      case 'field':
        return { t: 'field', pos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { t: 'variable', pos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(argString(node))}`);
      default:
        return { t: 'chain', pos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { t: 'identifier', pos: token.pos, name: token.val };
      case 'dot':
        return { t: 'dot', pos: token.pos };
      case 'nil':
        return { t: 'nil', pos: token.pos };
      case 'variable':
        if (!this.vars.includes(token.val)) this.errorf(`undefined variable ${goQuote(token.val)}`);
        return { t: 'variable', pos: token.pos, idents: [token.val] };
      case 'field':
        return { t: 'field', pos: token.pos, idents: [token.val.slice(1)] };
      case 'bool':
        return { t: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = parseGoNumber(token.val, token.type);
        if (typeof n === 'string') this.errorf(n);
        return { ...n, pos: token.pos } as NumberLit;
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const s = unquoteGo(token.val);
        if (s === undefined) this.errorf('invalid syntax');
        return { t: 'string', pos: token.pos, quoted: token.val, text: s };
      }
    }
    this.backup();
    return undefined;
  }
}
