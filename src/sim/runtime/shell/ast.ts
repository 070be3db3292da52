// The syntax tree of the container shell (busybox ash / dash subset): lists, and-or, pipelines,
// simple commands with redirections, and the compound commands scripts use in containers
// (if, while/until, for, { …; }, ( … )).

/** A piece of a word: `expand` allows $-expansion, `split` allows field splitting and globbing. */
export interface WordPart {
  text: string;
  expand: boolean;
  split: boolean;
}

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  fd: number;
  /** `&>`: stdout and stderr to the file. */
  op: ">" | ">>" | "<" | ">&" | "&>";
  target: Word;
}

export type Node =
  | { kind: "simple"; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[]; /** for error messages */ line?: number }
  | { kind: "pipeline"; negate: boolean; commands: Node[] }
  | { kind: "andor"; op: "&&" | "||"; left: Node; right: Node }
  | { kind: "list"; items: Node[] }
  | { kind: "loop"; until: boolean; cond: Node; body: Node; redirects: Redirect[] }
  | { kind: "for"; name: string; items: Word[] | undefined; body: Node; redirects: Redirect[] }
  | { kind: "if"; branches: { cond: Node; body: Node }[]; otherwise?: Node; redirects: Redirect[] }
  | { kind: "group"; body: Node; subshell: boolean; redirects: Redirect[] }
  | { kind: "background"; body: Node };

export class ShellSyntaxError extends Error {}
