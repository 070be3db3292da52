// Mirrors Go's text/template/parse/parse.go, statements: actions, if / else if /
// with / else with / range (+ break, continue) / define / template / block, variable scoping, and
// the parser's messages: `template: :1: function "foo" not defined`, `unexpected EOF`, …
import type { ListNode, Node, PipeNode } from './gotemplate-ast';
import type { Item } from './gotemplate-lex';
import { goQuote } from './go-fmt';
import { unquoteGo } from './gotemplate-literals';
import { ParseError, PipelineParser } from './gotemplate-parse-pipeline';

export interface ParsedTemplate {
  name: string;
  root: ListNode;
  /** {{define}} / {{block}} bodies by name. */
  defines: Map<string, ListNode>;
  text: string;
}

type Ctl = { t: 'end' | 'else'; pos: number; line: number };

export function parseGoTemplate(text: string, funcs: ReadonlySet<string>, name = ''): { ok: true; tpl: ParsedTemplate } | { ok: false; error: string } {
  try {
    return { ok: true, tpl: new Parser(text, funcs, name).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

class Parser extends PipelineParser {
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

  protected parseDefinition() {
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
  protected body(context: string): ListNode {
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

  protected addDefine(name: string, list: ListNode) {
    const old = this.defines.get(name);
    const isEmpty = (l: ListNode) => l.nodes.every((n) => n.t === 'text' && n.text.trim() === '');
    if (old && !isEmpty(old) && !isEmpty(list)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
    if (!old || !isEmpty(list)) this.defines.set(name, list);
  }

  protected textOrAction(): Node | Ctl {
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

  protected itemList(): [ListNode, Ctl] {
    const list: ListNode = { t: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if ('t' in n && (n.t === 'end' || n.t === 'else')) return [list, n as Ctl];
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF');
  }

  protected action(): Node | Ctl {
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

  protected control(context: 'if' | 'range' | 'with'): Node {
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

  protected templateControl(context = 'template clause'): Node {
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

  protected parseTemplateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') {
      const s = unquoteGo(token.val);
      if (s === undefined) this.errorf('invalid syntax');
      return s;
    }
    this.unexpected(token, context);
  }

  protected blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.addDefine(name, this.body(context));
    return { t: 'template', pos: token.pos, line: token.line, name, pipe };
  }
}
