// `kubectl patch (-f FILE | TYPE NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]`
// (kubectl/pkg/cmd/patch): the patch is read as YAML or JSON, applied the way the API server
// applies each patch type, and the result goes through the server's update path (validation,
// generation bump). Prints `<kind>/<name> patched`, or `patched (no change)` when nothing moved.
// --subresource=status|scale patches the subresource instead (its object: the whole object for
// status, an autoscaling/v1 Scale, printed scale.autoscaling/<name>, for scale).

import { isCollection, parseDocument, visit } from "yaml";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { dryRunMode } from "./apply";
import { goUnmarshalSyntaxError, isJsonStream } from "./go-json-stream";
import { goYamlSyntaxError } from "./go-yaml-parser";
import { fail, KubectlExit, refOf, server, type KubectlContext } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { applyJsonPatch, decodeJsonPatch, PatchDecodeError } from "./json-patch";
import { lookupObjects, putObject, putSubresource, subresourceOf, subresourceView } from "./mutate";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";
import { jsonMergePatch, PatchError, strategicMergePatch } from "./strategic-merge";

type Obj = Record<string, any>;

export const PATCH_TYPES = ["json", "merge", "strategic"] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

/** What kubectl prints for a JSON patch the server could not apply (a 422 without details). */
export const JSON_PATCH_REJECTED = "The request is invalid: the server rejected our request due to an error in our request";

/** sigs.k8s.io/yaml.ToJSON: YAML or JSON text to a value, with go-yaml's wording on failure. */
export function parsePatchText(text: string, shown = text): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // fall through to YAML (kubectl converts YAML to JSON first)
  }
  // go-yaml v2's own syntax errors (the scanner/parser port), worded as yaml.Unmarshal words them.
  const syntax = goYamlSyntaxError(text);
  if (syntax) fail(`error: unable to parse ${goQuote(shown)}: ${syntax}`);
  try {
    // yaml.Unmarshal into interface{} keeps the last of duplicate keys.
    const doc = parseDocument(text, { version: "1.1", uniqueKeys: false });
    if (doc.errors.length) throw doc.errors[0];
    // go-yaml refuses a mapping or sequence as a map key ({{ .x }}: a template pasted as a patch).
    let bad: unknown;
    visit(doc, { Pair: (_k, pair) => { if (bad === undefined && isCollection(pair.key)) bad = pair.key; } });
    if (bad !== undefined) fail(`error: unable to parse ${goQuote(shown)}: yaml: invalid map key: ${goValue((bad as { toJSON(): unknown }).toJSON())}`);
    return doc.toJS() ?? null;
  } catch (e) {
    if (e instanceof KubectlExit) throw e;
    const err = e as { linePos?: { line: number }[]; code?: string; message?: string };
    // An alias to no anchor is the composer's error, without a line.
    const alias = /^Unresolved alias .*: (\S+)$/.exec(err.message ?? "");
    if (alias) fail(`error: unable to parse ${goQuote(shown)}: yaml: unknown anchor '${alias[1]}' referenced`);
    const line = err.linePos?.[0]?.line ?? 1;
    const what = /^\s*\{/.test(text) ? "did not find expected ',' or '}'" : /^\s*\[/.test(text) ? "did not find expected ',' or ']'" : "did not find expected key";
    fail(`error: unable to parse ${goQuote(shown)}: yaml: line ${line}: ${what}`);
  }
}

/**
 * The bytes kubectl sends: apimachinery's util/yaml.ToJSON passes a text that "appears to be
 * JSON" (its first non-space character is "{") through untouched — a YAML flow mapping such as
 * `{spec: {replicas: 5}}` then reaches the patch code as invalid JSON — and converts anything
 * else from YAML. `invalid` is json.Unmarshal's syntax error for the untouched text.
 */
export type PatchBytes = { value: unknown; invalid?: undefined } | { invalid: string };

export function patchBytesOf(text: string, shown = text): PatchBytes {
  if (!isJsonStream(text)) return { value: parsePatchText(text, shown) };
  const invalid = goUnmarshalSyntaxError(text);
  return invalid ? { invalid } : { value: JSON.parse(text) as unknown };
}

/**
 * getPatchedJSON's errors (--local, --dry-run=client: kubectl patches the object itself):
 * StrategicMergePatch refuses anything but a JSON object (mergepatch.ErrBadJSONDoc, null is
 * an empty patch), MergePatch a syntax error or null (ErrBadJSONPatch) and turns an array into
 * the document (which then fails to decode as an object), DecodePatch keeps encoding/json's words.
 */
function localPatchError(bytes: PatchBytes, type: PatchType): string | undefined {
  const v = bytes.invalid === undefined ? bytes.value : undefined;
  if (type === "strategic") return bytes.invalid !== undefined || (v !== null && (typeof v !== "object" || Array.isArray(v))) ? "invalid JSON document" : undefined;
  if (type === "merge") {
    if (bytes.invalid !== undefined || v === null || (typeof v !== "object" && !Array.isArray(v))) return "Invalid JSON Patch";
    return Array.isArray(v) ? "json: cannot unmarshal array into Go value of type unstructured.detector" : undefined;
  }
  return bytes.invalid;
}

/** Go's %q of a string (the patch text in kubectl's "unable to parse" message). */
const goQuote = (s: string): string => JSON.stringify(s);

/** Go's %#v of what go-yaml decodes into interface{} (map[interface {}]interface {}{…}, []interface {}{…}). */
function goValue(v: unknown, depth = 0): string {
  if (depth > 8) return "…";
  if (v === null || v === undefined) return "interface {}(nil)";
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goValue(x, depth + 1)).join(", ")}}`;
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[interface {}]interface {}{${entries.map(([k, x]) => `${JSON.stringify(k)}:${goValue(x, depth + 1)}`).join(", ")}}`;
  }
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Applies one patch type to an object; throws PatchError/PatchDecodeError as the server answers. */
export function applyPatch(obj: Obj, patch: unknown, type: PatchType): Obj {
  switch (type) {
    case "json":
      return applyJsonPatch(obj, decodeJsonPatch(patch));
    case "merge":
      return jsonMergePatch(obj, patch) as Obj;
    case "strategic":
      if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
        throw new PatchDecodeError(`json: cannot unmarshal ${Array.isArray(patch) ? "array" : typeof patch} into Go value of type map[string]interface {}`);
      }
      return strategicMergePatch(obj, patch as Obj, obj.kind);
  }
}

function patchText(ctx: KubectlContext, inv: Invocation): string {
  const inline = inv.flags.str("patch");
  const file = inv.flags.str("patch-file");
  if (inline && file) fail("error: cannot specify --patch and --patch-file together");
  if (!inline && !file) fail("error: must specify --patch or --patch-file containing the contents of the patch");
  if (inline) return inline;
  const text = ctx.host.fs.read(file);
  if (text === undefined) fail(`error: unable to read patch file: open ${file}: no such file or directory`);
  return text;
}

export function runPatch(ctx: KubectlContext, inv: Invocation): ExecResult {
  const text = patchText(ctx, inv);
  const local = inv.flags.bool("local");
  if (local && inv.args.length) fail("error: cannot specify --local and server resources");
  const mode = dryRunMode(inv);
  if (local && mode === "server") fail("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
  const typeWord = inv.flags.str("type");
  const type = (typeWord ? typeWord.toLowerCase() : "strategic") as PatchType;
  if (!PATCH_TYPES.includes(type)) fail(`error: --type must be one of [${PATCH_TYPES.join(" ")}], not "${typeWord}"`);
  const sub = subresourceOf(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  // "unable to parse %q" quotes --patch, empty when the patch came from --patch-file.
  const bytes = patchBytesOf(text, inv.flags.str("patch"));
  // Patched by kubectl itself (--local, a client dry run) or sent to the server, whose decoding
  // of a body that is not JSON is a BadRequest (strategicPatchObject's own words; the JSON and
  // merge patchers' "error decoding patch: …", the server's default field validation being Warn).
  const patchedLocally = local || mode === "client";
  const localError = patchedLocally ? localPatchError(bytes, type) : undefined;
  if (!inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  // --local patches the -f files' objects as read and sends nothing.
  const cluster = local ? undefined : server(ctx);
  const objs = lookupObjects(ctx, inv, inv.args);
  if (!objs.length) fail("error: no objects passed to patch");
  if (localError) fail(`error: ${localError}`);
  if (bytes.invalid !== undefined) fail(`Error from server (BadRequest): ${type === "strategic" ? "" : "error decoding patch: "}${bytes.invalid}`);
  // json.Unmarshal of null into the patch map leaves it empty: a strategic null patches nothing.
  const patch = type === "strategic" && bytes.value === null ? {} : bytes.value;
  let stdout = "";
  let stderr = "";
  for (const o of objs) {
    let next: Obj;
    // With --subresource the builder fetched the subresource: the patch applies to it.
    const base = sub ? subresourceView(o, sub, stdout, stderr) : o;
    try {
      next = applyPatch(base, patch, type);
    } catch (e) {
      if (e instanceof PatchDecodeError) fail(`${stderr}${patchedLocally ? "error: " : "Error from server (BadRequest): "}${e.message}`, stdout);
      if (e instanceof PatchError) fail(stderr + (patchedLocally ? `error: ${e.message}` : type === "json" ? JSON_PATCH_REJECTED : `Error from server: ${e.message}`), stdout);
      throw e;
    }
    // The server keeps identity fields whatever the patch says.
    next.kind = base.kind;
    next.apiVersion = base.apiVersion;
    next.metadata = { ...(next.metadata ?? {}), name: o.metadata.name, namespace: o.metadata.namespace };
    if (next.metadata.namespace === undefined) delete next.metadata.namespace;
    delete next.metadata.resourceVersion;
    const r = sub ? putSubresource(ctx, inv, o, sub, base, next) : putObject(ctx, inv, o, next, "Warn");
    if (!r.ok) fail(r.error, stdout);
    for (const w of r.warnings) stderr += `Warning: ${w}\n`;
    if (fmt) stdout += printStructured([r.obj], fmt, true);
    // patch's printer carries no dry-run suffix (kubectl 1.30 prints "patched" for every mode).
    else stdout += `${refOf(r.obj)} patched${r.changed ? "" : " (no change)"}\n`;
  }
  cluster?.world.settle();
  return { exitCode: 0, stdout, stderr };
}
