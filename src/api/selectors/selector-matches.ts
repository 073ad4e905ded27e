// metav1.LabelSelectorAsSelector for the simulation's own matching (controllers, scheduler, netsim):
// a selector that does not compile selects nothing (upstream returns the error and skips), and
// compiled selectors are kept per selector object.
import type { LabelSelector } from "../kinds";
import { fromLabelSelector, isEverything, matchesLabels, nothing, SelectorError, type LabelSelectorRequirementSet } from "./label-selector";

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
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return !!selector && matchesLabels(compile(selector), labels);
}

/** the `{}` selector (deployment's SelectingAll check); a missing selector is not "everything" */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return !!selector && isEverything(compile(selector));
}
