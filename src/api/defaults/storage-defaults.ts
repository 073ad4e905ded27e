// PersistentVolume, PersistentVolumeClaim and StorageClass defaults.
import { child, setDefaultString, type Json } from "../strategies/json";

export function defaultClaimSpec(spec: Json): void {
  setDefaultString(spec, "volumeMode", "Filesystem");
}

export function defaultPersistentVolumeClaim(obj: Json): void {
  defaultClaimSpec(child(obj, "spec"));
}

export function defaultPersistentVolume(obj: Json): void {
  const spec = child(obj, "spec");
  setDefaultString(spec, "persistentVolumeReclaimPolicy", "Retain");
  setDefaultString(spec, "volumeMode", "Filesystem");
}

export function defaultStorageClass(obj: Json): void {
  setDefaultString(obj, "reclaimPolicy", "Delete");
  setDefaultString(obj, "volumeBindingMode", "Immediate");
}
