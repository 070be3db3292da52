// Mirrors pkg/scheduler/framework/plugins/volumebinding (v1.30). PreFilter (podHasPVCs, then
// GetPodVolumeClaims): a pod volume naming a claim that does not exist, is being deleted or lost
// its volume rejects the pod on every node with that error; a claim that is not fully bound
// (volumeName + the bind-completed annotation) and whose class does not wait for a consumer is an
// "unbound immediate" claim — the pod waits for the persistentvolume-controller. All are
// UnschedulableAndUnresolvable, so preemption cannot help and FitError prints the message once.
// Filter: a bound claim's volume must exist and its node affinity must match the node; each
// unbound WaitForFirstConsumer claim needs an Available volume that fits it on that node (the
// smallest, no two claims sharing one), unless its class can provision (an external provisioner:
// the pod is let through, nothing provisions here). PreBind (bindPodVolumes): the chosen volumes
// get their claimRef, and the persistentvolume-controller completes the claims' side.

import type { KubeCluster } from "../../cluster";
import type { Node, NodeSelectorTerm, Pod } from "../../controllers/model";
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER } from "../../controllers/persistentvolume";
import { claimClass, findMatchingVolumeForNode, requestedStorage, type PersistentVolume, type PersistentVolumeClaim } from "../../controllers/pv-matching";
import { compareQuantities } from "../../api/quantity";
import { unresolvable, type Status } from "../framework";
import { matchesTerm } from "./node-affinity";

export const PLUGIN = "VolumeBinding";
export const ERR_REASON_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
export const ERR_REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict";
export const ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** volume.NotSupportedProvisioner: a class that never provisions. */
const NO_PROVISIONER = "kubernetes.io/no-provisioner";

/** What PreFilter leaves for Filter: the bound claims' volumes (or their missing names). */
export interface VolumeBindingState {
  volumes: PersistentVolume[];
  missing: number;
  /** Unbound WaitForFirstConsumer claims, smallest request first (byPVCSize). */
  toBind: { claim: PersistentVolumeClaim; canProvision: boolean }[];
  /** Every PersistentVolume, for the per-node match. */
  candidates: readonly PersistentVolume[];
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
  const state: VolumeBindingState = { volumes: [], missing: 0, toBind: [], candidates: cluster.store.view<PersistentVolume>("PersistentVolume") };
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
    const sc = cls ? cluster.store.get("StorageClass", undefined, cls) as { volumeBindingMode?: string; provisioner?: string } | undefined : undefined;
    if (sc?.volumeBindingMode !== "WaitForFirstConsumer") unboundImmediate = true;
    else state.toBind.push({ claim: pvc, canProvision: !!sc.provisioner && sc.provisioner !== NO_PROVISIONER });
  }
  state.toBind.sort((a, b) => compareQuantities(requestedStorage(a.claim), requestedStorage(b.claim)));
  if (unboundImmediate) return { status: unresolvable(PLUGIN, ERR_REASON_UNBOUND_IMMEDIATE) };
  return { state };
}

/** CheckNodeAffinity: a volume's required node affinity admits the node (none: every node). */
function admits(pv: PersistentVolume, node: Node): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return ((required.nodeSelectorTerms ?? []) as NodeSelectorTerm[]).some((t) => matchesTerm(t, node));
}

/** findMatchingVolumes: the volume chosen for each WaitForFirstConsumer claim on this node, or undefined if one finds none. */
function chooseVolumes(state: VolumeBindingState, node: Node): Map<PersistentVolumeClaim, PersistentVolume> | undefined {
  const chosen = new Map<PersistentVolumeClaim, PersistentVolume>();
  const excluded = new Set<string>();
  for (const { claim, canProvision } of state.toBind) {
    const pv = findMatchingVolumeForNode(claim, state.candidates, (v) => admits(v, node), excluded);
    if (pv) {
      chosen.set(claim, pv);
      excluded.add(pv.metadata.name);
    } else if (!canProvision) return undefined;
  }
  return chosen;
}

/** Filter: the bound volumes exist and admit the node; the unbound claims find volumes there. */
export function volumeBindingFilter(state: VolumeBindingState | undefined, node: Node): Status | undefined {
  if (!state) return undefined;
  if (state.missing) return unresolvable(PLUGIN, ERR_REASON_PV_NOT_EXIST);
  const reasons: string[] = [];
  if (state.volumes.some((pv) => !admits(pv, node))) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (state.toBind.length && !chooseVolumes(state, node)) reasons.push(ERR_REASON_BIND_CONFLICT);
  return reasons.length ? unresolvable(PLUGIN, ...reasons) : undefined;
}

/** PreBind (BindPodVolumes): each chosen volume gets the claim in its claimRef. */
export function bindPodVolumes(cluster: KubeCluster, state: VolumeBindingState | undefined, node: Node): void {
  if (!state?.toBind.length) return;
  for (const [claim, pv] of chooseVolumes(state, node) ?? []) {
    if (pv.spec.claimRef) continue;
    pv.spec.claimRef = {
      apiVersion: "v1", kind: "PersistentVolumeClaim", name: claim.metadata.name,
      namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid,
    };
    pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: "yes" };
    cluster.store.update(pv);
  }
}
