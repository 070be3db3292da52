// The expression grammar of Go's text/template/parse/parse.go: token navigation, pipelines with
// declarations, commands, operands and terms, with the parser's error texts
// (`template: :1: function "foo" not defined`, `unexpected "}" in operand`, …). Statements
// (actions, if/range/with, define/template/block) are in gotemplate-parse.ts.
import { type ArgNode, type CommandNode, type ListNode, type NumberLit, type PipeNode, argString } from './gotemplate-ast';
import { type Item, isKeyword, lex } from './gotemplate-lex';
import { goQuote } from './go-fmt';
import { parseGoNumber, unquoteGo } from './gotemplate-literals';
import { OutcomeError } from '../../outcome-error';

export class ParseError extends OutcomeError {}

function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (isKeyword(i.type)) return `<${i.val}>`;
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}
export class PipelineParser {
  protected items: Item[];
  protected idx = 0;
  protected lastLine = 1;
  protected vars: string[] = ['$'];
  protected rangeDepth = 0;
  protected actionLine = 0;
  protected defines = new Map<string, ListNode>();

  constructor(protected readonly text: string, protected readonly funcs: ReadonlySet<string>, protected readonly name: string) {
    this.items = lex(text);
  }

  protected next(): Item {
    const it = this.items[Math.min(this.idx, this.items.length - 1)];
    this.idx++;
    this.lastLine = Math.max(this.lastLine, it.line);
    return it;
  }
  protected backup(n = 1) {
    this.idx -= n;
  }
  protected peek(): Item {
    const it = this.next();
    this.backup();
    return it;
  }
  protected nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.type === 'space');
    return it;
  }
  protected peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }

  protected errorf(msg: string): never {
    throw new ParseError(`template: ${this.name}:${this.lastLine}: ${msg}`);
  }

  protected unexpected(token: Item, context: string): never {
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

  protected expect(type: Item['type'], context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }
  protected pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
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

  protected command(): CommandNode {
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

  protected operand(): ArgNode | undefined {
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

  protected term(): ArgNode | undefined {
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
