// Word expansion: parameters ($VAR, ${VAR:-x}, $?, $1…), command substitution ($(…), `…`, run by
// the caller synchronously), arithmetic ($((…))), field splitting of unquoted results, and a small
// glob (* ? in the last path segment).

import type { Word } from "./ast";

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
}

/** Expands `$…` constructs in a text; `onSplit` receives pieces that may be field-split. */
function expandText(text: string, ctx: ExpandContext, emit: (s: string, fromExpansion: boolean) => void): void {
  let i = 0;
  let lit = "";
  const flushLit = () => { if (lit) emit(lit, false); lit = ""; };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      flushLit();
      emit(ctx.substitute(text.slice(i + 1, end)).replace(/\n+$/, ""), true);
      i = end + 1;
    } else if (c === "$" && text.startsWith("$((", i)) {
      const end = matchClose(text, i + 1);
      flushLit();
      emit(String(arith(text.slice(i + 3, end - 2), ctx)), true);
      i = end;
    } else if (c === "$" && text[i + 1] === "(") {
      const end = matchClose(text, i + 1);
      flushLit();
      emit(ctx.substitute(text.slice(i + 2, end - 1)).replace(/\n+$/, ""), true);
      i = end;
    } else if (c === "$" && text[i + 1] === "{") {
      const end = text.indexOf("}", i);
      flushLit();
      emit(braced(text.slice(i + 2, end), ctx), true);
      i = end + 1;
    } else if (c === "$" && /[A-Za-z_]/.test(text[i + 1] ?? "")) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))!;
      flushLit();
      emit(ctx.get(m[0]) ?? "", true);
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

function braced(expr: string, ctx: ExpandContext): string {
  if (expr.startsWith("#")) return String((ctx.get(expr.slice(1)) ?? "").length);
  const m = /^([A-Za-z_]\w*|[0-9?#$@*])(:?[-=+?])?(.*)$/s.exec(expr);
  if (!m) return "";
  const [, name, op, word] = m as unknown as [string, string, string | undefined, string];
  const value = /^[0-9?#$@*]$/.test(name) ? special(name, ctx) : ctx.get(name);
  const unset = op?.startsWith(":") ? !value : value === undefined;
  switch (op?.replace(":", "")) {
    case "-": return unset ? word : value!;
    case "=": if (unset) ctx.set(name, word); return unset ? word : value!;
    case "+": return unset ? "" : word;
    case "?": return value ?? "";
    default: return value ?? "";
  }
}

/** $(( … )): integers, variables, + - * / % ( ) comparisons and unary minus. */
export function arith(src: string, ctx: ExpandContext): number {
  const tokens = src.match(/\d+|[A-Za-z_]\w*|\$[A-Za-z_]\w*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const val = (t: string): number => Number(ctx.get(t.replace(/^\$/, "")) ?? 0) || 0;
  const prec: Record<string, number> = { "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6 };
  const primary = (): number => {
    const t = tokens[i++] ?? "0";
    if (t === "(") { const v = expr(0); i++; return v; }
    if (t === "-") return -primary();
    if (t === "!") return primary() ? 0 : 1;
    return /^\d+$/.test(t) ? Number(t) : val(t);
  };
  const expr = (min: number): number => {
    let left = primary();
    for (let op = tokens[i]; op !== undefined && (prec[op] ?? 0) > min; op = tokens[i]) {
      i++;
      const right = expr(prec[op]!);
      left = applyOp(op, left, right);
    }
    return left;
  };
  return Math.trunc(expr(0));
}

function applyOp(op: string, a: number, b: number): number {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return b === 0 ? 0 : Math.trunc(a / b);
    case "%": return b === 0 ? 0 : a % b;
    case "<": return Number(a < b);
    case ">": return Number(a > b);
    case "<=": return Number(a <= b);
    case ">=": return Number(a >= b);
    case "==": return Number(a === b);
    case "!=": return Number(a !== b);
    case "&&": return Number(!!a && !!b);
    default: return Number(!!a || !!b);
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

/** Expands a word into fields (an unquoted empty expansion yields no field). */
export function expandWord(word: Word, ctx: ExpandContext): string[] {
  const only = word.parts.length === 1 ? word.parts[0]! : undefined;
  if (only && (!only.expand || !/[$`*?]/.test(only.text))) return [only.text]; // a plain literal
  const fields: string[] = [];
  let cur = "";
  let have = false;
  let globbable = false;
  const close = () => {
    if (have) fields.push(...(globbable && /[*?]/.test(cur) ? glob(cur, ctx) : [cur]));
    cur = ""; have = false; globbable = false;
  };
  for (const part of word.parts) {
    if (!part.expand) { cur += part.text; have = true; continue; }
    if (!part.split) {
      have = true;
      expandText(part.text, ctx, (s) => { cur += s; });
      continue;
    }
    expandText(part.text, ctx, (s, fromExpansion) => {
      if (!fromExpansion) { cur += s; have = true; globbable = true; return; }
      const pieces = s.split(/[ \t\n]+/);
      pieces.forEach((piece, k) => {
        if (k > 0) close();
        if (piece) { cur += piece; have = true; }
      });
    });
  }
  close();
  return fields;
}

/** Expands a word into exactly one string (assignments, redirection targets, here: no splitting). */
export function expandSingle(word: Word, ctx: ExpandContext): string {
  let out = "";
  for (const part of word.parts) {
    if (!part.expand) out += part.text;
    else expandText(part.text, ctx, (s) => { out += s; });
  }
  return out;
}
