// Recursive-descent parser of the container shell (POSIX grammar, reduced): list → and-or →
// pipeline → command; compound commands if/while/until/for/{ }/( ). Errors read like busybox:
// `syntax error: unexpected "fi"`.

import { ShellSyntaxError, type Node, type Redirect, type Word } from "./ast";
import { tokenize, type Token } from "./lexer";

const STOP_WORDS = new Set(["then", "elif", "else", "fi", "do", "done", "}"]);
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined { return this.tokens[this.i]; }

  /** The unquoted literal text of a word token (for keywords), else undefined. */
  private keyword(t = this.peek()): string | undefined {
    if (t?.kind !== "word") return undefined;
    return t.word.parts.length === 1 && t.word.parts[0]!.split ? t.raw : undefined;
  }

  private unexpected(): never {
    const t = this.peek();
    const what = !t ? "end of file" : t.kind === "word" ? t.raw : t.kind === "op" ? t.op : t.kind === "redir" ? "redirection" : "newline";
    throw new ShellSyntaxError(`syntax error: unexpected ${t ? `"${what}"` : what}`);
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === "newline") this.i++;
  }

  private expectKeyword(kw: string): void {
    this.skipNewlines();
    if (this.keyword() !== kw) this.unexpected();
    this.i++;
  }

  /** list := and_or ((';' | '&' | newline) and_or)* — until a stop word, ')' or the end. */
  parseList(stopAtParen = false): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) break;
      const kw = this.keyword(t);
      if (kw !== undefined && STOP_WORDS.has(kw)) break;
      if (t.kind === "op" && t.op === ")" && stopAtParen) break;
      const item = this.parseAndOr();
      const sep = this.peek();
      items.push(sep?.kind === "op" && sep.op === "&" ? { kind: "background", body: item } : item);
      if (sep?.kind === "op" && (sep.op === ";" || sep.op === "&")) this.i++;
      else if (sep && sep.kind !== "newline") {
        const k = this.keyword(sep);
        if (!(k !== undefined && STOP_WORDS.has(k)) && !(sep.kind === "op" && sep.op === ")" && stopAtParen)) this.unexpected();
      }
    }
    return items.length === 1 ? items[0]! : { kind: "list", items };
  }

  /** A compound command's part: at least one command (`if then fi` is a syntax error). */
  private parseBody(stopAtParen = false): Node {
    const node = this.parseList(stopAtParen);
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
    if (kw === "{") {
      this.i++;
      const body = this.parseBody();
      this.expectKeyword("}");
      return { kind: "group", body, subshell: false, redirects: this.parseRedirects() };
    }
    if (t?.kind === "op" && t.op === "(") {
      this.i++;
      const body = this.parseBody(true);
      const close = this.peek();
      if (close?.kind !== "op" || close.op !== ")") this.unexpected();
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
      this.unexpected();
    }
    return { kind: "if", branches, ...(otherwise ? { otherwise } : {}), redirects: this.parseRedirects() };
  }

  private parseFor(): Node {
    this.i++;
    const name = this.keyword();
    if (!name || !/^[A-Za-z_]\w*$/.test(name)) this.unexpected();
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
        const parts = [{ ...first, text: first.text.slice(eq + 1) }, ...t.word.parts.slice(1)];
        node.assigns.push({ name: t.raw.slice(0, eq), value: { parts: parts.map((p) => ({ ...p, split: false })) } });
      } else {
        node.words.push(t.word);
      }
      this.i++;
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirects.length === 0) this.unexpected();
    return node;
  }

  atEnd(): boolean { this.skipNewlines(); return this.i >= this.tokens.length; }
  fail(): never { return this.unexpected(); }
}

/** Parses a script; throws ShellSyntaxError with busybox's wording. */
export function parseScript(src: string): Node {
  const p = new Parser(tokenize(src));
  const node = p.parseList();
  if (!p.atEnd()) p.fail();
  return node;
}
