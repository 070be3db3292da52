// The resource builder's file side (-f FILE|DIR|-, -R): read files from the machine's working
// directory or stdin, split multi-document YAML, expand `kind: List`, and map each object to
// its kind with the real client-side errors (YAML syntax, kind/apiVersion not set, resource
// mapping not found → "ensure CRDs are installed first").

import { deepClone } from "../api/json";
import { goJsonMarshal } from "../../cli/format/go-json";
import { isCollection, isMap, isScalar, parseDocument, visit, type Document, type Tags } from "yaml";
import type { KubectlContext } from "./common";
import { fail } from "./common";
import { KINDS, kindFor, kindInfo, type KindInfo } from "../api/kinds";
import { goYamlFirstDocument } from "./go-yaml-parser";
import { isJsonStream, readJsonStream } from "./go-json-stream";

type Obj = Record<string, any>;

export interface ManifestObject {
  obj: Obj;
  info: KindInfo;
  /** The file it came from ("STDIN" for -). */
  source: string;
}

export interface ManifestRead {
  objects: ManifestObject[];
  /** Per-object client-side errors (mapping/validation), printed after the others ran. */
  errors: string[];
}

const MAX_DOCS = 1000;

function readSource(ctx: KubectlContext, path: string, recursive: boolean): { name: string; text: string }[] {
  if (path === "-") return [{ name: "STDIN", text: ctx.stdin }];
  if (/^https?:\/\//.test(path)) fail(`error: unable to read URL "${path}", server reported 404 Not Found, status code=404`);
  const fs = ctx.host.fs;
  if (fs.isDir(path)) {
    const files = fs.list(path, recursive).filter((f) => /\.(ya?ml|json)$/.test(f));
    if (!files.length) fail(`error: error reading [${path}]: recognized file extensions are [.json .yaml .yml]`);
    return files.map((f) => ({ name: relative(path, f), text: fs.read(f) ?? "" }));
  }
  const text = fs.read(path);
  if (text === undefined) fail(`error: the path "${path}" does not exist`);
  return [{ name: path, text }];
}

function relative(dir: string, abs: string): string {
  const base = abs.slice(abs.lastIndexOf("/") + 1);
  return dir.endsWith("/") ? dir + base : `${dir}/${base}`;
}

/** go-yaml's wording for the common syntax errors. */
function yamlErrorText(e: { code?: string; message: string; linePos?: { line: number }[] }): string {
  const line = e.linePos?.[0]?.line ?? 1;
  const msg = /tab/i.test(e.message) ? "found character that cannot start any token"
    : e.code === "BAD_INDENT" || e.code === "MULTILINE_IMPLICIT_KEY" ? "mapping values are not allowed in this context"
    : e.code === "DUPLICATE_KEY" ? `mapping key already defined`
    : "did not find expected key";
  return `yaml: line ${line}: ${msg}`;
}

/**
 * kubectl's YAMLReader: documents are the lines between `---` separator lines (a separator may
 * only be followed by a comment), each decoded on its own — so a YAML error's line number counts
 * from the start of its document. A separator followed by anything else is an error of its own.
 */
function splitDocuments(text: string): { docs: string[]; error?: string } {
  const docs: string[] = [];
  let buf = "";
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest && !rest.startsWith("#")) return { docs, error: `invalid Yaml document separator: ${rest}` };
      if (buf) docs.push(buf);
      buf = "";
      continue;
    }
    buf += line;
  }
  if (buf) docs.push(buf);
  return { docs };
}

/**
 * `validate`: the builder has a schema (create, apply and replace, unless --validate=false|ignore):
 * its checks word a document without kind or apiVersion, or not an object at all; without one the
 * unstructured decoder words them ("unable to decode …"), and a missing apiVersion maps the kind
 * in the core group.
 */
export function readManifests(ctx: KubectlContext, paths: string[], recursive: boolean, validate = false): ManifestRead {
  const out: ManifestRead = { objects: [], errors: [] };
  for (const p of paths) {
    for (const file of readSource(ctx, p, recursive)) {
      if (isJsonStream(file.text)) {
        readJsonFile(out, file, validate);
        continue;
      }
      const split = splitDocuments(file.text);
      let stopped = false;
      for (const text of split.docs.slice(0, MAX_DOCS)) {
        // go-yaml decides what is valid YAML and how an error reads; the file's earlier documents
        // were already visited, and its later ones are never read (the stream visitor stops).
        const decoded = decodeDocument(text);
        if (decoded.syntax) {
          out.errors.push(`error parsing ${file.name}: error converting YAML to JSON: ${decoded.syntax}`);
          stopped = true;
          break;
        }
        if (decoded.error) fail(`error: error parsing ${file.name}: error converting YAML to JSON: ${decoded.error}`);
        const value = decoded.value;
        if (value === null || value === undefined) continue;
        if (typeof value !== "object" || Array.isArray(value)) notAnObject(file.name, value, validate);
        const items = isList(value as Obj) ? ((value as Obj).items ?? []) as Obj[] : [value as Obj];
        for (const item of items) addItem(out, item, file.name, validate);
      }
      if (split.error && !stopped) out.errors.push(`error parsing ${file.name}: ${split.error}`);
    }
  }
  return out;
}

type Decoded = { syntax?: string; error?: string; value?: unknown };

/** Decoded documents by text: the same manifests come back in every submission of a class. */
const decodedCache = new Map<string, Decoded>();
const DECODED_CACHE_CHARS = 4_000_000;
let decodedChars = 0;

/**
 * One document as kubectl decodes it: go-yaml's syntax verdict, then the JSON value (or why it has
 * none). Pure, so remembered by text; callers get their own copy of the value.
 */
function decodeDocument(text: string): Decoded {
  let d = decodedCache.get(text);
  if (!d) {
    d = decodeUncached(text);
    if (decodedChars + text.length > DECODED_CACHE_CHARS) {
      decodedCache.clear();
      decodedChars = 0;
    }
    decodedCache.set(text, d);
    decodedChars += text.length;
  }
  return d.value === undefined ? d : { value: deepCopy(d.value) };
}

/**
 * go-yaml v2 resolves YAML 1.1 scalars (yes/on booleans, 0755 octal, 1_000) but has no base-60
 * numbers (12:30 stays a string) and, decoding into interface{}, keeps timestamps as strings.
 */
function goYamlV2Tags(tags: Tags): Tags {
  return tags.filter((t) => typeof t === "string" ? t !== "timestamp" && t !== "intTime" && t !== "floatTime" : t.tag !== "tag:yaml.org,2002:timestamp" && t.format !== "TIME");
}

function decodeUncached(text: string): Decoded {
  const first = goYamlFirstDocument(text);
  if (first.error) return { syntax: first.error };
  const doc = parseDocument(first.end === undefined ? text : text.slice(0, first.end), { version: "1.1", uniqueKeys: false, logLevel: "error", customTags: goYamlV2Tags });
  if (doc.errors.length) return { error: yamlErrorText(doc.errors[0] as never) };
  const badKey = invalidMapKey(doc);
  if (badKey) return { error: `yaml: invalid map key: ${badKey}` };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (e) {
    // go-yaml's decoder: an alias to an anchor it has not seen.
    const alias = /^Unresolved alias[^:]*: (.*)$/.exec((e as Error).message)?.[1];
    if (alias !== undefined) return { error: `yaml: unknown anchor '${alias}' referenced` };
    throw e;
  }
}

/** A copy of a decoded document's maps and lists (anything else YAML 1.1 yields is copied whole). */
function deepCopy(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(deepCopy);
  if (Object.getPrototypeOf(v) !== Object.prototype) return deepClone(v);
  const out: Obj = {};
  for (const k of Object.keys(v)) out[k] = deepCopy((v as Obj)[k]);
  return out;
}

/** A JSON stream: each value an object (or List), the decoder's error after the ones read. */
function readJsonFile(out: ManifestRead, file: { name: string; text: string }, validate: boolean): void {
  const stream = readJsonStream(file.text);
  for (const text of stream.values.slice(0, MAX_DOCS)) {
    const value = JSON.parse(text) as unknown;
    if (value === null) continue;
    if (typeof value !== "object" || Array.isArray(value)) notAnObject(file.name, value, validate);
    const items = isList(value as Obj) ? ((value as Obj).items ?? []) as Obj[] : [value as Obj];
    for (const item of items) addItem(out, item, file.name, validate);
  }
  if (stream.error) out.errors.push(`error parsing ${file.name}: ${stream.error}`);
}

/** sigs.k8s.io/yaml cannot turn a map whose key is itself a map or list (`{{x}}`) into JSON. */
function invalidMapKey(doc: Document): string | undefined {
  let bad: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (bad || !isCollection(pair.key)) return;
      bad = goInterfaceValue(pair.key);
      return visit.BREAK;
    },
  });
  return bad;
}

function goInterfaceValue(node: unknown): string {
  if (isMap(node)) {
    const items = node.items.map((p) => `${goInterfaceValue(p.key)}:${p.value === null || (isScalar(p.value) && p.value.value === null) ? "interface {}(nil)" : goInterfaceValue(p.value)}`);
    return `map[interface {}]interface {}{${items.join(", ")}}`;
  }
  if (isScalar(node)) return typeof node.value === "string" ? JSON.stringify(node.value) : String(node.value);
  if (isCollection(node)) return `[]interface {}{${node.items.map(goInterfaceValue).join(", ")}}`;
  return "interface {}(nil)";
}

function isList(o: Obj): boolean {
  return typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items);
}

/** A document that is not a mapping: the schema's verdict, else the unstructured decoder's. */
function notAnObject(source: string, value: unknown, validate: boolean): never {
  if (validate) fail(`error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
  const t = Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value;
  fail(`error: unable to decode "${source}": json: cannot unmarshal ${t} into Go value of type unstructured.detector`);
}

/** A List's item: null is skipped; anything but an object cannot be decoded as one. */
function addItem(out: ManifestRead, item: unknown, source: string, validate: boolean): void {
  if (item === null || item === undefined) return;
  if (typeof item !== "object" || Array.isArray(item)) {
    const t = Array.isArray(item) ? "array" : typeof item === "boolean" ? "bool" : typeof item;
    fail(`error: unable to decode "${source}": json: cannot unmarshal ${t} into Go value of type map[string]interface {}`);
  }
  addObject(out, item as Obj, source, validate);
}

function addObject(out: ManifestRead, obj: Obj, source: string, validate: boolean): void {
  // The builder decodes every document into a metadata-only object first (encoding/json).
  const meta: unknown = obj.metadata;
  if (meta !== undefined && meta !== null && (typeof meta !== "object" || Array.isArray(meta))) {
    const t = Array.isArray(meta) ? "array" : typeof meta === "boolean" ? "bool" : typeof meta;
    fail(`error: unable to decode "${source}": json: cannot unmarshal ${t} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`);
  }
  if (!validate && !obj.kind) fail(`error: unable to decode "${source}": Object 'Kind' is missing in '${goJsonMarshal(obj)}'`);
  const missing = [!obj.apiVersion ? "apiVersion not set" : "", !obj.kind ? "kind not set" : ""].filter(Boolean);
  if (validate && missing.length) {
    const what = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
    fail(`error: error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  // The discovery mapper also knows each kind in lowercase (`kind: pod`): mapped here, refused
  // by the server's decoder (unregisteredKindError).
  // Without an apiVersion the mapper looks the kind up in the core group (any version).
  const version = obj.apiVersion ? String(obj.apiVersion) : "";
  const info = kindFor(version || "v1", String(obj.kind)) ?? lowercaseKindFor(version || "v1", String(obj.kind));
  if (!info) {
    const name = obj.metadata?.name ?? "";
    const ns = obj.metadata?.namespace ?? "";
    out.errors.push(`resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${version}"\nensure CRDs are installed first`);
    return;
  }
  out.objects.push({ obj, info, source });
}

function lowercaseKindFor(apiVersion: string, kind: string): KindInfo | undefined {
  if (kind !== kind.toLowerCase()) return undefined;
  const k = KINDS.find((i) => i.kind.toLowerCase() === kind);
  return k ? kindFor(apiVersion, k.kind) : undefined;
}

export { kindInfo };
