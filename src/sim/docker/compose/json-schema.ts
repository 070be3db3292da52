// A small draft-07 JSON Schema validator for the keywords the Compose schemas use ($ref, type,
// properties, patternProperties, additionalProperties, required, items, oneOf, anyOf, enum,
// pattern, minimum, maximum, uniqueItems). Mirrors xeipuuv/gojsonschema's result model: a flat
// list of errors with the dotted field path, where a failed oneOf/anyOf adds its own error plus
// the errors of its closest-matching branch (the one with the best score). Interpreted from the
// schema JSON at run time: Workers forbid compiling validators with `new Function`.

export type JsonSchema = boolean | { [k: string]: unknown };

export type SchemaErrorKind =
  | "invalid_type" | "additional_property_not_allowed" | "required" | "enum" | "number_one_of"
  | "number_any_of" | "pattern" | "number_gte" | "number_lte" | "array_unique" | "false" | "format";

export interface SchemaError {
  kind: SchemaErrorKind;
  /** Path segments from the document root. */
  path: string[];
  /** invalid_type: the schema's wanted type(s); additional: the property; required: the property. */
  expected?: string[];
  property?: string;
  allowed?: unknown[];
  /** array_unique: the first repeated pair (earlier copy, repeat). */
  indices?: [number, number];
  /** number_gte / number_lte: the schema's bound; format: the format's name. */
  limit?: number;
  format?: string;
}

interface Result {
  errors: SchemaError[];
  score: number;
}

const MAX_DEPTH = 64;

/** Checkers for the `format` keyword (gojsonschema.FormatCheckers); unknown formats pass. */
export type FormatCheckers = Record<string, (value: unknown) => boolean>;

export class SchemaValidator {
  constructor(private readonly root: { [k: string]: unknown }, private readonly formats: FormatCheckers = {}) {}

  validate(value: unknown): SchemaError[] {
    return this.check(this.root, value, [], 0).errors;
  }

  private resolve(ref: string): JsonSchema {
    if (!ref.startsWith("#/")) return true;
    let node: unknown = this.root;
    for (const seg of ref.slice(2).split("/")) node = (node as Record<string, unknown>)?.[seg];
    return (node as JsonSchema) ?? true;
  }

  private check(schema: JsonSchema, value: unknown, path: string[], depth: number): Result {
    const res: Result = { errors: [], score: 0 };
    if (schema === true) return res;
    if (schema === false) {
      res.errors.push({ kind: "false", path });
      return res;
    }
    if (depth > MAX_DEPTH) return res;
    if (typeof schema.$ref === "string") return this.check(this.resolve(schema.$ref), value, path, depth + 1);

    const types = schema.type === undefined ? undefined : ([] as string[]).concat(schema.type as string | string[]);
    if (types) {
      const coerced = schema["x-coerce"] === true && typeof value === "string" && types.some((t) => coercible(t, value));
      if (!coerced && !types.some((t) => matchesType(t, value))) {
        res.errors.push({ kind: "invalid_type", path, expected: types });
        return res;
      }
      res.score++;
    }
    if (typeof schema.format === "string" && this.formats[schema.format] && !this.formats[schema.format]!(value)) {
      res.errors.push({ kind: "format", path, format: schema.format });
    }
    if (Array.isArray(schema.enum)) {
      if (!schema.enum.some((e) => e === value)) res.errors.push({ kind: "enum", path, allowed: schema.enum });
      else res.score++;
    }
    for (const [key, kind] of [["oneOf", "number_one_of"], ["anyOf", "number_any_of"]] as const) {
      const branches = schema[key];
      if (!Array.isArray(branches)) continue;
      let valid = 0;
      let best: Result | undefined;
      for (const b of branches as JsonSchema[]) {
        const r = this.check(b, value, path, depth + 1);
        if (r.errors.length === 0) valid++;
        else if (valid === 0 && (!best || r.score > best.score)) best = r;
      }
      const ok = kind === "number_one_of" ? valid === 1 : valid >= 1;
      if (!ok) {
        res.errors.push({ kind, path });
        if (valid === 0 && best) res.errors.push(...best.errors);
      } else res.score++;
    }
    if (typeof value === "string") {
      if (typeof schema.pattern === "string" && !safeRegex(schema.pattern).test(value)) {
        res.errors.push({ kind: "pattern", path });
      }
    }
    if (typeof value === "number") {
      if (typeof schema.minimum === "number" && value < schema.minimum) res.errors.push({ kind: "number_gte", path, limit: schema.minimum });
      if (typeof schema.maximum === "number" && value > schema.maximum) res.errors.push({ kind: "number_lte", path, limit: schema.maximum });
    }
    if (Array.isArray(value)) {
      if (schema.items !== undefined) {
        value.forEach((item, i) => merge(res, this.check(schema.items as JsonSchema, item, [...path, String(i)], depth + 1)));
      }
      if (schema.uniqueItems === true) {
        // gojsonschema's first repeat, with the index of the item's last earlier copy.
        const seen = new Map<string, number>();
        let repeated = false;
        value.forEach((v, j) => {
          const key = JSON.stringify(v);
          const i = seen.get(key);
          if (i !== undefined && !repeated) res.errors.push({ kind: "array_unique", path, indices: [i, j] });
          if (i !== undefined) repeated = true;
          seen.set(key, j);
        });
      }
    }
    if (isObject(value)) {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>);
      for (const req of (schema.required ?? []) as string[]) {
        if (!(req in value)) res.errors.push({ kind: "required", path, property: req });
      }
      for (const [k, v] of Object.entries(value)) {
        let matched = false;
        if (k in props) {
          matched = true;
          merge(res, this.check(props[k]!, v, [...path, k], depth + 1));
        }
        for (const [pat, sub] of patterns) {
          if (safeRegex(pat).test(k)) {
            matched = true;
            merge(res, this.check(sub, v, [...path, k], depth + 1));
          }
        }
        if (!matched && schema.additionalProperties !== undefined) {
          if (schema.additionalProperties === false) {
            res.errors.push({ kind: "additional_property_not_allowed", path, property: k });
          } else merge(res, this.check(schema.additionalProperties as JsonSchema, v, [...path, k], depth + 1));
        }
      }
    }
    return res;
  }
}

function merge(into: Result, r: Result): void {
  into.errors.push(...r.errors);
  into.score += r.score;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function matchesType(t: string, v: unknown): boolean {
  switch (t) {
    case "object": return isObject(v);
    case "array": return Array.isArray(v);
    case "string": return typeof v === "string";
    case "number": return typeof v === "number";
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "null": return v === null;
    default: return true;
  }
}

function coercible(t: string, v: string): boolean {
  if (t === "integer") return /^[+-]?\d+$/.test(v);
  if (t === "number") return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v);
  if (t === "boolean") return /^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(v);
  return false;
}

const regexCache = new Map<string, RegExp>();
function safeRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, "u");
    } catch {
      re = /(?:)/;
    }
    regexCache.set(pattern, re);
  }
  return re;
}
