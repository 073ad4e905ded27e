// ValidatePodUpdate: a pod's spec is fixed once created, except for the few fields kubelet can apply in place.
import type { FieldCause } from "../resource";
import { forbidden, invalid, unquoted } from "../validation/field-errors";
import { isRec, num, rec, recs, semanticEqual, type Json } from "./json";

export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
  "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

const goFieldName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);

/** A short go-cmp-like rendering of what changed, one top-level field per line pair. */
function specDiff(next: Json, prev: Json): string {
  const keys = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort();
  const lines = ["  core.PodSpec{"];
  for (const k of keys) {
    if (semanticEqual(next[k], prev[k])) continue;
    if (prev[k] !== undefined) lines.push(`- \t${goFieldName(k)}: ${JSON.stringify(prev[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${goFieldName(k)}: ${JSON.stringify(next[k])},`);
  }
  lines.push("  }");
  return lines.join("\n");
}

function copyImages(target: unknown, source: unknown): void {
  const t = recs(target);
  const s = recs(source);
  t.forEach((c, i) => {
    if (i < s.length) c.image = s[i].image;
  });
}

function tolerationKey(t: Json): string {
  const { tolerationSeconds: _ignored, ...rest } = t;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}

/** Old tolerations must all survive (only tolerationSeconds may shrink); new ones may be added. */
function tolerationsOnlyAdded(next: unknown, prev: unknown): boolean {
  const remaining = recs(next).map(tolerationKey);
  for (const t of recs(prev)) {
    const idx = remaining.indexOf(tolerationKey(t));
    if (idx < 0) return false;
    remaining.splice(idx, 1);
  }
  return true;
}

export function validatePodUpdate(pod: Json, old: Json): FieldCause[] {
  const causes: FieldCause[] = [];
  const spec = rec(pod.spec) ?? {};
  const oldSpec = rec(old.spec) ?? {};
  const newDeadline = num(spec.activeDeadlineSeconds);
  const oldDeadline = num(oldSpec.activeDeadlineSeconds);
  if (oldDeadline !== undefined) {
    if (newDeadline === undefined) causes.push(invalid("spec.activeDeadlineSeconds", unquoted("null"), "must not update from a positive integer to nil value"));
    else if (newDeadline > oldDeadline) causes.push(invalid("spec.activeDeadlineSeconds", newDeadline, `must be less than or equal to previous value`));
  }
  const mutable = structuredClone(spec);
  copyImages(mutable.containers, oldSpec.containers);
  copyImages(mutable.initContainers, oldSpec.initContainers);
  mutable.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (oldSpec.activeDeadlineSeconds === undefined) delete mutable.activeDeadlineSeconds;
  if (tolerationsOnlyAdded(spec.tolerations, oldSpec.tolerations)) {
    if (oldSpec.tolerations === undefined) delete mutable.tolerations;
    else mutable.tolerations = oldSpec.tolerations;
  }
  const oldGrace = num(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && num(spec.terminationGracePeriodSeconds) === 1) {
    mutable.terminationGracePeriodSeconds = oldGrace;
  }
  if (!semanticEqual(mutable, oldSpec)) {
    causes.push(forbidden("spec", `${POD_UPDATE_FORBIDDEN}\n${specDiff(isRec(mutable) ? mutable : {}, oldSpec)}`));
  }
  return causes;
}
