// Mirrors cli-runtime's GoTemplatePrinter (-o go-template|template|go-template-file|templatefile,
// --template): the object is marshalled to JSON and decoded into a map[string]interface{} (numbers
// as int64 when whole, as apimachinery's json does), then run through text/template named
// "output" with two extra functions, exists and base64decode. Missing keys print "<no value>"
// unless --allow-missing-template-keys=false. A failed execution writes what the template had
// printed, then a debugging dump, to stdout; the error goes to stderr.

import { base64ToUtf8 } from "../../../base64";
import { goQuote, goV } from "../../../cli/format/go-fmt";
import { goJsonMarshal } from "../../../cli/format/go-json";
import { compileGoTemplate, renderGoTemplate } from "../../../cli/format/gotemplate";
import { FuncError, type GoFunc } from "../../../cli/format/gotemplate-funcs";
import { goMap } from "../../../cli/format/go-value";
import { base64Error } from "../../api/decode";

/** printers.base64decode: base64.StdEncoding.DecodeString, its error wrapped. */
const base64decode: GoFunc = {
  params: ["string"],
  call: ([v]) => {
    const bad = base64Error(v as string);
    if (bad !== undefined) throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${bad}`);
    return base64ToUtf8((v as string).replace(/[\r\n]/g, ""));
  },
};

/** printers.exists: whether item[i1][i2]… is there (an index for lists and strings, a key for maps) and not nil. */
const exists: GoFunc = {
  params: ["any"],
  variadic: "any",
  call: ([item, ...indices]) => {
    let v: unknown = item;
    for (const i of indices) {
      if (v === null || v === undefined) return false;
      if (Array.isArray(v) || typeof v === "string") {
        if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= v.length) return false;
        v = Array.isArray(v) ? v[i] : v[i];
      } else if (typeof v === "object") {
        if (typeof i !== "string") return false;
        v = Object.prototype.hasOwnProperty.call(v, i) ? (v as Record<string, unknown>)[i] : null;
      } else return false;
    }
    return v !== null && v !== undefined;
  },
};

const FUNCS = { exists, base64decode };

/** Tags every object of decoded JSON as a map[string]interface{}. */
function asGoMaps(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (const x of v) asGoMaps(x);
  } else if (v !== null && typeof v === "object") {
    for (const x of Object.values(v)) asGoMaps(x);
    goMap(v);
  }
  return v;
}

export type GoTemplateOutput = { ok: true; stdout: string } | { ok: false; stdout: string; stderr: string };

/**
 * GoTemplatePrinter.PrintObj for one object (a List when several were asked for). `structOrder`:
 * the object is a typed one (made client-side, or read by a typed builder), so the "raw data" of
 * the debugging dump, its json.Marshal, keeps Go struct order rather than sorted keys.
 */
export function printGoTemplate(text: string, obj: unknown, allowMissingKeys: boolean, structOrder = false): GoTemplateOutput {
  const c = compileGoTemplate(text, { name: "output", noDockerFuncs: true, funcs: FUNCS });
  if (!c.ok) return { ok: false, stdout: "", stderr: `error: error parsing template ${text}, ${c.error}\n` };
  const plain = JSON.parse(JSON.stringify(obj));
  const raw = () => goJsonMarshal(plain, { objects: structOrder ? "struct" : "map" });
  // json.Marshal then json.Unmarshal into a map: plain data, every object a Go map (so index,
  // printing and missing keys treat it as one).
  const rawText = structOrder ? raw() : undefined;
  const data = asGoMaps(plain);
  const r = renderGoTemplate(c.tpl, data, { objects: "map", missingKey: allowMissingKeys ? "invalid" : "error" });
  if (r.ok) return { ok: true, stdout: r.text };
  const dump =
    `Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${text}\n` +
    `\traw data was:\n\t\t${rawText ?? goJsonMarshal(data, { objects: "map" })}\n` +
    `\tobject given to template engine was:\n\t\t${goV(data, "map", true)}\n\n`;
  return { ok: false, stdout: r.partial + dump, stderr: `error: error executing template ${goQuote(text)}: ${r.error}\n` };
}
