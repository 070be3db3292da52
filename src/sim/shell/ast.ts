// The syntax tree of the shell subset (DESIGN.md §2). A script is a list of lines; each line is
// one transcript step and holds `;`-separated and-or lists of pipelines of simple commands.

export type WordPart =
  | { kind: "lit"; text: string; quoted: boolean }
  | { kind: "var"; name: string; quoted: boolean; /** ${VAR:-default} */ fallback?: Word }
  | { kind: "subst"; source: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type Redirect =
  | { kind: "file"; fd: number; op: ">" | ">>" | "<"; target: Word }
  | { kind: "dup"; fd: number; to: number }
  | { kind: "heredoc"; fd: number; delimiter: string; expand: boolean; stripTabs: boolean; body: string }
  | { kind: "herestring"; fd: number; word: Word };

export interface SimpleCommand {
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

/** `for NAME in WORDS; do …; done` (no `in`: the positional parameters, none here). */
export interface ForLoop {
  kind: "for";
  name: string;
  words: Word[];
  body: AndOr[];
  redirects: Redirect[];
}

/** `while LIST; do …; done` and `until LIST; do …; done`. */
export interface WhileLoop {
  kind: "while";
  until: boolean;
  cond: AndOr[];
  body: AndOr[];
  redirects: Redirect[];
}

/** `if LIST; then …; elif LIST; then …; else …; fi`. */
export interface IfClause {
  kind: "if";
  branches: { cond: AndOr[]; body: AndOr[] }[];
  otherwise?: AndOr[];
  redirects: Redirect[];
}

export type Compound = ForLoop | WhileLoop | IfClause;

export type Command = SimpleCommand | Compound;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  /** Ended by `&`: run as a background job; `text` is the list as typed (what `jobs` shows). */
  background?: { text: string };
}

export interface Line {
  /** The command as typed: continuation lines joined, heredoc bodies left out. */
  text: string;
  /** 1-based line number where it starts, for error messages. */
  lineNo: number;
  lists: AndOr[];
  /** A syntax error: the line becomes a failing step with this message. */
  error?: string;
}
