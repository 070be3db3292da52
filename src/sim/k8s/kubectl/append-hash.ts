// Mirrors kubectl/pkg/util/hash (--append-hash on `create configmap|secret`): the name gets "-"
// and ten characters of the SHA-256 of a small JSON encoding of the object, with the digits
// and letters that could spell words swapped out (encodeHash).

import { goJsonMarshal } from "../../cli/format/go-json";
import { sha256Hex, utf8Bytes } from "./hash-sha256";

type Obj = Record<string, any>;

/** encodeHash: the first ten hex digits, 0→g 1→h 3→k a→m e→t (no vowels, no look-alikes). */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

/**
 * encodeConfigMap / encodeSecret: a map (so json.Marshal sorts its keys) of kind, name, data
 * ({} when empty), binaryData when non-empty, a Secret's type ("" when unset) and immutable
 * when set. A Secret's data is map[string][]byte: its values are base64, as the object holds them.
 */
export function appendHash(o: Obj): Obj {
  // The generators make the data map before filling it: empty, it encodes as {}.
  const m: Obj = { kind: o.kind, name: o.metadata.name, data: o.data ?? {} };
  if (o.kind === "Secret") m.type = o.type ?? "";
  else if (o.binaryData && Object.keys(o.binaryData).length) m.binaryData = o.binaryData;
  if (o.immutable !== undefined) m.immutable = o.immutable;
  const hash = encodeHash(sha256Hex(utf8Bytes(goJsonMarshal(m))));
  return { ...o, metadata: { ...o.metadata, name: `${o.metadata.name}-${hash}` } };
}
