// A small awk: the programs students write in one-liners. BEGIN/END and `pattern { action }`
// rules; patterns are expressions or /regex/; actions are print, printf, assignments (= += -=
// *= /= ++ --), if/else, next, and blocks; expressions have fields ($N, $NF), NR, NF, FS, OFS,
// variables, arrays (c[$1]++ with `for (k in c)`), arithmetic, comparisons, ~ and !~, && || !,
// concatenation and length/substr/index/toupper/tolower/int. Numbers print as %.6g.

import { OutcomeError } from "../../outcome-error";

type Value = string | number;
type Expr = (env: Env) => Value;
type Stmt = (env: Env) => void;

interface Env {
  fields: string[];
  line: string;
  nr: number;
  vars: Map<string, Value>;
  arrays: Map<string, Map<string, Value>>;
  out: (s: string) => void;
  split: (line: string) => string[];
}

class Next {}
export class AwkSyntaxError extends OutcomeError {}

const num = (v: Value): number => (typeof v === "number" ? v : parseFloat(v) || 0);
const str = (v: Value): string => (typeof v === "string" ? v : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
const looksNumeric = (v: Value): boolean => typeof v === "number" || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);
const truthy = (v: Value): boolean => (typeof v === "number" ? v !== 0 : v !== "");

const TOKEN = /[ \t]*(?:\\\n[ \t]*)*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?)|("(?:[^"\\]|\\.)*")|(\/(?:[^/\\\n]|\\.)+\/)|([A-Za-z_]\w*)|(\+\+|--|\+=|-=|\*=|\/=|%=|==|!=|<=|>=|&&|\|\||!~|[-+*/%^<>=!~(){}[\];,$?:]|\n)|#[^\n]*)/y;
const KEYWORDS = new Set(["in", "getline", "else", "print", "printf", "if", "for", "next", "while", "BEGIN", "END"]);

function tokenize(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    if (/^[ \t]*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new AwkSyntaxError(src.slice(i).trim());
    const t = m[0].replace(/^[ \t]*(\\\n[ \t]*)*/, "");
    if (t.startsWith("#")) { i = TOKEN.lastIndex; continue; }
    // A "/" after a value is division, not a regex.
    if (m[3] && out.length && /^[\w$)\]]|^"/.test(out[out.length - 1]!) && !["print", "printf", "return"].includes(out[out.length - 1]!)) {
      out.push("/");
      i = m.index + m[0].indexOf("/") + 1;
      continue;
    }
    out.push(t);
    i = TOKEN.lastIndex;
  }
  return out;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", "\\": "\\", '"': '"', "/": "/" } as Record<string, string>)[c] ?? `\\${c}`);

/** Parses and runs `program` over the input lines. */
export function runAwk(program: string, lines: string[], split: (l: string) => string[], out: (s: string) => void, vars: Map<string, Value>): void {
  const t = tokenize(program);
  let i = 0;
  const peek = (k = 0) => t[i + k];
  const eat = (x: string) => { if (t[i] !== x) throw new AwkSyntaxError(`expected ${x}`); i++; };
  const skipNl = () => { while (t[i] === "\n" || t[i] === ";") i++; };

  // ---- expressions (lowest to highest precedence) ----
  const expr = (): Expr => ternary();
  const ternary = (): Expr => {
    const c = or();
    if (peek() !== "?") return c;
    i++;
    const a = ternary();
    eat(":");
    const b = ternary();
    return (e) => (truthy(c(e)) ? a(e) : b(e));
  };
  const or = (): Expr => {
    let l = and();
    while (peek() === "||") { i++; const a = l, b = and(); l = (e) => (truthy(a(e)) || truthy(b(e)) ? 1 : 0); }
    return l;
  };
  const and = (): Expr => {
    let l = match();
    while (peek() === "&&") { i++; const a = l, b = match(); l = (e) => (truthy(a(e)) && truthy(b(e)) ? 1 : 0); }
    return l;
  };
  const match = (): Expr => {
    let l = comparison();
    while (peek() === "~" || peek() === "!~") {
      const neg = t[i++] === "!~";
      const a = l;
      // `$1 ~ /re/`: the literal is the pattern (elsewhere a bare /re/ matches $0).
      const lit = peek();
      const r: Expr = lit !== undefined && lit.length > 1 && lit.startsWith("/") ? (i++, () => lit.slice(1, -1)) : comparison();
      l = (e) => (new RegExp(str(r(e))).test(str(a(e))) !== neg ? 1 : 0);
    }
    return l;
  };
  const comparison = (): Expr => {
    const l = concat();
    const op = peek();
    if (op === undefined || !["<", ">", "<=", ">=", "==", "!="].includes(op)) return l;
    i++;
    const r = concat();
    return (e) => {
      const a = l(e), b = r(e);
      const d = looksNumeric(a) && looksNumeric(b) ? num(a) - num(b) : str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
      return ({ "<": d < 0, ">": d > 0, "<=": d <= 0, ">=": d >= 0, "==": d === 0, "!=": d !== 0 }[op]) ? 1 : 0;
    };
  };
  /** Whether a token can start the next operand of a concatenation (`$1 ":" $2`). */
  const startsValue = (x: string | undefined) => x !== undefined && /^[\w$"(]/.test(x) && !KEYWORDS.has(x);
  const concat = (): Expr => {
    let l = additive();
    while (startsValue(peek()) && !["&&", "||"].includes(peek()!)) { const a = l, b = additive(); l = (e) => str(a(e)) + str(b(e)); }
    return l;
  };
  const additive = (): Expr => {
    let l = term();
    while (peek() === "+" || peek() === "-") { const op = t[i++]; const a = l, b = term(); l = op === "+" ? (e) => num(a(e)) + num(b(e)) : (e) => num(a(e)) - num(b(e)); }
    return l;
  };
  const term = (): Expr => {
    let l = unary();
    while (peek() === "*" || peek() === "/" || peek() === "%") {
      const op = t[i++]; const a = l, b = unary();
      l = (e) => { const x = num(a(e)), y = num(b(e)); return op === "*" ? x * y : op === "/" ? x / y : x % y; };
    }
    return l;
  };
  const unary = (): Expr => {
    if (peek() === "!") { i++; const a = unary(); return (e) => (truthy(a(e)) ? 0 : 1); }
    if (peek() === "-") { i++; const a = unary(); return (e) => -num(a(e)); }
    if (peek() === "+") { i++; const a = unary(); return (e) => num(a(e)); }
    return power();
  };
  const power = (): Expr => {
    const l = postfix();
    if (peek() !== "^") return l;
    i++;
    const r = unary();
    return (e) => num(l(e)) ** num(r(e));
  };

  /** An lvalue: variable, array element or field; get/set. */
  type LValue = { get: (e: Env) => Value; set: (e: Env, v: Value) => void };
  const lvalue = (): LValue | undefined => {
    const x = peek();
    if (x === "$") {
      i++;
      const n = primary();
      return {
        get: (e) => { const k = num(n(e)); return k === 0 ? e.line : e.fields[k - 1] ?? ""; },
        set: (e, v) => { const k = num(n(e)); if (k === 0) { e.line = str(v); e.fields = e.split(e.line); } else { e.fields[k - 1] = str(v); e.line = e.fields.join(str(e.vars.get("OFS") ?? " ")); } },
      };
    }
    if (x && /^[A-Za-z_]\w*$/.test(x) && !FUNCS.has(x)) {
      i++;
      if (peek() === "[") {
        i++;
        const key = expr();
        eat("]");
        const arr = (e: Env) => { let a = e.arrays.get(x); if (!a) e.arrays.set(x, (a = new Map())); return a; };
        return { get: (e) => arr(e).get(str(key(e))) ?? "", set: (e, v) => { arr(e).set(str(key(e)), v); } };
      }
      return {
        get: (e) => (x === "NR" ? e.nr : x === "NF" ? e.fields.length : e.vars.get(x) ?? ""),
        set: (e, v) => { if (x === "NF") e.fields.length = num(v); else e.vars.set(x, v); },
      };
    }
    return undefined;
  };
  const postfix = (): Expr => {
    if (peek() === "++" || peek() === "--") {
      const d = t[i++] === "++" ? 1 : -1;
      const lv = lvalue();
      if (!lv) throw new AwkSyntaxError("++");
      return (e) => { const v = num(lv.get(e)) + d; lv.set(e, v); return v; };
    }
    const save = i;
    const lv = lvalue();
    if (lv) {
      const op = peek();
      if (op === "++" || op === "--") { i++; return (e) => { const v = num(lv.get(e)); lv.set(e, v + (op === "++" ? 1 : -1)); return v; }; }
      if (op && ["=", "+=", "-=", "*=", "/=", "%="].includes(op)) {
        i++;
        const r = expr();
        return (e) => {
          const v = r(e);
          const cur = num(lv.get(e));
          const res = op === "=" ? v : op === "+=" ? cur + num(v) : op === "-=" ? cur - num(v) : op === "*=" ? cur * num(v) : op === "/=" ? cur / num(v) : cur % num(v);
          lv.set(e, res);
          return res;
        };
      }
      return lv.get;
    }
    i = save;
    return primary();
  };
  const primary = (): Expr => {
    const x = t[i++];
    if (x === undefined) throw new AwkSyntaxError("unexpected end");
    if (x === "(") { const a = expr(); eat(")"); return a; }
    if (/^\d/.test(x)) { const n = Number(x); return () => n; }
    if (x.startsWith('"')) { const s = unescape(x.slice(1, -1)); return () => s; }
    if (x.startsWith("/") && x.length > 1) { const re = new RegExp(x.slice(1, -1)); return (e) => (re.test(e.line) ? 1 : 0); }
    if (x === "$") { i--; return postfix(); }
    if (FUNCS.has(x)) {
      eat("(");
      const a: Expr[] = [];
      while (peek() !== ")") { a.push(expr()); if (peek() === ",") i++; }
      eat(")");
      return (e) => FUNCS.get(x)!(a.map((f) => f(e)), e);
    }
    if (/^[A-Za-z_]/.test(x)) { i--; return postfix(); }
    throw new AwkSyntaxError(x);
  };

  // ---- statements ----
  const exprList = (): Expr[] => {
    const list: Expr[] = [];
    const stop = () => [";", "\n", "}", ">", undefined].includes(peek());
    if (stop()) return list;
    list.push(expr());
    while (peek() === ",") { i++; list.push(expr()); }
    return list;
  };
  const statement = (): Stmt => {
    skipNl();
    const x = peek();
    if (x === "{") { i++; const body = block(); return body; }
    if (x === "print") {
      i++;
      const args = exprList();
      return (e) => e.out((args.length ? args.map((a) => str(a(e))).join(str(e.vars.get("OFS") ?? " ")) : e.line) + "\n");
    }
    if (x === "printf") {
      i++;
      const args = exprList();
      return (e) => { const [f, ...rest] = args.map((a) => a(e)); e.out(formatC(str(f ?? ""), rest)); };
    }
    if (x === "next") { i++; return () => { throw new Next(); }; }
    if (x === "if") {
      i++; eat("(");
      const c = expr(); eat(")");
      const yes = statement();
      skipNl();
      let no: Stmt | undefined;
      if (peek() === "else") { i++; no = statement(); }
      return (e) => { if (truthy(c(e))) yes(e); else no?.(e); };
    }
    if (x === "for" && peek(1) === "(" && peek(3) === "in") {
      i += 2;
      const v = t[i++]!; i++;
      const arr = t[i++]!; eat(")");
      const body = statement();
      return (e) => { for (const k of [...(e.arrays.get(arr)?.keys() ?? [])]) { e.vars.set(v, k); body(e); } };
    }
    const ex = expr();
    return (e) => { ex(e); };
  };
  const block = (): Stmt => {
    const body: Stmt[] = [];
    for (skipNl(); peek() !== "}"; skipNl()) {
      if (peek() === undefined) throw new AwkSyntaxError("missing }");
      body.push(statement());
    }
    eat("}");
    return (e) => { for (const s of body) s(e); };
  };

  // ---- rules ----
  const begin: Stmt[] = [];
  const end: Stmt[] = [];
  const rules: { pattern?: Expr; action?: Stmt }[] = [];
  for (skipNl(); i < t.length; skipNl()) {
    if (peek() === "BEGIN" || peek() === "END") {
      const which = t[i++] === "BEGIN" ? begin : end;
      eat("{");
      which.push(block());
      continue;
    }
    const pattern = peek() === "{" ? undefined : expr();
    let action: Stmt | undefined;
    if (peek() === "{") { i++; action = block(); }
    rules.push({ ...(pattern ? { pattern } : {}), ...(action ? { action } : {}) });
  }

  const env: Env = { fields: [], line: "", nr: 0, vars, arrays: new Map(), out, split };
  for (const s of begin) s(env);
  for (const line of lines) {
    env.nr++;
    env.line = line;
    env.fields = split(line);
    try {
      for (const r of rules) {
        if (r.pattern && !truthy(r.pattern(env))) continue;
        if (r.action) r.action(env); else out(env.line + "\n");
      }
    } catch (e) {
      if (!(e instanceof Next)) throw e;
    }
  }
  for (const s of end) s(env);
}

const FUNCS = new Map<string, (a: Value[], e: Env) => Value>([
  ["length", (a, e) => str(a[0] ?? e.line).length],
  ["substr", (a) => { const s = str(a[0] ?? ""); const m = Math.max(1, Math.round(num(a[1] ?? 1))); return a[2] === undefined ? s.slice(m - 1) : s.slice(m - 1, m - 1 + Math.max(0, Math.round(num(a[2])))); }],
  ["index", (a) => str(a[0] ?? "").indexOf(str(a[1] ?? "")) + 1],
  ["toupper", (a) => str(a[0] ?? "").toUpperCase()],
  ["tolower", (a) => str(a[0] ?? "").toLowerCase()],
  ["int", (a) => Math.trunc(num(a[0] ?? 0))],
]);

/** C printf for awk: %s %d %i %f %e %g %x %o %c %% with flags, width, precision. */
function formatC(f: string, args: Value[]): string {
  let k = 0;
  return unescape(f).replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeEgGxXoc%])/g, (_, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    const v = args[k++] ?? "";
    let s: string;
    const p = prec === undefined ? undefined : Number(prec);
    switch (conv) {
      case "s": s = p === undefined ? str(v) : str(v).slice(0, p); break;
      case "c": s = typeof v === "number" ? String.fromCharCode(v) : str(v).slice(0, 1); break;
      case "f": s = num(v).toFixed(p ?? 6); break;
      case "e": case "E": s = num(v).toExponential(p ?? 6).replace(/e([+-])(\d)$/, "e$10$2"); if (conv === "E") s = s.toUpperCase(); break;
      case "g": case "G": s = String(Number(num(v).toPrecision(p || 6))); break;
      case "x": s = Math.trunc(num(v)).toString(16); break;
      case "X": s = Math.trunc(num(v)).toString(16).toUpperCase(); break;
      case "o": s = Math.trunc(num(v)).toString(8); break;
      default: s = String(Math.trunc(num(v)));
    }
    if (flags.includes("+") && /[difeEgG]/.test(conv) && num(v) >= 0) s = `+${s}`;
    const w = width === undefined ? 0 : Number(width);
    if (s.length < w) {
      if (flags.includes("-")) s = s.padEnd(w);
      else if (flags.includes("0") && conv !== "s") s = s.startsWith("-") ? `-${s.slice(1).padStart(w - 1, "0")}` : s.padStart(w, "0");
      else s = s.padStart(w);
    }
    return s;
  });
}
