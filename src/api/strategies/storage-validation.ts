// PersistentVolume, PersistentVolumeClaim and StorageClass validation.
import type { FieldCause } from "../resource";
import { forbidden, invalid, notSupported, required } from "../validation/field-errors";
import { tryParseQuantity, isZeroQuantity, quantityToString, compareQuantities } from "../validation/quantity";
import { volumeSourceNames } from "../defaults/pod-defaults";
import { goOpaque } from "./go-format";
import { validateMetadata } from "./meta-validation";
import { rec, semanticEqual, str, type Json } from "./json";

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const VOLUME_MODES = ["Block", "Filesystem"];
const RECLAIM = ["Delete", "Recycle", "Retain"];

function validateAccessModes(modes: unknown, path: string): FieldCause[] {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [required(path, "at least 1 access mode is required")];
  const causes: FieldCause[] = [];
  for (const m of list) if (typeof m !== "string" || !ACCESS_MODES.includes(m)) causes.push(notSupported(path, m, ACCESS_MODES));
  if (list.includes("ReadWriteOncePod") && list.length > 1) causes.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return causes;
}

function storageQuantity(raw: unknown) {
  return raw === undefined ? null : tryParseQuantity(typeof raw === "number" ? raw : String(raw));
}

export function validatePersistentVolumeClaim(pvc: Json): FieldCause[] {
  const causes = validateMetadata(pvc, true);
  const spec = rec(pvc.spec) ?? {};
  causes.push(...validateAccessModes(spec.accessModes, "spec.accessModes"));
  const requests = rec(rec(spec.resources)?.requests) ?? {};
  const storage = storageQuantity(requests.storage);
  if (requests.storage === undefined) causes.push(required("spec.resources[storage]"));
  else if (storage && (storage.mantissa < 0n || isZeroQuantity(storage))) {
    causes.push(invalid("spec.resources[storage]", quantityToString(storage), "must be greater than zero"));
  }
  const mode = str(spec.volumeMode);
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) causes.push(notSupported("spec.volumeMode", mode, VOLUME_MODES));
  return causes;
}

export function validatePersistentVolumeClaimUpdate(pvc: Json, old: Json): FieldCause[] {
  const spec = { ...(rec(pvc.spec) ?? {}) };
  const oldSpec = { ...(rec(old.spec) ?? {}) };
  const causes: FieldCause[] = [];
  const bound = str(rec(old.status)?.phase) === "Bound";
  // binding fills volumeName once; bound claims may grow
  if (!str(oldSpec.volumeName)) delete spec.volumeName;
  if (bound) {
    const next = storageQuantity(rec(rec(spec.resources)?.requests)?.storage);
    const prev = storageQuantity(rec(rec(oldSpec.resources)?.requests)?.storage);
    if (next && prev && compareQuantities(next, prev) < 0) {
      causes.push(forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    }
    delete spec.resources;
    delete oldSpec.resources;
  }
  delete spec.volumeAttributesClassName;
  delete oldSpec.volumeAttributesClassName;
  if (!str(oldSpec.volumeName)) delete oldSpec.volumeName;
  if (!semanticEqual(spec, oldSpec)) {
    causes.push(forbidden("spec", `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${goOpaque("  core.PersistentVolumeClaimSpec", rec(pvc.spec)).text}`));
  }
  return causes;
}

export function validatePersistentVolume(pv: Json): FieldCause[] {
  const causes = validateMetadata(pv, false);
  const spec = rec(pv.spec) ?? {};
  causes.push(...validateAccessModes(spec.accessModes, "spec.accessModes"));
  const capacity = rec(spec.capacity);
  if (!capacity || Object.keys(capacity).length === 0) causes.push(required("spec.capacity"));
  else if (capacity.storage === undefined) causes.push(notSupported("spec.capacity", Object.keys(capacity)[0], ["storage"]));
  const reclaim = str(spec.persistentVolumeReclaimPolicy);
  if (reclaim !== undefined && !RECLAIM.includes(reclaim)) causes.push(notSupported("spec.persistentVolumeReclaimPolicy", reclaim, RECLAIM));
  const sources = volumeSourceNames(spec).filter((s) => s !== "emptyDir" && s !== "configMap" && s !== "secret");
  if (spec.local !== undefined) sources.push("local");
  if (sources.length === 0) causes.push(required("spec", "must specify a volume type"));
  else if (sources.length > 1) causes.push(forbidden(`spec.${sources[1]}`, "may not specify more than 1 volume type"));
  const hostPath = rec(spec.hostPath);
  if (hostPath && !str(hostPath.path)) causes.push(required("spec.hostPath.path"));
  const mode = str(spec.volumeMode);
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) causes.push(notSupported("spec.volumeMode", mode, VOLUME_MODES));
  return causes;
}

export function validateStorageClass(sc: Json): FieldCause[] {
  const causes = validateMetadata(sc, false);
  if (!str(sc.provisioner)) causes.push(required("provisioner"));
  const reclaim = str(sc.reclaimPolicy);
  if (reclaim !== undefined && reclaim !== "Delete" && reclaim !== "Retain") causes.push(notSupported("reclaimPolicy", reclaim, ["Delete", "Retain"]));
  const binding = str(sc.volumeBindingMode);
  if (binding !== undefined && binding !== "Immediate" && binding !== "WaitForFirstConsumer") {
    causes.push(notSupported("volumeBindingMode", binding, ["Immediate", "WaitForFirstConsumer"]));
  }
  return causes;
}

export function validateStorageClassUpdate(sc: Json, old: Json): FieldCause[] {
  const causes: FieldCause[] = [];
  if (!semanticEqual(sc.parameters, old.parameters)) causes.push(forbidden("parameters", "updates to parameters are forbidden."));
  if (sc.provisioner !== old.provisioner) causes.push(forbidden("provisioner", "updates to provisioner are forbidden."));
  if (!semanticEqual(sc.reclaimPolicy, old.reclaimPolicy)) causes.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  if (!semanticEqual(sc.volumeBindingMode, old.volumeBindingMode)) causes.push(forbidden("volumeBindingMode", "field is immutable"));
  return causes;
}
