// Mirrors k8s.io/apimachinery/pkg/labels (selector.go: the `-l` string lexer/parser and
// Requirement.Matches) and metav1.LabelSelectorAsSelector (matchLabels + matchExpressions).
// A selector is a list of requirements, all of which must hold; the empty selector matches all.

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

export class SelectorParseError extends Error {}

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

// ---- the `-l` string syntax -------------------------------------------------------------

type Tok = { t: "id" | "op" | "(" | ")" | "," | "!" | "in" | "notin" | "end"; v: string };

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "(" || c === ")" || c === ",") { out.push({ t: c, v: c }); i++; continue; }
    if (c === "!" && s[i + 1] === "=") { out.push({ t: "op", v: "!=" }); i += 2; continue; }
    if (c === "!") { out.push({ t: "!", v: "!" }); i++; continue; }
    if (c === "=" && s[i + 1] === "=") { out.push({ t: "op", v: "==" }); i += 2; continue; }
    if (c === "=" || c === ">" || c === "<") { out.push({ t: "op", v: c }); i++; continue; }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!) && !SPECIAL.has(s[j]!)) j++;
    const word = s.slice(i, j);
    out.push({ t: word === "in" ? "in" : word === "notin" ? "notin" : "id", v: word });
    i = j;
  }
  out.push({ t: "end", v: "" });
  return out;
}

/** labels.Parse: throws SelectorParseError("unable to parse requirement: …") on bad input. */
export function parseSelector(s: string): Requirement[] {
  const toks = lex(s);
  let p = 0;
  const peek = () => toks[p]!;
  const fail = (found: Tok, expected: string): never => {
    throw new SelectorParseError(`unable to parse requirement: found '${found.v}', expected: ${expected}`);
  };
  const reqs: Requirement[] = [];
  if (peek().t === "end") return reqs;
  for (;;) {
    let t = toks[p++]!;
    let negate = false;
    if (t.t === "!") {
      negate = true;
      t = toks[p++]!;
    }
    if (t.t !== "id") fail(t, "identifier");
    const key = t.v;
    checkKey(key);
    const next = peek();
    if (negate) {
      reqs.push({ key, operator: "!", values: [] });
    } else if (next.t === "end" || next.t === ",") {
      reqs.push({ key, operator: "exists", values: [] });
    } else if (next.t === "op") {
      p++;
      const op = next.v === ">" ? "gt" : next.v === "<" ? "lt" : (next.v as Operator);
      const val = peek();
      let value = "";
      if (val.t === "id" || val.t === "in" || val.t === "notin") {
        value = val.v;
        p++;
      } else if (val.t !== "end" && val.t !== ",") fail(val, "identifier");
      if ((op === "gt" || op === "lt") && !/^-?\d+$/.test(value)) {
        throw new SelectorParseError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      checkValue(value);
      reqs.push({ key, operator: op, values: [value] });
    } else if (next.t === "in" || next.t === "notin") {
      p++;
      if (toks[p++]!.t !== "(") fail(toks[p - 1]!, "'('");
      const values: string[] = [];
      for (;;) {
        const v = toks[p++]!;
        if (v.t === ")") break;
        if (v.t === ",") { values.push(""); continue; }
        if (v.t !== "id" && v.t !== "in" && v.t !== "notin") fail(v, "',', or ')'");
        checkValue(v.v);
        values.push(v.v);
        const sep = toks[p++]!;
        if (sep.t === ")") break;
        if (sep.t !== ",") fail(sep, "',' or ')'");
      }
      reqs.push({ key, operator: next.t, values: [...new Set(values)].sort() });
    } else {
      fail(next, "'=', '!=', '==', 'in', notin'");
    }
    const sep = toks[p++]!;
    if (sep.t === "end") break;
    if (sep.t !== ",") fail(sep, "',' or 'end of string'");
  }
  return reqs;
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  const name = key.includes("/") ? key.slice(key.indexOf("/") + 1) : key;
  if (!name || name.length > 63 || !NAME_PART.test(name)) {
    throw new SelectorParseError(
      `unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

function checkValue(v: string): void {
  if (v.length > 63 || !VALUE.test(v)) {
    throw new SelectorParseError(
      `unable to parse requirement: values[0][${v}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}
