// `--format` for the swarm tables and inspects: docker's formatter (a `table ` prefix gives a
// tabwriter table with the headers of the fields used; `\t`/`\n` are unescaped) over a small Go
// text/template subset: field paths, `json`, `upper`, `lower`, `title`, `join`, `index`, `len`,
// `println`, `if`/`else`/`end` and `range`/`end` on fields. A local stand-in until the shared
// Go template engine lands in src/sim/cli/format.

import { goJsonMarshal } from "../../cli/format/go-json";
import { renderTable } from "../../cli/format/tabwriter";

export class TemplateError extends Error {}

type Node =
  | { kind: "text"; text: string }
  | { kind: "action"; expr: string; pos: number }
  | { kind: "if"; expr: string; then: Node[]; else: Node[] }
  | { kind: "range"; expr: string; body: Node[] };

function tokenize(src: string): { kind: "text" | "action"; text: string; pos: number }[] {
  const out: { kind: "text" | "action"; text: string; pos: number }[] = [];
  let i = 0;
  for (let guard = 0; i < src.length && guard < 10_000; guard++) {
    const open = src.indexOf("{{", i);
    if (open < 0) { out.push({ kind: "text", text: src.slice(i), pos: i }); break; }
    if (open > i) out.push({ kind: "text", text: src.slice(i, open), pos: i });
    const close = src.indexOf("}}", open + 2);
    if (close < 0) throw new TemplateError(`template: :1: unclosed action`);
    out.push({ kind: "action", text: src.slice(open + 2, close).replace(/^-?\s*|\s*-?$/g, ""), pos: open });
    i = close + 2;
  }
  return out;
}

function parse(src: string): Node[] {
  const toks = tokenize(src);
  let k = 0;
  const block = (stopAt: string[]): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (k < toks.length) {
      const t = toks[k++]!;
      if (t.kind === "text") { nodes.push({ kind: "text", text: t.text }); continue; }
      const word = t.text.split(/\s+/)[0]!;
      if (stopAt.includes(word)) return { nodes, stop: word };
      if (word === "if") {
        const then = block(["else", "end"]);
        const els = then.stop === "else" ? block(["end"]).nodes : [];
        nodes.push({ kind: "if", expr: t.text.slice(2).trim(), then: then.nodes, else: els });
      } else if (word === "range") {
        nodes.push({ kind: "range", expr: t.text.slice(5).trim(), body: block(["end"]).nodes });
      } else nodes.push({ kind: "action", expr: t.text, pos: t.pos });
    }
    if (stopAt.length) throw new TemplateError(`template: :1: unexpected EOF`);
    return { nodes, stop: "" };
  };
  return block([]).nodes;
}

function field(dot: unknown, path: string): unknown {
  if (path === ".") return dot;
  let v = dot;
  for (const p of path.split(".").filter(Boolean)) {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== "object") throw new TemplateError(`template: :1: can't evaluate field ${p} in type ${typeof v}`);
    const obj = v as Record<string, unknown>;
    if (!(p in obj)) {
      if ((obj as { __map?: boolean }).__map || isMapLike(obj)) return undefined;
      throw new TemplateError(`template: :1:2: executing "" at <${path}>: can't evaluate field ${p} in type ${typeName(obj)}`);
    }
    v = obj[p];
  }
  return v;
}

const MAP_KEYS = new WeakSet<object>();
/** Marks an object as a Go map (labels): missing keys are "<no value>" rather than errors. */
export function asMap<T extends object>(o: T): T {
  MAP_KEYS.add(o);
  return o;
}
const isMapLike = (o: object): boolean => MAP_KEYS.has(o);
const typeName = (o: object): string => (Array.isArray(o) ? "[]interface {}" : "*formatter.context");

function show(v: unknown): string {
  if (v === undefined) return "<no value>";
  if (v === null) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(" ")}]`;
  if (typeof v === "object") {
    if (isMapLike(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${show((v as Record<string, unknown>)[k])}`).join(" ")}]`;
    return `{${Object.values(v as Record<string, unknown>).map(show).join(" ")}}`;
  }
  return String(v);
}

function evalExpr(expr: string, dot: unknown): unknown {
  const pipeParts = expr.split("|").map((s) => s.trim());
  let value: unknown;
  pipeParts.forEach((part, i) => {
    const words = part.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    const args = words.slice(1).map((w) => (w.startsWith('"') ? JSON.parse(w) : w.startsWith(".") ? field(dot, w) : w));
    if (i > 0) args.push(value);
    const fn = words[0] ?? "";
    if (fn.startsWith(".")) { value = field(dot, fn); return; }
    if (fn.startsWith('"')) { value = JSON.parse(fn); return; }
    switch (fn) {
      case "json": value = goJsonMarshal(args[0], { escapeHTML: false, objects: "struct" }); break;
      case "upper": value = show(args[0]).toUpperCase(); break;
      case "lower": value = show(args[0]).toLowerCase(); break;
      case "title": value = show(args[0]).replace(/\b\w/g, (c) => c.toUpperCase()); break;
      case "len": value = Array.isArray(args[0]) ? args[0].length : typeof args[0] === "object" && args[0] ? Object.keys(args[0]).length : show(args[0]).length; break;
      case "join": value = (Array.isArray(args[0]) ? args[0] : []).map(show).join(String(args[1] ?? "")); break;
      case "index": value = (args[0] as Record<string, unknown> | undefined)?.[String(args[1])]; break;
      case "println": value = args.map(show).join(" ") + "\n"; break;
      case "print": value = args.map(show).join(""); break;
      case "printf": value = String(args[0]).replace(/%[sdv]/g, () => show(args.splice(1, 1)[0])); break;
      default: throw new TemplateError(`template: :1: function "${fn}" not defined`);
    }
  });
  return value;
}

const truthy = (v: unknown): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0));

function exec(nodes: Node[], dot: unknown, out: string[], guard: { n: number }): void {
  for (const n of nodes) {
    if (++guard.n > 100_000) throw new TemplateError("template: too much output");
    if (n.kind === "text") out.push(n.text);
    else if (n.kind === "action") out.push(show(evalExpr(n.expr, dot)));
    else if (n.kind === "if") exec(truthy(evalExpr(n.expr, dot)) ? n.then : n.else, dot, out, guard);
    else {
      const v = evalExpr(n.expr, dot);
      const items = Array.isArray(v) ? v : v && typeof v === "object" ? Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]) : [];
      for (const item of items) exec(n.body, item, out, guard);
    }
  }
}

export function renderTemplate(template: string, dot: unknown): string {
  const out: string[] = [];
  exec(parse(template), dot, out, { n: 0 });
  return out.join("");
}

/** docker's formatter.Format: `table …` or a raw template, per row, with header names for tables. */
export function formatRows(format: string, rows: Record<string, unknown>[], headers: Record<string, string>): string {
  const isTable = format.startsWith("table");
  let tpl = isTable ? format.slice(5) : format;
  tpl = tpl.replace(/^ +| +$/g, "").replace(/\\t/g, "\t").replace(/\\n/g, "\n");
  if (isTable) {
    const headerRow = tpl.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, f: string) => headers[f] ?? f.toUpperCase());
    const lines = [headerRow, ...rows.map((r) => renderTemplate(tpl, r))];
    return renderTable(lines.map((l) => l.split("\t")));
  }
  return rows.map((r) => renderTemplate(tpl, r) + "\n").join("");
}
