import type { Node, PodSpec } from "../../api/kinds";

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}
interface Term {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

function requirementMatches(req: Requirement, get: (key: string) => string | undefined): boolean {
  const value = get(req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      if (value === undefined || values.length !== 1) return false;
      const have = Number.parseInt(value, 10);
      const want = Number.parseInt(values[0], 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return req.operator === "Gt" ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A NodeSelectorTerm: all expressions and fields match; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: Term, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const byLabel = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
  const byField = (k: string): string | undefined => (k === "metadata.name" ? node.metadata.name : undefined);
  return exprs.every((r) => requirementMatches(r, byLabel)) && fields.every((r) => requirementMatches(r, byField));
}

/** nodeSelector and required node affinity terms (ORed), as the NodeAffinity filter plugin checks. */
export function podMatchesNodeSelectorAndAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = required.nodeSelectorTerms ?? [];
    if (!terms.some((t) => nodeSelectorTermMatches(t, node))) return false;
  }
  return true;
}

/** Sum of weights of matching preferred node affinity terms. */
export function preferredAffinityScore(spec: PodSpec, node: Node): number {
  let score = 0;
  for (const pref of spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (pref.preference && nodeSelectorTermMatches(pref.preference, node)) score += pref.weight;
  }
  return score;
}
