// Controllers match with the API server's selector code; these adapters add what a controller
// needs around it: a selector it cannot compile selects nothing (upstream returns the error and
// skips the sync), and compiled selectors are kept per selector object.
import type { LabelSelector } from "../../api/kinds";
import { fromLabelSelector, isEverything, matchesLabels, nothing, selectorFromSet, SelectorError, type LabelSelectorRequirementSet } from "../../api/selectors/label-selector";

export type Labels = Record<string, string> | undefined;

const compiled = new WeakMap<LabelSelector, LabelSelectorRequirementSet>();

function compile(selector: LabelSelector): LabelSelectorRequirementSet {
  let set = compiled.get(selector);
  if (!set) {
    try {
      set = fromLabelSelector(selector);
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
      set = nothing();
    }
    compiled.set(selector, set);
  }
  return set;
}

/** metav1.LabelSelectorAsSelector(...).Matches: an empty selector matches everything, a missing one nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  return !!selector && matchesLabels(compile(selector), labels);
}

/** labels.SelectorFromSet(set).Matches: every key/value of `set` present in `labels` (empty set matches all). */
export function mapMatches(set: Labels, labels: Labels): boolean {
  return matchesLabels(selectorFromSet(set), labels);
}

/** the `{}` selector (deployment's SelectingAll check); a missing selector is not "everything" */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return !!selector && isEverything(compile(selector));
}
