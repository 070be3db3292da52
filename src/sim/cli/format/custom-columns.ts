// kubectl -o custom-columns=HEADER:PATH,… (k8s.io/cli-runtime/pkg/printers/customcolumn.go):
// the spec is split on every comma (so `[0,1]` unions can't be used), each path is "relaxed" to
// `{.path}`, values are printed with fmt's %v (a map cell reads `map[app:web]`), several values are
// comma-joined, no value is `<none>`, and rows go through kubectl's tabwriter.
import { goV } from './go-fmt';
import { findJsonPathResults } from './jsonpath';
import { type JPList, parseJsonPath } from './jsonpath-parse';
import { plainValue } from './jsonpath';
import { kubectlTable, renderTable } from './tabwriter';

export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPath(path: string): { ok: true; expr: string } | { ok: false; error: string } {
  if (path.length === 0) return { ok: true, expr: path };
  const m = RELAXED.exec(path);
  if (!m) {
    return {
      ok: false,
      error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  }
  return { ok: true, expr: `{.${m[1] || m[2]}}` };
}

/** NewCustomColumnsPrinterFromSpec. */
export function parseCustomColumns(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec.length === 0) return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const i = part.indexOf(':');
    if (i < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const relaxed = relaxedJsonPath(part.slice(i + 1));
    if (!relaxed.ok) return relaxed;
    columns.push({ header: part.slice(0, i), fieldSpec: relaxed.expr });
  }
  return { ok: true, columns };
}

/** printers.EscapeTerminal. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export type ColumnsOutput = { ok: true; stdout: string } | { ok: false; stdout: string; error: string };

/** Prints one row per object (a List's items each get a row). */
export function renderCustomColumns(columns: CustomColumn[], objects: unknown[], opts: { noHeaders?: boolean } = {}): ColumnsOutput {
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push(columns.map((c) => c.header));
  const out = (error?: string): ColumnsOutput => {
    const stdout = renderTable(rows, kubectlTable);
    return error === undefined ? { ok: true, stdout } : { ok: false, stdout, error };
  };
  const parsers: JPList[] = [];
  for (const c of columns) {
    const p = parseJsonPath(c.fieldSpec);
    if (!p.ok) return out(p.error);
    parsers.push(p.root);
  }
  for (const obj of objects) {
    const row: string[] = [];
    for (const root of parsers) {
      const r = findJsonPathResults(root, obj, { allowMissingKeys: true });
      if (!r.ok) return out(r.error);
      const values = r.results.flat().map((v) => escapeTerminal(goV(plainValue(v), 'map')));
      row.push(r.results.length === 0 || r.results[0].length === 0 ? ['<none>', ...values].join(',') : values.join(','));
    }
    rows.push(row);
  }
  return out();
}

/**
 * `kubectl get … -o custom-columns=SPEC`: a List prints a row per item. On failure, stdout holds
 * what was printed before the error and stderr kubectl's `error: …` line.
 */
export function kubectlCustomColumns(
  spec: string,
  obj: unknown,
  opts: { noHeaders?: boolean } = {},
): { ok: true; stdout: string } | { ok: false; stdout: string; stderr: string } {
  const parsed = parseCustomColumns(spec);
  if (!parsed.ok) return { ok: false, stdout: '', stderr: `error: ${parsed.error}\n` };
  const items = isList(obj) ? (obj as { items: unknown[] }).items : [obj];
  const r = renderCustomColumns(parsed.columns, items, opts);
  return r.ok ? r : { ok: false, stdout: r.stdout, stderr: `error: ${r.error}\n` };
}

function isList(obj: unknown): boolean {
  return typeof obj === 'object' && obj !== null && Array.isArray((obj as { items?: unknown }).items);
}
