// Mirrors describe.go's genericDescriber (kubectl 1.30): what `kubectl describe` prints for a
// kind without a describer of its own (Lease, ControllerRevision, CustomResourceDefinition,
// webhook configurations, …): the metadata header, then the whole object as unstructured
// content — keys sorted, each turned into a "smart label" (`apiVersion` → `API Version`), maps
// and lists opening a nested level, scalars as `Label:\tvalue` — and the Events.

import { events, type Describer } from "./common";
import { writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

/** The fields the header already printed (printUnstructuredContent's skip list). */
const SKIPPED = new Set([".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"]);
const ACRONYMS = new Set(["API", "URL", "UID", "OSB", "GUID"]);

/** github.com/fatih/camelcase Split: runs of lower, upper, digit, other; "PDFLoader" → PDF, Loader. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1]!.push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i]![0]!) === 2 && cls(runs[i + 1]![0]!) === 1) runs[i + 1]!.unshift(runs[i]!.pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(""));
}

/** strings.Title: the first letter of each word upper-cased. */
const title = (s: string) => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());

/** smartLabelFor: a field with anything but letters and '-' is kept as it is. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : title(p)))
    .join(" ");
}

/** fmt's %v of a decoded JSON value: integers as int64, other numbers as float64, nil as <nil>. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (typeof v === "object") return `map[${Object.keys(v as Obj).sort().map((k) => `${k}:${goValue((v as Obj)[k])}`).join(" ")}]`;
  return String(v);
}

/** %v of a float64: strconv 'g' with the shortest representation, exponent from 1e21 on. */
function goFloat(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = v.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(v);
}

function writeContent(w: DescribeWriter, level: number, content: Obj, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:`);
      writeContent(w, level + 1, value as Obj, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:`);
      for (const child of value) {
        if (child !== null && typeof child === "object" && !Array.isArray(child)) writeContent(w, level + 1, child as Obj, path);
        else w.write(level + 1, goValue(child));
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}`);
    }
  }
}

export const describeGeneric: Describer = (cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  // The generic describer writes the namespace line even for a cluster-scoped object.
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  writeContent(w, 0, o, "");
  events(cluster, o, w);
};
