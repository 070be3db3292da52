// Mirrors pkg/scheduler/framework/types.go FitError.Error() and the default preemption
// PostFilter's message: a histogram of the per-node reasons — or, when a PreFilter plugin
// rejected the pod (Diagnosis.PreFilterMsg), that message once — then the preemption verdicts.

import type { Status } from "./framework";

export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";
export const PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
export const NO_PREEMPTION_VICTIMS = "No preemption victims found for incoming pod";

/** The structured outcome of a failed attempt: every node's rejecting status. */
export interface FitError {
  numAllNodes: number;
  /** Node name → the status of the first plugin that rejected it. */
  statuses: Map<string, Status>;
  /** Diagnosis.PreFilterMsg: the rejecting PreFilter status's message (every node has that status). */
  preFilterMsg?: string;
  /**
   * Diagnosis.PostFilterMsg when preemption decided without looking at the nodes: its message
   * (after "preemption: "), or "" when it found victims (the message then ends with the reasons).
   */
  postFilterMsg?: string;
}

export const NOT_ELIGIBLE_NEVER = "not eligible due to preemptionPolicy=Never.";

function histogram(counts: Map<string, number>): string {
  return [...counts.entries()].map(([reason, n]) => `${n} ${reason}`).sort().join(", ");
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient memory. preemption: …" */
export function formatFitError(err: FitError): string {
  if (err.numAllNodes === 0) return NO_NODES_AVAILABLE;
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const status of err.statuses.values()) {
    for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const verdict = status.code === "UnschedulableAndUnresolvable" ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS;
    preemption.set(verdict, (preemption.get(verdict) ?? 0) + 1);
  }
  const n = err.numAllNodes;
  // The PreFilter status was copied to every node, so its reasons are not repeated as a histogram.
  const why = err.preFilterMsg !== undefined ? err.preFilterMsg : histogram(reasons);
  if (err.postFilterMsg !== undefined) return `0/${n} nodes are available: ${why}.${err.postFilterMsg ? ` preemption: ${err.postFilterMsg}` : ""}`;
  return `0/${n} nodes are available: ${why}. preemption: 0/${n} nodes are available: ${histogram(preemption)}.`;
}
