// `kubectl get`: resource selection (TYPE [NAME…], TYPE/NAME, TYPE1,TYPE2, all), namespaces
// (-n, -A), label selectors (-l, equality and set-based), --field-selector (metadata.name,
// metadata.namespace, status.phase, spec.nodeName), --sort-by, and every printer. Rows are
// sorted by namespace then name; several kinds print one table each, separated by a blank line.
// -w prints the current list once and returns (a transcript cannot wait for interrupts).
// --subresource=status|scale reads that subresource of named objects.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { notFoundError, renderStatusError } from "../api/errors";
import { apiVersionOf, qualifiedResource, type KindInfo } from "../api/kinds";
import { toVersion } from "../api/conversion";
import type { KObject } from "../store";
import { allNamespaces, fail, namespaceOf, noResourcesFound, refuseNamesWithSelector, refusePathsWithArgs, selectResources, server, statusText, type KubectlContext, type ResourceSelection } from "./common";
import { listSelected, listSelectorsOf } from "./list-selectors";
import { readManifests, type ManifestRead } from "./manifests";
import { parseOutput, printStructured, printTable, templateSource } from "./output";
import { evalJsonPath } from "../../cli/format/jsonpath";
import { goSort } from "./go-sort";
import { subresourceOf } from "./mutate";
import { hasSubresource, noSuchSubresource, scaleOf } from "../api/subresources";

const GET_NO_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  "error: Required resource not specified.\n" +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

/** resource.Builder with SingleResourceType(), as `get --watch` builds it. */
export const WATCH_ONE_TYPE = "error: you may only specify a single resource type";

export function runGet(ctx: KubectlContext, inv: Invocation): ExecResult {
  const fmt = parseOutput(inv.flags.str("output"), true, templateSource(ctx, inv));
  const files = inv.flags.list("filename");
  if (inv.args.length === 0 && !files.length) return { exitCode: 1, stdout: "", stderr: GET_NO_TYPE };
  refusePathsWithArgs(files, inv.args);
  const sub = subresourceOf(inv);
  const cluster = server(ctx);
  const fromFiles = files.length ? readManifests(ctx, files, inv.flags.bool("recursive")) : undefined;
  const sel = fromFiles ? namedFromFiles(fromFiles) : selectResources(inv.args);
  const all = allNamespaces(inv);
  const ns = namespaceOf(inv);
  const selectors = listSelectorsOf(inv);
  refuseNamesWithSelector(inv, sel.named.length);
  // The builder reads a subresource of named objects only (resource.Builder.visitorResult).
  if (sub && (sel.types.length || sel.all)) fail("error: subresource cannot be used when bulk resources are specified");
  const ignoreNotFound = inv.flags.bool("ignore-not-found");
  // -w / --watch-only: one pass, no waiting (the real client blocks until interrupted).
  const watchOnly = inv.flags.bool("watch-only");
  const watching = watchOnly || inv.flags.bool("watch");
  if (watching && (sel.all || sel.types.length + new Set(sel.named.map((n) => n.info)).size > 1)) fail(WATCH_ONE_TYPE);
  const now = cluster.world.now;
  let stdout = "";
  let stderr = "";
  let listErrors = "";
  const groups: { info: KindInfo; objs: KObject[] }[] = [];
  if (sel.named.length) {
    for (const { info, name, namespace } of sel.named) {
      const stored = cluster.store.get(info.kind, info.namespaced ? namespace ?? ns : undefined, name);
      if (!stored) {
        // --ignore-not-found: the result ignores NotFound errors (r.IgnoreErrors).
        if (!ignoreNotFound) stderr += renderStatusError(notFoundError(qualifiedResource(info), name)) + "\n";
        continue;
      }
      if (sub && !hasSubresource(stored.kind, sub)) {
        if (!ignoreNotFound) stderr += renderStatusError(noSuchSubresource()) + "\n";
        continue;
      }
      // /status is the whole object; /scale an autoscaling/v1 Scale (its own table).
      const o = sub === "scale" ? (scaleOf(stored) as KObject) : stored;
      const g = groups.find((x) => x.info === info || (x.info.kind === info.kind && apiVersionOf(x.info) === apiVersionOf(info)));
      if (g) g.objs.push(o);
      else groups.push({ info, objs: [o] });
    }
  } else {
    // The builder continues on error: a kind whose list the server refuses (a bad selector) is
    // reported after the others print.
    for (const info of sel.types) {
      try {
        groups.push({ info, objs: listSelected(cluster, info, all ? undefined : ns, selectors) });
      } catch (e) {
        listErrors += statusText(e) + "\n";
      }
    }
  }
  const sortBy = inv.flags.str("sort-by");
  const tableOut = fmt.kind === "table" || fmt.kind === "wide";
  if (sortBy && tableOut) {
    // One server Table per response (each type listed, each name got): kubectl 1.30 sorts one
    // table's rows, but with several it fails to find the field at all (kubernetes#104318).
    const found = groups.reduce((n, g) => n + g.objs.length, 0);
    const responses = sel.named.length ? found : sel.types.length;
    if (responses > 1 && found) fail(`error: couldn't find any field with path "${relaxedJsonPath(sortBy)}" in the list of objects`);
    for (const g of groups) g.objs = sortObjects(g.objs, sortBy, true);
  }
  const everything = groups.flatMap((g) => g.objs);
  if (fmt.kind !== "table" && fmt.kind !== "wide") {
    // Read through the version asked for (hpa.v1.autoscaling, an autoscaling/v1 file): the
    // server converts what it stores. Tables are the same in every version.
    everything.splice(0, everything.length, ...groups.flatMap((g) => g.objs.map((o) => toVersion(o, apiVersionOf(g.info)))));
    // The other printers get every object at once: sorted together, whatever their kinds.
    if (sortBy) everything.splice(0, everything.length, ...sortObjects(everything, sortBy, false));
    const single = sel.named.length === 1 && !sel.types.length;
    // An empty List still reaches the printer: yaml/json print it, custom-columns its header,
    // the template printers run over it (`{.items[0]…}` fails on it); -o name prints nothing.
    if (everything.length || fmt.kind !== "name") {
      if (everything.length || !single) stdout += printStructured(everything, fmt, single && everything.length === 1, { noHeaders: inv.flags.bool("no-headers") });
    }
  } else {
    // Kinds are shown when the objects found span several kinds (multipleGVKsRequested), or
    // when the arguments ask for several types or `all` — but names asked for across types
    // (`get pods,svc web`, `pod/web node/web`) count only by what was found.
    const multiKind = groups.filter((g) => g.objs.length).length > 1 || sel.all || sel.types.length > 1;
    const tables: string[] = [];
    for (const g of groups) {
      if (!g.objs.length) continue;
      tables.push(printTable(g.objs, {
        now, wide: fmt.kind === "wide", withNamespace: all && g.info.namespaced,
        showLabels: inv.flags.bool("show-labels"), labelColumns: inv.flags.list("label-columns"),
        // --show-kind prefixes the kind even for a single type.
        noHeaders: inv.flags.bool("no-headers"), withKind: multiKind || inv.flags.bool("show-kind"),
      }));
    }
    // The blank line between groups comes with their headers: --no-headers runs them together.
    stdout += tables.join(inv.flags.bool("no-headers") ? "" : "\n");
  }
  // printGeneric (-o yaml|json|name|jsonpath) prints the (empty) list and no message.
  // A watch prints an empty list as nothing; --watch-only skips the initial list altogether.
  if (watchOnly) stdout = "";
  if (!everything.length && !sel.named.length && !fromFiles && !watching && !ignoreNotFound && !listErrors && (fmt.kind === "table" || fmt.kind === "wide")) {
    const namespaced = groups.some((g) => g.info.namespaced);
    stderr += all || !namespaced ? "No resources found\n" : `No resources found in ${ns} namespace.\n`;
  }
  if (fromFiles && !sel.named.length) stderr += noResourcesFound(inv);
  for (const e of fromFiles?.errors ?? []) stderr += `error: ${e}\n`;
  stderr += listErrors;
  const missing = (sel.named.length > 0 && stderr.includes("Error from server")) || !!fromFiles?.errors.length || !!listErrors;
  return { exitCode: missing ? 1 : 0, stdout, stderr };
}

/** `get -f`: the file's objects as names to look up (the namespace from the object, else -n). */
function namedFromFiles(read: ManifestRead): ResourceSelection {
  const asWritten = (m: ManifestRead["objects"][number]): KindInfo => {
    const gv = String(m.obj.apiVersion ?? "");
    if (gv === apiVersionOf(m.info) || !gv.includes("/")) return m.info;
    return { ...m.info, group: gv.slice(0, gv.indexOf("/")), version: gv.slice(gv.indexOf("/") + 1) };
  };
  return { types: [], all: false, named: read.objects.map((m) => ({ info: asWritten(m), name: String(m.obj.metadata?.name ?? ""), namespace: m.obj.metadata?.namespace })) };
}

/** get.RelaxedJSONPathExpression: name1.name2, .name1.name2, {name1.name2} or {.name1.name2}. */
export function relaxedJsonPath(expr: string): string {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) fail("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

/**
 * get's sorters (kubectl/pkg/cmd/get/sorter.go): rows ordered by the field through Go's unstable
 * sort.Sort, an object without the field first, strings in natural order (digit runs compare as
 * numbers: 10.96.0.1 before 10.102.0.1), numbers by value. A field no object has is an error —
 * except for the human-readable table, where kubectl's TableSorter failure leaves the group empty
 * (nothing printed, "No resources found", exit 0).
 */
function sortObjects(objs: KObject[], expr: string, table: boolean): KObject[] {
  const path = relaxedJsonPath(expr);
  const keys = new Map<KObject, unknown>();
  for (const o of objs) {
    const r = evalJsonPath(path, o);
    keys.set(o, r.ok && r.values.length ? r.values[0] : undefined);
  }
  if (objs.length && objs.every((o) => keys.get(o) === undefined)) {
    if (table) return [];
    fail(`error: couldn't find any field with path "${path}" in the list of objects`);
  }
  const less = (a: KObject, b: KObject) => {
    const x = keys.get(a);
    const y = keys.get(b);
    if (x === undefined) return true;
    if (y === undefined) return false;
    if (typeof x === "number" && typeof y === "number") return x < y;
    if (typeof x === "boolean" && typeof y === "boolean") return !x && y;
    return naturalLess(String(x), String(y));
  };
  return goSort([...objs], less);
}

/** github.com/fvbommel/sortorder NaturalLess: digits before other bytes, digit runs by value. */
export function naturalLess(a: string, b: string): boolean {
  const digit = (c: number) => c >= 48 && c <= 57;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a.charCodeAt(i);
    const c2 = b.charCodeAt(j);
    const d1 = digit(c1);
    const d2 = digit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === "0") i++;
    while (j < b.length && b[j] === "0") j++;
    const s1 = i;
    const s2 = j;
    while (i < a.length && digit(a.charCodeAt(i))) i++;
    while (j < b.length && digit(b.charCodeAt(j))) j++;
    if (i - s1 !== j - s2) return i - s1 < j - s2;
    const n1 = a.slice(s1, i);
    const n2 = b.slice(s2, j);
    if (n1 !== n2) return n1 < n2;
    if (s1 !== s2) return s1 < s2;
  }
  return a.length < b.length;
}
