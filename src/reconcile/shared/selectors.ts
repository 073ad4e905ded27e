// Controllers match with the API server's selector code (src/api/selectors/selector-matches.ts).
import { matchesLabels, selectorFromSet } from "../../api/selectors/label-selector";

export { selectorMatches, selectsEverything } from "../../api/selectors/selector-matches";

export type Labels = Record<string, string> | undefined;

/** labels.SelectorFromSet(set).Matches: every key/value of `set` present in `labels` (empty set matches all). */
export function mapMatches(set: Labels, labels: Labels): boolean {
  return matchesLabels(selectorFromSet(set), labels);
}
