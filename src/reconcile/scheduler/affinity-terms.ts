// PodAffinityTerm as the scheduler evaluates it (framework.AffinityTerm): the namespaces it covers
// and its selector, with matchLabelKeys/mismatchLabelKeys folded in.
import type { LabelSelector, Namespace, Pod } from "../../api/kinds";
import type { IPodAffinityTerm } from "kubernetes-models/v1/PodAffinityTerm";
import { type Labels, selectorMatches, selectsEverything } from "../shared/selectors";

export interface AffinityTerm {
  selector: LabelSelector | undefined;
  topologyKey: string;
  namespaces: Set<string>;
  namespaceSelector: LabelSelector | undefined;
  /** the preferred term's weight; 0 for required terms */
  weight: number;
}

type Kind = "podAffinity" | "podAntiAffinity";

/**
 * The 1.31 API server folds matchLabelKeys/mismatchLabelKeys into the selector when the pod is
 * created; this store does not, so the scheduler does it. Repeating it on an already folded
 * selector adds the same requirement again, which changes nothing.
 */
function foldLabelKeys(term: IPodAffinityTerm, podLabels: Labels): LabelSelector | undefined {
  const sel = term.labelSelector;
  // a missing selector matches nothing whatever is added (upstream leaves it alone too)
  if (!sel) return sel;
  const extra: Array<{ key: string; operator: string; values: string[] }> = [];
  const has = (k: string): boolean => !!podLabels && Object.prototype.hasOwnProperty.call(podLabels, k);
  for (const key of term.matchLabelKeys ?? []) if (has(key)) extra.push({ key, operator: "In", values: [podLabels![key]] });
  for (const key of term.mismatchLabelKeys ?? []) if (has(key)) extra.push({ key, operator: "NotIn", values: [podLabels![key]] });
  if (extra.length === 0) return sel;
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

function affinityTerm(pod: Pod, term: IPodAffinityTerm, weight: number): AffinityTerm {
  const names = term.namespaces ?? [];
  // neither namespaces nor namespaceSelector: the owning pod's namespace only
  const namespaces = new Set(names.length === 0 && !term.namespaceSelector ? [pod.metadata.namespace ?? ""] : names);
  return { selector: foldLabelKeys(term, pod.metadata.labels), topologyKey: term.topologyKey, namespaces, namespaceSelector: term.namespaceSelector, weight };
}

export function requiredTerms(pod: Pod, kind: Kind): AffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t, 0));
}

export function preferredTerms(pod: Pod, kind: Kind): AffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => affinityTerm(pod, w.podAffinityTerm, w.weight));
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: the incoming pod's namespaceSelector is resolved once
 * against the namespaces that exist; `{}` stays as it is and so covers every namespace.
 */
export function resolveNamespaces(term: AffinityTerm, namespaces: Namespace[]): AffinityTerm {
  const sel = term.namespaceSelector;
  if (!sel || selectsEverything(sel)) return term;
  const names = new Set(term.namespaces);
  for (const ns of namespaces) if (selectorMatches(sel, ns.metadata.labels)) names.add(ns.metadata.name!);
  return { ...term, namespaces: names, namespaceSelector: undefined };
}

/** AffinityTerm.Matches; `nsLabels` are the labels of `pod`'s namespace, read only by a namespaceSelector. */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  const inNamespace = term.namespaces.has(pod.metadata.namespace ?? "") || (!!term.namespaceSelector && selectorMatches(term.namespaceSelector, nsLabels));
  return inNamespace && selectorMatches(term.selector, pod.metadata.labels);
}

export function namespaceLabels(namespaces: Namespace[], name: string | undefined): Labels {
  return namespaces.find((n) => n.metadata.name === name)?.metadata.labels;
}

/** key of a topology pair (label key and value); NUL cannot occur in either */
export const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;

export function nodeLabel(labels: Labels, key: string): string | undefined {
  return labels && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}
