// Mirrors k8s.io/apimachinery/pkg/labels (selector.go: the `-l` string lexer/parser and
// Requirement.Matches) and metav1.LabelSelectorAsSelector (matchLabels + matchExpressions).
// A selector is a list of requirements, all of which must hold; the empty selector matches all.

import { goQuote } from "../../cli/format/go-fmt";
import { isQualifiedName, isValidLabelValue } from "./validation/names";
import { OutcomeError } from "../../outcome-error";

export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export class SelectorParseError extends OutcomeError {}

export function matchesRequirement(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case "=": case "==": case "in":
      return has && r.values.includes(v!);
    case "!=": case "notin":
      return !has || !r.values.includes(v!);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt": case "lt": {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const n = Number(v);
      const t = Number(r.values[0]);
      return r.operator === "gt" ? n > t : n < t;
    }
  }
}

export function matches(selector: Requirement[], labels: Record<string, string> | undefined): boolean {
  return selector.every((r) => matchesRequirement(r, labels));
}

/** A map selector (Service spec.selector, nodeSelector): every pair must be present. */
export function matchesMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

/**
 * metav1.LabelSelectorAsSelector. A null selector matches nothing (returns undefined); an
 * empty one ({}) matches everything.
 */
export function fromLabelSelector(sel: LabelSelector | null | undefined): Requirement[] | undefined {
  if (!sel) return undefined;
  const reqs: Requirement[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) reqs.push({ key: k, operator: "=", values: [sel.matchLabels![k]!] });
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" } as const)[e.operator as "In"];
    if (!op) continue;
    reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])].sort() });
  }
  return reqs;
}

export function labelSelectorMatches(sel: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
  const reqs = fromLabelSelector(sel);
  return reqs !== undefined && matches(reqs, labels);
}

/** The printed form: `app=web,tier in (a,b),!legacy,key` (wide SELECTOR column, describe). */
export function formatRequirements(reqs: Requirement[]): string {
  return reqs.map(formatRequirement).join(",");
}

function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case "exists": return r.key;
    case "!": return `!${r.key}`;
    case "in": return `${r.key} in (${r.values.join(",")})`;
    case "notin": return `${r.key} notin (${r.values.join(",")})`;
    case "gt": return `${r.key}>${r.values[0]}`;
    case "lt": return `${r.key}<${r.values[0]}`;
    default: return `${r.key}${r.operator === "==" ? "=" : r.operator}${r.values[0]}`;
  }
}

/** `<none>` for an empty/absent selector, otherwise the printed form. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  const reqs = fromLabelSelector(sel);
  if (!reqs || reqs.length === 0) return "<none>";
  return formatRequirements(reqs);
}

// ---- the `-l` string syntax (labels.Parse) ----------------------------------------------

// Token kinds of the lexer; "id" is an identifier (a key or a value), "in"/"notin" keywords
// that read as identifiers where a value is expected (Parser.lookahead in the Values context).
type TokKind = "id" | "in" | "notin" | "=" | "==" | "!=" | "!" | "(" | ")" | "," | ">" | "<" | "end";
type Tok = { t: TokKind; v: string };

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);
const TWO_CHAR = new Set(["!=", "=="]);

/** Lexer.Lex: whitespace separates; special symbols by longest match; any other run is a word. */
function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WHITESPACE.has(s[i]!)) i++;
    if (i >= s.length) break;
    if (SPECIAL.has(s[i]!)) {
      const two = s.slice(i, i + 2);
      const sym = TWO_CHAR.has(two) ? two : s[i]!;
      out.push({ t: sym as TokKind, v: sym });
      i += sym.length;
      continue;
    }
    let j = i;
    while (j < s.length && !SPECIAL.has(s[j]!) && !WHITESPACE.has(s[j]!)) j++;
    const word = s.slice(i, j);
    out.push({ t: word === "in" || word === "notin" ? word : "id", v: word });
    i = j;
  }
  out.push({ t: "end", v: "" });
  return out;
}

/** The operators parseOperator lists when it finds none (selection's binaryOperators). */
const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

/** field.Error.Error() for an Invalid string value at `path` (a nil path prints "<nil>"). */
const invalidAt = (path: string, value: string, detail: string) => `${path}: Invalid value: ${goQuote(value)}: ${detail}`;

/** utilerrors.Aggregate's message: one error as is, several bracketed and comma-joined (duplicates once). */
function aggregate(errs: string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(", ")}]`;
}

/**
 * labels.Parse, as apimachinery's Parser runs it: the messages are the server's (it parses `-l`
 * for a list; kubectl only passes the text on). Errors inside one requirement carry
 * "unable to parse requirement: ", the separators between requirements do not. The
 * requirements come back sorted by key, as parse() sorts them.
 */
export function parseSelector(s: string): Requirement[] {
  const toks = lex(s);
  let p = 0;
  // In the Values context `in`/`notin` are identifiers (a key or value may be spelled so).
  const asValue = (t: Tok): TokKind => (t.t === "in" || t.t === "notin" ? "id" : t.t);
  const lookahead = () => asValue(toks[p]!);
  const err = (msg: string): never => {
    throw new SelectorParseError(msg);
  };
  const reqErr = (msg: string): never => err(`unable to parse requirement: ${msg}`);
  const reqs: Requirement[] = [];
  for (;;) {
    const kind = lookahead();
    if (kind === "end") break;
    if (kind !== "id" && kind !== "!") err(`found '${toks[p]!.v}', expected: !, identifier, or 'end of string'`);
    reqs.push(parseRequirement());
    const sep = toks[p++]!;
    if (sep.t === "end") break;
    if (sep.t !== ",") err(`found '${sep.v}', expected: ',' or 'end of string'`);
    const next = lookahead();
    if (next !== "id" && next !== "!") err(`found '${toks[p]!.v}', expected: identifier after ','`);
  }
  return reqs.map((r, i) => ({ r, i })).sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i)).map((x) => x.r);

  function parseRequirement(): Requirement {
    // parseKeyAndInferOperator
    let t = toks[p++]!;
    const negate = t.t === "!";
    if (negate) t = toks[p++]!;
    if (asValue(t) !== "id") reqErr(`found '${t.v}', expected: identifier`);
    const key = t.v;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) reqErr(invalidAt("<nil>", key, keyErrs.join("; ")));
    const after = lookahead();
    if (negate || after === "end" || after === ",") return { key, operator: negate ? "!" : "exists", values: [] };
    // parseOperator (in the KeyAndOperator context `in`/`notin` are operators)
    const opTok = toks[p++]!;
    const operator: Operator | undefined = ({ in: "in", notin: "notin", "=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt" } as Partial<Record<TokKind, Operator>>)[opTok.t];
    if (!operator) return reqErr(`found '${opTok.v}', expected: ${BINARY_OPERATORS}`);
    const values = operator === "in" || operator === "notin" ? parseValues() : parseExactValue();
    // NewRequirement's checks, all of them, aggregated.
    const errs: string[] = [];
    values.forEach((v, i) => {
      if ((operator === "gt" || operator === "lt") && !/^[+-]?\d+$/.test(v)) errs.push(invalidAt(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
    values.forEach((v, i) => {
      const bad = isValidLabelValue(v);
      if (bad.length) errs.push(invalidAt(`values[${i}][${key}]`, v, bad.join("; ")));
    });
    if (errs.length) reqErr(aggregate(errs));
    return { key, operator, values };
  }

  /** parseValues: `(a,b,,c)`; a sets.String, so sorted and each value once ("" for empty slots). */
  function parseValues(): string[] {
    const open = toks[p++]!;
    if (asValue(open) !== "(") reqErr(`found '${open.v}' expected: '('`);
    const first = toks[p]!;
    const kind = lookahead();
    const set = new Set<string>();
    if (kind === ")") {
      p++;
      return [""];
    }
    if (kind !== "id" && kind !== ",") reqErr(`found '${first.v}', expected: ',', ')' or identifier`);
    // parseIdentifiersList
    for (;;) {
      const t = toks[p++]!;
      const tk = asValue(t);
      if (tk === "id") {
        set.add(t.v);
        const next = lookahead();
        if (next === ",") continue;
        if (next === ")") break;
        reqErr(`found '${toks[p]!.v}', expected: ',' or ')'`);
      } else if (tk === ",") {
        if (set.size === 0) set.add("");
        const next = lookahead();
        if (next === ")") {
          set.add("");
          break;
        }
        if (next === ",") {
          p++;
          set.add("");
        }
      } else {
        reqErr(`found '${t.v}', expected: ',', or identifier`);
      }
    }
    // The closing parenthesis (the list stopped in front of it).
    if (asValue(toks[p++]!) !== ")") reqErr(`found '${first.v}', expected: ')'`);
    return [...set].sort();
  }

  /** parseExactValue: one identifier, or nothing (the empty value) before `,` or the end. */
  function parseExactValue(): string[] {
    const kind = lookahead();
    if (kind === "end" || kind === ",") return [""];
    const t = toks[p++]!;
    if (asValue(t) !== "id") reqErr(`found '${t.v}', expected: identifier`);
    return [t.v];
  }
}
