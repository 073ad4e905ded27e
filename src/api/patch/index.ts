// Public API of the patch engines; the HTTP layer picks an engine by Content-Type.
import { applyJsonPatch } from "./json-patch";
import { applyMergePatch } from "./merge-patch";
import { PatchError } from "./patch-error";
import { patchMetaFor } from "./patch-meta";
import { applyStrategicMergePatch } from "./strategic-merge-patch";

export { PatchError } from "./patch-error";
export { applyJsonPatch, parsePointer, type JsonPatchOperation } from "./json-patch";
export { applyMergePatch } from "./merge-patch";
export { applyStrategicMergePatch } from "./strategic-merge-patch";
export { patchMetaFor, type PatchMeta, type PatchStrategy } from "./patch-meta";
export {
  FieldSet,
  fieldSetOf,
  fromFieldsV1,
  pathString,
  toFieldsV1,
  type FieldPath,
  type FieldsV1,
  type PathElement,
} from "./field-set";
export {
  encodeManagedFields,
  readManagedFields,
  type ManagedFieldsEntry,
  type ManagedOperation,
  type ManagerFields,
} from "./managed-fields";
export {
  applyServerSide,
  conflictMessage,
  mergeApplied,
  recordUpdate,
  type ApplyResult,
  type Conflict,
} from "./server-side-apply";

export const JSON_PATCH = "application/json-patch+json";
export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
export const APPLY_PATCH = "application/apply-patch+yaml";

export const SUPPORTED_PATCH_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH] as const;

/**
 * Applies a JSON, merge or strategic merge patch to `original` for an object of `kind`.
 * `contentType` may carry parameters (`; charset=utf-8`). Apply patches are not handled here:
 * they need the field manager and go through applyServerSide.
 */
export function applyPatch(contentType: string, original: unknown, patchBody: unknown, kind: string): unknown {
  const type = contentType.split(";")[0].trim().toLowerCase();
  switch (type) {
    case JSON_PATCH:
      return applyJsonPatch(original, patchBody);
    case MERGE_PATCH:
      return applyMergePatch(original, patchBody);
    case STRATEGIC_MERGE_PATCH:
      return applyStrategicMergePatch(original, patchBody, patchMetaFor(kind));
    default:
      throw new PatchError(`unsupported patch type: ${contentType}`);
  }
}
