// Mirrors kubectl's CustomColumnsPrinter: `-o custom-columns=HEADER:.json.path,…`; each cell is
// the JSONPath result (several values comma-joined), `<none>` when nothing matches.

import { renderTable, kubectlTable } from "../../../cli/format/tabwriter";
import { evalJsonPath } from "../../../cli/format/jsonpath";
import { jsonPathValueText } from "../../../cli/format/jsonpath-text";
import type { KObject } from "../../store";
import { fail } from "../common";

export function customColumns(spec: string, objs: KObject[]): string {
  const cols = spec.split(",").map((c) => {
    const i = c.indexOf(":");
    if (i < 0) fail(`error: unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    let path = c.slice(i + 1);
    if (!path.startsWith("{")) path = `{${path.startsWith(".") ? path : "." + path}}`;
    return { header: c.slice(0, i), path };
  });
  const rows: string[][] = [cols.map((c) => c.header)];
  for (const o of objs) {
    rows.push(cols.map((c) => {
      const r = evalJsonPath(c.path, o);
      if (!r.ok || r.values.length === 0) return "<none>";
      return r.values.map((v) => jsonPathValueText(v)).join(",");
    }));
  }
  return renderTable(rows, kubectlTable);
}
