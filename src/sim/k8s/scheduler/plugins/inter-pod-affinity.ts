// Mirrors the filtering half of pkg/scheduler/framework/plugins/interpodaffinity (v1.30): the
// incoming pod's required pod affinity (each term needs a matching pod in the node's topology
// domain — or, for the first of a group that matches its own terms, none anywhere), its required
// anti-affinity (no matching pod in the domain), and the required anti-affinity of the pods
// already placed (none of them may repel the incoming pod from the domain). PreFilter counts
// the matches per topology pair once per attempt; Filter only looks them up.

import type { Pod } from "../../controllers/model";
import { labelSelectorMatches } from "../../api/selectors";
import { unresolvable, unschedulable, type NodeInfo, type PodInfo, type Status } from "../framework";

type Obj = Record<string, any>;

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

interface Term {
  topologyKey: string;
  selector: Obj | null | undefined;
  /** The namespaces the term looks in (its own list, else the pod's namespace); undefined = all (namespaceSelector). */
  namespaces?: Set<string>;
  namespaceSelector?: Obj;
}

export interface InterPodAffinityState {
  affinityTerms: Term[];
  antiAffinityTerms: Term[];
  /** "key\0value" → existing pods matching all affinity terms, per term's topology pair. */
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

const pair = (key: string, value: string) => `${key}\0${value}`;

function requiredTerms(pod: Pod, kind: "podAffinity" | "podAntiAffinity"): Term[] {
  const terms = ((pod.spec.affinity?.[kind] as Obj | undefined)?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Obj[];
  return terms.map((t) => ({
    topologyKey: String(t.topologyKey ?? ""),
    selector: t.labelSelector,
    namespaces: t.namespaceSelector ? (t.namespaces?.length ? new Set(t.namespaces as string[]) : undefined) : new Set(t.namespaces?.length ? t.namespaces as string[] : [pod.metadata.namespace ?? "default"]),
    namespaceSelector: t.namespaceSelector ?? undefined,
  }));
}

/** AffinityTerm.Matches: the namespace (listed, or selected by namespaceSelector) and the label selector. */
function termMatches(term: Term, pod: Pod, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  const ns = pod.metadata.namespace ?? "default";
  const inList = term.namespaces?.has(ns) ?? false;
  const bySelector = term.namespaceSelector !== undefined && labelSelectorMatches(term.namespaceSelector, nsLabels(ns));
  if (!inList && !bySelector) return false;
  // A nil selector matches nothing (LabelSelectorAsSelector(nil) is labels.Nothing()).
  if (!term.selector) return false;
  return labelSelectorMatches(term.selector, pod.metadata.labels);
}

export const hasRequiredAntiAffinity = (pod: Pod): boolean =>
  (((pod.spec.affinity?.podAntiAffinity as Obj | undefined)?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as unknown[]).length > 0;

const hasRequiredAffinity = (pod: Pod): boolean =>
  (((pod.spec.affinity?.podAffinity as Obj | undefined)?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as unknown[]).length > 0;

/**
 * PreFilter: undefined when nothing can reject the pod (it has no required terms and no placed
 * pod has required anti-affinity), else the counts over the placed pods.
 */
export function interPodAffinityPreFilter(
  pod: Pod, placed: readonly Pod[], nodeLabels: (node: string) => Record<string, string> | undefined,
  nsLabels: (ns: string) => Record<string, string> | undefined, anyExistingAntiAffinity: boolean,
): InterPodAffinityState | undefined {
  if (!hasRequiredAffinity(pod) && !hasRequiredAntiAffinity(pod) && !anyExistingAntiAffinity) return undefined;
  const state: InterPodAffinityState = {
    affinityTerms: requiredTerms(pod, "podAffinity"),
    antiAffinityTerms: requiredTerms(pod, "podAntiAffinity"),
    affinityCounts: new Map(), antiAffinityCounts: new Map(), existingAntiAffinityCounts: new Map(),
  };
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const p of placed) {
    const labels = nodeLabels(p.spec.nodeName!);
    if (!labels) continue;
    if (state.affinityTerms.length && state.affinityTerms.every((t) => termMatches(t, p, nsLabels))) {
      for (const t of state.affinityTerms) if (t.topologyKey in labels) bump(state.affinityCounts, pair(t.topologyKey, labels[t.topologyKey]!));
    }
    for (const t of state.antiAffinityTerms) {
      if (t.topologyKey in labels && termMatches(t, p, nsLabels)) bump(state.antiAffinityCounts, pair(t.topologyKey, labels[t.topologyKey]!));
    }
    if (anyExistingAntiAffinity && hasRequiredAntiAffinity(p)) {
      for (const t of requiredTerms(p, "podAntiAffinity")) {
        if (t.topologyKey in labels && termMatches(t, pod, nsLabels)) bump(state.existingAntiAffinityCounts, pair(t.topologyKey, labels[t.topologyKey]!));
      }
    }
  }
  return state;
}

function satisfiesAffinity(state: InterPodAffinityState, pod: Pod, labels: Record<string, string>, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  let podsExist = true;
  for (const t of state.affinityTerms) {
    if (!(t.topologyKey in labels)) return false;
    if ((state.affinityCounts.get(pair(t.topologyKey, labels[t.topologyKey]!)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its terms' labels exist.
  return state.affinityCounts.size === 0 && state.affinityTerms.every((t) => termMatches(t, pod, nsLabels));
}

export function interPodAffinityFilter(state: InterPodAffinityState | undefined, pod: PodInfo, node: NodeInfo,
  nsLabels: (ns: string) => Record<string, string> | undefined): Status | undefined {
  if (!state) return undefined;
  const labels = (node.node.metadata.labels ?? {}) as Record<string, string>;
  if (!satisfiesAffinity(state, pod.pod, labels, nsLabels)) return unresolvable("InterPodAffinity", ERR_AFFINITY);
  for (const t of state.antiAffinityTerms) {
    if (t.topologyKey in labels && (state.antiAffinityCounts.get(pair(t.topologyKey, labels[t.topologyKey]!)) ?? 0) > 0) {
      return unschedulable("InterPodAffinity", ERR_ANTI_AFFINITY);
    }
  }
  if (state.existingAntiAffinityCounts.size) {
    for (const [k, v] of Object.entries(labels)) {
      if ((state.existingAntiAffinityCounts.get(pair(k, v)) ?? 0) > 0) return unschedulable("InterPodAffinity", ERR_EXISTING_ANTI_AFFINITY);
    }
  }
  return undefined;
}
