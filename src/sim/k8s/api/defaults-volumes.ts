// Mirrors the volume-source part of SetObjectDefaults_Pod / _PersistentVolume
// (pkg/apis/core/v1/defaults.go and the `+default=` markers of k8s.io/api/core/v1/types.go):
// what `kubectl get pod -o yaml` shows in a volume beyond what was written — file modes 0644
// (420) on configMap, secret, downwardAPI and projected sources, a token projection's one-hour
// lifetime, hostPath's empty type, and the legacy in-tree plugins' defaults (iSCSI, RBD, Azure
// Disk, ScaleIO).

import { canonicalQuantity } from "./quantity";

type Obj = Record<string, any>;

const put = (o: Obj, k: string, v: unknown) => {
  if (typeof o !== "object" || o === null) return;
  if (o[k] === undefined || o[k] === null) o[k] = v;
};

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** 0644: ConfigMap/Secret/DownwardAPI/ProjectedVolumeSourceDefaultMode. */
export const VOLUME_SOURCE_DEFAULT_MODE = 0o644;

/** SetDefaults_ObjectFieldSelector on each downward API item (fieldRef.apiVersion "v1"). */
function defaultDownwardItems(items: unknown): void {
  for (const it of Array.isArray(items) ? items : []) if (isObj(it?.fieldRef)) put(it.fieldRef, "apiVersion", "v1");
}

/** `+default=` markers of the legacy in-tree sources, shared by their volume and PV forms. */
function defaultLegacySources(src: Obj): void {
  if (isObj(src.iscsi)) put(src.iscsi, "iscsiInterface", "default");
  if (isObj(src.rbd)) {
    put(src.rbd, "pool", "rbd");
    put(src.rbd, "user", "admin");
    put(src.rbd, "keyring", "/etc/ceph/keyring");
  }
  if (isObj(src.azureDisk)) {
    put(src.azureDisk, "cachingMode", "ReadWrite");
    put(src.azureDisk, "fsType", "ext4");
    put(src.azureDisk, "readOnly", false);
    put(src.azureDisk, "kind", "Shared");
  }
  if (isObj(src.scaleIO)) {
    put(src.scaleIO, "storageMode", "ThinProvisioned");
    put(src.scaleIO, "fsType", "xfs");
  }
  // SetDefaults_HostPathVolumeSource: HostPathUnset.
  if (isObj(src.hostPath)) put(src.hostPath, "type", "");
}

/** SetDefaults_Volume and the defaulters of the source it names, in place. */
export function defaultVolume(v: Obj): void {
  if (!isObj(v)) return;
  if (v.emptyDir === null) v.emptyDir = {};
  // SetDefaults_Volume: a volume naming no source is an emptyDir.
  if (Object.keys(v).every((k) => k === "name" || v[k] === null || v[k] === undefined)) v.emptyDir = {};
  if (isObj(v.configMap)) put(v.configMap, "defaultMode", VOLUME_SOURCE_DEFAULT_MODE);
  if (isObj(v.secret)) put(v.secret, "defaultMode", VOLUME_SOURCE_DEFAULT_MODE);
  if (isObj(v.downwardAPI)) {
    put(v.downwardAPI, "defaultMode", VOLUME_SOURCE_DEFAULT_MODE);
    defaultDownwardItems(v.downwardAPI.items);
  }
  if (isObj(v.projected)) {
    put(v.projected, "defaultMode", VOLUME_SOURCE_DEFAULT_MODE);
    // A projection's own configMap/secret/downwardAPI carry no mode (only the volume does).
    for (const s of Array.isArray(v.projected.sources) ? v.projected.sources : []) {
      if (!isObj(s)) continue;
      if (isObj(s.downwardAPI)) defaultDownwardItems(s.downwardAPI.items);
      // SetDefaults_ServiceAccountTokenProjection: one hour.
      if (isObj(s.serviceAccountToken)) put(s.serviceAccountToken, "expirationSeconds", 3600);
    }
  }
  defaultLegacySources(v);
  // An ephemeral volume's claim template is a PersistentVolumeClaimSpec: volumeMode Filesystem.
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (isObj(claim) && isObj(claim.spec)) {
    put(claim.spec, "volumeMode", "Filesystem");
    for (const part of ["requests", "limits"]) {
      const m = claim.spec.resources?.[part];
      if (isObj(m)) for (const k of Object.keys(m)) m[k] = canonicalQuantity(m[k]);
    }
  }
}

/** The PersistentVolumeSource defaulters (SetObjectDefaults_PersistentVolume), in place. */
export function defaultPersistentVolumeSource(spec: Obj): void {
  if (isObj(spec)) defaultLegacySources(spec);
}
