// Parser for the shell subset: quoting ('…', "…", \), line continuations, # comments, `&&`, `||`,
// `;`, pipes, redirections (>, >>, <, 2>&1, <<EOF, <<'EOF', <<-EOF, <<<), `$VAR`, `${VAR}`,
// `${VAR:-x}` and `$(…)`/`…`, and the compound commands `for`, `while`/`until` and `if` (one
// transcript step each, however many lines they span). Functions, `case`, subshells and `&` are
// outside the subset: such a line gets a clear syntax error instead of being run half-way.

import { jobText } from "./jobs";
import type { AndOr, Command, Compound, Line, Pipeline, SimpleCommand, Word } from "./ast";
import { dropPrefix, findClosingParen, SyntaxError_, WordScanner } from "./words";
import { TextCache } from "../text-cache";

export const MAX_SCRIPT_BYTES = 512 * 1024;
const UNSUPPORTED_KEYWORDS = new Set(["case", "esac", "function", "select", "{", "}", "[["]);
/** Words that end a compound command's part; anywhere else they are a syntax error, as in bash. */
const CLOSERS = new Set(["then", "elif", "else", "fi", "do", "done"]);
/** Nesting of compound commands. */
const MAX_COMPOUND_DEPTH = 16;


export function parseScript(src: string): Line[] {
  // The same scripts come back on every grade (a scenario's checks, setup, common answers):
  // parse each once. The AST is frozen, so an interpreter that tried to change it would fail
  // loudly. Bounded by total text.
  return parsed.get(src, (text) => new Parser(text.replace(/\r\n/g, "\n")).parseLines());
}

const parsed = new TextCache<Line[]>(2_000_000);


class Parser extends WordScanner {
  parseLines(): Line[] {
    const lines: Line[] = [];
    while (this.pos < this.src.length) {
      this.skipBlanks();
      const c = this.peek();
      if (c === "\n") { this.pos++; continue; }
      if (c === "#") { this.skipComment(); continue; }
      if (c === "") break;
      lines.push(this.parseLine());
    }
    return lines;
  }

  private lineNoAt(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === "\n") n++;
    return n;
  }

  private parseLine(): Line {
    const start = this.pos;
    const lineNo = this.lineNoAt(start);
    const lists: AndOr[] = [];
    let error: string | undefined;
    let textEnd = start;
    try {
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === "" || c === "\n") break;
        if (c === "#") { textEnd = this.pos; this.skipComment(); break; }
        lists.push(this.parseAndOr());
        textEnd = this.pos;
        this.skipBlanks();
        if (this.peek() === ";") {
          this.pos++;
          textEnd = this.pos;
          continue;
        }
        if (this.background(lists[lists.length - 1]!)) {
          textEnd = this.pos;
          continue;
        }
      }
    } catch (e) {
      if (!(e instanceof SyntaxError_)) throw e;
      error = e.message;
      // Skip the rest of the physical line (and continuations) so parsing can go on.
      while (this.pos < this.src.length && this.src[this.pos] !== "\n") {
        if (this.src[this.pos] === "\\" && this.src[this.pos + 1] === "\n") this.pos++;
        this.pos++;
      }
      textEnd = this.pos;
    }
    if (this.peek() === "\n") this.pos++;
    this.readHeredocBodies();
    const text = this.src.slice(start, Math.max(textEnd, start))
      .replace(/[ \t]*\\\n[ \t]*/g, " ")
      .trim();
    return error ? { text, lineNo, lists: [], error } : { text, lineNo, lists };
  }

  /** A `&` after the list (not `&&`): the list runs as a background job. Consumes it. */
  private background(list: AndOr): boolean {
    if (this.peek() !== "&" || this.src[this.pos + 1] === "&") return false;
    list.background = { text: jobText(this.src.slice(this.listStart, this.pos).replace(/[ \t]*\\\n[ \t]*/g, " ")) };
    this.pos++;
    return true;
  }

  /** Where the and-or list being parsed began (a background job's text). */
  private listStart = 0;

  private parseAndOr(): AndOr {
    this.skipBlanks();
    const start = this.pos;
    const first = this.parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      this.skipBlanks();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== "&&" && two !== "||") break;
      this.pos += 2;
      this.skipBlanksAndNewlines();
      rest.push({ op: two, pipeline: this.parsePipeline() });
    }
    // Set last: the lists inside a compound command of this one were parsed meanwhile.
    this.listStart = start;
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.peek() === "!" && /[ \t]/.test(this.src[this.pos + 1] ?? "")) {
      negate = true;
      this.pos++;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== "|" || this.src[this.pos + 1] === "|") break;
      this.pos++;
      this.skipBlanksAndNewlines();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  private compoundDepth = 0;

  /** The reserved word at the cursor (unquoted, followed by a separator), if any. */
  private reservedWord(): string | undefined {
    const m = /^(for|while|until|if|then|elif|else|fi|do|done)(?=[ \t\n;|&)<>]|$)/.exec(this.src.slice(this.pos, this.pos + 6));
    return m?.[1];
  }

  private parseCommand(): Command {
    this.skipBlanks();
    const word = this.reservedWord();
    if (word === undefined) return this.parseSimple();
    if (CLOSERS.has(word)) throw new SyntaxError_(`syntax error near unexpected token \`${word}'`);
    if (++this.compoundDepth > MAX_COMPOUND_DEPTH) throw new SyntaxError_("compound commands nested too deeply");
    try {
      this.pos += word.length;
      const c: Compound = word === "for" ? this.parseFor() : word === "if" ? this.parseIf() : this.parseWhile(word === "until");
      // Redirections after `done` / `fi` apply to the whole command.
      for (;;) {
        this.skipBlanks();
        if (!this.atRedirect()) break;
        const holder: SimpleCommand = { assigns: [], words: [], redirects: c.redirects };
        this.parseRedirect(holder);
      }
      return c;
    } finally {
      this.compoundDepth--;
    }
  }

  /** Consumes a reserved word, or fails as bash does. */
  private expectWord(word: string): void {
    this.skipBlanksAndNewlines();
    if (this.reservedWord() !== word) {
      const near = this.peek() === "" ? "end of file" : this.reservedWord() ?? this.src.slice(this.pos).split(/[ \t\n;]/)[0] ?? "";
      throw new SyntaxError_(this.peek() === "" ? "syntax error: unexpected end of file" : `syntax error near unexpected token \`${near}'`);
    }
    this.pos += word.length;
  }

  /** Lists up to one of `enders` (not consumed), across `;` and newlines. */
  private parseCompoundList(enders: string[]): AndOr[] {
    const lists: AndOr[] = [];
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.peek() === "") throw new SyntaxError_("syntax error: unexpected end of file");
      const w = this.reservedWord();
      if (w !== undefined && enders.includes(w)) {
        if (lists.length === 0) throw new SyntaxError_(`syntax error near unexpected token \`${w}'`);
        return lists;
      }
      lists.push(this.parseAndOr());
      this.skipBlanks();
      if (this.peek() === ";") this.pos++;
      else this.background(lists[lists.length - 1]!);
    }
  }

  private parseFor(): Compound {
    this.skipBlanks();
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos, this.pos + 64));
    if (!nameMatch) throw new SyntaxError_(`\`${this.src.slice(this.pos).split(/[ \t\n;]/)[0]}': not a valid identifier`);
    const name = nameMatch[0];
    this.pos += name.length;
    this.skipBlanks();
    const words: Word[] = [];
    if (this.src.startsWith("in", this.pos) && /[ \t\n;]|^$/.test(this.src[this.pos + 2] ?? "")) {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === "" || c === "\n" || c === ";") break;
        words.push(this.parseWord());
      }
    }
    this.skipBlanks();
    if (this.peek() === ";") this.pos++;
    this.expectWord("do");
    const body = this.parseCompoundList(["done"]);
    this.expectWord("done");
    return { kind: "for", name, words, body, redirects: [] };
  }

  private parseWhile(until: boolean): Compound {
    const cond = this.parseCompoundList(["do"]);
    this.expectWord("do");
    const body = this.parseCompoundList(["done"]);
    this.expectWord("done");
    return { kind: "while", until, cond, body, redirects: [] };
  }

  private parseIf(): Compound {
    const branches: { cond: AndOr[]; body: AndOr[] }[] = [];
    let otherwise: AndOr[] | undefined;
    for (;;) {
      const cond = this.parseCompoundList(["then"]);
      this.expectWord("then");
      const body = this.parseCompoundList(["elif", "else", "fi"]);
      branches.push({ cond, body });
      const w = this.reservedWord();
      this.pos += w!.length;
      if (w === "elif") continue;
      if (w === "else") {
        otherwise = this.parseCompoundList(["fi"]);
        this.expectWord("fi");
      }
      break;
    }
    return { kind: "if", branches, ...(otherwise ? { otherwise } : {}), redirects: [] };
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === "" || c === "\n" || c === ";" || c === "|" || c === "#") break;
      if (c === "&") {
        if (this.src.startsWith("&>", this.pos)) { this.parseRedirect(cmd); continue; }
        break;
      }
      if (c === "(" || c === ")") throw new SyntaxError_("subshells ( … ) are not supported");
      if (this.src.startsWith("<(", this.pos)) {
        // Process substitution: the command's output as a file name. Only completion setup uses it
        // in labs (`source <(kubectl completion bash)`), so the name stands alone and nothing runs.
        const end = findClosingParen(this.src, this.pos + 2);
        if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `)'");
        this.pos = end + 1;
        cmd.words.push({ parts: [{ kind: "lit", text: "/dev/fd/63", quoted: true }] });
        continue;
      }
      if (this.atRedirect()) { this.parseRedirect(cmd); continue; }
      const wordStart = this.pos;
      const word = this.parseWord();
      const raw = this.src.slice(wordStart, this.pos);
      const assign = cmd.words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(raw) : null;
      if (assign) {
        const name = assign[1]!;
        cmd.assigns.push({ name, value: dropPrefix(word, name.length + 1) });
        continue;
      }
      if (cmd.words.length === 0 && raw === "[[") throw new SyntaxError_("[[ … ]] tests are not supported");
      if (cmd.words.length === 0 && UNSUPPORTED_KEYWORDS.has(raw)) {
        throw new SyntaxError_(`'${raw}' blocks are not supported by the simulator's shell`);
      }
      cmd.words.push(word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const near = this.peek() === "" || this.peek() === "\n" ? "newline" : this.peek();
      throw new SyntaxError_(`syntax error near unexpected token \`${near}'`);
    }
    return cmd;
  }
}
