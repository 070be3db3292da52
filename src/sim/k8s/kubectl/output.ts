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
import { printGoTemplate } from "./printers/go-template";
import { typedView } from "./typed-view";
import type { Invocation } from "../../cli/command";

/** `kubectl get` (human-readable printers too) and every other command's printer lists. */
export const ALLOWED_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
export const ALLOWED_FORMATS_NON_GET =
  "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

export type OutputKind = "table" | "wide" | "yaml" | "json" | "name" | "jsonpath" | "jsonpath-as-json" | "custom-columns" | "go-template";

export interface OutputFormat {
  kind: OutputKind;
  arg: string;
  /** custom-columns-file: the printer is built with its headers on, whatever --no-headers says. */
  fromFile?: boolean;
  /** go-template and jsonpath: --allow-missing-template-keys (else a missing key is an error). */
  allowMissingKeys?: boolean;
}

/** The template printers' other inputs: --template, the files -file formats name. */
export interface TemplateSource {
  template?: string;
  allowMissingKeys?: boolean;
  readFile?: (path: string) => string | undefined;
}

/** --template, --allow-missing-template-keys and the machine's files, for parseOutput. */
export function templateSource(ctx: { host: { fs: { read(p: string): string | undefined } } }, inv: Invocation): TemplateSource {
  return { template: inv.flags.str("template"), allowMissingKeys: inv.flags.bool("allow-missing-template-keys"), readFile: (p) => ctx.host.fs.read(p) };
}

/** Whether a structured printer was asked for: -o, or --template alone (PrintFlags.ToPrinter). */
export function outputRequested(inv: Invocation): boolean {
  return inv.flags.str("output") !== "" || inv.flags.str("template") !== "";
}

const TEMPLATE_FORMATS = ["go-template", "go-template-file", "template", "templatefile"];
const JSONPATH_FORMATS = ["jsonpath", "jsonpath-as-json", "jsonpath-file"];

export function parseOutput(value: string, allowTable = true, src: TemplateSource = {}): OutputFormat {
  // A --template without -o means a Go template (PrintFlags.ToPrinter's backwards compatibility).
  if (value === "" && src.template) value = "go-template";
  if (value === "" && allowTable) return { kind: "table", arg: "" };
  const eq = value.indexOf("=");
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? "" : value.slice(eq + 1);
  switch (name) {
    case "wide": if (allowTable) return { kind: "wide", arg }; break;
    case "yaml": case "json": case "name": return { kind: name, arg };
    case "custom-columns":
      if (!allowTable) break;
      if (!arg) fail("error: custom-columns format specified but no custom columns given");
      return { kind: name, arg };
    case "custom-columns-file":
      if (!allowTable) break;
      return { kind: "custom-columns", arg: customColumnsFromFile(arg, src), fromFile: true };
  }
  // The template printers: the text is --template's when given (then "-o go-template=x" names no
  // format), else what follows "=".
  const isTemplate = TEMPLATE_FORMATS.includes(value) || JSONPATH_FORMATS.includes(value);
  const format = src.template ? (isTemplate ? value : "") : [...TEMPLATE_FORMATS, ...JSONPATH_FORMATS].includes(name) ? name : "";
  if (format) {
    let text = src.template || arg;
    if (!text) fail("error: template format specified but no template given");
    if (format.endsWith("file")) {
      const read = src.readFile?.(text);
      if (read === undefined) fail(`error: error reading --template ${text}, open ${text}: no such file or directory\n`);
      text = read;
    }
    if (JSONPATH_FORMATS.includes(format)) return { kind: format === "jsonpath-as-json" ? "jsonpath-as-json" : "jsonpath", arg: text, allowMissingKeys: src.allowMissingKeys ?? true };
    return { kind: "go-template", arg: text, allowMissingKeys: src.allowMissingKeys ?? true };
  }
  fail(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowTable ? ALLOWED_FORMATS : ALLOWED_FORMATS_NON_GET}`);
}

/**
 * NewCustomColumnsPrinterFromTemplate: a file of one line of headers and one line of column
 * specs, each split on white space, turned into the inline form the custom-columns printer reads.
 */
function customColumnsFromFile(path: string, src: TemplateSource): string {
  const text = src.readFile?.(path);
  if (text === undefined) fail(`error: error reading template ${path}, open ${path}: no such file or directory`);
  const lines = text.split("\n");
  const usage = "Expected format is one line of space separated headers, one line of space separated column specs.";
  if (!text.length) fail(`error: invalid template, missing header line. ${usage}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === "")) fail(`error: invalid template, missing spec line. ${usage}`);
  const fields = (l: string) => l.split(/[ \t\r\v\f]+/).filter(Boolean);
  const headers = fields(lines[0]!);
  const specs = fields(lines[1]!);
  if (headers.length !== specs.length) fail(`error: number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((h, i) => `${h}:${specs[i]}`).join(",");
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

/**
 * -o yaml|json|name|jsonpath|custom-columns. `single` = one object was asked for by name.
 * `typed`: the verb's builder decoded the objects into their Go types (the `set` verbs), so they
 * print as typed objects do (typed-view.ts), JSON keys in struct order.
 */
export function printStructured(objs: KObject[], fmt: OutputFormat, single: boolean, opts: { noHeaders?: boolean; typed?: boolean; structOrder?: boolean } = {}): string {
  const view = (o: KObject) => (opts.typed ? typedView(forPrint(o)) : forPrint(o));
  const data = single && objs.length === 1 ? view(objs[0]!) : kubeList(objs.map(view));
  switch (fmt.kind) {
    case "yaml": return toKubeYaml(data);
    case "json": return toKubeJson(data, { structOrder: opts.typed });
    case "name": return objs.map((o) => refOf(o) + "\n").join("");
    case "jsonpath": case "jsonpath-as-json": {
      // --allow-missing-template-keys=false: a missing key is the engine's "is not found" error.
      const r = kubectlJsonPath(fmt.arg, data, { asJson: fmt.kind === "jsonpath-as-json", allowMissingKeys: fmt.allowMissingKeys ?? true });
      if (!r.ok) fail(r.stderr);
      return r.stdout;
    }
    case "custom-columns": return customColumns(fmt.arg, data, fmt.fromFile ? { ...opts, noHeaders: false } : opts);
    case "go-template": {
      const r = printGoTemplate(fmt.arg, data, fmt.allowMissingKeys ?? true, opts.typed || opts.structOrder);
      if (!r.ok) fail(r.stderr, r.stdout);
      return r.stdout;
    }
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
