// Mirrors printers.go (v1.30) printPersistentVolume / printPersistentVolumeClaim: access modes
// abbreviated (RWO,ROX,RWX,RWOP), capacity as the quantity's canonical string, a PVC's capacity
// and access modes only once it names a volume, "Terminating" while a deletion is pending,
// `<unset>` for an unset volume attributes class, VOLUMEMODE under -o wide. Spread into
// tables.ts's registry.

import { kubeAge } from "../../../cli/format/duration";
import { canonicalQuantity } from "../../api/quantity";
import { accessModesString } from "../../controllers/pv-matching";
import type { TableHandler } from "./tables";

type Obj = Record<string, any>;

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);
const storage = (list: Obj | undefined) => (list?.storage === undefined || list.storage === null ? "0" : canonicalQuantity(list.storage));
const unset = (v: unknown) => (v === undefined || v === null ? "<unset>" : String(v));
const phaseOf = (o: Obj) => (o.metadata?.deletionTimestamp ? "Terminating" : String(o.status?.phase ?? ""));

/** GetPersistentVolume(Claim)Class: the beta storage-class annotation, else spec.storageClassName. */
const storageClass = (o: Obj) => String(o.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? o.spec?.storageClassName ?? "");

export const STORAGE_TABLES: Record<string, TableHandler> = {
  PersistentVolume: {
    headers: ["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"],
    wide: ["VOLUMEMODE"],
    row: (o, c) => {
      const ref = o.spec?.claimRef;
      return {
        cells: [o.metadata.name, storage(o.spec?.capacity), accessModesString(o.spec?.accessModes), String(o.spec?.persistentVolumeReclaimPolicy ?? ""),
          phaseOf(o), ref ? `${ref.namespace ?? ""}/${ref.name ?? ""}` : "", storageClass(o), unset(o.spec?.volumeAttributesClassName),
          String(o.status?.reason ?? ""), age(o, c.now)],
        wide: [unset(o.spec?.volumeMode)],
      };
    },
  },
  PersistentVolumeClaim: {
    headers: ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
    wide: ["VOLUMEMODE"],
    row: (o, c) => {
      const bound = !!o.spec?.volumeName;
      return {
        cells: [o.metadata.name, phaseOf(o), String(o.spec?.volumeName ?? ""), bound ? storage(o.status?.capacity) : "",
          bound ? accessModesString(o.status?.accessModes) : "", storageClass(o), unset(o.spec?.volumeAttributesClassName), age(o, c.now)],
        wide: [unset(o.spec?.volumeMode)],
      };
    },
  },
};
