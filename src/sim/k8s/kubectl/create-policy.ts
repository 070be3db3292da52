// `kubectl create priorityclass` (alias pc) and `kubectl create poddisruptionbudget` (alias pdb),
// mirroring kubectl/pkg/cmd/create/create_priorityclass.go and create_pdb.go (v1.30): the objects
// in Go struct order (a PriorityClass always carries preemptionPolicy; a PDB its zero status),
// the PDB's client-side checks in Validate's order, and the selector as
// metav1.ParseToLabelSelector builds it.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { parseSelector, SelectorParseError, type Requirement } from "../api/selectors";
import { fail, usageError, type KubectlContext } from "./common";
import { emitObjects, wrapped } from "./imperative";

type Obj = Record<string, any>;

/** NameFromCommandArgs: exactly one NAME before any `--`. */
export function nameArg(inv: Invocation): string {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) usageError(inv, `exactly one NAME is required, got ${n}`);
  return inv.args[0]!;
}

export function createPriorityClass(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = nameArg(inv);
  // createPriorityClass: value always, globalDefault and description omitempty, the policy as a
  // pointer to whatever the flag holds (its default is PreemptLowerPriority).
  const pc: Obj = { kind: "PriorityClass", apiVersion: "scheduling.k8s.io/v1", metadata: { name, creationTimestamp: null }, value: inv.flags.int("value") };
  if (inv.flags.bool("global-default")) pc.globalDefault = true;
  if (inv.flags.str("description")) pc.description = inv.flags.str("description");
  pc.preemptionPolicy = inv.flags.str("preemption-policy");
  return emitObjects(ctx, inv, [pc], wrapped("failed to create priorityclass: "));
}

/** Go's selection.Operator spelling of a parsed requirement's operator. */
const GO_OPERATOR: Record<Requirement["operator"], string> = {
  "=": "=", "==": "==", "!=": "!=", in: "in", notin: "notin", exists: "exists", "!": "!", gt: "gt", lt: "lt",
};

/** metav1.ParseToLabelSelector: equality into matchLabels, the rest into matchExpressions. */
export function parseToLabelSelector(text: string): Obj {
  let reqs: Requirement[];
  try {
    reqs = parseSelector(text);
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e;
    fail(`error: couldn't parse the selector string "${text}": ${e.message}`);
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Obj[] = [];
  for (const r of reqs) {
    const op = { in: "In", notin: "NotIn", exists: "Exists", "!": "DoesNotExist" }[r.operator as string];
    if (r.operator === "=" || r.operator === "==") {
      matchLabels[r.key] = r.values[0]!;
      continue;
    }
    if (r.operator === "gt" || r.operator === "lt") fail(`error: "${GO_OPERATOR[r.operator]}" isn't supported in label selectors`);
    if (!op) fail(`error: "${GO_OPERATOR[r.operator]}" is not a valid label selector operator`);
    // Values come from a set: sorted, and an empty list for Exists/DoesNotExist (omitted).
    const values = [...new Set(r.values)].sort();
    matchExpressions.push({ key: r.key, operator: op, ...(values.length ? { values } : {}) });
  }
  const sel: Obj = {};
  const keys = Object.keys(matchLabels).sort();
  if (keys.length) sel.matchLabels = Object.fromEntries(keys.map((k) => [k, matchLabels[k]]));
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}

/** intstr.Parse: an integer when the text is one, a string otherwise. */
function intOrString(v: string): number | string {
  return /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) < 2 ** 31 ? Number(v) : v;
}

export function createPodDisruptionBudget(ctx: KubectlContext, inv: Invocation): ExecResult {
  const name = nameArg(inv);
  const selector = inv.flags.str("selector");
  const min = inv.flags.str("min-available");
  const max = inv.flags.str("max-unavailable");
  if (!selector) fail("error: a selector must be specified");
  if (!min && !max) fail("error: one of min-available or max-unavailable must be specified");
  if (min && max) fail("error: min-available and max-unavailable cannot be both specified");
  // "10, 20, 30%, 50% (number and percentage) but not 10Gb, 20Mb".
  if (min && !/^[0-9]+%?$/.test(min)) fail("error: invalid format specified for min-available");
  if (max && !/^[0-9]+%?$/.test(max)) fail("error: invalid format specified for max-unavailable");
  const spec: Obj = {};
  if (min) spec.minAvailable = intOrString(min);
  spec.selector = parseToLabelSelector(selector);
  if (max) spec.maxUnavailable = intOrString(max);
  // PodDisruptionBudgetSpec's field order: minAvailable, selector, maxUnavailable.
  const pdb: Obj = {
    kind: "PodDisruptionBudget", apiVersion: "policy/v1",
    metadata: { name, creationTimestamp: null },
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
  return emitObjects(ctx, inv, [pdb], wrapped("failed to create poddisruptionbudgets: "));
}
