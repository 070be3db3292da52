// Shell pattern matching (POSIX 2.13): `*`, `?`, bracket expressions `[abc]`, `[a-z]`, `[!x]`,
// as `case` arms and `${VAR#PATTERN}` use them. A pattern is built from the expanded word with
// its quoted characters kept literal, so `case $x in "*")` matches only a star.

import type { Word } from "./ast";
import type { ExpandContext } from "./expand";
import { expandPieces } from "./expand";

/** A pattern as a regular-expression source (without anchors). */
export type Pattern = string;

const escapeRe = (s: string): string => s.replace(/[.+^${}()|[\]\\*?/-]/g, "\\$&");

/** Translates glob text (all of it active) into regex source. */
export function globSource(text: string): Pattern {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "*") out += "[\\s\\S]*";
    else if (c === "?") out += "[\\s\\S]";
    else if (c === "\\" && i + 1 < text.length) out += escapeRe(text[++i]!);
    else if (c === "[") {
      const close = bracketEnd(text, i);
      if (close === -1) { out += "\\["; continue; }
      let body = text.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else out += escapeRe(c);
  }
  return out;
}

/** The index of the `]` closing the bracket expression at `open` (a leading `]` is literal), or -1. */
function bracketEnd(text: string, open: number): number {
  let j = open + 1;
  if (text[j] === "!" || text[j] === "^") j++;
  if (text[j] === "]") j++;
  const end = text.indexOf("]", j);
  return end;
}

/** A word expanded as a pattern: quoted parts are literal, unquoted text and expansions are glob. */
export function patternOf(word: Word, ctx: ExpandContext): Pattern {
  let out = "";
  for (const part of word.parts) {
    if (!part.expand) { out += escapeRe(part.text); continue; }
    expandPieces(part.text, ctx, (s) => { out += part.split ? globSource(s) : escapeRe(s); });
  }
  return out;
}

/** A pattern from already-expanded text (the `${VAR#…}` operand): every character is glob. */
export const patternFromText = (text: string): Pattern => globSource(text);

export const matchesWhole = (pattern: Pattern, s: string): boolean => new RegExp(`^(?:${pattern})$`).test(s);

/** `${v#p}` (shortest prefix), `${v##p}` (longest), `${v%p}` (shortest suffix), `${v%%p}` (longest). */
export function removeAffix(value: string, pattern: Pattern, op: "#" | "##" | "%" | "%%"): string {
  const re = new RegExp(`^(?:${pattern})$`);
  if (op === "#" || op === "##") {
    const lengths = [...Array(value.length + 1).keys()];
    if (op === "##") lengths.reverse();
    for (const n of lengths) if (re.test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (op === "%") starts.reverse();
  for (const k of starts) if (re.test(value.slice(k))) return value.slice(0, k);
  return value;
}

/** `${v/p/r}` (first match) and `${v//p/r}` (every match): longest match at the leftmost position. */
export function replacePattern(value: string, pattern: Pattern, replacement: string, all: boolean): string {
  const re = new RegExp(`^(?:${pattern})$`);
  let out = "";
  let i = 0;
  while (i <= value.length) {
    let hit = -1;
    for (let end = value.length; end > i; end--) if (re.test(value.slice(i, end))) { hit = end; break; }
    if (hit === -1) {
      if (i < value.length) out += value[i];
      i++;
      continue;
    }
    out += replacement;
    i = hit;
    if (!all) return out + value.slice(i);
  }
  return out;
}
