// Tokenizer of the container shell: words made of quoted/unquoted parts (keeping $(…), ${…},
// $((…)) and `…` intact for the expander), operators, redirections with an fd number, newlines.

import { ShellSyntaxError, type Redirect, type Word, type WordPart } from "./ast";

export type Token =
  | { kind: "word"; word: Word; raw: string; /** 1-based line of the script where the word starts. */ line: number }
  | { kind: "op"; op: string }
  | { kind: "redir"; fd: number; op: Redirect["op"] }
  | { kind: "newline" };

const OPS = ["&&", "||", ";;", ";", "&", "|", "(", ")"];
const isBreak = (c: string): boolean => /[\s;&|()<>]/.test(c);

/** Reads a balanced $(…) / ${…} / $((…)) / `…` starting at `i`; returns the index after it. */
function skipExpansion(src: string, i: number): number {
  if (src[i] === "`") {
    const end = src.indexOf("`", i + 1);
    if (end === -1) throw new ShellSyntaxError("unterminated `");
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
  throw new ShellSyntaxError(`unterminated $${open}`);
}

function readWord(src: string, start: number): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let buf = "";
  const flush = () => {
    if (buf) parts.push({ text: buf, expand: true, split: true });
    buf = "";
  };
  let i = start;
  while (i < src.length && !isBreak(src[i]!)) {
    const c = src[i]!;
    if (c === "'") {
      flush();
      const end = src.indexOf("'", i + 1);
      if (end === -1) throw new ShellSyntaxError("unterminated quoted string");
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
  if (i >= src.length) throw new ShellSyntaxError("unterminated quoted string");
  flush();
  return i + 1;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (pos: number) => { for (; counted < pos; counted++) if (src[counted] === "\n") line++; return line; };
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\n") { tokens.push({ kind: "newline" }); i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === "\\" && src[i + 1] === "\n") { i += 2; continue; }
    if (c === "#") { while (i < src.length && src[i] !== "\n") i++; continue; }
    const redir = /^(\d*)(>>|>&|<&|&>|>\||>|<)/.exec(src.slice(i, i + 5));
    if (redir) {
      const op = redir[2]!;
      const fd = redir[1] ? Number(redir[1]) : op.startsWith("<") ? 0 : 1;
      const norm = op === "<&" ? ">&" : op === ">|" ? ">" : (op as ">" | ">>" | "<" | ">&" | "&>");
      tokens.push({ kind: "redir", fd, op: norm });
      i += redir[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { tokens.push({ kind: "op", op }); i += op.length; continue; }
    const { word, end } = readWord(src, i);
    tokens.push({ kind: "word", word, raw: src.slice(i, end), line: lineAt(i) });
    i = end;
  }
  return tokens;
}
