// Mirrors the API server's version conversion for kinds served in more than one version: every
// object is stored in one version (kinds.ts), a request in another served version is converted
// to it on the way in, and an object read through that version is converted back on the way
// out. kubectl works in the manifest's version throughout (its GET, its three-way patch), so
// `kubectl apply` of an autoscaling/v1 HorizontalPodAutoscaler compares v1 with v1.
//
// Conversions: pkg/apis/autoscaling/v1/conversion.go (HorizontalPodAutoscaler, with the
// round-trip annotations that carry what v1 cannot say) and pkg/apis/core/v1 ↔
// pkg/apis/events/v1 (Event, the same object under other field names).

import { goJsonMarshal } from "../../cli/format/go-json";
import { deepClone } from "./json";
import { apiVersionOf, kindInfo } from "./kinds";

type Obj = Record<string, any>;

interface Conversion {
  /** The stored object as this version shows it. */
  fromStored(o: Obj): Obj;
  /** An object of this version in the stored version (apiVersion set by the caller). */
  toStored(o: Obj): Obj;
}

/** Whether a request of `apiVersion` for `kind` is in a version other than the stored one. */
function conversionFor(kind: string, apiVersion: string | undefined): Conversion | undefined {
  return apiVersion ? CONVERSIONS[kind]?.[apiVersion] : undefined;
}

/** The object as `apiVersion` shows it (a copy), or the object itself in the stored version. */
export function toVersion<T extends Obj>(o: T, apiVersion: string | undefined): T {
  const c = conversionFor(o.kind, apiVersion);
  if (!c || o.apiVersion === apiVersion) return o;
  const { apiVersion: _stored, ...rest } = c.fromStored(deepClone(o));
  return { apiVersion, ...rest } as unknown as T;
}

/** A request body in any served version, in the stored version (a copy when converted). */
export function toStoredVersion(o: Obj): Obj {
  const c = conversionFor(o.kind, o.apiVersion);
  const info = kindInfo(o.kind);
  if (!c || !info) return o;
  const { apiVersion: _v, ...rest } = c.toStored(deepClone(o));
  return { apiVersion: apiVersionOf(info), ...rest };
}

// ---- autoscaling/v1 HorizontalPodAutoscaler ----

const METRICS_ANN = "autoscaling.alpha.kubernetes.io/metrics";
const CURRENT_METRICS_ANN = "autoscaling.alpha.kubernetes.io/current-metrics";
const CONDITIONS_ANN = "autoscaling.alpha.kubernetes.io/conditions";
const BEHAVIOR_ANN = "autoscaling.alpha.kubernetes.io/behavior";
const ROUND_TRIP = [METRICS_ANN, BEHAVIOR_ANN, CURRENT_METRICS_ANN, CONDITIONS_ANN];

/** The annotations hold Go structs: fields in declaration order, not sorted like a map. */
const STRUCT = { objects: "struct" } as const;

const present = (v: unknown) => v !== undefined && v !== null;
const isCpuUtilization = (m: Obj) => m?.type === "Resource" && m.resource?.name === "cpu" && present(m.resource?.target?.averageUtilization);

/** Go's json.Marshal of a struct: the given keys in order, omitempty ones dropped when empty. */
function struct(fields: [string, unknown, boolean?][]): Obj {
  const out: Obj = {};
  for (const [k, v, omitEmpty] of fields) {
    if (omitEmpty && (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length))) continue;
    out[k] = v ?? null;
  }
  return out;
}

/** The one-of fields of a MetricSpec, in Go struct order. */
const METRIC_SOURCES = ["object", "pods", "resource", "containerResource", "external"];

/** v2 MetricSpec → v1 MetricSpec (the v2beta1 shape: targetAverageUtilization, metricName…). */
function metricSpecToV1(m: Obj): Obj {
  const t = (x: Obj | undefined) => x?.target ?? {};
  const src = (k: string, x: Obj | undefined): Obj | undefined => {
    if (!x) return undefined;
    if (k === "resource" || k === "containerResource") {
      return struct([["name", x.name], ["targetAverageUtilization", t(x).averageUtilization, true], ["targetAverageValue", t(x).averageValue, true], ...(k === "containerResource" ? [["container", x.container] as [string, unknown]] : [])]);
    }
    if (k === "pods") return struct([["metricName", x.metric?.name], ["targetAverageValue", t(x).averageValue ?? "0"], ["selector", x.metric?.selector, true]]);
    if (k === "object") {
      return struct([["target", x.describedObject], ["metricName", x.metric?.name], ["targetValue", t(x).value ?? "0"], ["selector", x.metric?.selector, true], ["averageValue", t(x).averageValue, true]]);
    }
    return struct([["metricName", x.metric?.name], ["metricSelector", x.metric?.selector, true], ["targetValue", t(x).value, true], ["targetAverageValue", t(x).averageValue, true]]);
  };
  return struct([["type", m.type], ...METRIC_SOURCES.map((k): [string, unknown, boolean] => [k, src(k, m[k]), true])]);
}

/** v1 MetricSpec → v2 MetricSpec. */
function metricSpecFromV1(m: Obj): Obj {
  const out: Obj = { type: m.type };
  const r = m.resource ?? m.containerResource;
  if (r) {
    const target = present(r.targetAverageUtilization) ? { type: "Utilization", averageUtilization: r.targetAverageUtilization } : { type: "AverageValue", averageValue: r.targetAverageValue };
    out[m.resource ? "resource" : "containerResource"] = { name: r.name, ...(m.containerResource ? { container: r.container } : {}), target };
  }
  if (m.pods) out.pods = { metric: struct([["name", m.pods.metricName], ["selector", m.pods.selector, true]]), target: { type: "AverageValue", averageValue: m.pods.targetAverageValue } };
  if (m.object) {
    const o = m.object;
    out.object = { describedObject: o.target, metric: struct([["name", o.metricName], ["selector", o.selector, true]]), target: present(o.averageValue) ? { type: "AverageValue", value: o.targetValue, averageValue: o.averageValue } : { type: "Value", value: o.targetValue } };
  }
  if (m.external) {
    const e = m.external;
    out.external = { metric: struct([["name", e.metricName], ["selector", e.metricSelector, true]]), target: present(e.targetValue) ? struct([["type", "Value"], ["value", e.targetValue], ["averageValue", e.targetAverageValue, true]]) : { type: "AverageValue", averageValue: e.targetAverageValue } };
  }
  return out;
}

/** v2 MetricStatus → v1 MetricStatus (only what the sim's statuses hold: type and resource). */
function metricStatusToV1(m: Obj): Obj {
  const r = m.resource;
  return struct([["type", m.type ?? ""], ["resource", r ? struct([["name", r.name], ["currentAverageUtilization", r.current?.averageUtilization, true], ["currentAverageValue", r.current?.averageValue ?? "0"]]) : undefined, true]]);
}

function metricStatusFromV1(m: Obj): Obj {
  const r = m.resource;
  return r ? { type: m.type, resource: { name: r.name, current: struct([["averageValue", r.currentAverageValue, true], ["averageUtilization", r.currentAverageUtilization, true]]) } } : { type: m.type };
}

/** The internal HorizontalPodAutoscalerBehavior, marshalled without json tags (Go field names). */
function behaviorToInternal(b: Obj): Obj {
  const rules = (r: Obj | undefined) => r ? { StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null, SelectPolicy: r.selectPolicy ?? null, Policies: (r.policies ?? null)?.map((p: Obj) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) ?? null } : null;
  return { ScaleUp: rules(b.scaleUp), ScaleDown: rules(b.scaleDown) };
}

/** encoding/json reads those names back case-insensitively. */
function behaviorFromInternal(b: Obj): Obj | undefined {
  const get = (o: Obj | null | undefined, k: string) => (o ? Object.entries(o).find(([n]) => n.toLowerCase() === k.toLowerCase())?.[1] : undefined);
  const rules = (r: Obj | undefined): Obj | undefined => {
    if (!r || typeof r !== "object") return undefined;
    const policies = get(r, "policies") as Obj[] | undefined;
    return struct([["stabilizationWindowSeconds", get(r, "stabilizationWindowSeconds"), true], ["selectPolicy", get(r, "selectPolicy"), true], ["policies", policies?.map((p) => ({ type: get(p, "type"), value: get(p, "value"), periodSeconds: get(p, "periodSeconds") })), true]]);
  };
  const out = struct([["scaleUp", rules(get(b, "scaleUp") as Obj), true], ["scaleDown", rules(get(b, "scaleDown") as Obj), true]]);
  return Object.keys(out).length ? out : undefined;
}

function parseAnnotation(text: string | undefined): any {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const hpaV1: Conversion = {
  fromStored(o) {
    const s = (o.spec ?? {}) as Obj;
    const st = (o.status ?? {}) as Obj;
    const ann: Obj = { ...(o.metadata?.annotations ?? {}) };
    for (const k of ROUND_TRIP) delete ann[k];
    const other = ((s.metrics ?? []) as Obj[]).filter((m) => !isCpuUtilization(m)).map(metricSpecToV1);
    if (other.length) ann[METRICS_ANN] = goJsonMarshal(other, STRUCT);
    if (s.behavior) ann[BEHAVIOR_ANN] = goJsonMarshal(behaviorToInternal(s.behavior), STRUCT);
    if (st.currentMetrics?.length) ann[CURRENT_METRICS_ANN] = goJsonMarshal(st.currentMetrics.map(metricStatusToV1), STRUCT);
    if (st.conditions?.length) {
      ann[CONDITIONS_ANN] = goJsonMarshal(st.conditions.map((c: Obj) => struct([["type", c.type], ["status", c.status], ["lastTransitionTime", c.lastTransitionTime, true], ["reason", c.reason, true], ["message", c.message, true]])), STRUCT);
    }
    const cpu = ((s.metrics ?? []) as Obj[]).find((m) => m?.type === "Resource" && m.resource?.name === "cpu");
    const metadata = { ...o.metadata };
    if (Object.keys(ann).length) metadata.annotations = ann;
    else delete metadata.annotations;
    const curCpu = ((st.currentMetrics ?? []) as Obj[]).find((m) => m?.type === "Resource" && m.resource?.name === "cpu" && present(m.resource?.current?.averageUtilization));
    return {
      kind: o.kind,
      metadata,
      spec: struct([["scaleTargetRef", s.scaleTargetRef], ["minReplicas", s.minReplicas, true], ["maxReplicas", s.maxReplicas], ["targetCPUUtilizationPercentage", cpu?.resource?.target?.averageUtilization, true]]),
      status: struct([["observedGeneration", st.observedGeneration, true], ["lastScaleTime", st.lastScaleTime, true], ["currentReplicas", st.currentReplicas ?? 0], ["desiredReplicas", st.desiredReplicas ?? 0], ["currentCPUUtilizationPercentage", curCpu?.resource?.current?.averageUtilization, true]]),
    };
  },
  toStored(o) {
    const s = (o.spec ?? {}) as Obj;
    const st = (o.status ?? {}) as Obj;
    const ann: Obj = { ...(o.metadata?.annotations ?? {}) };
    const metrics: Obj[] = [];
    const other = parseAnnotation(ann[METRICS_ANN]);
    if (Array.isArray(other)) metrics.push(...other.map(metricSpecFromV1));
    if (present(s.targetCPUUtilizationPercentage)) metrics.push({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: s.targetCPUUtilizationPercentage } } });
    const behaviorText = parseAnnotation(ann[BEHAVIOR_ANN]);
    const behavior = behaviorText && typeof behaviorText === "object" ? behaviorFromInternal(behaviorText) : undefined;
    const current = parseAnnotation(ann[CURRENT_METRICS_ANN]);
    const conditions = parseAnnotation(ann[CONDITIONS_ANN]);
    for (const k of ROUND_TRIP) delete ann[k];
    const metadata = { ...o.metadata };
    // omitempty: a map left empty once the round-trip annotations are gone is not there at all.
    if (Object.keys(ann).length) metadata.annotations = ann;
    else delete metadata.annotations;
    const status: Obj = struct([["observedGeneration", st.observedGeneration, true], ["lastScaleTime", st.lastScaleTime, true], ["currentReplicas", st.currentReplicas, true], ["desiredReplicas", st.desiredReplicas, true]]);
    if (Array.isArray(current)) status.currentMetrics = current.map(metricStatusFromV1);
    else if (present(st.currentCPUUtilizationPercentage)) status.currentMetrics = [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
    if (Array.isArray(conditions)) status.conditions = conditions;
    const spec = struct([["scaleTargetRef", s.scaleTargetRef], ["minReplicas", s.minReplicas, true], ["maxReplicas", s.maxReplicas], ["metrics", metrics, true], ["behavior", behavior, true]]);
    return { kind: o.kind, metadata, spec, ...(o.status ? { status } : {}) };
  },
};

// ---- events.k8s.io/v1 Event ----

/** events.k8s.io/v1 field → core/v1 field (pkg/apis/events/v1 conversion). */
const EVENT_FIELDS: [string, string][] = [
  ["regarding", "involvedObject"], ["note", "message"], ["reportingController", "reportingComponent"],
  ["deprecatedSource", "source"], ["deprecatedFirstTimestamp", "firstTimestamp"],
  ["deprecatedLastTimestamp", "lastTimestamp"], ["deprecatedCount", "count"],
];

function renameFields(o: Obj, pairs: [string, string][]): Obj {
  const out: Obj = {};
  const map = new Map(pairs);
  for (const [k, v] of Object.entries(o)) out[map.get(k) ?? k] = v;
  return out;
}

const eventsV1: Conversion = {
  fromStored: (o) => renameFields(o, EVENT_FIELDS.map(([a, b]) => [b, a])),
  toStored: (o) => renameFields(o, EVENT_FIELDS),
};

const CONVERSIONS: Record<string, Record<string, Conversion>> = {
  HorizontalPodAutoscaler: { "autoscaling/v1": hpaV1 },
  Event: { "events.k8s.io/v1": eventsV1 },
};
