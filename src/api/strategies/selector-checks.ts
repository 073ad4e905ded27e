// The selector rules controllers share: a selector is required, must not be empty, must match the
// template's labels, and (for apps/v1 and batch) never changes after creation.
import type { FieldCause } from "../resource";
import type { LabelSelector } from "../kinds";
import { invalid, required } from "../validation/field-errors";
import { fromLabelSelector, isEverything, matchesLabels, SelectorError, validateLabelSelector, type LabelSelectorRequirementSet } from "../selectors/label-selector";
import { goLabelSelector, goStringMap } from "./go-format";
import { isRec, rec, semanticEqual, strMap, type Json } from "./json";

export const FIELD_IMMUTABLE = "field is immutable";
export const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

export function asLabelSelector(v: unknown): LabelSelector | undefined {
  return isRec(v) ? (v as LabelSelector) : undefined;
}

/** metav1.LabelSelectorAsSelector; null when it cannot be converted. */
export function selectorOf(v: unknown): LabelSelectorRequirementSet | null {
  try {
    return fromLabelSelector(asLabelSelector(v));
  } catch (e) {
    if (e instanceof SelectorError) return null;
    throw e;
  }
}

export function templateLabels(template: Json | undefined): Record<string, string> | undefined {
  return strMap(rec(template?.metadata)?.labels);
}

/** Required, valid and non-empty `spec.selector` (apps/v1 Deployment, ReplicaSet, StatefulSet). */
export function validateRequiredSelector(sel: unknown, path: string, kindWord: string): FieldCause[] {
  if (!isRec(sel)) return [required(path)];
  const causes = validateLabelSelector(asLabelSelector(sel), path);
  const n = Object.keys(rec(sel.matchLabels) ?? {}).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);
  if (n === 0) causes.push(invalid(path, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  return causes;
}

/** The template-labels check of ValidatePodTemplateSpecForReplicaSet: skipped for an everything selector. */
export function validateSelectorMatchesTemplate(sel: unknown, template: Json | undefined, path: string, selectorPath: string): FieldCause[] {
  const s = selectorOf(sel);
  if (!s) return [invalid(selectorPath, goLabelSelector(sel), "invalid label selector")];
  if (isEverything(s)) return [];
  const labels = templateLabels(template);
  return matchesLabels(s, labels) ? [] : [invalid(`${path}.metadata.labels`, goStringMap(labels), SELECTOR_MISMATCH)];
}

export function validateSelectorImmutable(sel: unknown, oldSel: unknown, path: string): FieldCause[] {
  if (semanticEqual(sel, oldSel)) return [];
  return [invalid(path, goLabelSelector(sel) ?? null, FIELD_IMMUTABLE)];
}
