// Mirrors compose-go's template package (shared in spirit with docker/cli's compose/template):
// `$$` escapes, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
// `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, with nested expansions in the default. Values are
// interpolated, keys are not. Errors are values the loaders word in their own style.

import { OutcomeError } from "../../outcome-error";

export type InterpolationError =
  | { kind: "invalid"; path: string; template: string }
  | { kind: "required"; path: string; variable: string; reason: string };

export interface InterpolateResult {
  value: unknown;
  /** Variables referenced without a value (compose warns about each once). */
  unset: string[];
}

export class InterpolationFailure extends OutcomeError {
  constructor(readonly detail: InterpolationError) {
    super(detail.kind);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const MAX_NEST = 16;

/** Substitutes one string; throws InterpolationFailure. */
export function substitute(
  template: string,
  lookup: (name: string) => string | undefined,
  path: string,
  unset: Set<string>,
  nest = 0,
  literalDefaults = false,
): string {
  let out = "";
  let i = 0;
  const invalid = () => new InterpolationFailure({ kind: "invalid", path, template });
  while (i < template.length) {
    const c = template[i]!;
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = template[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      // Find the matching brace, allowing nested ${…} in the default.
      let depth = 1;
      let j = i + 2;
      while (j < template.length && depth > 0) {
        if (template[j] === "{") depth++;
        else if (template[j] === "}") depth--;
        if (depth > 0) j++;
      }
      if (depth !== 0 || nest > MAX_NEST) throw invalid();
      const body = template.slice(i + 2, j);
      out += expandBraced(body, lookup, path, unset, nest, invalid, literalDefaults);
      i = j + 1;
      continue;
    }
    const m = NAME.exec(template.slice(i + 1));
    if (m) {
      const v = lookup(m[0]);
      if (v === undefined) unset.add(m[0]);
      out += v ?? "";
      i += 1 + m[0].length;
      continue;
    }
    if (next === undefined) {
      out += "$";
      i++;
      continue;
    }
    throw invalid();
  }
  return out;
}

function expandBraced(
  body: string,
  lookup: (name: string) => string | undefined,
  path: string,
  unset: Set<string>,
  nest: number,
  invalid: () => InterpolationFailure,
  literalDefaults: boolean,
): string {
  const m = NAME.exec(body);
  if (!m) throw invalid();
  const name = m[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  if (rest === "") {
    if (value === undefined) unset.add(name);
    return value ?? "";
  }
  const op = /^(:?[-?+])/.exec(rest);
  if (!op) throw invalid();
  // docker/cli's template (literalDefaults: `docker stack`) has no alternate-value form.
  if (literalDefaults && op[1]!.endsWith("+")) throw invalid();
  const text = rest.slice(op[1]!.length);
  const arg = () => (literalDefaults ? text : substitute(text, lookup, path, unset, nest + 1));
  const empty = value === undefined || value === "";
  switch (op[1]) {
    case ":-": return empty ? arg() : value!;
    case "-": return value === undefined ? arg() : value;
    case ":+": return empty ? "" : arg();
    case "+": return value === undefined ? "" : arg();
    case ":?":
    case "?":
      if (op[1] === ":?" ? empty : value === undefined) {
        throw new InterpolationFailure({ kind: "required", path, variable: name, reason: arg() });
      }
      return value!;
  }
  throw invalid();
}

/** Interpolates every string value of a YAML tree (keys untouched). */
export function interpolateTree(
  tree: unknown,
  lookup: (name: string) => string | undefined,
  opts: { listIndex?: "number" | "brackets"; literalDefaults?: boolean } = {},
): InterpolateResult {
  const unset = new Set<string>();
  const walk = (v: unknown, path: string[]): unknown => {
    if (typeof v === "string") return substitute(v, lookup, path.join("."), unset, 0, opts.literalDefaults);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, opts.listIndex === "brackets" ? "[]" : String(i)]));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  const value = walk(tree, []);
  return { value, unset: [...unset] };
}

/** Parses a `.env` file the way compose's dotenv does (KEY=VALUE, quotes, comments, `export`). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("export ")) line = line.slice(7).trim();
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"') && value.length >= 2)) {
      value = value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
      value = value.slice(1, -1);
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
    }
    out[key] = value;
  }
  return out;
}
