// Mirrors kube-controller-manager's persistentvolume-binder (pkg/controller/volume/persistentvolume
// pv_controller.go) on a kubeadm cluster with no StorageClass and no dynamic provisioner:
//   syncVolume        a volume without a claim is Available; one whose claim is gone (or was
//                     re-created under a new uid) is Released and reclaimed by its policy —
//                     Retain keeps it, Delete removes a hostPath volume under /tmp and fails
//                     any other (the hostPath deleter's rule), Recycle is left Released;
//   syncUnboundClaim  a Pending claim binds to the best static match (pv-matching.ts), both
//                     ways: PV claimRef + Bound, PVC volumeName + Bound + accessModes +
//                     capacity, with the bind-completed / bound-by-controller annotations; a
//                     claim that finds nothing gets an event, repeated on every resync (15 s,
//                     --pvclaimbinder-sync-period) as the correlator aggregates it;
//   syncBoundClaim    a bound claim whose volume vanished is Lost.
// Volumes are synced before claims so a PV and a PVC created together bind in one pass.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { event } from "./client";
import type { ControllerLoop } from "./controller";
import { iso } from "./pods";
import {
  claimClass, findBestMatchForClaim, isVolumeBoundToClaim, volumeSatisfyError,
  type PersistentVolume, type PersistentVolumeClaim,
} from "./pv-matching";

export const COMPONENT_PV = "persistentvolume-controller";
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
export const NO_VOLUMES_NO_CLASS = "no persistent volumes available for this claim and no storage class is set";
export const WAIT_FOR_FIRST_CONSUMER = "waiting for first consumer to be created before binding";
export const CLAIM_LOST = "Bound claim has lost its PersistentVolume. Data on the volume is lost!";
/** --pvclaimbinder-sync-period: every claim and volume is re-synced this often. */
export const RESYNC_MS = 15_000;

const claimKey = (ns: string | undefined, name: string) => `${ns ?? ""}/${name}`;

/** When each unbound claim (by uid) last reported why it is still Pending: the resync clock. */
const lastReport = new SideTable<KubeCluster, Map<string, number>>();

function reports(cluster: KubeCluster): Map<string, number> {
  let m = lastReport.get(cluster);
  if (!m) lastReport.set(cluster, (m = new Map()));
  return m;
}

function setVolumePhase(cluster: KubeCluster, pv: PersistentVolume, phase: string, message?: string): boolean {
  const st = (pv.status ??= {});
  if (st.phase === phase && (st.message ?? undefined) === message) return false;
  // PersistentVolumeLastPhaseTransitionTime (beta, on in v1.30): stamped on every phase change.
  if (st.phase !== phase) st.lastPhaseTransitionTime = iso(cluster.world).replace(/\.\d+Z$/, "Z");
  st.phase = phase;
  if (message === undefined) delete st.message;
  else st.message = message;
  cluster.store.touch(pv);
  return true;
}

function setClaimPhase(cluster: KubeCluster, claim: PersistentVolumeClaim, phase: string): boolean {
  const st = (claim.status ??= {});
  if (st.phase === phase) return false;
  st.phase = phase;
  cluster.store.touch(claim);
  return true;
}

/** reclaimVolume for a Released volume, by its persistentVolumeReclaimPolicy. */
function reclaimVolume(cluster: KubeCluster, pv: PersistentVolume): boolean {
  if (pv.spec.persistentVolumeReclaimPolicy !== "Delete") return false;
  const path: string | undefined = pv.spec.hostPath?.path;
  if (path !== undefined && /\/tmp\/.+/.test(path)) {
    cluster.store.remove("PersistentVolume", undefined, pv.metadata.name);
    cluster.world.record("kubernetes", "deleted", `persistentvolume/${pv.metadata.name}`, { kind: "PersistentVolume", reason: "reclaim" });
    return true;
  }
  const message = path !== undefined
    ? `host_path deleter only supports /tmp/.+ but received provided ${path}`
    : `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
  if (!setVolumePhase(cluster, pv, "Failed", message)) return false;
  event(cluster, pv, "Warning", "VolumeFailedDelete", message, COMPONENT_PV);
  return true;
}

function syncVolume(cluster: KubeCluster, pv: PersistentVolume, claims: Map<string, PersistentVolumeClaim>): boolean {
  const ref = pv.spec?.claimRef;
  // Unbound, or pre-bound by the user to a claim that has not bound yet: Available.
  if (!ref || !ref.uid) return setVolumePhase(cluster, pv, "Available");
  const claim = claims.get(claimKey(ref.namespace, ref.name));
  if (!claim || claim.metadata.uid !== ref.uid) {
    if (pv.status?.phase === "Released" || pv.status?.phase === "Failed") return false;
    setVolumePhase(cluster, pv, "Released");
    reclaimVolume(cluster, pv);
    return true;
  }
  if (claim.spec?.volumeName === pv.metadata.name) return setVolumePhase(cluster, pv, "Bound");
  // The claim is bound to another volume: a binding the controller made is undone.
  if (claim.spec?.volumeName && pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === "yes") {
    delete pv.spec.claimRef;
    return setVolumePhase(cluster, pv, "Available") || (cluster.store.touch(pv), true);
  }
  return false;
}

/** bind(): the volume's claimRef + Bound, then the claim's volumeName + Bound status. */
function bind(cluster: KubeCluster, pv: PersistentVolume, claim: PersistentVolumeClaim): void {
  if (!isVolumeBoundToClaim(pv, claim) || !pv.spec.claimRef?.uid) {
    const preBound = !!pv.spec.claimRef;
    pv.spec.claimRef = {
      apiVersion: "v1", kind: "PersistentVolumeClaim", name: claim.metadata.name,
      namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid,
    };
    if (!preBound) pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: "yes" };
    cluster.store.update(pv);
  }
  setVolumePhase(cluster, pv, "Bound");
  const ann = { ...(claim.metadata.annotations ?? {}) };
  if (claim.spec.volumeName !== pv.metadata.name) {
    claim.spec.volumeName = pv.metadata.name;
    ann[ANN_BOUND_BY_CONTROLLER] = "yes";
  }
  ann[ANN_BIND_COMPLETED] = "yes";
  claim.metadata.annotations = ann;
  claim.status = {
    ...(claim.status ?? {}), phase: "Bound",
    accessModes: [...(pv.spec.accessModes ?? [])],
    capacity: { ...(pv.spec.capacity ?? {}) },
  };
  cluster.store.update(claim);
  cluster.world.record("kubernetes", "pvc-bound", `persistentvolumeclaim/${claim.metadata.namespace}/${claim.metadata.name}`, { volume: pv.metadata.name });
}

/** A StorageClass's volumeBindingMode, or undefined when the class does not exist. */
function classBindingMode(cluster: KubeCluster, name: string): string | undefined {
  const sc = cluster.store.get("StorageClass", undefined, name) as { volumeBindingMode?: string } | undefined;
  return sc ? sc.volumeBindingMode ?? "Immediate" : undefined;
}

/** Why an unbound claim stays Pending, as the event the controller records on each sync. */
function reportPending(cluster: KubeCluster, claim: PersistentVolumeClaim, delayBinding: boolean): void {
  const cls = claimClass(claim);
  if (delayBinding) {
    // A WaitForFirstConsumer claim no pod has selected a node for yet.
    event(cluster, claim, "Normal", "WaitForFirstConsumer", WAIT_FOR_FIRST_CONSUMER, COMPONENT_PV);
  } else if (cls === "") {
    event(cluster, claim, "Normal", "FailedBinding", NO_VOLUMES_NO_CLASS, COMPONENT_PV);
  } else {
    const sc = cluster.store.get("StorageClass", undefined, cls) as { provisioner?: string } | undefined;
    if (!sc) {
      // provisionClaim → findProvisionablePlugin: the class lister's NotFound error.
      event(cluster, claim, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${cls}" not found`, COMPONENT_PV);
    } else if ((sc.provisioner ?? "").startsWith("kubernetes.io/")) {
      // An in-tree name with no provisionable plugin (kubernetes.io/no-provisioner among them).
      event(cluster, claim, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${sc.provisioner}`, COMPONENT_PV);
    } else {
      // provisionClaimOperationExternal: setClaimProvisioner names the provisioner on the claim
      // (beta and GA annotations), then waits for it.
      const ann = claim.metadata.annotations ?? {};
      if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
        claim.metadata.annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner!, [ANN_STORAGE_PROVISIONER]: sc.provisioner! };
        cluster.store.update(claim);
      }
      event(cluster, claim, "Normal", "ExternalProvisioning",
        `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, COMPONENT_PV);
    }
  }
}

function syncUnboundClaim(cluster: KubeCluster, claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[]): boolean {
  const now = cluster.world.now;
  const seen = reports(cluster);
  const name: string | undefined = claim.spec?.volumeName || undefined;
  if (name) {
    // The user named the volume: bind to it if it fits and is free, else wait for it.
    const pv = volumes.find((v) => v.metadata.name === name);
    if (pv && (!pv.spec.claimRef || isVolumeBoundToClaim(pv, claim))) {
      const err = pv.spec.claimRef ? undefined : volumeSatisfyError(pv, claim);
      if (!err) {
        bind(cluster, pv, claim);
        seen.delete(claim.metadata.uid);
        return true;
      }
      if (!due(seen, claim, now)) return setClaimPhase(cluster, claim, "Pending");
      event(cluster, claim, "Warning", "VolumeMismatch", `Cannot bind to requested volume "${name}": ${err}`, COMPONENT_PV);
      seen.set(claim.metadata.uid, now);
      setClaimPhase(cluster, claim, "Pending");
      return true;
    }
    return setClaimPhase(cluster, claim, "Pending");
  }
  const mode = claimClass(claim) ? classBindingMode(cluster, claimClass(claim)) : undefined;
  const delayBinding = mode === "WaitForFirstConsumer";
  const pv = findBestMatchForClaim(claim, volumes, delayBinding);
  if (pv) {
    bind(cluster, pv, claim);
    seen.delete(claim.metadata.uid);
    return true;
  }
  const changed = setClaimPhase(cluster, claim, "Pending");
  if (!due(seen, claim, now)) return changed;
  reportPending(cluster, claim, delayBinding);
  seen.set(claim.metadata.uid, now);
  return true;
}

/** Whether the claim's periodic resync (or its first sync) is due. */
function due(seen: Map<string, number>, claim: PersistentVolumeClaim, now: number): boolean {
  const last = seen.get(claim.metadata.uid);
  return last === undefined || now >= last + RESYNC_MS;
}

function syncBoundClaim(cluster: KubeCluster, claim: PersistentVolumeClaim, volumes: Map<string, PersistentVolume>): boolean {
  const pv = volumes.get(claim.spec.volumeName);
  if (!pv) {
    if (claim.status?.phase === "Lost") return false;
    setClaimPhase(cluster, claim, "Lost");
    event(cluster, claim, "Warning", "ClaimLost", CLAIM_LOST, COMPONENT_PV);
    return true;
  }
  if (isVolumeBoundToClaim(pv, claim) && pv.spec.claimRef?.uid) return setClaimPhase(cluster, claim, "Bound");
  // The volume lost (or never got) its claimRef: bind() restores it.
  if (!pv.spec.claimRef) {
    bind(cluster, pv, claim);
    return true;
  }
  if (claim.status?.phase === "Lost") return false;
  setClaimPhase(cluster, claim, "Lost");
  event(cluster, claim, "Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly", COMPONENT_PV);
  return true;
}

export const persistentVolumeController: ControllerLoop = {
  name: "persistentvolume-binder-controller",
  sync(cluster) {
    const store = cluster.store;
    const volumes = store.view<PersistentVolume>("PersistentVolume");
    const claims = store.view<PersistentVolumeClaim>("PersistentVolumeClaim");
    const live = new Set<string>();
    const byKey = new Map<string, PersistentVolumeClaim>();
    for (const c of claims) {
      byKey.set(claimKey(c.metadata.namespace, c.metadata.name), c);
      live.add(c.metadata.uid);
    }
    let changed = false;
    // The views are the store's own arrays: iterate over copies, a reclaim may remove a volume.
    for (const pv of [...volumes]) if (syncVolume(cluster, pv, byKey)) changed = true;
    const current = store.view<PersistentVolume>("PersistentVolume");
    const byName = new Map(current.map((v) => [v.metadata.name, v] as const));
    for (const claim of [...claims]) {
      if (claim.metadata.deletionTimestamp) continue;
      const bound = !!claim.spec?.volumeName && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
      if (bound ? syncBoundClaim(cluster, claim, byName) : syncUnboundClaim(cluster, claim, current)) changed = true;
    }
    const seen = reports(cluster);
    for (const uid of [...seen.keys()]) if (!live.has(uid)) seen.delete(uid);
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    for (const at of reports(cluster).values()) {
      const next = at + RESYNC_MS;
      if (next > cluster.world.now && (t === undefined || next < t)) t = next;
    }
    return t;
  },
};
