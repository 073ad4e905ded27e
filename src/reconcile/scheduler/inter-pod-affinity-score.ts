// InterPodAffinity score (interpodaffinity/scoring.go): preferred terms of the incoming pod, and
// existing pods' required affinity (hardPodAffinityWeight 1) and preferred terms it matches.
import type { Namespace, Pod } from "../../api/kinds";
import type { Labels } from "../shared/selectors";
import { type AffinityTerm, namespaceLabels, nodeLabel, preferredTerms, requiredTerms, resolveNamespaces, termMatches } from "./affinity-terms";
import type { NodeInfo } from "./filter";

const HARD_POD_AFFINITY_WEIGHT = 1;
const MAX_NODE_SCORE = 100;

/** topology key → value → summed weight */
type ScoreMap = Map<string, Map<string, number>>;

function add(m: ScoreMap, terms: AffinityTerm[], target: Pod, nsLabels: Labels, nodeLabels: Record<string, string>, sign: number): void {
  for (const t of terms) {
    if (!termMatches(t, target, nsLabels)) continue;
    const value = nodeLabel(nodeLabels, t.topologyKey);
    if (value === undefined) continue;
    const byValue = m.get(t.topologyKey) ?? new Map<string, number>();
    byValue.set(value, (byValue.get(value) ?? 0) + t.weight * sign);
    m.set(t.topologyKey, byValue);
  }
}

/** Normalized 0..100 scores of `feasible`, or undefined when the plugin skips (no term applies anywhere). */
export function interPodAffinityScores(pod: Pod, feasible: NodeInfo[], all: NodeInfo[], namespaces: Namespace[]): number[] | undefined {
  const affinity = preferredTerms(pod, "podAffinity").map((t) => resolveNamespaces(t, namespaces));
  const anti = preferredTerms(pod, "podAntiAffinity").map((t) => resolveNamespaces(t, namespaces));
  const nsLabels = namespaceLabels(namespaces, pod.metadata.namespace);
  const scores: ScoreMap = new Map();
  for (const info of all) {
    const labels = info.node.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) continue;
    for (const existing of info.pods) {
      // the incoming pod's terms already hold their namespaces, so no namespace labels
      add(scores, affinity, existing, undefined, labels, 1);
      add(scores, anti, existing, undefined, labels, -1);
      const hard = requiredTerms(existing, "podAffinity").map((t) => ({ ...t, weight: HARD_POD_AFFINITY_WEIGHT }));
      add(scores, hard, pod, nsLabels, labels, 1);
      add(scores, preferredTerms(existing, "podAffinity"), pod, nsLabels, labels, 1);
      add(scores, preferredTerms(existing, "podAntiAffinity"), pod, nsLabels, labels, -1);
    }
  }
  if (scores.size === 0) return undefined;
  const raw = feasible.map((info) => {
    let sum = 0;
    for (const [key, byValue] of scores) {
      const value = nodeLabel(info.node.metadata.labels, key);
      if (value !== undefined) sum += byValue.get(value) ?? 0;
    }
    return sum;
  });
  const min = Math.min(...raw);
  const diff = Math.max(...raw) - min;
  // float64(MaxNodeScore) * (float64(s-min) / float64(diff)), truncated: same order, same rounding
  return raw.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}
