// Word expansion: parameters ($VAR, ${VAR:-x}, ${VAR#pat}, ${VAR%pat}, ${VAR/p/r}, ${VAR:1:2},
// $?, $1…), command substitution ($(…), `…`, run by
// the caller synchronously), arithmetic ($((…))), field splitting of unquoted results, and a small
// glob (* ? in the last path segment).

import type { Word, WordPart } from "./ast";
import { ArithError, evaluate, type ArithFailure } from "./arith";
import { backquoteEnd } from "./lexer";
import { patternFromText, removeAffix, replacePattern } from "./patterns";

/** An expansion that ends the shell (status 2): bad arithmetic, `${VAR?}` of an unset variable. */
export type ExpansionFailure = ArithFailure
  | { kind: "parameter-unset"; name: string; message: string; orNull: boolean; nounset?: true }
  | { kind: "bad-substitution"; text: string };

export interface ExpandContext {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** $0, $1… and $#, $@. */
  positional: string[];
  lastStatus: number;
  /** Runs a command substitution; returns its stdout. */
  substitute(source: string): string;
  /** Glob support: entries of a directory (absolute path), sorted. */
  list(dir: string): string[];
  cwd: string;
  /** Reports a failed expansion on the shell's stderr and ends the shell (never returns). */
  fail(failure: ExpansionFailure): never;
  /** bash: `{a,b}` and `{1..5}` expand into several words first. */
  braces?: boolean;
  /** `set -u`: an unset variable is an error. */
  nounset?: boolean;
  /** dash: POSIX expansions only (no ${V/p/r}, ${V:o:l}, $((a**b)), $((i++))). */
  posixOnly?: boolean;
}

/** Expands `$…` constructs in a text; `onSplit` receives pieces that may be field-split. */
function expandText(text: string, ctx: ExpandContext, emit: (s: string, fromExpansion: boolean) => void): void {
  let i = 0;
  let lit = "";
  const flushLit = () => { if (lit) emit(lit, false); lit = ""; };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "`") {
      // Inside backquotes a backslash escapes only $ ` and \ (nested `…` is written \`…\`).
      const found = backquoteEnd(text, i);
      const end = found === -1 ? text.length : found;
      flushLit();
      emit(ctx.substitute(text.slice(i + 1, end).replace(/\\([$`\\])/g, "$1")).replace(/\n+$/, ""), true);
      i = end + 1;
    } else if (c === "$" && text.startsWith("$((", i)) {
      const end = matchClose(text, i + 1);
      flushLit();
      // The expression is itself expanded first ($x, $(…)), then evaluated.
      let inner = "";
      expandText(text.slice(i + 3, end - 2), ctx, (s) => { inner += s; });
      emit(String(arith(inner, ctx)), true);
      i = end;
    } else if (c === "$" && text[i + 1] === "(") {
      const end = matchClose(text, i + 1);
      flushLit();
      emit(ctx.substitute(text.slice(i + 2, end - 1)).replace(/\n+$/, ""), true);
      i = end;
    } else if (c === "$" && text[i + 1] === "{") {
      const end = braceEnd(text, i + 1);
      flushLit();
      emit(braced(text.slice(i + 2, end), ctx), true);
      i = end + 1;
    } else if (c === "$" && /[A-Za-z_]/.test(text[i + 1] ?? "")) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))!;
      flushLit();
      emit(ctx.get(m[0]) ?? unsetValue(m[0], ctx), true);
      i += 1 + m[0].length;
    } else if (c === "$" && /[?$#@*!0-9]/.test(text[i + 1] ?? "")) {
      flushLit();
      emit(special(text[i + 1]!, ctx), true);
      i += 2;
    } else {
      lit += c;
      i++;
    }
  }
  flushLit();
}

function matchClose(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === "(") depth++;
    else if (text[j] === ")" && --depth === 0) return j + 1;
  }
  return text.length;
}

function special(c: string, ctx: ExpandContext): string {
  if (c === "?") return String(ctx.lastStatus);
  if (c === "$") return "1";
  if (c === "!") return "";
  if (c === "#") return String(Math.max(0, ctx.positional.length - 1));
  if (c === "@" || c === "*") return ctx.positional.slice(1).join(" ");
  return ctx.positional[Number(c)] ?? "";
}

/** The index of the `}` closing the `${` whose brace is at `open` (nested `${…}` skipped). */
function braceEnd(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === "{") depth++;
    else if (text[j] === "}" && --depth === 0) return j;
  }
  return text.length;
}

/** Expands the word of `${VAR op WORD}` (itself subject to $-expansion, not to splitting). */
function operand(word: string, ctx: ExpandContext): string {
  let out = "";
  expandText(word.replace(/^"(.*)"$/s, "$1"), ctx, (s) => { out += s; });
  return out;
}

function braced(expr: string, ctx: ExpandContext): string {
  if (/^#[A-Za-z_]\w*$|^#[0-9?#$@*]$/.test(expr)) return String(paramValue(expr.slice(1), ctx)?.length ?? 0);
  const m = /^([A-Za-z_]\w*|[0-9?#$@*])(:?[-=+?]|##?|%%?|\/\/?|:|\^\^?|,,?)?(.*)$/s.exec(expr);
  if (!m) return "";
  const [, name, op, word] = m as unknown as [string, string, string | undefined, string];
  const value = paramValue(name, ctx);
  const unset = op?.startsWith(":") ? !value : value === undefined;
  if (ctx.posixOnly && (op === ":" || op === "/" || op === "//")) return ctx.fail({ kind: "bad-substitution", text: `\${${expr}}` });
  if (op !== undefined && /^[\^,]/.test(op)) { // bash case conversion: ${V^^} ${V,,} ${V^} ${V,}
    if (!ctx.braces) return ctx.fail({ kind: "bad-substitution", text: `\${${expr}}` });
    const v = value ?? "";
    if (op === "^^") return v.toUpperCase();
    if (op === ",,") return v.toLowerCase();
    return (op === "^" ? v.slice(0, 1).toUpperCase() : v.slice(0, 1).toLowerCase()) + v.slice(1);
  }
  switch (op === ":" ? op : op?.replace(/^:/, "")) {
    case "-": return unset ? operand(word, ctx) : value!;
    case "=": {
      if (!unset) return value!;
      const v = operand(word, ctx);
      ctx.set(name, v);
      return v;
    }
    case "+": return unset ? "" : operand(word, ctx);
    case "?":
      if (unset) return ctx.fail({ kind: "parameter-unset", name, message: operand(word, ctx), orNull: op === ":?" });
      return value!;
    case "#": case "##": case "%": case "%%":
      return removeAffix(value ?? "", patternFromText(operand(word, ctx)), op as "#" | "##" | "%" | "%%");
    case "/": case "//": {
      const slash = word.search(/(?<!\\)\//);
      const pat = slash === -1 ? word : word.slice(0, slash);
      const rep = slash === -1 ? "" : word.slice(slash + 1);
      if (pat === "") return value ?? "";
      return replacePattern(value ?? "", patternFromText(operand(pat, ctx)), operand(rep, ctx), op === "//");
    }
    case ":": { // ${VAR:OFFSET[:LENGTH]} (ash and bash)
      const [off, len] = word.split(":");
      const v = value ?? "";
      let start = arith(off ?? "0", ctx);
      if (start < 0) start = Math.max(0, v.length + start);
      if (len === undefined) return v.slice(start);
      const n = arith(len, ctx);
      return n < 0 ? v.slice(start, Math.max(start, v.length + n)) : v.slice(start, start + n);
    }
    default: return value ?? unsetValue(name, ctx);
  }
}

/** An unset variable expands to nothing, unless `set -u` makes it an error. */
function unsetValue(name: string, ctx: ExpandContext): string {
  if (ctx.nounset && !/^[0-9?#$@*!]$/.test(name)) return ctx.fail({ kind: "parameter-unset", name, message: "", orNull: false, nounset: true });
  return "";
}

function paramValue(name: string, ctx: ExpandContext): string | undefined {
  return /^[0-9?#$@*]$/.test(name) ? special(name, ctx) : ctx.get(name);
}

/** $(( … )) as a number; a syntax error or a division by zero fails the expansion. */
export function arith(src: string, ctx: ExpandContext): number {
  try {
    return Number(evaluate(src, ctx, 0, ctx.posixOnly));
  } catch (e) {
    if (e instanceof ArithError) return ctx.fail(e.failure);
    throw e;
  }
}

function glob(pattern: string, ctx: ExpandContext): string[] {
  const abs = pattern.startsWith("/") ? pattern : `${ctx.cwd.replace(/\/$/, "")}/${pattern}`;
  const slash = abs.lastIndexOf("/");
  const dir = abs.slice(0, slash) || "/";
  const base = abs.slice(slash + 1);
  if (/[*?]/.test(dir)) return [pattern];
  const re = new RegExp("^" + base.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  const hits = ctx.list(dir).filter((n) => re.test(n) && (!n.startsWith(".") || base.startsWith(".")));
  if (hits.length === 0) return [pattern];
  const prefix = pattern.slice(0, pattern.lastIndexOf("/") + 1);
  return hits.map((h) => prefix + h);
}

/** Expands `$…` constructs in a text, handing each piece to `emit` (patterns build on this). */
export const expandPieces = (text: string, ctx: ExpandContext, emit: (s: string, fromExpansion: boolean) => void): void =>
  expandText(text, ctx, emit);

/**
 * Field splitting by $IFS (default space, tab, newline): IFS whitespace runs separate fields,
 * each other IFS character ends one (so "a::b" with IFS=: gives a, "", b); unset IFS is the default.
 */
function splitFields(s: string, ifs: string | undefined): string[] {
  const seps = ifs ?? " \t\n";
  if (seps === "") return [s];
  if (seps === " \t\n") return s.split(/[ \t\n]+/);
  const white = [...seps].filter((c) => c === " " || c === "\t" || c === "\n").join("");
  const other = [...seps].filter((c) => !white.includes(c)).join("");
  const esc = (cs: string) => cs.replace(/[\]\\^-]/g, "\\$&");
  const W = esc(white);
  const O = esc(other);
  const re = !other ? new RegExp(`[${W}]+`) : white ? new RegExp(`[${W}]*[${O}][${W}]*|[${W}]+`) : new RegExp(`[${O}]`);
  const trimmed = white ? s.replace(new RegExp(`^[${esc(white)}]+|[${esc(white)}]+$`, "g"), "") : s;
  const out = trimmed.split(re);
  // A trailing non-whitespace separator does not make an empty last field.
  if (out.length > 1 && out[out.length - 1] === "" && other.includes(trimmed.at(-1) ?? "")) out.pop();
  return out;
}

/** Tilde expansion: emits $HOME for a leading `~` (alone or before `/`) and returns the rest of the part. */
function tildeless(part: WordPart, ctx: ExpandContext, emit: (home: string) => void): WordPart {
  if (!part.tilde || !/^~(\/|$)/.test(part.text)) return part;
  emit(ctx.get("HOME") ?? "");
  return { ...part, text: part.text.slice(1), tilde: false };
}

/**
 * bash brace expansion of an unquoted part: `pre{a,b}post` and `{1..5}`, `{a..e}`, `{10..0..5}`;
 * other braces stay literal. Each alternative is expanded again (several braces in one word).
 */
function braceWords(word: Word): Word[] | undefined {
  for (let k = 0; k < word.parts.length; k++) {
    const part = word.parts[k]!;
    if (!part.split) continue;
    const found = findBraces(part.text);
    if (!found) continue;
    const { start, end, items } = found;
    return items.map((item) => ({
      parts: [...word.parts.slice(0, k), { ...part, text: part.text.slice(0, start) + item + part.text.slice(end) }, ...word.parts.slice(k + 1)],
    }));
  }
  return undefined;
}

function findBraces(text: string): { start: number; end: number; items: string[] } | undefined {
  for (let open = text.indexOf("{"); open !== -1; open = text.indexOf("{", open + 1)) {
    if (text[open - 1] === "$") continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = open; j < text.length; j++) {
      const c = text[j];
      if (c === "{") depth++;
      else if (c === "," && depth === 1) commas.push(j);
      else if (c === "}" && --depth === 0) {
        const body = text.slice(open + 1, j);
        if (commas.length > 0) {
          const bounds = [open, ...commas, j];
          return { start: open, end: j + 1, items: bounds.slice(1).map((b, n) => text.slice(bounds[n]! + 1, b)) };
        }
        const seq = braceSequence(body);
        if (seq) return { start: open, end: j + 1, items: seq };
        break;
      }
    }
  }
  return undefined;
}

function braceSequence(body: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  const m = num ?? chr;
  if (!m) return undefined;
  const from = num ? Number(m[1]) : m[1]!.charCodeAt(0);
  const to = num ? Number(m[2]) : m[2]!.charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const out: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) out.push(num ? String(v) : String.fromCharCode(v));
  return out;
}

/** Expands a word into fields (an unquoted empty expansion yields no field). */
export function expandWord(word: Word, ctx: ExpandContext): string[] {
  if (ctx.braces) {
    const alternatives = braceWords(word);
    if (alternatives) return alternatives.flatMap((w) => expandWord(w, ctx));
  }
  const only = word.parts.length === 1 ? word.parts[0]! : undefined;
  if (only && !only.tilde && (!only.expand || !/[$`*?[{]/.test(only.text))) return [only.text]; // a plain literal
  const fields: string[] = [];
  let cur = "";
  let have = false;
  let globbable = false;
  const close = () => {
    if (have) fields.push(...(globbable && /[*?]/.test(cur) ? glob(cur, ctx) : [cur]));
    cur = ""; have = false; globbable = false;
  };
  for (const whole of word.parts) {
    const part = tildeless(whole, ctx, (home) => { cur += home; have = true; });
    if (!part.expand) { cur += part.text; have = true; continue; }
    if (!part.split) {
      // "$@" is one field per positional parameter (none: no field, unless text surrounds it).
      const at = /\$@|\$\{@\}/.exec(part.text);
      if (at) {
        const params = ctx.positional.slice(1);
        const before = part.text.slice(0, at.index);
        const after = part.text.slice(at.index + at[0].length);
        if (before) { have = true; expandText(before, ctx, (s) => { cur += s; }); }
        params.forEach((p, k) => { if (k > 0) close(); cur += p; have = true; });
        if (after) { have = true; expandText(after, ctx, (s) => { cur += s; }); }
        continue;
      }
      have = true;
      expandText(part.text, ctx, (s) => { cur += s; });
      continue;
    }
    expandText(part.text, ctx, (s, fromExpansion) => {
      if (!fromExpansion) { cur += s; have = true; globbable = true; return; }
      if (s === "") return;
      const ifs = ctx.get("IFS");
      // Fields delimited by a non-whitespace IFS character exist even when empty ("a::b").
      const keepEmpty = ifs !== undefined && /[^ \t\n]/.test(ifs);
      const pieces = splitFields(s, ifs);
      pieces.forEach((piece, k) => {
        if (k > 0) close();
        if (piece || keepEmpty) { cur += piece; have = true; }
      });
    });
  }
  close();
  return fields;
}

/** Expands a word into exactly one string (assignments, redirection targets, here: no splitting). */
export function expandSingle(word: Word, ctx: ExpandContext): string {
  let out = "";
  for (const whole of word.parts) {
    const part = tildeless(whole, ctx, (home) => { out += home; });
    if (!part.expand) out += part.text;
    else expandText(part.text, ctx, (s) => { out += s; });
  }
  return out;
}
