// Mirrors pkg/scheduler/framework/plugins/podtopologyspread. Scoring with the system default
// constraints (kubernetes.io/hostname, maxSkew 3, ScheduleAnyway): nodes with fewer pods of the
// same owner score higher, so replicas spread across nodes (approximation: "matching pods" are
// the active pods with the same controller owner). Filtering with the pod's own DoNotSchedule
// constraints, below.

import type { LabelSelector, Pod } from "../../controllers/model";
import { labelSelectorMatches } from "../../api/selectors";
import { MAX_NODE_SCORE, unresolvable, unschedulable, type NodeInfo, type PodInfo, type ScorePlugin, type Status } from "../framework";
import { podMatchesNode } from "./node-affinity";

type Obj = Record<string, any>;

export const podTopologySpread: ScorePlugin = {
  name: "PodTopologySpread",
  weight: 2,
  score(pod, nodes) {
    if (!pod.ownerUid) return nodes.map(() => MAX_NODE_SCORE);
    const counts = nodes.map((n) => n.ownerCounts.get(pod.ownerUid!) ?? 0);
    let max = 0;
    let min = Infinity;
    for (const c of counts) {
      if (c > max) max = c;
      if (c < min) min = c;
    }
    if (max === 0) return counts.map(() => MAX_NODE_SCORE);
    return counts.map((c) => Math.floor((MAX_NODE_SCORE * (max + min - c)) / max));
  },
};

// ---- Filter: the pod's own DoNotSchedule constraints (PreFilter counts, Filter checks skew) ----

export const ERR_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_NODE_LABEL_NOT_MATCH = `${ERR_CONSTRAINTS_NOT_MATCH} (missing required label)`;

interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector | null | undefined;
  minDomains: number;
}

export interface SpreadState {
  constraints: SpreadConstraint[];
  /** "key\0value" → matching pods in that domain (eligible domains only). */
  pairCounts: Map<string, number>;
  /** Per topology key: the smallest count among its eligible domains, and how many there are. */
  minByKey: Map<string, { min: number; domains: number }>;
}

/** The constraint's selector with matchLabelKeys folded in (the pod's values for those keys). */
function constraintSelector(c: Obj, pod: Pod): LabelSelector | null | undefined {
  const keys = (c.matchLabelKeys ?? []) as string[];
  if (!c.labelSelector || !keys.length) return c.labelSelector;
  const labels = pod.metadata.labels ?? {};
  const extra = keys.filter((k) => k in labels).map((k) => ({ key: k, operator: "In", values: [labels[k]!] }));
  return { ...c.labelSelector, matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...extra] };
}

/**
 * PreFilter: undefined without DoNotSchedule constraints. Eligible nodes carry every constraint's
 * topology key and (nodeAffinityPolicy Honor, the default) match the pod's node selector and
 * required affinity; their non-terminating pods in the pod's namespace are counted.
 */
export function podTopologySpreadPreFilter(pod: Pod, nodes: readonly NodeInfo[], placed: readonly Pod[]): SpreadState | undefined {
  const raw = ((pod.spec.topologySpreadConstraints ?? []) as Obj[]).filter((c) => c?.whenUnsatisfiable === "DoNotSchedule");
  if (!raw.length) return undefined;
  const constraints = raw.map((c): SpreadConstraint => ({
    maxSkew: Number(c.maxSkew ?? 1), topologyKey: String(c.topologyKey ?? ""), selector: constraintSelector(c, pod), minDomains: Number(c.minDomains ?? 1),
  }));
  const eligible = new Map<string, Record<string, string>>();
  for (const n of nodes) {
    const labels = (n.node.metadata.labels ?? {}) as Record<string, string>;
    if (!constraints.every((c) => c.topologyKey in labels)) continue;
    if (!podMatchesNode(pod, n.node)) continue;
    eligible.set(n.name, labels);
  }
  const pairCounts = new Map<string, number>();
  for (const labels of eligible.values()) for (const c of constraints) {
    const key = `${c.topologyKey}\0${labels[c.topologyKey]}`;
    if (!pairCounts.has(key)) pairCounts.set(key, 0);
  }
  const ns = pod.metadata.namespace ?? "default";
  for (const p of placed) {
    const labels = eligible.get(p.spec.nodeName!);
    if (!labels || p.metadata.deletionTimestamp || (p.metadata.namespace ?? "default") !== ns) continue;
    for (const c of constraints) {
      if (!labelSelectorMatches(c.selector, p.metadata.labels)) continue;
      const key = `${c.topologyKey}\0${labels[c.topologyKey]}`;
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    }
  }
  const minByKey = new Map<string, { min: number; domains: number }>();
  for (const [key, count] of pairCounts) {
    const tk = key.slice(0, key.indexOf("\0"));
    const m = minByKey.get(tk);
    minByKey.set(tk, m ? { min: Math.min(m.min, count), domains: m.domains + 1 } : { min: count, domains: 1 });
  }
  return { constraints, pairCounts, minByKey };
}

export function podTopologySpreadFilter(state: SpreadState | undefined, pod: PodInfo, node: NodeInfo): Status | undefined {
  if (!state) return undefined;
  const labels = (node.node.metadata.labels ?? {}) as Record<string, string>;
  for (const c of state.constraints) {
    if (!(c.topologyKey in labels)) return unresolvable("PodTopologySpread", ERR_NODE_LABEL_NOT_MATCH);
    const m = state.minByKey.get(c.topologyKey);
    // Fewer eligible domains than minDomains: the global minimum counts as 0.
    const min = !m || m.domains < c.minDomains ? 0 : m.min;
    const self = labelSelectorMatches(c.selector, pod.pod.metadata.labels) ? 1 : 0;
    const skew = (state.pairCounts.get(`${c.topologyKey}\0${labels[c.topologyKey]}`) ?? 0) + self - min;
    if (skew > c.maxSkew) return unschedulable("PodTopologySpread", ERR_CONSTRAINTS_NOT_MATCH);
  }
  return undefined;
}
