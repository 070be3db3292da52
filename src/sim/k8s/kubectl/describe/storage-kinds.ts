// Describers for PersistentVolume and PersistentVolumeClaim (pkg/describe/describe.go v1.30
// describePersistentVolume, describePersistentVolumeClaim + printPersistentVolumeClaim): the
// claim's "Used By" lists the namespace's pods whose volumes name it (getPodsForPVC), a volume's
// Source block is the plugin's own printer at two levels of indent.

import { canonicalQuantity } from "../../api/quantity";
import { accessModesString } from "../../controllers/pv-matching";
import { kubeAge } from "../../../cli/format/duration";
import { events, type Describer } from "./common";
import { rfc1123z, writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

const storageClass = (o: Obj) => String(o.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? o.spec?.storageClassName ?? "");
const quantity = (v: unknown) => (v === undefined || v === null ? "0" : canonicalQuantity(v as string));
/** Go's %v of a []string: "[a b]". */
const goList = (l: unknown) => `[${(Array.isArray(l) ? l : []).join(" ")}]`;

/** A metav1.Time in RFC1123Z; an unset one is Go's zero time. */
const goTime = (t: string | null | undefined) => (t ? rfc1123z(t) : "Mon, 01 Jan 0001 00:00:00 +0000");

function terminatingOr(o: Obj, now: number, phase: string): string {
  const ts = o.metadata.deletionTimestamp;
  // translateTimestampSince: the time since the deletion was requested (grace 0 for PV/PVC).
  return ts ? `Terminating (lasts ${kubeAge(now, Date.parse(ts))})` : phase;
}

/** printPodsMultiline: the pod names sorted, one per line, `<none>` without any. */
function writePods(w: DescribeWriter, title: string, names: string[]): void {
  if (!names.length) {
    w.write(0, `${title}:\t<none>`);
    return;
  }
  [...names].sort().forEach((n, i) => w.write(0, `${i === 0 ? `${title}:` : ""}\t${n}`));
}

export const describePersistentVolumeClaim: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `StorageClass:\t${storageClass(o)}`);
  w.write(0, `Status:\t${terminatingOr(o, cluster.world.now, String(st.phase ?? ""))}`);
  w.write(0, `Volume:\t${spec.volumeName ?? ""}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(o.metadata.finalizers)}`);
  const bound = !!spec.volumeName;
  w.write(0, `Capacity:\t${bound ? quantity(st.capacity?.storage) : ""}`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(st.accessModes) : ""}`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}`);
  if (spec.dataSource) {
    w.write(0, "DataSource:");
    if (spec.dataSource.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}`);
    w.write(1, `Kind:\t${spec.dataSource.kind ?? ""}`);
    w.write(1, `Name:\t${spec.dataSource.name ?? ""}`);
  }
  // getPodsForPVC: a pod is listed once per volume of it that names the claim.
  const users: string[] = [];
  for (const pod of cluster.store.list("Pod", o.metadata.namespace)) {
    for (const v of ((pod.spec as Obj | undefined)?.volumes ?? []) as Obj[]) {
      if (v.persistentVolumeClaim?.claimName === o.metadata.name) users.push(pod.metadata.name);
    }
  }
  writePods(w, "Used By", users);
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, "Conditions:");
    w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------");
    for (const c of conds) {
      w.write(1, `${c.type} \t${c.status} \t${goTime(c.lastProbeTime)} \t${goTime(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}`);
    }
  }
  events(cluster, o, w);
};

/** printVolumeNodeAffinity: each required term's expressions as `key op [values]`. */
function writeNodeAffinity(w: DescribeWriter, affinity: Obj | undefined): void {
  if (!affinity?.required) {
    w.write(0, "Node Affinity:\t<none>");
    return;
  }
  w.write(0, "Node Affinity:\t");
  const terms = (affinity.required.nodeSelectorTerms ?? []) as Obj[];
  if (!terms.length) {
    w.write(1, "Required Terms:\t<none>");
    return;
  }
  w.write(1, "Required Terms:\t");
  terms.forEach((term, i) => {
    const reqs = (term.matchExpressions ?? []) as Obj[];
    if (!reqs.length) {
      w.write(2, `Term ${i}:\t<none>`);
      return;
    }
    reqs.forEach((r, j) => {
      const values = (r.values ?? []) as string[];
      const expr = `${r.key} ${String(r.operator ?? "").toLowerCase()}${values.length ? ` [${values.join(", ")}]` : ""}`;
      w.write(2, `${j === 0 ? `Term ${i}:` : ""}\t${expr}`);
    });
  });
}

/** The Source block: the volume plugin's printer (the common sources; others print <unknown>). */
function writeSource(w: DescribeWriter, spec: Obj): void {
  w.write(0, "Source:");
  if (spec.hostPath) {
    w.write(2, "Type:\tHostPath (bare host directory volume)");
    w.write(2, `Path:\t${spec.hostPath.path ?? ""}`);
    w.write(2, `HostPathType:\t${spec.hostPath.type ?? "<none>"}`);
  } else if (spec.nfs) {
    w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)");
    w.write(2, `Server:\t${spec.nfs.server ?? ""}`);
    w.write(2, `Path:\t${spec.nfs.path ?? ""}`);
    w.write(2, `ReadOnly:\t${spec.nfs.readOnly === true}`);
  } else if (spec.local) {
    w.write(2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)");
    w.write(2, `Path:\t${spec.local.path ?? ""}`);
  } else if (spec.csi) {
    w.write(2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)");
    w.write(2, `Driver:\t${spec.csi.driver ?? ""}`);
    w.write(2, `FSType:\t${spec.csi.fsType ?? ""}`);
    w.write(2, `VolumeHandle:\t${spec.csi.volumeHandle ?? ""}`);
    w.write(2, `ReadOnly:\t${spec.csi.readOnly === true}`);
    writeMap(w, 2, "VolumeAttributes:", spec.csi.volumeAttributes, "=");
  } else {
    w.write(1, "<unknown>");
  }
}

export const describePersistentVolume: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(o.metadata.finalizers)}`);
  w.write(0, `StorageClass:\t${storageClass(o)}`);
  w.write(0, `Status:\t${terminatingOr(o, cluster.world.now, String(st.phase ?? ""))}`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}`);
  w.write(0, `Access Modes:\t${accessModesString(spec.accessModes)}`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}`);
  w.write(0, `Capacity:\t${quantity(spec.capacity?.storage)}`);
  writeNodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${st.message ?? ""}`);
  writeSource(w, spec);
  events(cluster, o, w);
};

export const STORAGE_DESCRIBERS: Record<string, Describer> = {
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
};
