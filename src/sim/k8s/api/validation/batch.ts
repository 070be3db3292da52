// Mirrors pkg/apis/batch/validation (v1.30): ValidateJob — the generated selector, the spec's
// counts, the completion mode, the pod template (restartPolicy OnFailure or Never only), the
// selector and its match with the template's labels — and the CronJob's schedule and job
// template.

import { invalid, required, unsupported, type FieldError } from "../errors";
import { fromLabelSelector, matches } from "../selectors";
import { CONTROLLER_UID_LABEL } from "../job-strategy";
import { isDNS1123Label, validateLabels } from "./names";
import { validatePodSpec } from "./pod";
import { CronParseError, parseCron } from "../../controllers/cron-schedule";
import { goLabelSelector, goStringMap, validateLabelSelector } from "./workloads";

type Obj = Record<string, any>;

function nonNegative(v: unknown, field: string, out: FieldError[]): void {
  if (typeof v === "number" && v < 0) out.push(invalid(field, v, "must be greater than or equal to 0"));
}

export function validateJob(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  // validateGeneratedSelector: a selector the user wrote without manualSelector is refused.
  if (s.manualSelector !== true && o.metadata?.uid && s.selector) {
    const m = s.selector.matchLabels ?? {};
    const keys = Object.keys(m);
    const generated = keys.length === 1 && m[CONTROLLER_UID_LABEL] === o.metadata.uid && !(s.selector.matchExpressions?.length);
    if (!generated) out.push(invalid("spec.selector", s.selector, "`selector` not auto-generated", goLabelSelector(s.selector)));
  }
  out.push(...validateJobSpec(s, "spec", true));
  const completions = s.completions;
  if (s.completionMode === "Indexed" && typeof completions === "number" && completions > 0) {
    const host = `${o.metadata?.name ?? ""}-${completions - 1}`;
    if (isDNS1123Label(host).length) out.push(invalid("metadata.name", o.metadata?.name ?? "", `will not able to create pod with invalid DNS label: ${host}`));
  }
  return out;
}

function validateJobSpec(s: Obj, field: string, withSelector: boolean): FieldError[] {
  const out: FieldError[] = [];
  for (const k of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"]) nonNegative(s[k], `${field}.${k}`, out);
  if (s.completionMode !== undefined) {
    if (s.completionMode !== "NonIndexed" && s.completionMode !== "Indexed") out.push(unsupported(`${field}.completionMode`, s.completionMode, ["NonIndexed", "Indexed"]));
    if (s.completionMode === "Indexed" && (s.completions === undefined || s.completions === null)) out.push(required(`${field}.completions`, "when completion mode is Indexed"));
  }
  const tpl = (s.template ?? {}) as Obj;
  out.push(...validateLabels(tpl.metadata?.labels, `${field}.template.metadata.labels`));
  out.push(...validatePodSpec(tpl.spec, `${field}.template.spec`));
  const rp = tpl.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never") out.push(unsupported(`${field}.template.spec.restartPolicy`, rp ?? "", ["OnFailure", "Never"]));
  if (!withSelector) return out;
  if (!s.selector) out.push(required(`${field}.selector`));
  else {
    out.push(...validateLabelSelector(s.selector, `${field}.selector`));
    const reqs = fromLabelSelector(s.selector);
    const labels = (tpl.metadata?.labels ?? {}) as Record<string, string>;
    if (reqs && !matches(reqs, labels)) {
      out.push(invalid(`${field}.template.metadata.labels`, labels, "`selector` does not match template `labels`", goStringMap(tpl.metadata?.labels ?? {}, "map[string]string(nil)")));
    }
  }
  return out;
}

export function validateCronJob(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  const name = String(o.metadata?.name ?? "");
  // A CronJob's jobs are named <name>-<minutes>: at most 52 characters leave room for them.
  if (name.length > 52) out.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  if (!s.schedule) out.push(required("spec.schedule"));
  else {
    try {
      parseCron(String(s.schedule));
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      out.push(invalid("spec.schedule", s.schedule, e.message));
    }
    if (String(s.schedule).includes("TZ")) out.push(invalid("spec.schedule", s.schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  if (s.timeZone !== undefined && s.timeZone !== null) {
    const tz = String(s.timeZone);
    if (tz === "") out.push(invalid("spec.timeZone", tz, "timeZone must be nil or non-empty string"));
    else if (tz.toLowerCase() === "local") out.push(invalid("spec.timeZone", tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    else if (!validZone(tz)) out.push(invalid("spec.timeZone", tz, `unknown time zone ${tz}`));
  }
  const policies = ["Allow", "Forbid", "Replace"];
  if (s.concurrencyPolicy !== undefined && !policies.includes(s.concurrencyPolicy)) out.push(unsupported("spec.concurrencyPolicy", s.concurrencyPolicy, policies));
  nonNegative(s.startingDeadlineSeconds, "spec.startingDeadlineSeconds", out);
  nonNegative(s.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit", out);
  nonNegative(s.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit", out);
  const js = (s.jobTemplate?.spec ?? {}) as Obj;
  // validateJobTemplateSpec: the job spec without the selector (each Job gets its own).
  out.push(...validateJobSpec(js, "spec.jobTemplate.spec", false));
  return out;
}

function validZone(tz: string): boolean {
  try {
    parseCron("* * * * *", tz);
    return true;
  } catch {
    return false;
  }
}
