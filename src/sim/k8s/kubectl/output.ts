// kubectl's printers: -o yaml|json|name|jsonpath|custom-columns|wide and the human-readable
// table (NAMESPACE column with -A, --show-labels, -L, --no-headers, kind-prefixed names when
// several kinds print). Validation of the -o value uses the real list of allowed formats.

import { toKubeJson, kubeList } from "../../cli/format/kube-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { kubectlJsonPath } from "../../cli/format/jsonpath-text";
import { renderTable, kubectlTable } from "../../cli/format/tabwriter";
import type { KObject } from "../store";
import { fail, refOf } from "./common";
import { tableFor } from "./printers/tables";
import { customColumns } from "./printers/custom-columns";

/** `kubectl get` (human-readable printers too) and every other command's printer lists. */
export const ALLOWED_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
export const ALLOWED_FORMATS_NON_GET =
  "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

export type OutputKind = "table" | "wide" | "yaml" | "json" | "name" | "jsonpath" | "jsonpath-as-json" | "custom-columns";

export interface OutputFormat {
  kind: OutputKind;
  arg: string;
}

export function parseOutput(value: string, allowTable = true): OutputFormat {
  if (value === "" && allowTable) return { kind: "table", arg: "" };
  const eq = value.indexOf("=");
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? "" : value.slice(eq + 1);
  switch (name) {
    case "wide": if (allowTable) return { kind: "wide", arg }; break;
    case "yaml": case "json": case "name": return { kind: name, arg };
    case "jsonpath": case "jsonpath-as-json": case "custom-columns":
      if (name === "custom-columns" && !allowTable) break;
      if (!arg) fail(`error: ${name} template format specified but no ${name === "custom-columns" ? "custom columns" : "template"} given`);
      return { kind: name, arg };
    case "go-template": case "template": case "go-template-file": case "templatefile": case "jsonpath-file": case "custom-columns-file":
      fail(`error: output format "${name}" is not supported by this simulator`);
  }
  fail(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowTable ? ALLOWED_FORMATS : ALLOWED_FORMATS_NON_GET}`);
}

/**
 * Strips what kubectl hides (managedFields) from a stored object for printing. The printers only
 * read what they are given, so the stored object itself is printed when there is nothing to hide
 * (the API server never stores managedFields).
 */
export function forPrint(o: KObject): KObject {
  if (!("managedFields" in o.metadata)) return o;
  const { managedFields: _hidden, ...metadata } = o.metadata as KObject["metadata"] & { managedFields?: unknown };
  return { ...o, metadata };
}

/** -o yaml|json|name|jsonpath|custom-columns. `single` = one object was asked for by name. */
export function printStructured(objs: KObject[], fmt: OutputFormat, single: boolean, opts: { noHeaders?: boolean } = {}): string {
  const data = single && objs.length === 1 ? forPrint(objs[0]!) : kubeList(objs.map(forPrint));
  switch (fmt.kind) {
    case "yaml": return toKubeYaml(data);
    case "json": return toKubeJson(data);
    case "name": return objs.map((o) => refOf(o) + "\n").join("");
    case "jsonpath": case "jsonpath-as-json": {
      const r = kubectlJsonPath(fmt.arg, data, { asJson: fmt.kind === "jsonpath-as-json" });
      if (!r.ok) fail(r.stderr);
      return r.stdout;
    }
    case "custom-columns": return customColumns(fmt.arg, data, opts);
    default: return "";
  }
}

export interface TableOptions {
  now: number;
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** Prefix names with kind (several kinds printed, or `get all`). */
  withKind: boolean;
}

/** One kind's table (objects all of the same kind). */
export function printTable(objs: KObject[], opts: TableOptions): string {
  if (!objs.length) return "";
  const handler = tableFor(objs[0]!.kind);
  const own = opts.wide ? handler.wideLayout ?? [...handler.headers, ...handler.wide] : handler.headers;
  const headers = [...(opts.withNamespace ? ["NAMESPACE"] : []), ...own];
  for (const l of opts.labelColumns) headers.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) headers.push("LABELS");
  const rows: string[][] = opts.noHeaders ? [] : [headers];
  for (const o of objs) {
    const r = handler.row(o as Record<string, any>, { now: opts.now, wide: opts.wide });
    const cells = [...r.cells];
    // The table printer prefixes `kind.group/` to the name column (the first, unless the
    // handler says otherwise), keeping what follows the name.
    const nameAt = handler.nameColumn ? handler.nameColumn(opts.wide) : 0;
    if (opts.withKind && nameAt >= 0) cells[nameAt] = refOf(o).slice(0, -o.metadata.name.length) + cells[nameAt];
    const row = [...(opts.withNamespace ? [o.metadata.namespace ?? ""] : []), ...cells, ...(opts.wide ? r.wide : [])];
    for (const l of opts.labelColumns) row.push(o.metadata.labels?.[l] ?? "");
    if (opts.showLabels) row.push(formatLabels(o.metadata.labels));
    rows.push(row);
  }
  return renderTable(rows, kubectlTable);
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}
