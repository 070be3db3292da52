// A LIST with `-l` / `--field-selector`, as kubectl's resource builder sends it
// (resource.Selector.Visit) and the API server answers it. kubectl passes both selectors on as
// text; the server parses them (labels.Parse, fields.ParseSelector), converts each field label
// through the kind's selectable fields (the scheme's field label conversion funcs, upstream
// pkg/apis/core/v1/conversion.go and friends) and filters. A refusal is a BadRequest that
// kubectl's EnhanceListError rewrites to name the resource and both selectors.

import type { Invocation } from "../../cli/command";
import { goQuote } from "../../cli/format/go-fmt";
import { StatusError } from "../api/errors";
import type { KindInfo } from "../api/kinds";
import { matches, parseSelector, SelectorParseError, type Requirement } from "../api/selectors";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { fail, statusText } from "./common";

type Obj = Record<string, any>;

/** The selectors a verb's builder was given, trimmed as LabelSelectorParam/FieldSelectorParam do. */
export interface ListSelectors {
  label: string;
  field: string;
}

export function listSelectorsOf(inv: Invocation): ListSelectors {
  return { label: inv.flags.str("selector").trim(), field: inv.flags.str("field-selector").trim() };
}

// ---- fields.ParseSelector ------------------------------------------------------------------

type FieldTerm = { field: string; op: "=" | "!="; value: string };

/** splitTerms: split at commas that no backslash escapes. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      cur += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === ",") {
      out.push(cur);
      cur = "";
    } else cur += s[i]!;
  }
  out.push(cur);
  return out;
}

/** UnescapeValue: `\\`, `\,` and `\=` only; a bare `,` or `=` in a value is refused. */
function unescapeValue(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      const n = s[i + 1];
      if (n === undefined) throw new SelectorParseError("invalid field selector: invalid escape sequence: \\");
      if (n !== "\\" && n !== "," && n !== "=") throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${n}`);
      out += n;
      i++;
    } else if (c === "," || c === "=") {
      throw new SelectorParseError(`invalid field selector: unescaped character in value: ${c}`);
    } else out += c;
  }
  return out;
}

/** fields.ParseSelector: terms sorted, each split at its first `!=`, `==` or `=` (sides kept as written). */
export function parseFieldSelector(selector: string): FieldTerm[] {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === "") continue;
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    terms.push({ field: m[1]!, op: m[2] === "!=" ? "!=" : "=", value: unescapeValue(m[3]!) });
  }
  return terms;
}

// ---- selectable fields per kind ------------------------------------------------------------

const bool = (v: unknown) => (v === true ? "true" : "false");

/**
 * The field labels a kind can be selected by (its ToSelectableFields) and their values. Kinds
 * without a conversion func of their own take DefaultMetaV1FieldSelectorConversion.
 */
const SELECTABLE: Record<string, (o: Obj) => Record<string, string>> = {
  Pod: (o) => ({
    "spec.nodeName": o.spec?.nodeName ?? "",
    "spec.restartPolicy": o.spec?.restartPolicy ?? "",
    "spec.schedulerName": o.spec?.schedulerName ?? "",
    "spec.serviceAccountName": o.spec?.serviceAccountName ?? "",
    "spec.hostNetwork": bool(o.spec?.hostNetwork),
    "status.phase": o.status?.phase ?? "",
    "status.podIP": o.status?.podIPs?.[0]?.ip ?? "",
    // Accepted by the conversion but not among the selectable fields: it matches "" only.
    "status.podIPs": "",
    "status.nominatedNodeName": o.status?.nominatedNodeName ?? "",
  }),
  Node: (o) => ({ "spec.unschedulable": bool(o.spec?.unschedulable) }),
  Namespace: (o) => ({ "status.phase": o.status?.phase ?? "" }),
  Secret: (o) => ({ type: o.type ?? "" }),
  // spec.clusterIP arrived in v1.30 (kubernetes#122541); spec.type only in v1.31.
  Service: (o) => ({ "spec.clusterIP": o.spec?.clusterIP ?? "" }),
  ReplicationController: (o) => ({ "status.replicas": String(o.status?.replicas ?? 0) }),
  Job: (o) => ({ "status.successful": String(o.status?.succeeded ?? 0) }),
  Event: (o) => ({
    "involvedObject.kind": o.involvedObject?.kind ?? "",
    "involvedObject.namespace": o.involvedObject?.namespace ?? "",
    "involvedObject.name": o.involvedObject?.name ?? "",
    "involvedObject.uid": o.involvedObject?.uid ?? "",
    "involvedObject.apiVersion": o.involvedObject?.apiVersion ?? "",
    "involvedObject.resourceVersion": o.involvedObject?.resourceVersion ?? "",
    "involvedObject.fieldPath": o.involvedObject?.fieldPath ?? "",
    reason: o.reason ?? "",
    reportingComponent: o.reportingComponent ?? "",
    source: o.source?.component ?? "",
    type: o.type ?? "",
  }),
};

/** Which metadata labels a kind's conversion func accepts (Node and Namespace: the name only). */
function metaLabels(info: KindInfo): string[] {
  return info.kind === "Node" || info.kind === "Namespace" ? ["metadata.name"] : ["metadata.name", "metadata.namespace"];
}

/** ConvertFieldLabel: the kind's own message, or the default conversion's. */
function checkFieldLabel(info: KindInfo, label: string): void {
  const own = SELECTABLE[info.kind] && info.group === (info.kind === "Job" ? "batch" : "");
  const allowed = [...metaLabels(info), ...(own ? Object.keys(SELECTABLE[info.kind]!({})) : [])];
  if (info.kind === "Pod" && label === "spec.host") return; // old clients' name for spec.nodeName
  if (allowed.includes(label)) return;
  throw new SelectorParseError(own
    ? `field label not supported: ${label}`
    : `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

function fieldSet(info: KindInfo, o: KObject): Record<string, string> {
  const own = SELECTABLE[info.kind]?.(o as Obj) ?? {};
  return { ...own, "spec.host": own["spec.nodeName"] ?? "", "metadata.name": o.metadata.name, "metadata.namespace": info.namespaced ? o.metadata.namespace ?? "" : "" };
}

// ---- the list ------------------------------------------------------------------------------

/** GroupVersionResource.String(): "/v1, Resource=pods", "apps/v1, Resource=deployments". */
const gvrString = (info: KindInfo) => `${info.group}/${info.version}, Resource=${info.resource}`;

/** EnhanceListError's wording of the server's BadRequest. */
function listError(info: KindInfo, sel: ListSelectors, msg: string): StatusError {
  return new StatusError("BadRequest", `Unable to find ${goQuote(gvrString(info))} that match label selector ${goQuote(sel.label)}, field selector ${goQuote(sel.field)}: ${msg}`);
}

/**
 * The server's half: both selectors parsed and the field labels checked for this kind. Throws
 * SelectorParseError with the server's own message (before kubectl rewords it).
 */
export function parseListSelectors(info: KindInfo, sel: ListSelectors): { labels?: Requirement[]; fields: FieldTerm[] } {
  const labels = sel.label ? parseSelector(sel.label) : undefined;
  const fields = sel.field ? parseFieldSelector(sel.field) : [];
  for (const f of fields) checkFieldLabel(info, f.field);
  return { labels, fields };
}

function compileSelectors(info: KindInfo, sel: ListSelectors): { labels?: Requirement[]; fields: FieldTerm[] } {
  try {
    return parseListSelectors(info, sel);
  } catch (e) {
    if (e instanceof SelectorParseError) throw listError(info, sel, e.message);
    throw e;
  }
}

/** The objects of one kind a LIST with these selectors returns (a StatusError when refused). */
export function listSelected(cluster: KubeCluster, info: KindInfo, namespace: string | undefined, sel: ListSelectors): KObject[] {
  const { labels, fields } = compileSelectors(info, sel);
  const objs = cluster.store.list(info.kind, info.namespaced ? namespace : undefined);
  if (!labels && !fields.length) return objs;
  return objs.filter((o) => {
    if (labels && !matches(labels, o.metadata.labels)) return false;
    if (!fields.length) return true;
    const set = fieldSet(info, o);
    return fields.every((f) => ((set[f.field] ?? "") === f.value) === (f.op === "="));
  });
}

/** listSelected for a verb that stops at a refused list, printed as kubectl prints the error. */
export function listSelectedOrFail(cluster: KubeCluster, info: KindInfo, namespace: string | undefined, sel: ListSelectors): KObject[] {
  try {
    return listSelected(cluster, info, namespace, sel);
  } catch (e) {
    fail(statusText(e));
  }
}
