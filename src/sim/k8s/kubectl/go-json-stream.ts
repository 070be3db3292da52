// A manifest whose first non-blank character is "{" is read as a JSON stream (apimachinery's
// YAMLOrJSONDecoder), value after value, by encoding/json's Decoder. This mirrors its scanner's
// syntax errors — "invalid character 'x' looking for beginning of object key string" at a byte
// offset (bytes read, the bad one included) — and its "unexpected EOF" for a value cut short.

import { OutcomeError } from "../../outcome-error";

export type JsonStream = { values: string[]; error?: undefined } | { values: string[]; error: string };

class JsonSyntax extends OutcomeError {
  constructor(readonly at: number, readonly detail: string) {
    super(detail);
  }
}
class JsonEOF extends OutcomeError {}

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isDigit = (c: string) => c >= "0" && c <= "9";

/** encoding/json's quoteChar. */
export function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

export function isJsonStream(text: string): boolean {
  return text.trimStart().startsWith("{");
}

/** The stream's values (as text, for JSON.parse) and the error that stopped the decoder, if any. */
export function readJsonStream(text: string): JsonStream {
  const values: string[] = [];
  let i = 0;
  const at = (k: number): string => text[k] ?? "";
  const fail = (k: number, context: string): never => {
    throw new JsonSyntax(k, `invalid character ${quoteChar(at(k))} ${context}`);
  };
  const ws = () => {
    while (i < text.length && isSpace(at(i))) i++;
    if (i >= text.length) throw new JsonEOF();
  };
  const str = () => {
    i++;
    for (;;) {
      if (i >= text.length) throw new JsonEOF();
      const c = at(i);
      if (c === '"') return void i++;
      if (c === "\\") {
        i++;
        if (i >= text.length) throw new JsonEOF();
        const e = at(i);
        if (e === "u") {
          for (let k = 1; k <= 4; k++) {
            if (i + k >= text.length) throw new JsonEOF();
            if (!/[0-9a-fA-F]/.test(at(i + k))) fail(i + k, "in \\u hexadecimal character escape");
          }
          i += 5;
          continue;
        }
        if (!`"\\/bfnrt`.includes(e)) fail(i, "in string escape code");
        i++;
        continue;
      }
      if (c < " ") fail(i, "in string literal");
      i++;
    }
  };
  const num = () => {
    if (at(i) === "-") {
      i++;
      if (i >= text.length) throw new JsonEOF();
      if (!isDigit(at(i))) fail(i, "in numeric literal");
    }
    if (at(i) === "0") i++;
    else while (isDigit(at(i))) i++;
    if (at(i) === ".") {
      i++;
      if (i >= text.length) throw new JsonEOF();
      if (!isDigit(at(i))) fail(i, "after decimal point in numeric literal");
      while (isDigit(at(i))) i++;
    }
    if (at(i) === "e" || at(i) === "E") {
      i++;
      if (at(i) === "+" || at(i) === "-") i++;
      if (i >= text.length) throw new JsonEOF();
      if (!isDigit(at(i))) fail(i, "in exponent of numeric literal");
      while (isDigit(at(i))) i++;
    }
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      if (i + k >= text.length) throw new JsonEOF();
      if (at(i + k) !== word[k]) fail(i + k, `in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    i += word.length;
  };
  const value = (): void => {
    ws();
    const c = at(i);
    if (c === "{") {
      i++;
      ws();
      if (at(i) === "}") return void i++;
      for (;;) {
        if (at(i) !== '"') fail(i, "looking for beginning of object key string");
        str();
        ws();
        if (at(i) !== ":") fail(i, "after object key");
        i++;
        value();
        ws();
        if (at(i) === "}") return void i++;
        if (at(i) !== ",") fail(i, "after object key:value pair");
        i++;
        ws();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (at(i) === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (at(i) === "]") return void i++;
        if (at(i) !== ",") fail(i, "after array element");
        i++;
      }
    }
    if (c === '"') return str();
    if (c === "-" || isDigit(c)) return num();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    fail(i, "looking for beginning of value");
  };
  try {
    for (;;) {
      while (i < text.length && isSpace(at(i))) i++;
      if (i >= text.length) return { values };
      const start = i;
      value();
      values.push(text.slice(start, i));
    }
  } catch (e) {
    if (e instanceof JsonEOF) return { values, error: "unexpected EOF" };
    if (e instanceof JsonSyntax) return { values, error: `json: offset ${new TextEncoder().encode(text.slice(0, e.at + 1)).length}: ${e.detail}` };
    throw e;
  }
}

/**
 * json.Unmarshal's syntax check of a whole document (checkValid): the scanner's "invalid
 * character …" without an offset, "unexpected end of JSON input" for a cut-short (or empty)
 * text, and "invalid character 'x' after top-level value" for anything after the value.
 */
export function goUnmarshalSyntaxError(text: string): string | undefined {
  const r = readJsonStream(text);
  if (!r.values.length) return r.error === undefined || r.error === "unexpected EOF" ? "unexpected end of JSON input" : r.error.replace(/^json: offset \d+: /, "");
  let i = 0;
  while (i < text.length && isSpace(text[i]!)) i++;
  i += r.values[0]!.length;
  while (i < text.length && isSpace(text[i]!)) i++;
  return i < text.length ? `invalid character ${quoteChar(text[i]!)} after top-level value` : undefined;
}
