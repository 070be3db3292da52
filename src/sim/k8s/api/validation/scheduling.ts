// Mirrors pkg/apis/scheduling/validation (ValidatePriorityClass) and the system priority classes
// the API server keeps (pkg/apis/scheduling/v1 SystemPriorityClasses): names starting "system-"
// are reserved for those two, with their values; other classes stay at or below one billion.

import { forbidden, required, unsupported, type FieldError } from "../errors";

type Obj = Record<string, any>;

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

/** The API server's system priority classes, in the order it creates them. */
export const SYSTEM_PRIORITY_CLASSES: readonly { name: string; value: number; description: string }[] = [
  { name: "system-node-critical", value: SYSTEM_CRITICAL_PRIORITY + 1000, description: "Used for system critical pods that must not be moved from their current node." },
  { name: "system-cluster-critical", value: SYSTEM_CRITICAL_PRIORITY, description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary." },
];

export const PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"];

/** IsKnownSystemPriorityClass's error, or undefined when the class is one of the system ones. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!spc) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (globalDefault) return `globalDefault of ${spc.name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePreemptionPolicy (pods and priority classes). */
export function validatePreemptionPolicy(policy: unknown, field: string): FieldError[] {
  if (policy === undefined || policy === null) return [];
  if (policy === "") return [required(field, "")];
  return PREEMPTION_POLICIES.includes(String(policy)) ? [] : [unsupported(field, policy, PREEMPTION_POLICIES)];
}

export function validatePriorityClass(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const name = String(o.metadata?.name ?? "");
  const value = typeof o.value === "number" ? o.value : 0;
  if (name.startsWith("system-")) {
    const err = systemClassError(name, value, o.globalDefault === true);
    if (err) out.push(forbidden("metadata.name", `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    out.push(forbidden("value", `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  out.push(...validatePreemptionPolicy(o.preemptionPolicy, "preemptionPolicy"));
  return out;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable (for the API server's update path). */
export function priorityClassUpdateErrors(old: Obj, obj: Obj): FieldError[] {
  const out: FieldError[] = [];
  if ((old.value ?? 0) !== (obj.value ?? 0)) out.push(forbidden("value", "may not be changed in an update."));
  if ((old.preemptionPolicy ?? null) !== (obj.preemptionPolicy ?? null)) out.push({ type: "Invalid", field: "preemptionPolicy", value: obj.preemptionPolicy, detail: "field is immutable" });
  return out;
}

/**
 * The Priority admission plugin's check on PriorityClasses: the Forbidden reason when another
 * class is already the global default (for the API server's create and update paths).
 */
export function globalDefaultConflict(obj: Obj, existing: readonly Obj[]): string | undefined {
  if (obj.globalDefault !== true) return undefined;
  let dflt: Obj | undefined;
  for (const pc of existing) if (pc.globalDefault === true && (!dflt || dflt.value > pc.value)) dflt = pc;
  if (!dflt || dflt.metadata?.name === obj.metadata?.name) return undefined;
  return `PriorityClass ${dflt.metadata.name} is already marked as default. Only one default can exist`;
}

/** The priorityclasses registry's Delete: system classes stay (the Forbidden reason, or undefined). */
export function systemPriorityClassDeleteError(name: string): string | undefined {
  return SYSTEM_PRIORITY_CLASSES.some((c) => c.name === name) ? "this is a system priority class and cannot be deleted" : undefined;
}
