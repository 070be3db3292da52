// Mirrors pkg/apis/core/validation ValidatePersistentVolumeSpec / ValidatePersistentVolumeClaimSpec
// (v1.30) for the mistakes students make: no access modes, an unknown mode (or ReadWriteOncePod
// mixed with others), a claim without resources.requests.storage, a volume without capacity or
// without a source, a non-positive size, an unknown volumeMode or reclaim policy, a bad class name.

import { forbidden, invalid, required, unsupported, type FieldError } from "../errors";
import { compareQuantities, parseQuantity } from "../quantity";
import { isDNS1123Subdomain } from "./names";

type Obj = Record<string, any>;

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const VOLUME_MODES = ["Block", "Filesystem"];
const RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];
/** The PV sources a simulated cluster knows; any one of them counts as "a volume type". */
const PV_SOURCES = [
  "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "flocker", "nfs", "rbd", "quobyte", "cinder",
  "cephfs", "fc", "iscsi", "azureFile", "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume",
  "scaleIO", "local", "storageos", "csi", "flexVolume",
];

function accessModeErrors(modes: unknown, field: string, requiredDetail?: string): FieldError[] {
  const list = Array.isArray(modes) ? modes : [];
  const out: FieldError[] = [];
  if (!list.length) out.push(required(field, requiredDetail));
  for (const m of list) if (!ACCESS_MODES.includes(m)) out.push(unsupported(field, m, ACCESS_MODES));
  if (list.includes("ReadWriteOncePod") && list.length > 1) out.push(forbidden(field, "may not use ReadWriteOncePod with other access modes"));
  return out;
}

/** ValidatePositiveQuantityValue: `must be greater than zero` (unparsable sizes fail in decoding). */
function positiveQuantity(v: unknown, field: string): FieldError[] {
  try {
    const q = parseQuantity(v as string);
    if (compareQuantities(q, parseQuantity(0)) <= 0) return [invalid(field, String(v), "must be greater than zero")];
  } catch {
    return [];
  }
  return [];
}

function commonSpecErrors(s: Obj, field: string, className: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  if (className) for (const m of isDNS1123Subdomain(className)) out.push(invalid(`${field}.storageClassName`, className, m));
  if (s.volumeMode !== undefined && s.volumeMode !== null && !VOLUME_MODES.includes(s.volumeMode)) out.push(unsupported(`${field}.volumeMode`, s.volumeMode, VOLUME_MODES));
  return out;
}

export function validatePersistentVolumeClaim(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out = accessModeErrors(s.accessModes, "spec.accessModes", "at least 1 access mode is required");
  const storage = s.resources?.requests?.storage;
  if (storage === undefined || storage === null) out.push(required("spec.resources[storage]"));
  else out.push(...positiveQuantity(storage, "spec.resources[storage]"));
  out.push(...commonSpecErrors(s, "spec", s.storageClassName));
  return out;
}

export function validatePersistentVolume(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out = accessModeErrors(s.accessModes, "spec.accessModes");
  const capacity = s.capacity;
  const keys = capacity && typeof capacity === "object" ? Object.keys(capacity) : [];
  if (!keys.length) {
    out.push(required("spec.capacity"));
    // NotSupported with the Go value of the (nil or empty) ResourceList.
    out.push({ type: "Unsupported", field: "spec.capacity", supported: ["storage"], rendered: capacity ? "core.ResourceList{}" : "core.ResourceList(nil)" });
  }
  for (const k of keys.sort()) out.push(...positiveQuantity(capacity[k], `spec.capacity[${k}]`));
  if (s.persistentVolumeReclaimPolicy && !RECLAIM_POLICIES.includes(s.persistentVolumeReclaimPolicy)) {
    out.push(unsupported("spec.persistentVolumeReclaimPolicy", s.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  }
  out.push(...commonSpecErrors(s, "spec", s.storageClassName));
  const sources = PV_SOURCES.filter((k) => s[k] !== undefined && s[k] !== null);
  if (s.hostPath && !s.hostPath.path) out.push(required("spec.hostPath.path"));
  if (s.local && !s.local.path) out.push(required("spec.local.path"));
  if (s.local && !s.nodeAffinity) out.push(required("spec.nodeAffinity", "Local volume requires node affinity"));
  if (!sources.length) out.push(required("spec", "must specify a volume type"));
  else if (sources.length > 1) out.push(forbidden(`spec.${sources[1]}`, "may not specify more than 1 volume type"));
  return out;
}

/**
 * The PersistentVolumeClaimResize admission plugin (validating, on by default) for an update of
 * a claim: growing its storage request needs a bound claim whose StorageClass sets
 * allowVolumeExpansion. Returns the Forbidden message (`persistentvolumeclaims "NAME" is
 * forbidden: …`), or undefined when the update may go on. `allowsExpansion` looks the class up.
 * The API server's update path calls it after validation (PersistentVolumeClaimResize admission).
 */
export function pvcResizeForbidden(old: Obj, obj: Obj, allowsExpansion: (className: string) => boolean): string | undefined {
  const size = (o: Obj) => {
    try {
      return parseQuantity(o.spec?.resources?.requests?.storage ?? 0);
    } catch {
      return parseQuantity(0);
    }
  };
  if (compareQuantities(size(obj), size(old)) <= 0) return undefined;
  const prefix = `persistentvolumeclaims "${obj.metadata?.name ?? ""}" is forbidden: `;
  if (old.status?.phase !== "Bound") return `${prefix}Only bound persistent volume claims can be expanded`;
  const cls = String(obj.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? obj.spec?.storageClassName ?? "");
  if (cls === "" || !allowsExpansion(cls)) {
    return `${prefix}only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`;
  }
  return undefined;
}
