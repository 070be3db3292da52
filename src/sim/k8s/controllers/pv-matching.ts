// Mirrors the persistentvolume-controller's volume index (pkg/controller/volume/persistentvolume
// index.go findByClaim) and component-helpers' storage/volume FindMatchingVolume and
// checkVolumeSatisfyClaim: which PersistentVolume an unbound claim gets. Volumes are grouped by
// their set of access modes; the groups that hold every mode the claim asks for are tried from
// the fewest modes up, and in the first group with a fit the smallest fitting volume wins (a
// volume pre-bound to the claim through its claimRef wins at once).

import { labelSelectorMatches } from "../api/selectors";
import { compareQuantities, parseQuantity, type Quantity } from "../api/quantity";
import type { KObject } from "./model";

type Obj = Record<string, any>;

export interface PersistentVolume extends KObject {
  spec: Obj;
  status?: Obj;
}

export interface PersistentVolumeClaim extends KObject {
  spec: Obj;
  status?: Obj;
}

/** The access modes in the order GetAccessModesAsString prints them, with their abbreviations. */
export const ACCESS_MODES: readonly [mode: string, abbrev: string][] = [
  ["ReadWriteOnce", "RWO"], ["ReadOnlyMany", "ROX"], ["ReadWriteMany", "RWX"], ["ReadWriteOncePod", "RWOP"],
];

/** storagehelpers.GetAccessModesAsString: "RWO,RWX", duplicates and unknown modes dropped. */
export function accessModesString(modes: unknown): string {
  const have = new Set(Array.isArray(modes) ? modes : []);
  return ACCESS_MODES.filter(([m]) => have.has(m)).map(([, a]) => a).join(",");
}

const ZERO = parseQuantity(0);

function quantityOf(list: Obj | undefined, name = "storage"): Quantity {
  const v = list?.[name];
  if (v === undefined || v === null) return ZERO;
  try {
    return parseQuantity(v);
  } catch {
    return ZERO;
  }
}

export const requestedStorage = (claim: PersistentVolumeClaim): Quantity => quantityOf(claim.spec?.resources?.requests);
export const volumeCapacity = (pv: PersistentVolume): Quantity => quantityOf(pv.spec?.capacity);

/** GetPersistentVolumeClaimClass: spec.storageClassName, else the beta annotation, else "". */
export function claimClass(claim: PersistentVolumeClaim): string {
  const ann = claim.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? "";
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else "". */
export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? "";
}

/** IsVolumeBoundToClaim: the claimRef names the claim (and its uid, once set). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? "") !== (claim.metadata.namespace ?? "")) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** CheckVolumeModeMismatches: an unset mode is Filesystem. */
function volumeModeMismatch(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? "Filesystem") !== (pv.spec?.volumeMode ?? "Filesystem");
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
function hasAccessModes(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = new Set<string>(Array.isArray(pv.spec?.accessModes) ? pv.spec.accessModes : []);
  return (Array.isArray(claim.spec?.accessModes) ? claim.spec.accessModes : []).every((m: string) => offered.has(m));
}

/** checkVolumeSatisfyClaim, for a claim that names its volume: the first reason it cannot bind. */
export function volumeSatisfyError(pv: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (compareQuantities(volumeCapacity(pv), requestedStorage(claim)) < 0) return "requested PV is too small";
  if (volumeClass(pv) !== claimClass(claim)) return "storageClassName does not match";
  if (volumeModeMismatch(claim, pv)) return "incompatible volumeMode";
  if (!hasAccessModes(claim, pv)) return "incompatible accessMode";
  return undefined;
}

/** FindMatchingVolume over one access-mode group (node == nil: the controller's path). */
function findMatchingVolume(claim: PersistentVolumeClaim, volumes: PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const cls = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const capacity = volumeCapacity(pv);
    if (compareQuantities(capacity, requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) return pv;
    // A WaitForFirstConsumer claim is bound by the scheduler, not here.
    if (delayBinding) continue;
    if (pv.status?.phase !== "Available") continue;
    if (claim.spec?.selector && !labelSelectorMatches(claim.spec.selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!smallest || compareQuantities(volumeCapacity(smallest), capacity) > 0) smallest = pv;
  }
  return smallest;
}

/** persistentVolumeOrderedIndex.findByClaim: the volume an unbound claim binds to, if any. */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    const key = accessModesString(pv.spec?.accessModes);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(pv);
  }
  const wanted = accessModesString(claim.spec?.accessModes).split(",").filter(Boolean);
  // allPossibleMatchingAccessModes: the groups offering every wanted mode, fewest modes first
  // (upstream's sort is by count only; ties go by the group's name here, not map order).
  const candidates = [...groups.keys()]
    .filter((k) => { const have = new Set(k.split(",")); return wanted.every((m) => have.has(m)); })
    .sort((a, b) => a.split(",").length - b.split(",").length || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of candidates) {
    const best = findMatchingVolume(claim, groups.get(key)!, delayBinding);
    if (best) return best;
  }
  return undefined;
}

/**
 * FindMatchingVolume on the scheduler's path (node != nil) for a WaitForFirstConsumer claim:
 * the volumes of the claim's class, minus those already chosen for the pod's other claims; the
 * volume's node affinity must admit the node and its access modes cover the claim's.
 */
export function findMatchingVolumeForNode(
  claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], admits: (pv: PersistentVolume) => boolean, excluded: Set<string>,
): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const cls = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (volumeClass(pv) !== cls || excluded.has(pv.metadata.name)) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const capacity = volumeCapacity(pv);
    if (compareQuantities(capacity, requested) < 0 || volumeModeMismatch(claim, pv) || pv.metadata.deletionTimestamp) continue;
    const fits = admits(pv);
    if (isVolumeBoundToClaim(pv, claim)) return fits ? pv : undefined;
    if (pv.status?.phase !== "Available") continue;
    if (claim.spec?.selector && !labelSelectorMatches(claim.spec.selector, pv.metadata.labels)) continue;
    if (!fits || !hasAccessModes(claim, pv)) continue;
    if (!smallest || compareQuantities(volumeCapacity(smallest), capacity) > 0) smallest = pv;
  }
  return smallest;
}
