// Seeded mutations of YAML documents for the manifest fuzzers: deleted keys, wrong types, deep
// nesting, huge lists and numbers, hostile strings, and raw-text damage (truncation, tabs,
// broken indentation). Works on parsed documents (the `yaml` package) and re-serialises them.

import { parseAllDocuments, stringify } from "yaml";
import { Rng } from "../../src/sim/rng";
import { HOSTILE_STRINGS } from "./gen";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const WRONG: Json[] = [null, 0, -1, 99999999999, 1e308, 1.5, "", "x", true, [], {}, ["a", 1], { a: { b: null } }, "99999999999", "-1"];

function nested(depth: number, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** Every (container, key) slot in the tree, breadth first, capped. */
function slots(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const queue: Json[] = [root];
  while (queue.length && out.length < 2000) {
    const node = queue.shift()!;
    if (Array.isArray(node)) node.forEach((v, i) => { out.push({ parent: node, key: i }); queue.push(v); });
    else if (node && typeof node === "object") for (const k of Object.keys(node)) { out.push({ parent: node, key: k }); queue.push(node[k]!); }
  }
  return out;
}

/** One structural mutation of `doc` in place. */
function mutateOnce(rng: Rng, doc: Json): void {
  const all = slots(doc);
  if (!all.length) return;
  const { parent, key } = rng.pick(all);
  const get = () => (parent as Record<string | number, Json>)[key]!;
  const set = (v: Json) => { (parent as Record<string | number, Json>)[key] = v; };
  switch (rng.int(9)) {
    case 0: // delete the key / element
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 1: set(rng.pick(WRONG)); break;
    case 2: set(rng.pick(HOSTILE_STRINGS)); break;
    case 3: set(nested(rng.range(50, 400), get())); break;
    case 4: { // huge list
      const v = get();
      const item = Array.isArray(v) && v.length ? v[0]! : v;
      set(Array.from({ length: rng.pick([100, 1000, 3000]) }, () => JSON.parse(JSON.stringify(item)) as Json));
      break;
    }
    case 5: if (!Array.isArray(parent)) parent[rng.pick(["extra", "", "🙂", "x".repeat(300), "spec", "metadata", "replicas"])] = rng.pick(WRONG); break;
    case 6: set(typeof get() === "number" ? rng.pick([99999999999, -1, 0, 2.5, 1e21]) : get()); break;
    case 7: set(Array.isArray(get()) ? { a: get() } : [get()]); break;
    default: set(String(get())); break;
  }
}

/** Raw-text damage that the YAML parser, not the loader, must survive. */
function damage(rng: Rng, text: string): string {
  switch (rng.int(5)) {
    case 0: return text.slice(0, rng.int(text.length + 1));
    case 1: return text.replace(/\n {2}/g, () => (rng.int(4) ? "\n  " : "\n\t"));
    case 2: return text.replace(/: /, ":: ");
    case 3: return `${text}\n---\n${text}`;
    default: return text.replace(/\n/g, () => (rng.int(20) ? "\n" : "\n   "));
  }
}

/** A mutated copy of the YAML `text` (all its documents), `rounds` mutations deep. */
export function mutateYaml(rng: Rng, text: string, rounds = 2): string {
  if (rng.int(6) === 0) return damage(rng, text);
  let docs: Json[];
  try {
    docs = parseAllDocuments(text).map((d) => d.toJSON() as Json);
  } catch {
    return damage(rng, text);
  }
  for (const d of docs) for (let i = 0; i < rounds; i++) if (d && typeof d === "object") mutateOnce(rng, d);
  return docs.map((d) => stringify(d, { aliasDuplicateObjects: false })).join("---\n");
}
