// Tokenizer of the container shell: words made of quoted/unquoted parts (keeping $(…), ${…},
// $((…)) and `…` intact for the expander), operators, redirections with an fd number, newlines,
// and here-documents (`<<EOF`, `<<-EOF`, `<<'EOF'`), whose bodies are read after their line.

import { ShellSyntaxError, type Redirect, type Word, type WordPart } from "./ast";

/** Every token knows the 1-based script line it starts on (error messages name it). */
export type Token = { line: number } & (
  | { kind: "word"; word: Word; raw: string }
  | { kind: "op"; op: string }
  | { kind: "redir"; fd: number; op: Redirect["op"] }
  | { kind: "newline" }
  /** The text cannot be tokenized from here on (an unterminated quote): the error, met when parsed. */
  | { kind: "error"; error: ShellSyntaxError });

const OPS = ["&&", "||", ";;", ";", "&", "|", "(", ")"];
const isBreak = (c: string): boolean => /[\s;&|()<>]/.test(c);

/** The index of the backquote closing the one at `open` (`\`` inside is escaped), or -1. */
export function backquoteEnd(src: string, open: number): number {
  for (let j = open + 1; j < src.length; j++) {
    if (src[j] === "\\") j++;
    else if (src[j] === "`") return j;
  }
  return -1;
}

/** `$'…'` (bash, busybox ash): backslash escapes as in C; returns the text and the index after the quote. */
function ansiC(src: string, i: number): { text: string; end: number } {
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", "\"": "\"", "?": "?" };
  let text = "";
  for (let j = i; j < src.length; j++) {
    const c = src[j]!;
    if (c === "'") return { text, end: j + 1 };
    if (c !== "\\") { text += c; continue; }
    const n = src[++j] ?? "";
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(src.slice(j));
    const oct = /^[0-7]{1,3}/.exec(src.slice(j));
    if (simple[n] !== undefined) text += simple[n];
    else if (hex) { text += String.fromCharCode(parseInt(hex[1]!, 16)); j += hex[0].length - 1; }
    else if (oct) { text += String.fromCharCode(parseInt(oct[0], 8)); j += oct[0].length - 1; }
    else text += `\\${n}`;
  }
  throw new ShellSyntaxError("syntax error: unterminated quoted string", undefined, "'");
}

/** Reads a balanced $(…) / ${…} / $((…)) / `…` starting at `i`; returns the index after it. */
function skipExpansion(src: string, i: number): number {
  if (src[i] === "`") {
    const end = backquoteEnd(src, i);
    if (end === -1) throw new ShellSyntaxError("syntax error: EOF in backquote substitution", undefined, "`");
    return end + 1;
  }
  const open = src[i + 1]!;
  const close = open === "(" ? ")" : "}";
  let depth = 0;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j]!;
    if (c === "'" && open === "(") {
      const end = src.indexOf("'", j + 1);
      if (end === -1) break;
      j = end;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  throw open === "("
    ? new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")', undefined, ")")
    : new ShellSyntaxError("syntax error: missing '}'", undefined, "}");
}

function readWord(src: string, start: number, bashisms = true): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let buf = "";
  const flush = () => {
    if (buf) parts.push({ text: buf, expand: true, split: true, ...(parts.length === 0 && buf.startsWith("~") ? { tilde: true } : {}) });
    buf = "";
  };
  let i = start;
  while (i < src.length && !isBreak(src[i]!)) {
    const c = src[i]!;
    if (c === "'") {
      flush();
      const end = src.indexOf("'", i + 1);
      if (end === -1) throw new ShellSyntaxError("syntax error: unterminated quoted string", undefined, "'");
      parts.push({ text: src.slice(i + 1, end), expand: false, split: false });
      i = end + 1;
    } else if (c === '"') {
      flush();
      i = readDouble(src, i + 1, parts);
    } else if (c === "\\") {
      flush();
      if (src[i + 1] === "\n") { i += 2; continue; }
      parts.push({ text: src[i + 1] ?? "", expand: false, split: false });
      i += 2;
    } else if (c === "$" && src[i + 1] === "'" && bashisms) {
      flush();
      const { text, end } = ansiC(src, i + 2);
      parts.push({ text, expand: false, split: false });
      i = end;
    } else if ((c === "$" && (src[i + 1] === "(" || src[i + 1] === "{")) || c === "`") {
      const end = skipExpansion(src, i);
      buf += src.slice(i, end);
      i = end;
    } else {
      buf += c;
      i++;
    }
  }
  flush();
  return { word: { parts }, end: i };
}

/** Reads a double-quoted string body; returns the index after the closing quote. */
function readDouble(src: string, i: number, parts: WordPart[]): number {
  let buf = "";
  const flush = () => {
    parts.push({ text: buf, expand: true, split: false });
    buf = "";
  };
  while (i < src.length && src[i] !== '"') {
    const c = src[i]!;
    if (c === "\\" && /[$`"\\\n]/.test(src[i + 1] ?? "")) {
      flush();
      if (src[i + 1] !== "\n") parts.push({ text: src[i + 1]!, expand: false, split: false });
      i += 2;
    } else if ((c === "$" && (src[i + 1] === "(" || src[i + 1] === "{")) || c === "`") {
      const end = skipExpansion(src, i);
      buf += src.slice(i, end);
      i = end;
    } else {
      buf += c;
      i++;
    }
  }
  if (i >= src.length) throw new ShellSyntaxError("syntax error: unterminated quoted string", undefined, '"');
  flush();
  return i + 1;
}

/** A here-document whose body starts after the current line: its word is filled in then. */
interface PendingHeredoc { word: Word; delimiter: string; quoted: boolean; stripTabs: boolean }

/**
 * The body of an unquoted here-document: `$…` and `` `…` `` expand, `\$ \` \\` escape and
 * `\<newline>` joins lines; every other character (quotes included) is literal.
 */
function heredocParts(body: string): WordPart[] {
  const parts: WordPart[] = [];
  let buf = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\" && /[$`\\\n]/.test(body[i + 1] ?? "")) {
      if (buf) parts.push({ text: buf, expand: true, split: false });
      buf = "";
      if (body[i + 1] !== "\n") parts.push({ text: body[i + 1]!, expand: false, split: false });
      i++;
    } else buf += c;
  }
  if (buf || parts.length === 0) parts.push({ text: buf, expand: true, split: false });
  return parts;
}

/** Reads the bodies of the pending here-documents from `i` (the start of a line); returns the index after them. */
function readHeredocs(src: string, i: number, pending: PendingHeredoc[]): number {
  for (const h of pending.splice(0)) {
    const lines: string[] = [];
    while (i < src.length) {
      const nl = src.indexOf("\n", i);
      const raw = src.slice(i, nl === -1 ? src.length : nl);
      i = nl === -1 ? src.length : nl + 1;
      const text = h.stripTabs ? raw.replace(/^\t+/, "") : raw;
      if (text === h.delimiter) break;
      lines.push(text);
    }
    const body = lines.map((l) => `${l}\n`).join("");
    h.word.parts = h.quoted ? [{ text: body, expand: false, split: false }] : heredocParts(body);
  }
  return i;
}

/**
 * The tokens of a script. A part that cannot be tokenized ends the list with an error token, so
 * the commands before it still run, as the shells read and run a script one command at a time.
 */
export function tokenize(src: string, bashisms = true): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let counted = 0;
  const lineAt = (pos: number) => { for (; counted < pos; counted++) if (src[counted] === "\n") line++; return line; };
  const at = { start: 0 };
  try {
    scan(src, tokens, lineAt, at, bashisms);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    // ash and dash report the line where the text ended; bash the line where the word began.
    const openedLine = src.slice(0, at.start).split("\n").length;
    tokens.push({ kind: "error", error: new ShellSyntaxError(e.message, lineAt(src.length), e.token, openedLine), line: lineAt(src.length) });
  }
  return tokens;
}

/** `at.start`: where the token being read began (for errors). */
function scan(src: string, tokens: Token[], lineAt: (pos: number) => number, at: { start: number }, bashisms: boolean): void {
  const pending: PendingHeredoc[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    at.start = i;
    if (c === "\n") {
      tokens.push({ kind: "newline", line: lineAt(i) });
      i = pending.length > 0 ? readHeredocs(src, i + 1, pending) : i + 1;
      continue;
    }
    if (/\s/.test(c)) { i++; continue; }
    if (c === "\\" && src[i + 1] === "\n") { i += 2; continue; }
    if (c === "#") { while (i < src.length && src[i] !== "\n") i++; continue; }
    const redir = /^(\d*)(<<<|<<-|<<|>>|>&|<&|&>|>\||>|<)/.exec(src.slice(i, i + 6));
    if (redir) {
      const op = redir[2]!;
      const fd = redir[1] ? Number(redir[1]) : op.startsWith("<") ? 0 : 1;
      i += redir[0].length;
      if (op === "<<" || op === "<<-") {
        // The delimiter is the next word; quoting any part of it keeps the body literal.
        while (src[i] === " " || src[i] === "\t") i++;
        if (i >= src.length || isBreak(src[i]!)) throw new ShellSyntaxError("syntax error: unexpected newline");
        const { word: delim, end } = readWord(src, i);
        const word: Word = { parts: [] };
        pending.push({ word, delimiter: delim.parts.map((p) => p.text).join(""), quoted: delim.parts.some((p) => !p.split), stripTabs: op === "<<-" });
        tokens.push({ kind: "redir", fd, op: "<<", line: lineAt(i) }, { kind: "word", word, raw: src.slice(i, end), line: lineAt(i) });
        i = end;
        continue;
      }
      const norm = op === "<&" ? ">&" : op === ">|" ? ">" : (op as ">" | ">>" | "<" | ">&" | "&>" | "<<<");
      tokens.push({ kind: "redir", fd, op: norm, line: lineAt(i) });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { tokens.push({ kind: "op", op, line: lineAt(i) }); i += op.length; continue; }
    const { word, end } = readWord(src, i, bashisms);
    tokens.push({ kind: "word", word, raw: src.slice(i, end), line: lineAt(i) });
    i = end;
  }
  if (pending.length > 0) readHeredocs(src, src.length, pending); // a here-document cut short by the end: empty
}
