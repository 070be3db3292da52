// Mirrors pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateReplicaSetSpec,
// ValidateDaemonSetSpec, ValidatePodTemplateSpecForReplicaSet) and metav1 label selector
// validation, including the Go-syntax values v1.30 prints (map[string]string{…},
// intstr.IntOrString{…}, v1.LabelSelector{…}).

import { forbidden, invalid, required, unsupported, type FieldError } from "../errors";
import { fromLabelSelector, matches } from "../selectors";
import { isQualifiedName, isValidLabelValue, validateLabels } from "./names";
import { validatePodSpec } from "./pod";

type Obj = Record<string, any>;

/** Go's %#v of a map[string]string (keys sorted). */
export function goStringMap(m: Record<string, string> | undefined | null, nilForm = "map[string]string(nil)"): string {
  if (!m) return nilForm;
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(", ")}}`;
}

/** %#v of an intstr.IntOrString. */
export function goIntOrString(v: string | number): string {
  return typeof v === "number" ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

/**
 * A *v1.LabelSelector as a validation error prints it: field.Error dereferences a pointer value
 * before formatting it with %#v (LabelSelector's String() has a pointer receiver, so the value is
 * no Stringer), hence `v1.LabelSelector{…}` with no `&` — as real "empty selector is invalid for
 * deployment" and "field is immutable" messages show.
 */
export function goLabelSelector(sel: Obj): string {
  const exprs = Array.isArray(sel.matchExpressions) && sel.matchExpressions.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e: Obj) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? "")}, Operator:${JSON.stringify(e.operator ?? "")}, Values:${e.values ? `[]string{${e.values.map((x: string) => JSON.stringify(x)).join(", ")}}` : "[]string(nil)"}}`).join(", ")}}`
    : Array.isArray(sel.matchExpressions) ? "[]v1.LabelSelectorRequirement{}" : "[]v1.LabelSelectorRequirement(nil)";
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

export function validateLabelSelector(sel: Obj, field: string): FieldError[] {
  const out: FieldError[] = [];
  (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).forEach((e: Obj, i: number) => {
    const f = `${field}.matchExpressions[${i}]`;
    const op = e.operator;
    if (op === "In" || op === "NotIn") {
      if (!Array.isArray(e.values) || e.values.length === 0) out.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === "Exists" || op === "DoesNotExist") {
      if (Array.isArray(e.values) && e.values.length > 0) out.push(forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      out.push(invalid(`${f}.operator`, op ?? "", "not a valid selector operator"));
    }
    for (const m of isQualifiedName(String(e.key ?? ""))) out.push(invalid(`${f}.key`, e.key ?? "", m));
  });
  out.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  return out;
}

function nonNegative(v: unknown, field: string, out: FieldError[]): void {
  if (typeof v === "number" && v < 0) out.push(invalid(field, v, "must be greater than or equal to 0"));
}

export const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function intOrPercent(v: unknown, field: string, out: FieldError[]): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "number") {
    nonNegative(v, field, out);
    return v;
  }
  const s = String(v);
  if (!/^[0-9]+%$/.test(s)) {
    out.push(invalid(field, s, PERCENT_MESSAGE, goIntOrString(s)));
    return undefined;
  }
  const pct = parseInt(s, 10);
  return pct;
}

/** ValidatePodTemplateSpecForReplicaSet: selector match, labels, pod spec, restartPolicy Always. */
export function validateWorkloadTemplate(spec: Obj, reqs: ReturnType<typeof fromLabelSelector>, field: string, kind: string, claimTemplates: string[] = []): FieldError[] {
  const out: FieldError[] = [];
  const tpl = spec.template;
  if (!tpl || typeof tpl !== "object") return [required(`${field}.template`)];
  const labels = (tpl.metadata?.labels ?? {}) as Record<string, string>;
  const selectorEmpty = reqs !== undefined && reqs.length === 0;
  if (!selectorEmpty && !(reqs && matches(reqs, labels))) {
    out.push(invalid(`${field}.template.metadata.labels`, labels, "`selector` does not match template `labels`", goStringMap(tpl.metadata?.labels ?? {}, "map[string]string(nil)")));
  }
  out.push(...validateLabels(tpl.metadata?.labels, `${field}.template.metadata.labels`));
  out.push(...validatePodSpec(tpl.spec, `${field}.template.spec`, claimTemplates));
  const rp = tpl.spec?.restartPolicy;
  if (kind !== "Job" && rp !== undefined && rp !== "Always") out.push(unsupported(`${field}.template.spec.restartPolicy`, rp, ["Always"]));
  if (tpl.spec?.activeDeadlineSeconds !== undefined) out.push(forbidden(`${field}.template.spec.activeDeadlineSeconds`, "activeDeadlineSeconds in ReplicaSet is not Supported"));
  return out;
}

function validateSelectorAndTemplate(spec: Obj, kind: string, emptyMessage: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  const sel = spec.selector;
  if (!sel) out.push(required("spec.selector"));
  else {
    out.push(...validateLabelSelector(sel, "spec.selector"));
    const n = Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0);
    if (n === 0 && emptyMessage) out.push(invalid("spec.selector", sel, emptyMessage, goLabelSelector(sel)));
  }
  const reqs = sel ? fromLabelSelector(sel) : undefined;
  out.push(...validateWorkloadTemplate(spec, reqs ?? [{ key: "", operator: "in", values: [] }], "spec", kind));
  return out;
}

export function validateDeployment(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  nonNegative(s.replicas, "spec.replicas", out);
  out.push(...validateSelectorAndTemplate(s, "Deployment", "empty selector is invalid for deployment"));
  const st = (s.strategy ?? {}) as Obj;
  const types = ["Recreate", "RollingUpdate"];
  if (st.type !== undefined && !types.includes(st.type)) out.push(unsupported("spec.strategy.type", st.type, types));
  else if (st.type === "Recreate" && st.rollingUpdate) {
    out.push(forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
  } else if (st.type === "RollingUpdate" && st.rollingUpdate) {
    const ru = st.rollingUpdate as Obj;
    const before = out.length;
    const mu = intOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", out);
    const ms = intOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge", out);
    if (typeof ru.maxUnavailable === "string" && mu !== undefined && mu > 100) {
      out.push(invalid("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, "must not be greater than 100%", goIntOrString(ru.maxUnavailable)));
    }
    if (out.length === before && mu === 0 && ms === 0) {
      out.push(invalid("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, "may not be 0 when `maxSurge` is 0", goIntOrString(ru.maxUnavailable)));
    }
  }
  nonNegative(s.minReadySeconds, "spec.minReadySeconds", out);
  nonNegative(s.revisionHistoryLimit, "spec.revisionHistoryLimit", out);
  if (typeof s.progressDeadlineSeconds === "number") {
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      out.push(invalid("spec.progressDeadlineSeconds", s.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return out;
}

export function validateReplicaSet(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  nonNegative(s.replicas, "spec.replicas", out);
  nonNegative(s.minReadySeconds, "spec.minReadySeconds", out);
  out.push(...validateSelectorAndTemplate(s, "ReplicaSet", "empty selector is invalid for deployment"));
  return out;
}

export function validateReplicationController(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  nonNegative(s.replicas, "spec.replicas", out);
  const sel = s.selector as Record<string, string> | undefined;
  if (!sel || Object.keys(sel).length === 0) out.push(required("spec.selector"));
  const reqs = sel && Object.keys(sel).length ? Object.keys(sel).sort().map((k) => ({ key: k, operator: "=" as const, values: [sel[k]!] })) : [];
  if (!s.template) out.push(required("spec.template"));
  else out.push(...validateWorkloadTemplate(s, reqs, "spec", "ReplicationController"));
  return out;
}

export function validateStatefulSet(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  nonNegative(s.replicas, "spec.replicas", out);
  const claims = ((s.volumeClaimTemplates ?? []) as Obj[]).map((c) => c?.metadata?.name).filter(Boolean) as string[];
  const sel = s.selector;
  if (!sel) out.push(required("spec.selector"));
  else {
    out.push(...validateLabelSelector(sel, "spec.selector"));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) out.push(invalid("spec.selector", sel, "empty selector is invalid for statefulset", goLabelSelector(sel)));
  }
  const reqs = sel ? fromLabelSelector(sel) : [{ key: "", operator: "in" as const, values: [] }];
  out.push(...validateWorkloadTemplate(s, reqs, "spec", "StatefulSet", claims));
  return out;
}

export function validateDaemonSet(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out = validateSelectorAndTemplate(s, "DaemonSet", undefined);
  const us = (s.updateStrategy ?? {}) as Obj;
  const types = ["OnDelete", "RollingUpdate"];
  if (us.type !== undefined && !types.includes(us.type)) out.push(unsupported("spec.updateStrategy.type", us.type, types));
  return out;
}

/** Changing an apps/v1 selector on update. */
export function validateSelectorImmutable(oldObj: Obj, newObj: Obj): FieldError[] {
  const a = JSON.stringify(fromLabelSelector(oldObj.spec?.selector));
  const b = JSON.stringify(fromLabelSelector(newObj.spec?.selector));
  if (a === b) return [];
  return [invalid("spec.selector", newObj.spec?.selector, "field is immutable", goLabelSelector(newObj.spec?.selector ?? {}))];
}

export { isValidLabelValue };
