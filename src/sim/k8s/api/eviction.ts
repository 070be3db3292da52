// Mirrors the pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, v1.30): a pod
// that is finished, Pending or already being deleted is deleted at once; otherwise the one
// PodDisruptionBudget selecting it (more than one is an error) must allow a disruption — its
// disruptionsAllowed is decremented and the pod recorded in status.disruptedPods, so the
// disruption controller does not count it healthy while it goes — or the eviction is refused
// with 429 "Cannot evict pod as it would violate the pod's disruption budget.". An unready pod
// goes without using the budget when the budget is met anyway (or its unhealthyPodEvictionPolicy
// is AlwaysAllow).

import type { KubeCluster } from "../cluster";
import { updateDisruptionAllowedCondition, type Pdb } from "../controllers/disruption";
import { isPodReady } from "../controllers/pods";
import type { Pod } from "../controllers/model";
import type { KObject } from "../store";
import { notFoundError, StatusError } from "./errors";
import { deepClone } from "./json";
import { fromLabelSelector, matches } from "./selectors";

export const EVICTION_BLOCKED = "Cannot evict pod as it would violate the pod's disruption budget.";
const MAX_DISRUPTED_POD_SIZE = 2000;

/** getPodDisruptionBudgets: the budgets whose (non-empty) selector picks the pod. */
function budgetsFor(cluster: KubeCluster, pod: KObject): Pdb[] {
  return cluster.store.view<Pdb>("PodDisruptionBudget", pod.metadata.namespace).filter((pdb) => {
    const reqs = fromLabelSelector(pdb.spec?.selector);
    // "If a PDB with a nil or empty selector creeps in, it should match nothing, not everything."
    return reqs !== undefined && reqs.length > 0 && matches(reqs, pod.metadata.labels);
  });
}

/** POST pods/NAME/eviction. Throws the StatusError the server answers with. */
export function evictPod(cluster: KubeCluster, namespace: string, name: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}): void {
  const pod = cluster.store.get<Pod>("Pod", namespace, name);
  if (!pod) throw notFoundError("pods", name);
  const del = () => {
    if (!opts.dryRun) cluster.api.deletePod(pod, opts.gracePeriodSeconds);
  };
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed" || phase === "Pending" || pod.metadata.deletionTimestamp) return del();
  const pdbs = budgetsFor(cluster, pod);
  if (pdbs.length > 1) throw new StatusError("InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  const pdb = pdbs[0];
  if (!pdb) return del();
  const st = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  if (!isPodReady(pod)) {
    if ((pdb.spec as { unhealthyPodEvictionPolicy?: string }).unhealthyPodEvictionPolicy === "AlwaysAllow") return del();
    if (st.currentHealthy >= st.desiredHealthy && st.desiredHealthy > 0) return del();
  }
  // checkAndDecrement.
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw new StatusError("TooManyRequests", EVICTION_BLOCKED);
  if (st.disruptionsAllowed < 0) throw new StatusError("Forbidden", `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`);
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw new StatusError("Forbidden", `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  }
  if (st.disruptionsAllowed === 0) throw new StatusError("TooManyRequests", EVICTION_BLOCKED);
  if (opts.dryRun) return;
  const next = deepClone(st);
  next.disruptionsAllowed--;
  const now = cluster.world.clock.iso();
  if (next.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next, now);
  next.disruptedPods = { ...(next.disruptedPods ?? {}), [name]: now.replace(/\.\d{3}Z$/, "Z") };
  const stored = cluster.store.editable(pdb);
  stored.status = next;
  cluster.store.touch(stored);
  del();
}
