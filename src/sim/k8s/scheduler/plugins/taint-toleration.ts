// Mirrors pkg/scheduler/framework/plugins/tainttoleration and core/v1/helper's
// ToleratesTaint / FindMatchingUntoleratedTaint, shared with the DaemonSet controller and the
// taint-eviction controller.

import type { Taint, Toleration } from "../../controllers/model";
import { MAX_NODE_SCORE, unresolvable, type FilterPlugin, type ScorePlugin } from "../framework";

/** ToleratesTaint: effect, key and value (per operator) all match. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== "Exists") return false;
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

/** The first taint (in node order) passing `inclusion` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  inclusion: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!inclusion(taint)) continue;
    if (!(tolerations ?? []).some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

export const noScheduleOrNoExecute = (t: Taint): boolean => t.effect === "NoSchedule" || t.effect === "NoExecute";

export const errReasonUntoleratedTaint = (t: Taint): string =>
  `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`;

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  filter(pod, node) {
    const taint = findUntoleratedTaint(node.node.spec?.taints, pod.pod.spec.tolerations, noScheduleOrNoExecute);
    return taint ? unresolvable("TaintToleration", errReasonUntoleratedTaint(taint)) : undefined;
  },
  score(pod, nodes) {
    // Count intolerable PreferNoSchedule taints; fewer is better (reverse-normalized).
    const prefer = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    const counts = nodes.map((n) =>
      (n.node.spec?.taints ?? []).filter((t) => t.effect === "PreferNoSchedule" && !prefer.some((tol) => tolerates(tol, t))).length);
    const max = Math.max(0, ...counts);
    return counts.map((c) => (max === 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE - Math.floor((MAX_NODE_SCORE * c) / max)));
  },
};
