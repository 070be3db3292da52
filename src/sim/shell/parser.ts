// Parser for the shell subset: quoting ('…', "…", \), line continuations, # comments, `&&`, `||`,
// `;`, pipes, redirections (>, >>, <, 2>&1, <<EOF, <<'EOF', <<-EOF, <<<), `$VAR`, `${VAR}`,
// `${VAR:-x}` and `$(…)`/`…`, and the compound commands `for`, `while`/`until` and `if` (one
// transcript step each, however many lines they span). Functions, `case`, subshells and `&` are
// outside the subset: such a line gets a clear syntax error instead of being run half-way.

import type { AndOr, Command, Compound, Line, Pipeline, Redirect, SimpleCommand, Word, WordPart } from "./ast";

export const MAX_SCRIPT_BYTES = 512 * 1024;
const UNSUPPORTED_KEYWORDS = new Set(["case", "esac", "function", "select", "{", "}", "[["]);
/** Words that end a compound command's part; anywhere else they are a syntax error, as in bash. */
const CLOSERS = new Set(["then", "elif", "else", "fi", "do", "done"]);
/** Nesting of compound commands. */
const MAX_COMPOUND_DEPTH = 16;

class SyntaxError_ extends Error {}

interface PendingHeredoc {
  redirect: Extract<Redirect, { kind: "heredoc" }>;
}

export function parseScript(src: string): Line[] {
  // The same scripts come back on every grade (a scenario's checks, setup, common answers):
  // parse each once. The AST is frozen, so an interpreter that tried to change it would fail
  // loudly. Bounded by total text.
  let lines = parsed.get(src);
  if (!lines) {
    lines = deepFreeze(new Parser(src.replace(/\r\n/g, "\n")).parseLines());
    if (parsedChars + src.length > PARSED_CHARS) {
      parsed.clear();
      parsedChars = 0;
    }
    parsed.set(src, lines);
    parsedChars += src.length;
  }
  return lines;
}

const parsed = new Map<string, Line[]>();
const PARSED_CHARS = 2_000_000;
let parsedChars = 0;

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

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
        if (this.peek() === "&" && this.src[this.pos + 1] !== "&") {
          throw new SyntaxError_("background jobs (&) are not supported");
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

  private readHeredocBodies(): void {
    for (const { redirect } of this.pending) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        let end = this.src.indexOf("\n", this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (redirect.stripTabs) line = line.replace(/^\t+/, "");
        if (line === redirect.delimiter || line.trimEnd() === redirect.delimiter) { found = true; break; }
        lines.push(line);
      }
      redirect.body = lines.length ? lines.join("\n") + "\n" : "";
      if (!found && lines.length === 0) redirect.body = "";
    }
    this.pending = [];
  }

  private parseAndOr(): AndOr {
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
      else if (this.peek() === "&" && this.src[this.pos + 1] !== "&") throw new SyntaxError_("background jobs (&) are not supported");
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

  private atRedirect(): boolean {
    return /^(\d?>>?|\d?<<?<?|\d?>&\d|&>)/.test(this.src.slice(this.pos, this.pos + 4));
  }

  private parseRedirect(cmd: SimpleCommand): void {
    const m = /^(&>|(\d?)(>>|>&|>|<<<|<<-|<<|<))/.exec(this.src.slice(this.pos, this.pos + 4))!;
    this.pos += m[0].length;
    if (m[1] === "&>") {
      this.skipBlanks();
      cmd.redirects.push({ kind: "file", fd: 1, op: ">", target: this.parseWord() });
      cmd.redirects.push({ kind: "dup", fd: 2, to: 1 });
      return;
    }
    const op = m[3]!;
    const fd = m[2] ? Number(m[2]) : op.startsWith("<") ? 0 : 1;
    if (op === ">&") {
      const d = /^\d/.exec(this.src.slice(this.pos));
      if (!d) throw new SyntaxError_("only >&N redirections are supported");
      this.pos++;
      cmd.redirects.push({ kind: "dup", fd, to: Number(d[0]) });
      return;
    }
    this.skipBlanks();
    if (op === "<<" || op === "<<-") {
      const start = this.pos;
      const word = this.parseWord();
      const raw = this.src.slice(start, this.pos);
      const delimiter = word.parts.map((p) => (p.kind === "lit" ? p.text : "")).join("");
      if (!delimiter) throw new SyntaxError_("here-document without a delimiter");
      const expand = !/['"\\]/.test(raw);
      const redirect: Extract<Redirect, { kind: "heredoc" }> = {
        kind: "heredoc", fd, delimiter, expand, stripTabs: op === "<<-", body: "",
      };
      this.pending.push({ redirect });
      cmd.redirects.push(redirect);
      return;
    }
    if (op === "<<<") {
      cmd.redirects.push({ kind: "herestring", fd: 0, word: this.parseWord() });
      return;
    }
    const target = this.parseWord();
    if (target.parts.length === 0) throw new SyntaxError_("syntax error near unexpected token `newline'");
    cmd.redirects.push({ kind: "file", fd, op: op as ">" | ">>" | "<", target });
  }

  /** One word: adjacent quoted and unquoted pieces up to an unquoted separator. */
  private parseWord(): Word {
    const parts: WordPart[] = [];
    const lit = (text: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.kind === "lit" && last.quoted === quoted) last.text += text;
      else parts.push({ kind: "lit", text, quoted });
    };
    for (;;) {
      const c = this.peek();
      if (c === "" || /[ \t\n;&|<>()]/.test(c)) break;
      if (c === "\\") {
        const n = this.src[this.pos + 1] ?? "";
        this.pos += 2;
        if (n !== "\n") lit(n, true);
        continue;
      }
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `''");
        lit(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        this.parseDoubleQuoted(parts, lit);
        continue;
      }
      if (c === "$" || c === "`") {
        if (this.parseDollar(parts, false)) continue;
      }
      lit(c, false);
      this.pos++;
    }
    return { parts };
  }

  private parseDoubleQuoted(parts: WordPart[], lit: (t: string, q: boolean) => void): void {
    lit("", true);
    for (;;) {
      const c = this.peek();
      if (c === "") throw new SyntaxError_('unexpected EOF while looking for matching `"\'');
      if (c === '"') { this.pos++; return; }
      if (c === "\\") {
        const n = this.src[this.pos + 1] ?? "";
        if ("$`\"\\\n".includes(n)) {
          this.pos += 2;
          if (n !== "\n") lit(n, true);
          continue;
        }
        lit(c, true);
        this.pos++;
        continue;
      }
      if ((c === "$" || c === "`") && this.parseDollar(parts, true)) continue;
      lit(c, true);
      this.pos++;
    }
  }

  /** `$NAME`, `${NAME}`, `${NAME:-default}`, `$(…)`, `` `…` ``, `$?`. False if `$` is literal. */
  private parseDollar(parts: WordPart[], quoted: boolean): boolean {
    const s = this.src;
    if (s[this.pos] === "`") {
      const end = s.indexOf("`", this.pos + 1);
      if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching ``'");
      parts.push({ kind: "subst", source: s.slice(this.pos + 1, end), quoted });
      this.pos = end + 1;
      return true;
    }
    const n = s[this.pos + 1] ?? "";
    if (n === "(") {
      if (s[this.pos + 2] === "(") throw new SyntaxError_("arithmetic $(( … )) is not supported");
      const end = findClosingParen(s, this.pos + 2);
      if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `)'");
      parts.push({ kind: "subst", source: s.slice(this.pos + 2, end), quoted });
      this.pos = end + 1;
      return true;
    }
    if (n === "{") {
      const end = s.indexOf("}", this.pos + 2);
      if (end < 0) throw new SyntaxError_("bad substitution");
      const inner = s.slice(this.pos + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/s.exec(inner);
      if (!m) throw new SyntaxError_(`\${${inner}}: bad substitution`);
      const part: WordPart = { kind: "var", name: m[1]!, quoted };
      if (m[2] !== undefined) part.fallback = { parts: [{ kind: "lit", text: m[2], quoted: true }] };
      parts.push(part);
      this.pos = end + 1;
      return true;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\?|\$|#|[0-9])/.exec(s.slice(this.pos + 1, this.pos + 65));
    if (!m) return false;
    parts.push({ kind: "var", name: m[1]!, quoted });
    this.pos += 1 + m[1]!.length;
    return true;
  }

  private peek(): string {
    return this.src[this.pos] ?? "";
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") this.pos += 2;
      else return;
    }
  }

  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === "\n") {
        this.pos++;
        this.readHeredocBodies();
      } else if (this.peek() === "#") this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
  }
}

function dropPrefix(word: Word, n: number): Word {
  const parts: WordPart[] = [];
  let skip = n;
  for (const p of word.parts) {
    if (skip > 0 && p.kind === "lit") {
      const take = Math.min(skip, p.text.length);
      skip -= take;
      if (p.text.length > take) parts.push({ ...p, text: p.text.slice(take) });
      continue;
    }
    parts.push(p);
  }
  return { parts };
}

/** Index of the `)` closing a `$(` whose body starts at `from`, honouring quotes and nesting. */
function findClosingParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") { i++; continue; }
    if (c === "'") { const e = s.indexOf("'", i + 1); if (e < 0) return -1; i = e; continue; }
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === "\\") i++;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")" && --depth === 0) return i;
  }
  return -1;
}
