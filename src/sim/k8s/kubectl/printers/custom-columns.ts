// Mirrors kubectl's CustomColumnsPrinter: `-o custom-columns=HEADER:.json.path,…`. The parsing,
// JSONPath rules and cell formatting are the shared format library's (byte-checked against real
// kubectl); this wrapper only turns its error value into kubectl's exit.

import { kubectlCustomColumns } from "../../../cli/format";
import { fail } from "../common";

/** `data` is what printGeneric hands the printer: one object, or a List of them. */
export function customColumns(spec: string, data: unknown, opts: { noHeaders?: boolean } = {}): string {
  const r = kubectlCustomColumns(spec, data, opts);
  if (!r.ok) fail(r.stderr, r.stdout);
  return r.stdout;
}
