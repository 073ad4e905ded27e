// PersistentVolume, PersistentVolumeClaim and StorageClass printers.
import type { TableConvertor } from "../resource";
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "../kinds";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn, wide } from "./columns";
import { accessModesString } from "./format";
import { since } from "./human-duration";
import { canonicalQuantity } from "./quantity";

const BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
const BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

/** helper.GetPersistentVolumeClass: the beta annotation still wins over the field. */
function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? "";
}

function claimClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? "";
}

export const persistentVolumeTable: TableConvertor<PersistentVolume> = {
  columns: [
    nameColumn,
    col("Capacity", "string", doc["PersistentVolumeSpec.capacity"]),
    col("Access Modes", "string", doc["PersistentVolumeSpec.accessModes"]),
    col("Reclaim Policy", "string", doc["PersistentVolumeSpec.persistentVolumeReclaimPolicy"]),
    col("Status", "string", doc["PersistentVolumeStatus.phase"]),
    col("Claim", "string", doc["PersistentVolumeSpec.claimRef"]),
    col("StorageClass", "string", "StorageClass of the pv"),
    col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
    col("Reason", "string", doc["PersistentVolumeStatus.reason"]),
    ageColumn,
    wide("VolumeMode", "string", doc["PersistentVolumeSpec.volumeMode"]),
  ],
  cells(pv, ctx) {
    const spec = pv.spec;
    const claim = spec?.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
    const phase = pv.metadata.deletionTimestamp ? "Terminating" : pv.status?.phase ?? "";
    return [
      pv.metadata.name ?? "",
      canonicalQuantity(spec?.capacity?.storage),
      accessModesString(spec?.accessModes),
      spec?.persistentVolumeReclaimPolicy ?? "",
      phase,
      claim,
      volumeClass(pv),
      spec?.volumeAttributesClassName ?? "<unset>",
      pv.status?.reason ?? "",
      since(pv.metadata.creationTimestamp, ctx.now),
      spec?.volumeMode ?? "<unset>",
    ];
  },
};

export const persistentVolumeClaimTable: TableConvertor<PersistentVolumeClaim> = {
  columns: [
    nameColumn,
    col("Status", "string", doc["PersistentVolumeClaimStatus.phase"]),
    col("Volume", "string", doc["PersistentVolumeClaimSpec.volumeName"]),
    col("Capacity", "string", doc["PersistentVolumeClaimStatus.capacity"]),
    col("Access Modes", "string", doc["PersistentVolumeClaimStatus.accessModes"]),
    col("StorageClass", "string", "StorageClass of the pvc"),
    col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
    ageColumn,
    wide("VolumeMode", "string", doc["PersistentVolumeClaimSpec.volumeMode"]),
  ],
  cells(pvc, ctx) {
    const spec = pvc.spec;
    const phase = pvc.metadata.deletionTimestamp ? "Terminating" : pvc.status?.phase ?? "";
    const bound = Boolean(spec?.volumeName);
    return [
      pvc.metadata.name ?? "",
      phase,
      spec?.volumeName ?? "",
      bound ? canonicalQuantity(pvc.status?.capacity?.storage) : "",
      bound ? accessModesString(pvc.status?.accessModes) : "",
      claimClass(pvc),
      spec?.volumeAttributesClassName ?? "<unset>",
      since(pvc.metadata.creationTimestamp, ctx.now),
      spec?.volumeMode ?? "<unset>",
    ];
  },
};

export function isDefaultStorageClass(sc: StorageClass): boolean {
  const ann = sc.metadata.annotations ?? {};
  return ann[DEFAULT_CLASS_ANNOTATION] === "true" || ann[BETA_DEFAULT_CLASS_ANNOTATION] === "true";
}

export const storageClassTable: TableConvertor<StorageClass> = {
  columns: [
    nameColumn,
    col("Provisioner", "string", doc["StorageClass.provisioner"]),
    col("ReclaimPolicy", "string", doc["StorageClass.reclaimPolicy"]),
    col("VolumeBindingMode", "string", doc["StorageClass.volumeBindingMode"]),
    col("AllowVolumeExpansion", "string", doc["StorageClass.allowVolumeExpansion"]),
    ageColumn,
  ],
  cells(sc, ctx) {
    const name = (sc.metadata.name ?? "") + (isDefaultStorageClass(sc) ? " (default)" : "");
    return [
      name,
      sc.provisioner ?? "",
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      sc.allowVolumeExpansion ?? false,
      since(sc.metadata.creationTimestamp, ctx.now),
    ];
  },
};
