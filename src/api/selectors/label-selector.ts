// Label selectors: the `?labelSelector=` string form and the metav1.LabelSelector object form
// (matchLabels + matchExpressions) share one matcher, as in the API server.
import type { FieldCause } from "../resource";
import type { LabelSelector } from "../kinds";
import { forbidden, invalid, required } from "../validation/field-errors";
import { isValidLabelValue, validateLabelName, validateLabels } from "../validation/names";
import { compareGoStrings, newRequirement, requirementMatches, requirementToString, type Requirement, type SelectorOperator } from "./label-requirement";
import { parseRequirements } from "./label-selector-parser";
import { SelectorError } from "./selector-error";

export { SelectorError } from "./selector-error";
export type { Requirement, SelectorOperator } from "./label-requirement";

export interface LabelSelectorRequirementSet {
  /** ANDed, sorted by key */
  requirements: Requirement[];
  /** labels.Nothing(): what a null LabelSelector converts to */
  matchesNothing: boolean;
}

export const everything = (): LabelSelectorRequirementSet => ({ requirements: [], matchesNothing: false });
export const nothing = (): LabelSelectorRequirementSet => ({ requirements: [], matchesNothing: true });

/** labels.Parse. Throws SelectorError with the server's text; "" selects everything. */
export function parseLabelSelector(s: string): LabelSelectorRequirementSet {
  return { requirements: parseRequirements(s), matchesNothing: false };
}

export function matchesLabels(sel: LabelSelectorRequirementSet, labels: Record<string, string> | undefined | null): boolean {
  if (sel.matchesNothing) return false;
  const set = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, set));
}

export function isEverything(sel: LabelSelectorRequirementSet): boolean {
  return !sel.matchesNothing && sel.requirements.length === 0;
}

const sortByKey = (reqs: Requirement[]): Requirement[] =>
  reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareGoStrings(a.r.key, b.r.key) || a.i - b.i)
    .map((x) => x.r);

/** labels.SelectorFromSet: a Service/RC `selector` map; nil or empty selects everything. */
export function selectorFromSet(set: Record<string, string> | undefined | null): LabelSelectorRequirementSet {
  const reqs = Object.entries(set ?? {}).map(([key, value]): Requirement => ({ key, operator: "=", values: [value] }));
  return { requirements: sortByKey(reqs), matchesNothing: false };
}

const operatorOf: Record<string, SelectorOperator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/**
 * metav1.LabelSelectorAsSelector: null/undefined matches nothing, `{}` matches everything.
 * Throws SelectorError for an unknown operator or a requirement NewRequirement rejects.
 */
export function fromLabelSelector(ls: LabelSelector | null | undefined): LabelSelectorRequirementSet {
  if (ls === null || ls === undefined) return nothing();
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, "=", [v]));
  for (const e of exprs) {
    const op = Object.prototype.hasOwnProperty.call(operatorOf, e.operator) ? operatorOf[e.operator] : undefined;
    if (!op) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, [...(e.values ?? [])]));
  }
  return { requirements: sortByKey(reqs), matchesNothing: false };
}

/** Selector.String(): requirements joined by ",", "" for everything and for nothing. */
export function selectorToString(sel: LabelSelectorRequirementSet): string {
  if (sel.matchesNothing) return "";
  return sel.requirements.map(requirementToString).join(",");
}

/** The string a Scale subresource's status.selector carries: `app=nginx,tier in (a,b)`. */
export function labelSelectorToString(ls: LabelSelector | null | undefined): string {
  return selectorToString(fromLabelSelector(ls));
}

/** metav1.FormatLabelSelector, used by printers (SELECTOR column, describe): `<none>` when empty. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorToString(ls);
  } catch (e) {
    if (e instanceof SelectorError) return "<error>";
    throw e;
  }
  return s.length === 0 ? "<none>" : s;
}

/** metav1validation.ValidateLabelSelector (new objects: values are checked as label values too). */
export function validateLabelSelector(ls: LabelSelector | null | undefined, fieldPath: string): FieldCause[] {
  if (ls === null || ls === undefined) return [];
  const causes = validateLabels(ls.matchLabels, `${fieldPath}.matchLabels`);
  (ls.matchExpressions ?? []).forEach((e, i) => {
    const p = `${fieldPath}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) causes.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) causes.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        causes.push(invalid(`${p}.operator`, e.operator, "not a valid selector operator"));
    }
    causes.push(...validateLabelName(e.key, `${p}.key`));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) causes.push(invalid(`${p}.values[${j}]`, v, msg));
    });
  });
  return causes;
}
