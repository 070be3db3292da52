// Mirrors pkg/controller/daemon/update.go rollingUpdate for maxSurge 0 (the default): delete just
// enough outdated pods to stay within maxUnavailable and let the manage loop create their
// replacements — which it does only once the old pod is gone (a terminating pod still occupies
// its node), so a DaemonSet whose pods take their grace period to stop rolls node by node.

import type { DaemonSet, Pod } from "./model";
import { CONTROLLER_REVISION_HASH_LABEL } from "./model";
import { isPodAvailable } from "./pods";
import { templateGeneration } from "../api/daemonset-strategy";

export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";

/** util.IsPodUpdated: the pod carries the current hash (or the current template generation). */
export function isDaemonPodUpdated(pod: Pod, hash: string, ds: DaemonSet): boolean {
  const labels = pod.metadata.labels ?? {};
  return (hash !== "" && labels[CONTROLLER_REVISION_HASH_LABEL] === hash)
    || labels[TEMPLATE_GENERATION_LABEL] === String(templateGeneration(ds));
}

/** util.UnavailableCount: an int, or a percentage of the desired nodes rounded up. */
function unavailableCount(ds: DaemonSet, desired: number): number {
  const mu = ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  if (typeof mu === "string") {
    const m = /^(\d+)%$/.exec(mu);
    return m ? Math.ceil((Number(m[1]) * desired) / 100) : 1;
  }
  return Number.isFinite(mu) ? mu : 1;
}

/**
 * findUpdatedPodsOnNode: the node's one new and one old pod, not counting pods being deleted;
 * undefined when there are several of either (the manage loop prunes them first).
 */
function updatedPodsOnNode(ds: DaemonSet, pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isDaemonPodUpdated(p, hash, ds)) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}

/**
 * The outdated pods to delete now. `byNode` holds every node with daemon pods (terminating ones
 * included); `shouldRunOn` the nodes that should run one (updatedDesiredNodeCounts adds those
 * without pods as empty). Nodes are walked in name order (upstream: map order).
 */
export function rollingUpdateDeletions(ds: DaemonSet, shouldRunOn: ReadonlySet<string>, byNode: ReadonlyMap<string, Pod[]>, hash: string, now: number): Pod[] {
  const desired = shouldRunOn.size;
  let maxUnavailable = unavailableCount(ds, desired);
  // An impossible configuration (0 and 0) is read as maxUnavailable 1.
  if (desired > 0 && maxUnavailable === 0) maxUnavailable = 1;
  const min = ds.spec.minReadySeconds ?? 0;
  const nodes = [...new Set([...byNode.keys(), ...shouldRunOn])].sort();
  let numUnavailable = 0;
  const replacements: Pod[] = [];
  const candidates: Pod[] = [];
  for (const node of nodes) {
    const found = updatedPodsOnNode(ds, byNode.get(node) ?? [], hash);
    if (!found) {
      numUnavailable++;
      continue;
    }
    const { newPod, oldPod } = found;
    if ((!oldPod && !newPod) || (oldPod && newPod)) {
      // The manage loop creates or prunes this node's pod: it counts as unavailable.
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, min, now)) numUnavailable++;
    } else if (!isPodAvailable(oldPod!, min, now)) {
      replacements.push(oldPod!);
      numUnavailable++;
    } else if (numUnavailable < maxUnavailable) {
      candidates.push(oldPod!);
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return [...replacements, ...candidates.slice(0, remaining)];
}
