// Mirrors pkg/controller/replication (v1.30), which is the ReplicaSet controller run over
// ReplicationControllers through a conversion: a ReplicationController's map selector is a
// ReplicaSet's matchLabels, and everything else — adoption, pods named <rc>-<5 random>, which
// pods go first, status — is syncReplicaSet's. Events come from "replication-controller".

import { COMPONENT } from "./client";
import type { ControllerLoop } from "./controller";
import type { KObject, ReplicaSet } from "./model";
import { PodIndex } from "./pod-index";
import { nextAvailableAt } from "./pods";
import { nextRetryAt, syncReplicaSet } from "./replicaset";
import { earliest } from "./controller";

interface ReplicationController extends KObject {
  spec: { replicas?: number; minReadySeconds?: number; selector?: Record<string, string>; template: ReplicaSet["spec"]["template"] };
  status?: ReplicaSet["status"];
}

/** The ReplicaSet the controller sees: same metadata (so writes land on the RC), selector converted. */
function asReplicaSet(rc: ReplicationController): ReplicaSet {
  return { ...rc, spec: { ...rc.spec, selector: { matchLabels: { ...(rc.spec.selector ?? {}) } } } } as unknown as ReplicaSet;
}

export const replicationController: ControllerLoop = {
  name: "replicationcontroller",
  sync(cluster) {
    const rcs = cluster.store.list<ReplicationController>("ReplicationController");
    if (!rcs.length) return false; // pods are not looked at, so their changes do not wake this loop
    const index = PodIndex.of(cluster);
    let changed = false;
    for (const rc of rcs) {
      const view = asReplicaSet(rc);
      if (syncReplicaSet(cluster, view, index, COMPONENT.replication)) changed = true;
      if (view.status !== rc.status) rc.status = view.status;
    }
    return changed;
  },
  nextWake: (cluster) => {
    const rcs = cluster.store.view<ReplicationController>("ReplicationController");
    return earliest(nextAvailableAt(cluster, rcs), nextRetryAt(cluster, rcs));
  },
};
