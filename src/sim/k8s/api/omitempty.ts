// What survives the API server's round trip of a request body: it decodes the JSON into the Go
// struct of its kind and encodes that struct again to store it. A zero value written in a field
// that is a Go value (not a pointer) with omitempty is indistinguishable from an absent field
// once decoded, and encoding leaves it out: `paused: false`, `hostNetwork: false`, `image: ""`,
// `labels: {}`, `args: []` are gone from what the server stores and returns, while pointers keep
// their written zero (`replicas: 0`, `optional: false`) and fields without omitempty keep theirs.
// Defaulting runs after decoding, so a field dropped here is defaulted like an absent one
// (`timeoutSeconds: 0` on a probe comes back as 1).

import { encodingLayout, fieldTag } from "./encoding-types";

type Obj = Record<string, unknown>;

/** Go's zero values of the scalars, as encoding/json writes them. */
const ZERO: Record<string, unknown> = { string: "", bool: false, int32: 0, int64: 0 };

const isCollection = (ref: string) => ref.startsWith("[]") || ref.startsWith("map[");

/**
 * Whether encoding/json leaves out field `field` of struct `struct` (of type `ref`) holding `v`:
 * omitempty drops a nil pointer, slice or map, an empty slice or map, and a value scalar at its
 * zero value. A struct (metav1.Time, resource.Quantity, IntOrString included) is never dropped,
 * but a null one is taken as absent: defaulting and the printers fill in the ones Go always writes.
 */
export function omittedOnEncode(struct: string, field: string, ref: string, v: unknown): boolean {
  const tag = fieldTag(struct, field);
  if (!tag.omitEmpty) return false;
  if (v === null) return true;
  if (isCollection(ref)) return typeof v === "object" && (Array.isArray(v) ? v.length === 0 : Object.keys(v as Obj).length === 0);
  return !tag.pointer && ZERO[ref] !== undefined && v === ZERO[ref];
}

/**
 * The decoded-and-encoded form of `v`, a value of Go type `ref`, made in place: fields that
 * encoding drops are deleted, a null scalar without omitempty becomes its zero value. Fields the
 * layouts leave open ("any") and kinds without a layout (but their metadata) stay as written.
 */
export function dropEmptyFields(v: unknown, ref: string): void {
  if (v === null || typeof v !== "object") return;
  if (ref.startsWith("[]")) {
    if (Array.isArray(v)) for (const x of v) dropEmptyFields(x, ref.slice(2));
    return;
  }
  if (ref.startsWith("map[string]")) {
    if (!Array.isArray(v)) for (const x of Object.values(v as Obj)) dropEmptyFields(x, ref.slice(11));
    return;
  }
  if (Array.isArray(v)) return;
  const layout = encodingLayout(ref);
  if (!layout) return;
  const o = v as Obj;
  for (const k of Object.keys(o)) {
    const fieldRef = layout.fields[k];
    if (fieldRef === undefined) continue;
    const x = o[k];
    if (omittedOnEncode(ref, k, fieldRef, x)) delete o[k];
    else if (x === null && !fieldTag(ref, k).pointer && ZERO[fieldRef] !== undefined) o[k] = ZERO[fieldRef];
    else dropEmptyFields(x, fieldRef);
  }
}

/** An object of `kind` as the server stores it after decoding; any kind's metadata is an ObjectMeta. */
export function storedForm(obj: Obj, kind: string): void {
  if (encodingLayout(kind)) dropEmptyFields(obj, kind);
  else dropEmptyFields(obj.metadata, "ObjectMeta");
}
