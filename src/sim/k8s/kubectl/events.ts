// `kubectl events` (pkg/cmd/events): lists core/v1 Events of the namespace (or -A), optionally
// only those about one object (--for TYPE/NAME: kind, apiVersion and name must match) and of
// some types (--types=Normal,Warning, case-insensitive), sorts them by time with Go's unstable
// sort.Sort and prints its own table — LAST SEEN, TYPE, REASON, OBJECT (Kind/name), MESSAGE —
// or, with -o, the EventList.

import type { Invocation } from "../../cli/command";
import { kubeAge } from "../../cli/format/duration";
import { renderTable, kubectlTable } from "../../cli/format/tabwriter";
import type { ExecResult } from "../../programs/registry";
import type { KEvent } from "../api/events";
import { resolveResource } from "../api/kinds";
import { toKubeJson } from "../../cli/format/kube-json";
import { allNamespaces, fail, namespaceOf, server, type KubectlContext } from "./common";
import { goSort } from "./go-sort";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";

function groupVersion(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** eventTime(): series last observation, else lastTimestamp, else eventTime. */
function eventTime(e: KEvent): number {
  const ev = e as KEvent & { series?: { lastObservedTime?: string }; eventTime: string | null };
  const t = ev.series?.lastObservedTime ?? (e.lastTimestamp || ev.eventTime);
  return t ? Date.parse(t) : 0;
}

/** The LAST SEEN cell (getInterval): `age`, or `age (xN over first)` for repeats. */
function interval(e: KEvent, now: number): string {
  const ev = e as KEvent & { eventTime: string | null };
  const first = kubeAge(now, ev.eventTime ? Date.parse(ev.eventTime) : e.firstTimestamp ? Date.parse(e.firstTimestamp) : undefined);
  if (e.count > 1) return `${kubeAge(now, e.lastTimestamp ? Date.parse(e.lastTimestamp) : undefined)} (x${e.count} over ${first})`;
  return first;
}

export function runEvents(ctx: KubectlContext, inv: Invocation): ExecResult {
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  const all = allNamespaces(inv);
  const forObject = inv.flags.str("for");
  let forFilter: ((e: KEvent) => boolean) | undefined;
  if (forObject) {
    if (!forObject.includes("/")) fail("error: --for must be in resource/name form");
    const seg = forObject.split("/");
    if (seg.length !== 2) fail("error: arguments in resource/name form may not have more than one slash");
    const info = resolveResource(seg[0]!.toLowerCase());
    // The mapper's no-match error goes through kubectl's standard message, without `error: `.
    if (!info) fail(`the server doesn't have a resource type "${seg[0]!.toLowerCase()}"`);
    const name = seg[1]!;
    forFilter = (e) => e.involvedObject.kind === info.kind && e.involvedObject.apiVersion === groupVersion(info) && e.involvedObject.name === name;
  }
  const types = inv.flags.list("types").flatMap((t) => t.split(",")).filter((t) => t !== "");
  for (const t of types) if (!/^(normal|warning)$/i.test(t)) fail("error: valid --types are Normal or Warning");
  const output = inv.flags.str("output");
  const fmt = output || inv.flags.str("template") ? parseOutput(output, false, templateSource(ctx, inv)) : undefined;

  // A copy: the sort below reorders it in place.
  let events = [...cluster.store.list<KEvent>("Event", all ? undefined : ns)];
  if (forFilter) events = events.filter(forFilter);
  if (types.length) events = events.filter((e) => types.some((t) => t.toLowerCase() === e.type.toLowerCase()));
  if (!events.length) return { exitCode: 0, stdout: "", stderr: all ? "No events found.\n" : `No events found in ${ns} namespace.\n` };
  goSort(events, (a, b) => eventTime(a) < eventTime(b));

  if (fmt) {
    // The printed object is a typed v1 EventList the client built (empty list metadata): JSON
    // keeps Go struct order; the name printer prints nothing for it (as kubectl 1.30 does).
    if (fmt.kind === "name") return { exitCode: 0, stdout: "", stderr: "" };
    if (fmt.kind === "json") return { exitCode: 0, stdout: toKubeJson({ kind: "EventList", apiVersion: "v1", metadata: {}, items: events.map(typedEvent) }, { structOrder: true }), stderr: "" };
    const list = printStructured(events, fmt, false);
    return { exitCode: 0, stdout: list.replace(/^kind: List\nmetadata:\n  resourceVersion: ""\n/m, "kind: EventList\nmetadata: {}\n"), stderr: "" };
  }
  const now = cluster.world.now;
  const rows: string[][] = inv.flags.bool("no-headers") ? [] : [[...(all ? ["NAMESPACE"] : []), "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]];
  for (const e of events) {
    rows.push([
      ...(all ? [e.metadata.namespace ?? ""] : []),
      interval(e, now),
      e.type,
      e.reason,
      `${e.involvedObject.kind}/${e.involvedObject.name}`,
      String(e.message ?? "").trim(),
    ]);
  }
  return { exitCode: 0, stdout: renderTable(rows, kubectlTable), stderr: "" };
}

/** Keys in Go struct order (a typed field list), dropping absent ones. */
function ordered(o: Record<string, any> | undefined, keys: string[]): Record<string, unknown> | undefined {
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out) && o[k] !== undefined) out[k] = o[k];
  return out;
}

const OBJECT_META = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];
const OBJECT_REFERENCE = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

/** A core/v1 Event as encoding/json marshals the typed struct. */
function typedEvent(e: KEvent): Record<string, unknown> {
  const o = e as KEvent & Record<string, any>;
  return ordered({
    kind: "Event",
    apiVersion: "v1",
    metadata: ordered(o.metadata, OBJECT_META),
    involvedObject: ordered(o.involvedObject, OBJECT_REFERENCE),
    reason: o.reason,
    message: o.message,
    source: ordered(o.source, ["component", "host"]),
    firstTimestamp: o.firstTimestamp ?? null,
    lastTimestamp: o.lastTimestamp ?? null,
    count: o.count || undefined,
    type: o.type,
    eventTime: o.eventTime ?? null,
    series: o.series,
    action: o.action || undefined,
    related: o.related,
    reportingComponent: o.reportingComponent ?? "",
    reportingInstance: o.reportingInstance ?? "",
  }, [])!;
}
