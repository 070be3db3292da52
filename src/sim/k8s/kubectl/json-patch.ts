// RFC 6902 JSON patch as the API server applies it (github.com/evanphx/json-patch): add, remove,
// replace, move, copy, test on JSON pointers (`~1` = `/`, `~0` = `~`, `-` = end of a list).
// A patch that does not decode is a BadRequest with Go's json error; one that does not apply is
// answered 422 with a generic message, which kubectl prints as "The request is invalid: …".

import { deepClone } from "../api/json";
import { PatchError } from "./strategic-merge";
import { OutcomeError } from "../../outcome-error";

type Obj = Record<string, any>;

/** The patch is not a JSON array of operations (BadRequest, Go's unmarshal wording). */
export class PatchDecodeError extends OutcomeError {}

const MAX_OPS = 1000;

function tokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`invalid JSON pointer: ${pointer}`);
  return pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** evanphx/json-patch v4's ErrMissing, wrapped (errors.Wrapf): "<message>: missing value". */
const missing = (message: string) => new PatchError(`${message}: missing value`);

/**
 * findObject's failure as each operation words it (v4.12): add and remove quote the path,
 * replace does not.
 */
function missingPath(op: string, path: string): PatchError {
  return missing(`${op} operation does not apply: doc is missing path: ${op === "add" || op === "remove" ? `"${path}"` : path}`);
}

/** The container of the last token and the token itself. */
function parentOf(doc: unknown, path: string, op = ""): { parent: Obj | unknown[]; key: string } {
  try {
    return findParent(doc, path);
  } catch (e) {
    if (op && e instanceof PatchError && e.message.startsWith("doc is missing path")) throw missingPath(op, path);
    throw e;
  }
}

function findParent(doc: unknown, path: string): { parent: Obj | unknown[]; key: string } {
  const toks = tokens(path);
  if (!toks.length) throw new PatchError(`cannot operate on the document root`);
  let cur: unknown = doc;
  for (const t of toks.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || i >= cur.length) throw new PatchError(`doc is missing path: ${path}`);
      cur = cur[i];
    } else if (isObj(cur)) {
      if (!(t in cur)) throw new PatchError(`doc is missing path: ${path}`);
      cur = cur[t];
    } else throw new PatchError(`doc is missing path: ${path}`);
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new PatchError(`doc is missing path: ${path}`);
  return { parent: cur, key: toks[toks.length - 1]! };
}

function get(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of tokens(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(t) && Number(t) < cur.length) cur = cur[Number(t)];
    else if (isObj(cur) && t in cur) cur = cur[t];
    else throw new PatchError(`doc is missing path: ${path}`);
  }
  return cur;
}

function add(doc: unknown, path: string, value: unknown): void {
  const { parent, key } = parentOf(doc, path, "add");
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    if (!/^\d+$/.test(key) && key !== "-") throw new PatchError(`add operation does not apply: doc is missing path: ${path}`);
    if (i > parent.length) throw new PatchError(`add operation does not apply: doc is missing path: ${path}`);
    parent.splice(i, 0, deepClone(value));
  } else parent[key] = deepClone(value);
}

function remove(doc: unknown, path: string, op: string): unknown {
  const { parent, key } = parentOf(doc, path, op);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length) throw new PatchError(`error in ${op} for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
    return parent.splice(i, 1)[0];
  }
  // partialDoc.remove's error, wrapped by the operation.
  if (!(key in parent)) throw new PatchError(`error in ${op} for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return a === b;
}

/** Parses the patch document: a JSON array of operation objects. */
export function decodeJsonPatch(patch: unknown): Obj[] {
  // json.Unmarshal of null into the Patch slice leaves it empty.
  if (patch === null) return [];
  if (!Array.isArray(patch)) {
    const what = isObj(patch) ? "object" : typeof patch === "string" ? "string" : typeof patch === "number" ? "number" : "bool";
    throw new PatchDecodeError(`json: cannot unmarshal ${what} into Go value of type jsonpatch.Patch`);
  }
  if (patch.length > MAX_OPS) throw new PatchDecodeError(`too many operations`);
  for (const op of patch) {
    if (!isObj(op)) throw new PatchDecodeError(`json: cannot unmarshal ${Array.isArray(op) ? "array" : typeof op} into Go value of type jsonpatch.Operation`);
  }
  return patch as Obj[];
}

export function applyJsonPatch(doc: Obj, ops: Obj[]): Obj {
  const out = deepClone(doc);
  for (const op of ops) {
    const path = String(op.path ?? "");
    switch (op.op) {
      case "add":
        add(out, path, op.value ?? null);
        break;
      case "remove":
        remove(out, path, "remove");
        break;
      case "replace": {
        const { parent, key } = parentOf(out, path, "replace");
        if (Array.isArray(parent) ? !(/^\d+$/.test(key) && Number(key) < parent.length) : !(key in parent)) {
          throw missing(`replace operation does not apply: doc is missing key: ${path}`);
        }
        (parent as any)[Array.isArray(parent) ? Number(key) : key] = deepClone(op.value ?? null);
        break;
      }
      case "move": {
        const v = remove(out, String(op.from ?? ""), "move");
        add(out, path, v);
        break;
      }
      case "copy":
        add(out, path, get(out, String(op.from ?? "")));
        break;
      case "test":
        if (!deepEqual(get(out, path), op.value ?? null)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        // Operation.Kind() is "unknown" when the op field is missing.
        throw new PatchError(`Unexpected kind: ${op.op === undefined ? "unknown" : op.op}`);
    }
  }
  return out;
}
