// PodTopologySpread filter (podtopologyspread/{common,filtering}.go) for the pod's own
// DoNotSchedule constraints. The cluster-level default constraints are not applied here.
import type { LabelSelector, Node, Pod } from "../../api/kinds";
import { podMatchesNodeSelectorAndAffinity } from "../shared/node-affinity";
import { selectorMatches, selectsEverything } from "../shared/selectors";
import { findUntoleratedTaint } from "../shared/taints";
import { nodeLabel } from "./affinity-terms";
import type { FilterFailure, NodeInfo } from "./filter";

export const ERR_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_SPREAD_LABEL = `${ERR_SPREAD} (missing required label)`;
export const HOSTNAME = "kubernetes.io/hostname";
const MAX_INT32 = 2 ** 31 - 1;

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector | undefined;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

/** filterTopologySpreadConstraints: the pod's constraints for one whenUnsatisfiable, with API defaults. */
export function spreadConstraints(pod: Pod, action: "DoNotSchedule" | "ScheduleAnyway"): SpreadConstraint[] {
  const labels = pod.metadata.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      let selector = c.labelSelector;
      // matchLabelKeys: the scheduler (1.31) ANDs the pod's values for those keys into the selector
      const keys = (c.matchLabelKeys ?? []).filter((k) => Object.prototype.hasOwnProperty.call(labels, k));
      if (selector && keys.length) selector = { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...keys.map((key) => ({ key, operator: "In", values: [labels[key]] }))] };
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        honorAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
        honorTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
      };
    });
}

export function nodeHasAllKeys(node: Node, cs: SpreadConstraint[]): boolean {
  return cs.every((c) => nodeLabel(node.metadata.labels, c.topologyKey) !== undefined);
}

/** matchNodeInclusionPolicies: whether the node's pods count towards this constraint's domains. */
export function includesNode(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  const spec = pod.spec ?? { containers: [] };
  if (c.honorAffinity && !podMatchesNodeSelectorAndAffinity(spec, node)) return false;
  if (c.honorTaints && findUntoleratedTaint(node.spec?.taints, spec.tolerations, ["NoSchedule", "NoExecute"])) return false;
  return true;
}

/** countPodsMatchSelector: same namespace, not terminating; an empty selector counts nothing. */
export function countMatching(pods: Pod[], selector: LabelSelector | undefined, namespace: string | undefined): number {
  if (selectsEverything(selector)) return 0;
  return pods.filter((p) => !p.metadata.deletionTimestamp && p.metadata.namespace === namespace && selectorMatches(selector, p.metadata.labels)).length;
}

export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** per constraint: topology value → matching pods, for every eligible domain (0 included) */
  counts: Array<Map<string, number>>;
}

/** PreFilter; undefined is its Skip (no DoNotSchedule constraint). */
export function topologySpreadPreFilter(pod: Pod, all: NodeInfo[]): SpreadFilterState | undefined {
  const constraints = spreadConstraints(pod, "DoNotSchedule");
  if (constraints.length === 0) return undefined;
  const counts = constraints.map(() => new Map<string, number>());
  for (const { node, pods } of all) {
    if (!nodeHasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!includesNode(c, pod, node)) return;
      const value = node.metadata.labels![c.topologyKey];
      counts[i].set(value, (counts[i].get(value) ?? 0) + countMatching(pods, c.selector, pod.metadata.namespace));
    });
  }
  return { constraints, counts };
}

export function topologySpreadFilter(s: SpreadFilterState, pod: Pod, info: NodeInfo): FilterFailure | undefined {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const value = nodeLabel(info.node.metadata.labels, c.topologyKey);
    if (value === undefined) return { reasons: [ERR_SPREAD_LABEL], unresolvable: true };
    const domains = s.counts[i];
    // with fewer eligible domains than minDomains the global minimum is taken as 0
    const min = domains.size < c.minDomains ? 0 : Math.min(MAX_INT32, ...domains.values());
    const self = selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
    if ((domains.get(value) ?? 0) + self - min > c.maxSkew) return { reasons: [ERR_SPREAD], unresolvable: false };
  }
  return undefined;
}
