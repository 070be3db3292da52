// Mirrors kube-controller-manager's pvc-protection and pv-protection controllers
// (pkg/controller/volume/pvcprotection, pvprotection): the API server keeps a claim or a volume
// that is being deleted while its finalizer is on (kubectl shows it Terminating); the finalizer
// comes off once no pod that has not finished uses the claim, and once the volume is no longer
// bound. Then the object goes.

import type { KubeCluster } from "../cluster";
import type { ControllerLoop } from "./controller";
import type { Pod } from "./model";
import { isTerminal } from "./pods";
import type { PersistentVolume, PersistentVolumeClaim } from "./pv-matching";

export const PVC_PROTECTION = "kubernetes.io/pvc-protection";
export const PV_PROTECTION = "kubernetes.io/pv-protection";

/** Whether a pod that has not finished mounts the claim `name` of namespace `ns`. */
function claimInUse(pods: readonly Pod[], ns: string | undefined, name: string): boolean {
  return pods.some((p) => p.metadata.namespace === ns && !isTerminal(p) &&
    (p.spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName === name));
}

export const storageProtectionController: ControllerLoop = {
  name: "storage-protection-controller",
  sync(cluster: KubeCluster) {
    const store = cluster.store;
    let changed = false;
    const claims = store.view<PersistentVolumeClaim>("PersistentVolumeClaim").filter((c) => c.metadata.deletionTimestamp && c.metadata.finalizers?.includes(PVC_PROTECTION));
    if (claims.length) {
      const pods = store.view<Pod>("Pod");
      for (const c of claims) {
        if (!claimInUse(pods, c.metadata.namespace, c.metadata.name) && cluster.api.removeFinalizer(c, PVC_PROTECTION)) changed = true;
      }
    }
    for (const v of store.view<PersistentVolume>("PersistentVolume").filter((x) => x.metadata.deletionTimestamp && x.metadata.finalizers?.includes(PV_PROTECTION))) {
      if ((v.status as { phase?: string } | undefined)?.phase !== "Bound" && cluster.api.removeFinalizer(v, PV_PROTECTION)) changed = true;
    }
    return changed;
  },
};
