// InterPodAffinity filter (interpodaffinity/filtering.go): required pod affinity and
// anti-affinity of the incoming pod, and existing pods' required anti-affinity it would break.
import type { Namespace, Pod } from "../../api/kinds";
import { type AffinityTerm, namespaceLabels, nodeLabel, pairKey, requiredTerms, resolveNamespaces, termMatches } from "./affinity-terms";
import type { FilterFailure, NodeInfo } from "./filter";

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

export interface AffinityFilterState {
  affinity: AffinityTerm[];
  anti: AffinityTerm[];
  /** topology pair → existing pods matching all of the incoming pod's affinity terms */
  affinityCounts: Map<string, number>;
  /** topology pair → existing pods matching one of its anti-affinity terms (once per term) */
  antiCounts: Map<string, number>;
  /** topology pair → existing pods' anti-affinity terms that the incoming pod matches */
  existingAntiCounts: Map<string, number>;
  /** the incoming pod matches all its own affinity terms */
  selfMatch: boolean;
}

function bump(counts: Map<string, number>, labels: Record<string, string> | undefined, key: string): void {
  const value = nodeLabel(labels, key);
  if (value === undefined) return;
  const k = pairKey(key, value);
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

const matchesAll = (terms: AffinityTerm[], pod: Pod): boolean => terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined));

/** PreFilter; undefined is its Skip (nothing to check for this pod). */
export function interPodAffinityPreFilter(pod: Pod, all: NodeInfo[], namespaces: Namespace[]): AffinityFilterState | undefined {
  const affinity = requiredTerms(pod, "podAffinity").map((t) => resolveNamespaces(t, namespaces));
  const anti = requiredTerms(pod, "podAntiAffinity").map((t) => resolveNamespaces(t, namespaces));
  const nsLabels = namespaceLabels(namespaces, pod.metadata.namespace);
  const affinityCounts = new Map<string, number>();
  const antiCounts = new Map<string, number>();
  const existingAntiCounts = new Map<string, number>();
  for (const info of all) {
    const labels = info.node.metadata.labels;
    for (const existing of info.pods) {
      for (const t of requiredTerms(existing, "podAntiAffinity")) if (termMatches(t, pod, nsLabels)) bump(existingAntiCounts, labels, t.topologyKey);
      if (matchesAll(affinity, existing)) for (const t of affinity) bump(affinityCounts, labels, t.topologyKey);
      for (const t of anti) if (termMatches(t, existing, undefined)) bump(antiCounts, labels, t.topologyKey);
    }
  }
  if (existingAntiCounts.size === 0 && affinity.length === 0 && anti.length === 0) return undefined;
  return { affinity, anti, affinityCounts, antiCounts, existingAntiCounts, selfMatch: matchesAll(affinity, pod) };
}

function satisfiesAffinity(s: AffinityFilterState, labels: Record<string, string> | undefined): boolean {
  let podsExist = true;
  for (const t of s.affinity) {
    const value = nodeLabel(labels, t.topologyKey);
    // every topology key must be on the node, matching pods or not
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  // the first of a group of pods with affinity to each other: nothing anywhere matches yet,
  // so it may go wherever the topology keys exist as long as it matches its own terms
  return podsExist || (s.affinityCounts.size === 0 && s.selfMatch);
}

function satisfiesAntiAffinity(s: AffinityFilterState, labels: Record<string, string> | undefined): boolean {
  return s.anti.every((t) => {
    const value = nodeLabel(labels, t.topologyKey);
    return value === undefined || (s.antiCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0;
  });
}

function satisfiesExistingAntiAffinity(s: AffinityFilterState, labels: Record<string, string> | undefined): boolean {
  return Object.entries(labels ?? {}).every(([k, v]) => (s.existingAntiCounts.get(pairKey(k, v)) ?? 0) <= 0);
}

export function interPodAffinityFilter(s: AffinityFilterState, info: NodeInfo): FilterFailure | undefined {
  const labels = info.node.metadata.labels;
  // affinity cannot be helped by evicting pods; anti-affinity might be
  if (!satisfiesAffinity(s, labels)) return { reasons: [ERR_AFFINITY], unresolvable: true };
  if (!satisfiesAntiAffinity(s, labels)) return { reasons: [ERR_ANTI_AFFINITY], unresolvable: false };
  if (!satisfiesExistingAntiAffinity(s, labels)) return { reasons: [ERR_EXISTING_ANTI_AFFINITY], unresolvable: false };
  return undefined;
}
