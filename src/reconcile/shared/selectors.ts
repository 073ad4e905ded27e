import type { LabelSelector } from "../../api/kinds";

export type Labels = Record<string, string> | undefined;

/** metav1.LabelSelectorAsSelector semantics; an empty selector matches everything, a missing one nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (!has || !values.includes(l[req.key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(l[req.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** labels.SelectorFromSet: every key/value of `set` present in `labels` (empty set matches all). */
export function mapMatches(set: Labels, labels: Labels): boolean {
  const l = labels ?? {};
  return Object.entries(set ?? {}).every(([k, v]) => l[k] === v);
}

export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}
