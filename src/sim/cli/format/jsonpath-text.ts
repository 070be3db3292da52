// kubectl -o jsonpath / jsonpath-as-json printing (JSONPath.PrintResults and cli-runtime's
// JSONPathPrinter): maps and slices print as compact JSON, other values with fmt's %v, values of one
// `{…}` joined by a space, no trailing newline; and kubectl's exact error texts.
import { goJsonMarshal } from './go-json';
import { goFormatFloat, goNumber, goQuote, goSharpV } from './go-fmt';
import { GoByte, GoFloat, type JPValue, type JsonPathOptions, findJsonPathResults, plainValue } from './jsonpath';
import { parseJsonPath } from './jsonpath-parse';
import { isPlainObject } from './go-value';

export type TextResult = { ok: true; text: string } | { ok: false; error: string };

const isComposite = (v: JPValue) =>
  !(v instanceof GoFloat || v instanceof GoByte) && (Array.isArray(v) || isPlainObject(v) || v instanceof Map);

/** One value as PrintResults writes it. */
export function jsonPathValueText(v: JPValue): string {
  if (isComposite(v)) return goJsonMarshal(v, { objects: 'map' });
  if (v === undefined) return '<no value>';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoFloat) return goFormatFloat(v.value, 'g', -1);
  if (v instanceof GoByte) return String(v.value);
  return String(v);
}

const DEFAULT_MAX_OUTPUT = 4 << 20;

/**
 * Results printed as kubectl prints them; `asJson` is -o jsonpath-as-json. Undefined when the
 * text would exceed maxOutput characters (checked as it grows).
 */
export function printJsonPathResults(results: JPValue[][], asJson = false, maxOutput = DEFAULT_MAX_OUTPUT): string | undefined {
  let out = '';
  for (const values of results) {
    if (asJson) out += goJsonMarshal(values.map((v) => (v === undefined ? null : plainValue(v))), { indent: '    ', objects: 'map' }) + '\n';
    else {
      values.forEach((v, i) => {
        if (out.length <= maxOutput) out += (i > 0 ? ' ' : '') + jsonPathValueText(v);
      });
    }
    if (out.length > maxOutput) return undefined;
  }
  return out;
}

export interface JsonPathTextOptions extends JsonPathOptions {
  asJson?: boolean;
  /** Output size cap in characters. */
  maxOutput?: number;
}

/**
 * Evaluates a template and prints it; errors are one-line descriptions (for grading queries).
 * Missing keys are allowed, as kubectl allows them by default.
 */
export function jsonPathText(template: string, data: unknown, opts: JsonPathTextOptions = {}): TextResult {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, error: `error parsing jsonpath ${template}, ${parsed.error}` };
  const r = findJsonPathResults(parsed.root, data, opts);
  if (!r.ok) return { ok: false, error: `error executing jsonpath ${goQuote(template)}: ${r.error}` };
  const text = printJsonPathResults(r.results, opts.asJson, opts.maxOutput);
  if (text === undefined) return { ok: false, error: 'jsonpath output too large' };
  return { ok: true, text };
}

export type KubectlOutput = { ok: true; stdout: string } | { ok: false; stderr: string };

/**
 * `kubectl … -o jsonpath=TEMPLATE` (or jsonpath-as-json) on one object or List, with kubectl's
 * stderr on failure (exit code 1): `error: error parsing jsonpath {.foo, unclosed action`, or the
 * "Error executing template … object given to jsonpath engine was:" dump.
 */
export function kubectlJsonPath(template: string, obj: unknown, opts: JsonPathTextOptions = {}): KubectlOutput {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, stderr: `error: error parsing jsonpath ${template}, ${parsed.error}\n` };
  const r = findJsonPathResults(parsed.root, obj, opts);
  if (!r.ok) return { ok: false, stderr: kubectlJsonPathExecError(template, r.error, obj) };
  const text = printJsonPathResults(r.results, opts.asJson, opts.maxOutput);
  if (text === undefined) return { ok: false, stderr: 'error: jsonpath output too large\n' };
  return { ok: true, stdout: text };
}

export function kubectlJsonPathExecError(template: string, message: string, obj: unknown): string {
  return (
    `error: error executing jsonpath ${goQuote(template)}: Error executing template: ${message}. ` +
    'Printing more information for debugging the template:\n' +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n\n`
  );
}
