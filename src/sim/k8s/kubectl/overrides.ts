// Mirrors kubectl's cmdutil.Overrider (pkg/cmd/util/override_options.go): `--overrides=JSON`
// changes the object a generator made (`kubectl run`, `kubectl expose`) before it is sent, by
// --override-type: merge (RFC 7386, the default), strategic (strategic merge patch) or json
// (RFC 6902). The patched JSON must still decode as the same kind.

import type { Invocation } from "../../cli/command";
import { fail } from "./common";
import { applyJsonPatch, decodeJsonPatch, PatchDecodeError } from "./json-patch";
import { jsonMergePatch, PatchError, strategicMergePatch } from "./strategic-merge";
import { typedView } from "./typed-view";

type Obj = Record<string, any>;

export const OVERRIDE_TYPES = ["json", "merge", "strategic"] as const;
/** evanphx/json-patch's errBadJSONPatch: the merge fragment is not a JSON object. */
export const BAD_JSON_PATCH = "Invalid JSON Patch";
const MAX_OVERRIDE_CHARS = 256 * 1024;

/** The generated object with --overrides applied (unchanged when the flag is empty). */
export function applyOverrides(inv: Invocation, obj: Obj): Obj {
  const text = inv.flags.str("overrides");
  if (!text) return obj;
  const type = inv.flags.str("override-type") || "merge";
  if (!(OVERRIDE_TYPES as readonly string[]).includes(type)) fail(`error: invalid override type: ${type}`);
  let fragment: unknown;
  try {
    if (text.length > MAX_OVERRIDE_CHARS) throw new SyntaxError("too long");
    fragment = JSON.parse(text);
  } catch {
    fail(`error: ${type === "merge" ? BAD_JSON_PATCH : "invalid character in JSON override"}`);
  }
  let out: Obj;
  try {
    if (type === "json") out = applyJsonPatch(obj, decodeJsonPatch(fragment));
    else if (fragment === null || typeof fragment !== "object" || Array.isArray(fragment)) fail(`error: ${BAD_JSON_PATCH}`);
    else out = type === "merge" ? jsonMergePatch(obj, fragment) as Obj : strategicMergePatch(obj, fragment as Obj, String(obj.kind));
  } catch (e) {
    if (e instanceof PatchError || e instanceof PatchDecodeError) fail(`error: ${e.message}`);
    throw e;
  }
  // The codec decodes by apiVersion/kind; a fragment that drops them leaves nothing to decode.
  if (!out.apiVersion || !out.kind) fail(`error: Object 'Kind' is missing in '${JSON.stringify(out)}'`);
  // Decoded back into the kind's Go type: unknown fields go, zero values appear (resources: {}).
  return typedView(out);
}
