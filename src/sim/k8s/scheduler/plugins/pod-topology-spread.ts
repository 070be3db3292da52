// Mirrors the scoring half of pkg/scheduler/framework/plugins/podtopologyspread with the
// system default constraints (kubernetes.io/hostname, maxSkew 3, ScheduleAnyway): nodes with
// fewer pods of the same owner score higher, so replicas spread across nodes.
// Approximation: "matching pods" are the active pods with the same controller owner.

import { MAX_NODE_SCORE, type ScorePlugin } from "../framework";

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
