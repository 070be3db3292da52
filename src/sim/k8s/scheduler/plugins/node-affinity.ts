// Mirrors pkg/scheduler/framework/plugins/nodeaffinity and component-helpers' nodeaffinity:
// nodeSelector (AND of equalities) and required terms (OR of terms, AND inside a term);
// preferred terms score by the sum of matching weights.

import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from "../../controllers/model";
import { MAX_NODE_SCORE, unresolvable, type FilterPlugin, type ScorePlugin } from "../framework";

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case "In": return has && values.includes(value!);
    case "NotIn": return !has || !values.includes(value!);
    case "Exists": return has;
    case "DoesNotExist": return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1 || !/^-?\d+$/.test(value!) || !/^-?\d+$/.test(values[0]!)) return false;
      return r.operator === "Gt" ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default: return false;
  }
}

/** One term: every expression and field requirement holds; an empty term matches nothing. */
export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return exprs.every((r) => matchRequirement(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined))
    && fields.every((r) => r.key === "metadata.name" && matchRequirement(r, node.metadata.name));
}

/** nodeSelector and required node affinity both hold (GetRequiredNodeAffinity().Match). */
export function podMatchesNode(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return (required.nodeSelectorTerms ?? []).some((t) => matchesTerm(t, node));
  return true;
}

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  filter(pod, node) {
    return podMatchesNode(pod.pod, node.node) ? undefined : unresolvable("NodeAffinity", ERR_REASON_POD);
  },
  score(pod, nodes) {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return nodes.map(() => 0);
    const raw = nodes.map((n) => preferred.reduce((s, p) => s + (matchesTerm(p.preference, n.node) ? p.weight : 0), 0));
    const max = Math.max(0, ...raw);
    return raw.map((s) => (max === 0 ? 0 : Math.floor((s * MAX_NODE_SCORE) / max)));
  },
};
