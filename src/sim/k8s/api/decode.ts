// The API server's strict JSON decoding of a request body into the Go type of its kind:
// wrong JSON types fail like encoding/json, bad quantities and base64 like their Unmarshal
// methods, and unknown fields are collected into one "strict decoding error". All surface as
// BadRequest: "<Kind> in version \"v1\" cannot be handled as a <Kind>: <reason>".

import { StatusError } from "./errors";
import { quantityError } from "./quantity";
import { goTypeName, TYPES, type TypeRef } from "./schema-types";
import { OutcomeError } from "../../outcome-error";
import { deepClone } from "./json";
import { storedForm } from "./omitempty";
import { KINDS, kindInfo } from "./kinds";

export type FieldValidation = "Strict" | "Warn" | "Ignore";

export interface DecodeResult {
  /** Unknown field paths, in document order ("spec.containers[0].imagePullPolicyy"). */
  unknown: string[];
}

class DecodeFailure extends OutcomeError {}

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "boolean") return "bool";
  return typeof v; // string | number
}

/**
 * Decodes `obj` (already JSON-shaped) against its kind's type. Throws StatusError(BadRequest)
 * on a type/format error; returns the unknown fields (the caller decides: strict → error).
 */
export function decodeStrict(kind: string, version: string, obj: Record<string, unknown>): DecodeResult {
  const unknown: string[] = [];
  if (!TYPES[kind]) return { unknown };
  try {
    walk(obj, kind, "", "", unknown);
  } catch (e) {
    if (e instanceof DecodeFailure) throw cannotBeHandled(kind, version, e.message);
    throw e;
  }
  return { unknown };
}

/**
 * A request body as the server goes on with it: strictly decoded (unknown fields an error, or
 * dropped with a warning under Warn, silently under Ignore), then encoded again — a copy in its
 * stored form, without the zero values omitempty drops.
 */
export function decodeBody(kind: string, version: string, input: Record<string, unknown>, mode: FieldValidation = "Strict"): { obj: Record<string, any>; warnings: string[] } {
  const { unknown } = decodeStrict(kind, version, input);
  if (unknown.length && mode === "Strict") throw cannotBeHandled(kind, version, strictDecodingMessage(unknown));
  for (const path of unknown) removePath(input, path);
  const obj = deepClone(input);
  storedForm(obj, kind);
  return { obj, warnings: mode === "Warn" ? unknown.map((u) => `unknown field "${u}"`) : [] };
}

/** Removes a dotted/indexed path ("spec.containers[0].foo") from an object. */
function removePath(obj: Record<string, any>, path: string): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let cur: any = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur?.[parts[i]!];
    if (cur === undefined) return;
  }
  if (cur && typeof cur === "object") delete cur[parts[parts.length - 1]!];
}

export function cannotBeHandled(kind: string, version: string, reason: string): StatusError {
  return new StatusError("BadRequest", `${kind} in version "${version}" cannot be handled as a ${kind}: ${reason}`);
}

/**
 * A body whose kind is a served kind spelled in lowercase (`kind: pod`): kubectl's discovery
 * REST mapper maps that spelling too (restmapper adds strings.ToLower(kind)), so the request
 * is sent, but the server's scheme registers only "Pod" — transformDecodeError's BadRequest,
 * naming the body's kind and version, then the endpoint's kind.
 */
export function unregisteredKindError(input: Record<string, unknown>): StatusError | undefined {
  const kind = String(input.kind ?? "");
  if (kindInfo(kind) || kind !== kind.toLowerCase()) return undefined;
  const apiVersion = String(input.apiVersion ?? "");
  const served = KINDS.find((k) => k.kind.toLowerCase() === kind && (k.group ? `${k.group}/${k.version}` : k.version) === apiVersion);
  if (!served) return undefined;
  const version = apiVersion.slice(apiVersion.indexOf("/") + 1);
  return new StatusError("BadRequest", `${kind} in version "${version}" cannot be handled as a ${served.kind}: no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
}

/** `strict decoding error: unknown field "a", unknown field "b"`. */
export function strictDecodingMessage(unknown: string[]): string {
  return `strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(", ")}`;
}

function walk(v: unknown, ref: TypeRef, path: string, goPath: string, unknown: string[], parent = ""): void {
  if (ref === "any") return;
  if (v === null) return; // null decodes to the zero value
  const mismatch = (): never => {
    throw new DecodeFailure(`json: cannot unmarshal ${jsonType(v)} into Go struct field ${parent}.${goPath} of type ${goTypeName(ref)}`);
  };
  if (ref.startsWith("[]")) {
    if (!Array.isArray(v)) mismatch();
    (v as unknown[]).forEach((x, i) => walk(x, ref.slice(2), `${path}[${i}]`, goPath, unknown, parent));
    return;
  }
  if (ref.startsWith("map[string]")) {
    if (jsonType(v) !== "object") mismatch();
    const elem = ref.slice(11);
    for (const [k, x] of sortedEntries(v as Record<string, unknown>)) walk(x, elem, `${path}[${k}]`, goPath, unknown, parent);
    return;
  }
  switch (ref) {
    case "string": case "time":
      if (typeof v !== "string") mismatch();
      return;
    case "bool":
      if (typeof v !== "boolean") mismatch();
      return;
    case "int32": case "int64":
      if (typeof v !== "number") mismatch();
      if (!Number.isInteger(v) || (ref === "int32" && !isInt32(v as number))) {
        throw new DecodeFailure(`json: cannot unmarshal number ${v} into Go struct field ${parent}.${goPath} of type ${ref}`);
      }
      return;
    case "intstr":
      // IntOrString.UnmarshalJSON: a quoted value is the string; anything else is decoded into
      // IntVal, an int32, whose error the decoder then places at this field.
      if (typeof v === "string" || (typeof v === "number" && isInt32(v))) return;
      throw new DecodeFailure(`json: cannot unmarshal ${typeof v === "number" ? `number ${v}` : jsonType(v)} into Go struct field ${parent}.${goPath} of type int32`);
    case "quantity": {
      if (typeof v !== "string" && typeof v !== "number") mismatch();
      const err = quantityError(v as string | number);
      if (err) throw new DecodeFailure(err);
      return;
    }
    case "bytes": {
      if (typeof v !== "string") mismatch();
      const bad = base64Error(v as string);
      if (bad !== undefined) throw new DecodeFailure(`illegal base64 data at input byte ${bad}`);
      return;
    }
  }
  const t = TYPES[ref];
  if (!t) return;
  if (jsonType(v) !== "object") mismatch();
  for (const [k, x] of sortedEntries(v as Record<string, unknown>)) {
    const child = path ? `${path}.${k}` : k;
    const fieldRef = t.fields[k];
    if (fieldRef === undefined) {
      unknown.push(child);
      continue;
    }
    walk(x, fieldRef, child, goPath ? `${goPath}.${k}` : k, unknown, ref);
  }
}

/**
 * kubectl sends what it read as JSON marshalled from Go maps, so with keys sorted: the decoder
 * meets fields (and reports the first type error, and unknown fields) in that order.
 */
function sortedEntries(o: Record<string, unknown>): [string, unknown][] {
  return Object.keys(o).sort().map((k) => [k, o[k]]);
}

/**
 * The byte offset of the first invalid base64 input (Go's CorruptInputError), if any: what
 * encoding/base64's StdEncoding.decodeQuantum reports, quantum by quantum over the raw text
 * (\r and \n skipped but counted). An unfinished last quantum is reported at its first byte
 * ("admin" → 4, "web" → 0), a bad character at itself, bad padding where it goes wrong.
 */
export function base64Error(s: string): number | undefined {
  const alphabet = /[A-Za-z0-9+/]/;
  const newline = (c: string | undefined) => c === "\n" || c === "\r";
  let si = 0;
  while (si < s.length) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) return j === 0 ? undefined : si - j;
      const c = s[si++]!;
      if (alphabet.test(c)) continue;
      if (newline(c)) {
        j--;
        continue;
      }
      if (c !== "=" || j < 2) return si - 1;
      if (j === 2) {
        // "==" is expected: the first "=" is consumed, the second must follow.
        while (si < s.length && newline(s[si])) si++;
        if (si === s.length) return s.length;
        if (s[si] !== "=") return si - 1;
        si++;
      }
      while (si < s.length && newline(s[si])) si++;
      return si < s.length ? si : undefined; // anything after the padding is trailing garbage
    }
  }
  return undefined;
}
