// What a typed resource builder (the `set` verbs: WithScheme, not Unstructured) makes of an object:
// it is decoded into its k8s.io/api Go struct and encoded again for printing. So unknown fields
// vanish, quantities come out canonical (0.5 → 500m, 1000M → 1G), fields that Go always encodes
// appear with their zero values (creationTimestamp: null, resources: {}, strategy: {}, status: {},
// a Service port's targetPort: 0), and keys follow the struct's field order (what -o json shows;
// the YAML printer sorts them anyway). Struct layouts come from the API's decoding schema
// (api/schema-types.ts, in Go field order), completed with the kinds it leaves open (api/encoding-types.ts,
// which also holds the json tags deciding what omitempty drops).

import { canonicalQuantity, quantityError } from "../api/quantity";
import type { TypeRef } from "../api/schema-types";
import { alwaysEncoded, encodingLayout, fieldTag } from "../api/encoding-types";
import { omittedOnEncode } from "../api/omitempty";

type Obj = Record<string, any>;

const layout = encodingLayout;

/** The Go zero value of a type as encoding/json writes it. */
function zero(ref: TypeRef): unknown {
  if (ref === "string") return "";
  if (ref === "bool") return false;
  if (ref === "int32" || ref === "int64" || ref === "intstr") return 0;
  // resource.Quantity's MarshalJSON writes its zero as "0" (a downward API divisor).
  if (ref === "quantity") return "0";
  if (ref === "time" || ref === "any" || ref.startsWith("[]") || ref.startsWith("map[")) return null;
  return encode({}, ref);
}

/** A decoded value written back out as its Go type. */
function encode(v: unknown, ref: TypeRef): unknown {
  if (v === null || v === undefined || ref === "any") return v;
  if (ref.startsWith("[]")) return Array.isArray(v) ? v.map((x) => encode(x, ref.slice(2))) : v;
  if (ref.startsWith("map[string]")) {
    if (typeof v !== "object" || Array.isArray(v)) return v;
    const elem = ref.slice(11);
    const out: Obj = {};
    for (const k of Object.keys(v as Obj).sort()) out[k] = encode((v as Obj)[k], elem);
    return out;
  }
  if (ref === "quantity") return (typeof v === "string" || typeof v === "number") && !quantityError(v) ? canonicalQuantity(v) : v;
  const t = layout(ref);
  if (!t || typeof v !== "object" || Array.isArray(v)) return v;
  const out: Obj = {};
  for (const [k, fieldRef] of Object.entries(t.fields)) {
    const x = (v as Obj)[k];
    // Stored status counts controllers wrote at zero, say, go the way the server drops them.
    if (x !== undefined && !omittedOnEncode(ref, k, fieldRef, x)) out[k] = encode(x, fieldRef);
    // A nil pointer without omitempty is written as null (a gRPC probe's service).
    else if (alwaysEncoded(ref, k)) out[k] = fieldTag(ref, k).pointer ? null : zero(fieldRef);
  }
  return out;
}

/**
 * The object as the typed builder prints it; kinds without a known layout stay as they are.
 * TypeMeta comes first and puts kind before apiVersion.
 */
export function typedView<T extends Obj>(o: T): T {
  if (!layout(o.kind)) return o;
  const { kind, apiVersion, ...rest } = encode(o, o.kind) as Obj;
  return { kind, apiVersion, ...rest } as unknown as T;
}
