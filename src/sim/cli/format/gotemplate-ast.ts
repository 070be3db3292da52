// The parse tree of Go's text/template (text/template/parse/node.go), with the String() forms Go
// shows in error messages (`executing "" at <.Spec.Foo>`).

export interface NumberLit {
  t: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  isChar: boolean;
  isComplex: boolean;
  int: number;
  float: number;
}

export type ArgNode =
  | { t: 'field'; pos: number; idents: string[] }
  | { t: 'variable'; pos: number; idents: string[] }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; pos: number; value: boolean }
  | NumberLit
  | { t: 'string'; pos: number; quoted: string; text: string }
  | { t: 'identifier'; pos: number; name: string }
  | { t: 'chain'; pos: number; node: ArgNode; fields: string[] }
  | PipeNode;

export interface CommandNode {
  t: 'command';
  pos: number;
  args: ArgNode[];
}

export interface PipeNode {
  t: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: { pos: number; name: string }[];
  cmds: CommandNode[];
}

export interface ListNode {
  t: 'list';
  pos: number;
  nodes: Node[];
}

export interface ControlNode {
  t: 'if' | 'with' | 'range';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export type Node =
  | ListNode
  | { t: 'text'; pos: number; text: string }
  | { t: 'action'; pos: number; line: number; pipe: PipeNode }
  | ControlNode
  | { t: 'template'; pos: number; line: number; name: string; pipe?: PipeNode }
  | { t: 'break' | 'continue'; pos: number; line: number };

export function argString(n: ArgNode | CommandNode): string {
  switch (n.t) {
    case 'field':
      return n.idents.map((i) => '.' + i).join('');
    case 'variable':
      return n.idents.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'identifier':
      return n.name;
    case 'chain':
      return (n.node.t === 'pipe' ? `(${pipeString(n.node)})` : argString(n.node)) + n.fields.map((f) => '.' + f).join('');
    case 'pipe':
      return pipeString(n);
    case 'command':
      return n.args.map((a) => (a.t === 'pipe' ? `(${pipeString(a)})` : argString(a))).join(' ');
  }
}

export function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.map((d) => d.name).join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(argString).join(' | ');
}

export function nodeString(n: Node): string {
  switch (n.t) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${pipeString(n.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range': {
      const els = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.t} ${pipeString(n.pipe)}}}${nodeString(n.list)}${els}{{end}}`;
    }
    case 'template':
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? ' ' + pipeString(n.pipe) : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${n.t}}}`;
  }
}
