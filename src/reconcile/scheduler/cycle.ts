// What one scheduling attempt computes once for all nodes (the PreFilter results), so the
// per-node filters of InterPodAffinity and PodTopologySpread only look things up.
import type { Namespace, Pod } from "../../api/kinds";
import type { NodeInfo } from "./filter";
import { type AffinityFilterState, interPodAffinityPreFilter } from "./inter-pod-affinity";
import { type SpreadFilterState, topologySpreadPreFilter } from "./topology-spread";

export interface Cycle {
  /** every node with its pods, not only the feasible ones: domains and counts span the cluster */
  all: NodeInfo[];
  namespaces: Namespace[];
  spread?: SpreadFilterState;
  affinity?: AffinityFilterState;
}

export function preFilter(pod: Pod, all: NodeInfo[], namespaces: Namespace[]): Cycle {
  return { all, namespaces, spread: topologySpreadPreFilter(pod, all), affinity: interPodAffinityPreFilter(pod, all, namespaces) };
}
