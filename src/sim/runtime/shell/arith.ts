// Shell arithmetic `$(( … ))` as busybox ash and bash evaluate it: 64-bit integers, C operators
// and precedence (assignments, ?:, ||, &&, | ^ &, comparisons, shifts, + - * / % **, unary
// - + ! ~, ++/--), decimal, 0x hex and leading-0 octal constants, and variables whose value is
// itself an expression (x=3+4; $((x*2)) is 14). Errors are values for the shell to word.

import { OutcomeError } from "../../outcome-error";

export type ArithFailure =
  | { kind: "arith-syntax"; expr: string; token: string }
  | { kind: "divide-by-zero"; expr: string };

export class ArithError extends OutcomeError {
  constructor(readonly failure: ArithFailure) { super(failure.kind); }
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const TOKEN = /\s*(\d+#[0-9a-zA-Z@_]+|0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|\*\*=?|<<=|>>=|\+\+|--|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%&|^]=|[-+*/%()<>!~&|^?:=,])/y;

/** Binary operators by precedence (higher binds tighter); `**` is right-associative. */
const BINARY: Record<string, number> = {
  "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
  "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
};
const ASSIGN = new Set(["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", "**="]);

const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new ArithError({ kind: "arith-syntax", expr: src, token: src.slice(i).trim() });
    out.push(m[1]!);
    i = TOKEN.lastIndex;
  }
  return out;
}

/**
 * Evaluates `src`; throws ArithError. `depth` bounds variables that refer to themselves; `posix`
 * (dash) has no `**` and no `++`/`--`.
 */
export function evaluate(src: string, vars: ArithVars, depth = 0, posix = false): bigint {
  const tokens = tokenize(src);
  if (posix && tokens.some((t) => t === "**" || t === "**=" || t === "++" || t === "--")) {
    throw new ArithError({ kind: "arith-syntax", expr: src, token: src });
  }
  if (tokens.length === 0) return 0n;
  let i = 0;
  const syntax = (): never => { throw new ArithError({ kind: "arith-syntax", expr: src, token: tokens.slice(i).join("") || src }); };
  const peek = () => tokens[i];
  const isName = (t: string | undefined) => t !== undefined && /^[A-Za-z_]/.test(t);

  const valueOf = (name: string): bigint => {
    const v = (vars.get(name) ?? "").trim();
    if (v === "") return 0n;
    if (depth > 20) throw new ArithError({ kind: "arith-syntax", expr: src, token: name });
    return evaluate(v, vars, depth + 1, posix);
  };
  const constant = (t: string): bigint => {
    if (t.includes("#")) { // BASE#DIGITS (ash, bash)
      const [base, digits] = t.split("#") as [string, string];
      const b = Number(base);
      let v = 0n;
      for (const ch of digits) {
        const d = parseInt(ch, 36);
        if (Number.isNaN(d) || d >= b) throw new ArithError({ kind: "arith-syntax", expr: src, token: t });
        v = v * BigInt(b) + BigInt(d);
      }
      return wrap(v);
    }
    if (/^0[xX]/.test(t)) return wrap(BigInt(t));
    if (/^0\d+$/.test(t)) {
      if (/[89]/.test(t)) throw new ArithError({ kind: "arith-syntax", expr: src, token: t });
      return wrap(BigInt(`0o${t.slice(1)}`));
    }
    return wrap(BigInt(t));
  };
  const store = (name: string, v: bigint): bigint => { vars.set(name, String(v)); return v; };

  const primary = (): bigint => {
    const t = tokens[i++];
    if (t === undefined) return syntax();
    if (t === "(") {
      const v = assignment();
      if (tokens[i++] !== ")") { i--; syntax(); }
      return v;
    }
    if (t === "-" ) return wrap(-primary());
    if (t === "+") return primary();
    if (t === "!") return primary() === 0n ? 1n : 0n;
    if (t === "~") return wrap(~primary());
    if (t === "++" || t === "--") {
      const name = tokens[i++];
      if (!isName(name)) { i--; return syntax(); }
      return store(name!, wrap(valueOf(name!) + (t === "++" ? 1n : -1n)));
    }
    if (/^\d/.test(t)) return constant(t);
    if (isName(t)) {
      const post = peek();
      if (post === "++" || post === "--") {
        i++;
        const v = valueOf(t);
        store(t, wrap(v + (post === "++" ? 1n : -1n)));
        return v;
      }
      return valueOf(t);
    }
    i--;
    return syntax();
  };

  const binary = (min: number): bigint => {
    let left = primary();
    for (let op = peek(); op !== undefined && (BINARY[op] ?? 0) > min; op = peek()) {
      i++;
      const prec = BINARY[op]!;
      if (op === "&&" || op === "||") {
        const right = binary(prec);
        left = (op === "&&" ? left !== 0n && right !== 0n : left !== 0n || right !== 0n) ? 1n : 0n;
        continue;
      }
      left = apply(op, left, binary(op === "**" ? prec - 1 : prec));
    }
    return left;
  };

  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case "+": return wrap(a + b);
      case "-": return wrap(a - b);
      case "*": return wrap(a * b);
      case "/": case "%":
        if (b === 0n) throw new ArithError({ kind: "divide-by-zero", expr: src });
        return wrap(op === "/" ? a / b : a % b);
      case "**": return b < 0n ? 0n : wrap(a ** b);
      case "<<": return wrap(a << (b & 63n));
      case ">>": return wrap(a >> (b & 63n));
      case "&": return a & b;
      case "|": return a | b;
      case "^": return a ^ b;
      case "<": return a < b ? 1n : 0n;
      case ">": return a > b ? 1n : 0n;
      case "<=": return a <= b ? 1n : 0n;
      case ">=": return a >= b ? 1n : 0n;
      case "==": return a === b ? 1n : 0n;
      default: return a !== b ? 1n : 0n;
    }
  };

  const conditional = (): bigint => {
    const c = binary(0);
    if (peek() !== "?") return c;
    i++;
    const yes = assignment();
    if (tokens[i++] !== ":") { i--; syntax(); }
    const no = conditional();
    return c !== 0n ? yes : no;
  };

  const assignment = (): bigint => {
    const t = peek();
    if (isName(t) && ASSIGN.has(tokens[i + 1] ?? "")) {
      const op = tokens[i + 1]!;
      i += 2;
      const v = assignment();
      return store(t!, op === "=" ? v : apply(op.slice(0, -1), valueOf(t!), v));
    }
    return conditional();
  };

  let v = assignment();
  while (peek() === ",") { i++; v = assignment(); }
  if (i < tokens.length) syntax();
  return v;
}
