// The syntax tree of the container shell (busybox ash / dash subset): lists, and-or, pipelines,
// simple commands with redirections, and the compound commands scripts use in containers
// (if, while/until, for, case, { …; }, ( … ), functions).

import { OutcomeError } from "../../outcome-error";

/** A piece of a word: `expand` allows $-expansion, `split` allows field splitting and globbing. */
export interface WordPart {
  text: string;
  expand: boolean;
  split: boolean;
  /** An unquoted `~` starting the word (or an assignment's value): $HOME when followed by `/` or nothing. */
  tilde?: boolean;
}

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  fd: number;
  /** `&>`: stdout and stderr to the file; `<<`: a here-document, whose body is `target`; `<<<`: a here-string. */
  op: ">" | ">>" | "<" | ">&" | "&>" | "<<" | "<<<";
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
  | { kind: "case"; subject: Word; arms: { patterns: Word[]; body: Node | undefined }[]; redirects: Redirect[] }
  | { kind: "function"; name: string; body: Node }
  /** `[[ … ]]` (bash, and busybox ash): words and the operators && || ! ( ) < > between them. */
  | { kind: "test2"; items: ({ word: Word } | { op: string })[] }
  | { kind: "background"; body: Node };

/** A script that does not parse: busybox's wording, and the script line the shell reports. */
export class ShellSyntaxError extends OutcomeError {
  /**
   * `token`: the offending token's text, as bash quotes it (`b`, `)`, `newline`), or the quote
   * left open; `openedLine`: where that quote opened (bash names it).
   */
  constructor(message: string, readonly line?: number, readonly token?: string, readonly openedLine?: number) { super(message); }
}
