// The word level of the shell subset's parser: quoting ('…', "…", $'…' (./ansi-c.ts), \), `$VAR`, `${VAR}`,
// `${VAR:-x}`, `$(…)`/`…`, redirections and here-document bodies, and the blanks between them.
// parser.ts builds commands, lists and compound commands on top of it.

import type { Redirect, SimpleCommand, Word, WordPart } from "./ast";
import { OutcomeError } from "../outcome-error";
import { ansiCEnd, decodeAnsiC } from "./ansi-c";

export class SyntaxError_ extends OutcomeError {}

interface PendingHeredoc {
  redirect: Extract<Redirect, { kind: "heredoc" }>;
}

export abstract class WordScanner {
  protected pos = 0;
  protected pending: PendingHeredoc[] = [];

  constructor(protected readonly src: string) {}

  protected readHeredocBodies(): void {
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

  protected atRedirect(): boolean {
    return /^(\d?>>?|\d?<<?<?|\d?>&\d|&>)/.test(this.src.slice(this.pos, this.pos + 4));
  }

  protected parseRedirect(cmd: SimpleCommand): void {
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
  protected parseWord(): Word {
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
      if (c === "$" && this.src[this.pos + 1] === "'") {
        const end = ansiCEnd(this.src, this.pos + 1);
        if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `''");
        lit(decodeAnsiC(this.src.slice(this.pos + 2, end)), true);
        this.pos = end + 1;
        continue;
      }
      // $"…": a locale-translated string, which without a message catalogue is "…".
      if (c === "$" && this.src[this.pos + 1] === '"') {
        this.pos += 2;
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

  protected parseDoubleQuoted(parts: WordPart[], lit: (t: string, q: boolean) => void): void {
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
  protected parseDollar(parts: WordPart[], quoted: boolean): boolean {
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
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\?|\$|!|#|[0-9])/.exec(s.slice(this.pos + 1, this.pos + 65));
    if (!m) return false;
    parts.push({ kind: "var", name: m[1]!, quoted });
    this.pos += 1 + m[1]!.length;
    return true;
  }

  protected peek(): string {
    return this.src[this.pos] ?? "";
  }

  protected skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") this.pos += 2;
      else return;
    }
  }

  protected skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === "\n") {
        this.pos++;
        this.readHeredocBodies();
      } else if (this.peek() === "#") this.skipComment();
      else return;
    }
  }

  protected skipComment(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
  }
}

export function dropPrefix(word: Word, n: number): Word {
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
export function findClosingParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") { i++; continue; }
    if (c === "$" && s[i + 1] === "'") { const e = ansiCEnd(s, i + 1); if (e < 0) return -1; i = e; continue; }
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
