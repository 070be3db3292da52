// Mirrors pkg/scheduler/framework/plugins/volumebinding (v1.30). PreFilter (podHasPVCs, then
// GetPodVolumeClaims): a pod volume naming a claim that does not exist, is being deleted or lost
// its volume rejects the pod on every node with that error; a claim that is not fully bound
// (volumeName + the bind-completed annotation) and whose class does not wait for a consumer is an
// "unbound immediate" claim — the pod waits for the persistentvolume-controller. All are
// UnschedulableAndUnresolvable, so preemption cannot help and FitError prints the message once.
// Filter: a bound claim's volume must exist and its node affinity must match the node.
// WaitForFirstConsumer claims are not bound by the scheduler here (no provisioner, no local PVs
// chosen per node): such a pod is scheduled as if the claim were satisfied.

import type { KubeCluster } from "../../cluster";
import type { Node, NodeSelectorTerm, Pod } from "../../controllers/model";
import { ANN_BIND_COMPLETED } from "../../controllers/persistentvolume";
import { claimClass, type PersistentVolume, type PersistentVolumeClaim } from "../../controllers/pv-matching";
import { unresolvable, type Status } from "../framework";
import { matchesTerm } from "./node-affinity";

export const PLUGIN = "VolumeBinding";
export const ERR_REASON_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
export const ERR_REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict";
export const ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

/** What PreFilter leaves for Filter: the bound claims' volumes (or their missing names). */
export interface VolumeBindingState {
  volumes: PersistentVolume[];
  missing: number;
}

export type PreFilterOutcome = { status: Status } | { state?: VolumeBindingState };

/** PreFilter: a rejecting Status for every node, or what Filter needs (undefined: nothing to check). */
export function volumeBindingPreFilter(cluster: KubeCluster, pod: Pod): PreFilterOutcome {
  const ns = pod.metadata.namespace ?? "default";
  const claims: PersistentVolumeClaim[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const name: string | undefined = (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName;
    if (name === undefined) continue;
    const pvc = cluster.store.get<PersistentVolumeClaim>("PersistentVolumeClaim", ns, name);
    if (!pvc) return { status: unresolvable(PLUGIN, `persistentvolumeclaim "${name}" not found`) };
    if (pvc.status?.phase === "Lost") {
      return { status: unresolvable(PLUGIN, `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ""}"`) };
    }
    if (pvc.metadata.deletionTimestamp) return { status: unresolvable(PLUGIN, `persistentvolumeclaim "${name}" is being deleted`) };
    claims.push(pvc);
  }
  if (!claims.length) return {};
  const state: VolumeBindingState = { volumes: [], missing: 0 };
  let unboundImmediate = false;
  for (const pvc of claims) {
    const fullyBound = !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
    if (fullyBound) {
      const pv = cluster.store.get<PersistentVolume>("PersistentVolume", undefined, pvc.spec.volumeName);
      if (pv) state.volumes.push(pv);
      else state.missing++;
      continue;
    }
    // IsDelayBindingMode: a class that does not exist counts as Immediate.
    const cls = claimClass(pvc);
    const sc = cls ? cluster.store.get("StorageClass", undefined, cls) as { volumeBindingMode?: string } | undefined : undefined;
    if (sc?.volumeBindingMode !== "WaitForFirstConsumer") unboundImmediate = true;
  }
  if (unboundImmediate) return { status: unresolvable(PLUGIN, ERR_REASON_UNBOUND_IMMEDIATE) };
  return { state };
}

/** Filter: the bound volumes exist and their required node affinity admits the node. */
export function volumeBindingFilter(state: VolumeBindingState | undefined, node: Node): Status | undefined {
  if (!state) return undefined;
  if (state.missing) return unresolvable(PLUGIN, ERR_REASON_PV_NOT_EXIST);
  for (const pv of state.volumes) {
    const terms = (pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) as NodeSelectorTerm[];
    if (pv.spec?.nodeAffinity?.required && !terms.some((t) => matchesTerm(t, node))) {
      return unresolvable(PLUGIN, ERR_REASON_NODE_CONFLICT);
    }
  }
  return undefined;
}
