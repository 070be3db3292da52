// Recursive-descent parser of the container shell (POSIX grammar, reduced): list → and-or →
// pipeline → command; compound commands if/while/until/for/case/{ }/( ) and function
// definitions `name() { …; }`. A script is read one complete command at a time (nextCommand), as
// ash, dash and bash do, so the commands before a syntax error run. Errors read like busybox:
// `syntax error: unexpected "fi" (expecting "done")`; keywords and operators are quoted, the
// other tokens are named (word, newline, redirection, end of file).

import { ShellSyntaxError, type Node, type Redirect, type Word } from "./ast";
import { tokenize, type Token } from "./lexer";

const STOP_WORDS = new Set(["then", "elif", "else", "fi", "do", "done", "}", "esac"]);
/** Reserved words: quoted in error messages when met in command position. */
const KEYWORDS = new Set([...STOP_WORDS, "if", "while", "until", "for", "case", "in", "{", "!"]);
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;

export class Parser {
  private i = 0;
  private readonly tokens: Token[];
  /** The line the shells report for an error at the end of the text. */
  private readonly eofLine: number;

  /** `[[` and `$'…'` exist in bash and busybox ash, not in dash (`bashisms` false). */
  constructor(src: string, private readonly doubleBracket = true) {
    this.tokens = tokenize(src, doubleBracket);
    this.eofLine = 1 + (src.match(/\n/g)?.length ?? 0);
  }

  private peek(): Token | undefined { return this.tokens[this.i]; }

  /** The unquoted literal text of a word token (for keywords), else undefined. */
  private keyword(t = this.peek()): string | undefined {
    if (t?.kind !== "word") return undefined;
    return t.word.parts.length === 1 && t.word.parts[0]!.split ? t.raw : undefined;
  }

  /** busybox's raise_error_unexpected_syntax: the token met, and what was expected if one thing was. */
  private unexpected(expecting?: string): never {
    const t = this.peek();
    if (t?.kind === "error") throw t.error;
    const kw = this.keyword(t);
    const what = !t ? "end of file"
      : t.kind === "word" ? (kw !== undefined && KEYWORDS.has(kw) ? `"${kw}"` : "word")
      : t.kind === "op" ? `"${t.op}"` : t.kind === "redir" ? "redirection" : "newline";
    const token = !t ? undefined : t.kind === "word" ? t.raw : t.kind === "op" ? t.op : t.kind === "newline" ? "newline" : undefined;
    throw new ShellSyntaxError(`syntax error: unexpected ${what}${expecting ? ` (expecting "${expecting}")` : ""}`, t?.line ?? this.eofLine, token);
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === "newline") this.i++;
  }

  private expectKeyword(kw: string): void {
    this.skipNewlines();
    if (this.keyword() !== kw) this.unexpected(kw);
    this.i++;
  }

  /**
   * The next complete command of the script (an and-or list up to a newline), or undefined at
   * the end; the shell runs it before reading further.
   */
  nextCommand(): Node | undefined {
    this.skipNewlines();
    if (!this.peek()) return undefined;
    const items: Node[] = [];
    for (;;) {
      const item = this.parseAndOr();
      const sep = this.peek();
      items.push(sep?.kind === "op" && sep.op === "&" ? { kind: "background", body: item } : item);
      if (sep?.kind === "op" && (sep.op === ";" || sep.op === "&")) {
        this.i++;
        const after = this.peek();
        if (!after || after.kind === "newline") break;
        continue;
      }
      if (sep && sep.kind !== "newline") this.unexpected();
      break;
    }
    return items.length === 1 ? items[0]! : { kind: "list", items };
  }

  /** list := and_or ((';' | '&' | newline) and_or)* — until a stop word, ')', ';;' or the end. */
  private parseList(): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) break;
      const kw = this.keyword(t);
      if (kw !== undefined && STOP_WORDS.has(kw)) break;
      if (t.kind === "op" && (t.op === ")" || t.op === ";;")) break;
      const item = this.parseAndOr();
      const sep = this.peek();
      items.push(sep?.kind === "op" && sep.op === "&" ? { kind: "background", body: item } : item);
      if (sep?.kind === "op" && (sep.op === ";" || sep.op === "&")) this.i++;
      else if (sep && sep.kind !== "newline") {
        const k = this.keyword(sep);
        if (!(k !== undefined && STOP_WORDS.has(k)) && !(sep.kind === "op" && (sep.op === ")" || sep.op === ";;"))) this.unexpected();
      }
    }
    return items.length === 1 ? items[0]! : { kind: "list", items };
  }

  /** A compound command's part: at least one command (`if then fi` is a syntax error). */
  private parseBody(): Node {
    const node = this.parseList();
    if (node.kind === "list" && node.items.length === 0) this.unexpected();
    return node;
  }

  private parseAndOr(): Node {
    let left = this.parsePipeline();
    for (let t = this.peek(); t?.kind === "op" && (t.op === "&&" || t.op === "||"); t = this.peek()) {
      this.i++;
      this.skipNewlines();
      left = { kind: "andor", op: t.op as "&&" | "||", left, right: this.parsePipeline() };
    }
    return left;
  }

  private parsePipeline(): Node {
    let negate = false;
    if (this.keyword() === "!") { negate = true; this.i++; }
    const commands = [this.parseCommand()];
    while (this.peek()?.kind === "op" && (this.peek() as { op: string }).op === "|") {
      this.i++;
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return commands.length === 1 && !negate ? commands[0]! : { kind: "pipeline", negate, commands };
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.kind === "redir"; t = this.peek()) {
      this.i++;
      const target = this.peek();
      if (target?.kind !== "word") this.unexpected();
      this.i++;
      out.push({ fd: t.fd, op: t.op, target: target.word });
    }
    return out;
  }

  private parseCommand(): Node {
    const t = this.peek();
    const kw = this.keyword(t);
    if (kw !== undefined && STOP_WORDS.has(kw)) this.unexpected();
    if (kw === "if") return this.parseIf();
    if (kw === "while" || kw === "until") {
      this.i++;
      const cond = this.parseBody();
      this.expectKeyword("do");
      const body = this.parseBody();
      this.expectKeyword("done");
      return { kind: "loop", until: kw === "until", cond, body, redirects: this.parseRedirects() };
    }
    if (kw === "for") return this.parseFor();
    if (kw === "case") return this.parseCase();
    if (kw === "[[" && this.doubleBracket) return this.parseDoubleBracket();
    const next = this.tokens[this.i + 1];
    if (kw !== undefined && /^[A-Za-z_][\w.-]*$/.test(kw) && next?.kind === "op" && next.op === "(") return this.parseFunction(kw);
    if (kw === "{") {
      this.i++;
      const body = this.parseBody();
      this.skipNewlines();
      if (this.keyword() !== "}") this.unexpected("}");
      this.i++;
      return { kind: "group", body, subshell: false, redirects: this.parseRedirects() };
    }
    if (t?.kind === "op" && t.op === "(") {
      this.i++;
      const body = this.parseBody();
      this.skipNewlines();
      const close = this.peek();
      if (close?.kind !== "op" || close.op !== ")") this.unexpected(")");
      this.i++;
      return { kind: "group", body, subshell: true, redirects: this.parseRedirects() };
    }
    return this.parseSimple();
  }

  private parseIf(): Node {
    this.i++;
    const branches: { cond: Node; body: Node }[] = [];
    let otherwise: Node | undefined;
    for (;;) {
      const cond = this.parseBody();
      this.expectKeyword("then");
      branches.push({ cond, body: this.parseBody() });
      this.skipNewlines();
      const kw = this.keyword();
      this.i++;
      if (kw === "elif") continue;
      if (kw === "else") { otherwise = this.parseBody(); this.expectKeyword("fi"); break; }
      if (kw === "fi") break;
      this.i--;
      this.unexpected("fi");
    }
    return { kind: "if", branches, ...(otherwise ? { otherwise } : {}), redirects: this.parseRedirects() };
  }

  private parseFor(): Node {
    this.i++;
    const name = this.keyword();
    if (!name || !/^[A-Za-z_]\w*$/.test(name)) throw new ShellSyntaxError("syntax error: bad for loop variable", this.peek()?.line ?? this.eofLine);
    this.i++;
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.keyword() === "in") {
      this.i++;
      items = [];
      for (let t = this.peek(); t?.kind === "word"; t = this.peek()) { items.push(t.word); this.i++; }
    }
    const sep = this.peek();
    if (sep?.kind === "op" && sep.op === ";") this.i++;
    this.expectKeyword("do");
    const body = this.parseBody();
    this.expectKeyword("done");
    return { kind: "for", name, items, body, redirects: this.parseRedirects() };
  }

  /** `[[ EXPR ]]`: the tokens up to `]]`, operators kept as such (no redirections inside). */
  private parseDoubleBracket(): Node {
    this.i++;
    const items: ({ word: Word } | { op: string })[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === "newline" || t.kind === "error") this.unexpected();
      this.i++;
      if (t.kind === "word") {
        if (this.keyword(t) === "]]") break;
        items.push({ word: t.word });
      } else if (t.kind === "op") items.push({ op: t.op });
      else if (t.kind === "redir" && (t.op === "<" || t.op === ">")) items.push({ op: t.op });
      else { this.i--; this.unexpected(); }
    }
    return { kind: "test2", items };
  }

  /** `case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac` — the last arm's `;;` may be left out. */
  private parseCase(): Node {
    this.i++;
    const subject = this.peek();
    if (subject?.kind !== "word") this.unexpected();
    this.i++;
    this.expectKeyword("in");
    const arms: { patterns: Word[]; body: Node | undefined }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.keyword() === "esac") { this.i++; break; }
      if (this.opIs("(")) this.i++;
      const patterns: Word[] = [];
      for (;;) {
        const t = this.peek();
        if (t?.kind === "word") { patterns.push(t.word); this.i++; }
        if (!this.opIs("|")) break;
        this.i++;
      }
      if (!this.opIs(")")) this.unexpected(")");
      this.i++;
      const body = this.parseList();
      arms.push({ patterns, body: body.kind === "list" && body.items.length === 0 ? undefined : body });
      if (this.opIs(";;")) { this.i++; continue; }
      this.skipNewlines();
      if (this.keyword() !== "esac") this.unexpected(";;");
    }
    return { kind: "case", subject: subject.word, arms, redirects: this.parseRedirects() };
  }

  /** `NAME() COMMAND` (ash and dash take any command as the body, `f() echo hi` too). */
  private parseFunction(name: string): Node {
    this.i += 2;
    if (!this.opIs(")")) this.unexpected(")");
    this.i++;
    this.skipNewlines();
    return { kind: "function", name, body: this.parseCommand() };
  }

  private opIs(op: string): boolean {
    const t = this.peek();
    return t?.kind === "op" && t.op === op;
  }

  private parseSimple(): Node {
    const node: Extract<Node, { kind: "simple" }> = { kind: "simple", assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t?.kind === "redir") { node.redirects.push(...this.parseRedirects()); continue; }
      if (t?.kind !== "word") break;
      if (node.line === undefined) node.line = t.line;
      if (node.words.length === 0 && ASSIGN.test(t.raw) && t.word.parts[0]?.split) {
        const eq = t.raw.indexOf("=");
        const first = t.word.parts[0]!;
        const value = first.text.slice(eq + 1);
        const parts = [{ ...first, text: value, tilde: value.startsWith("~") }, ...t.word.parts.slice(1)];
        node.assigns.push({ name: t.raw.slice(0, eq), value: { parts: parts.map((p) => ({ ...p, split: false })) } });
      } else {
        node.words.push(t.word);
      }
      this.i++;
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirects.length === 0) this.unexpected();
    return node;
  }

}

/** Parses a whole script at once (trap actions, the `sh -c` fast path); throws ShellSyntaxError. */
export function parseScript(src: string, doubleBracket = true): Node {
  const p = new Parser(src, doubleBracket);
  const items: Node[] = [];
  for (let n = p.nextCommand(); n; n = p.nextCommand()) items.push(n);
  return items.length === 1 ? items[0]! : { kind: "list", items };
}
