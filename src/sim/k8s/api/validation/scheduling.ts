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
