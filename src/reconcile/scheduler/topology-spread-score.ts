// PodTopologySpread score (podtopologyspread/scoring.go) for the pod's ScheduleAnyway constraints:
// fewer matching pods in the node's domains scores higher.
import type { Pod } from "../../api/kinds";
import { nodeLabel } from "./affinity-terms";
import type { NodeInfo } from "./filter";
import { countMatching, HOSTNAME, includesNode, nodeHasAllKeys, spreadConstraints } from "./topology-spread";

const MAX_NODE_SCORE = 100;

/** Normalized 0..100 scores of `feasible`, or undefined when the plugin skips (no soft constraint). */
export function topologySpreadScores(pod: Pod, feasible: NodeInfo[], all: NodeInfo[]): number[] | undefined {
  const cs = spreadConstraints(pod, "ScheduleAnyway");
  if (cs.length === 0 || all.length === 0) return undefined;
  const ns = pod.metadata.namespace;
  // nodes lacking a topology key score 0; domains are those of the remaining candidates
  const ignored = feasible.map((i) => !nodeHasAllKeys(i.node, cs));
  const counts = cs.map(() => new Map<string, number>());
  for (const [n, info] of feasible.entries()) {
    if (ignored[n]) continue;
    cs.forEach((c, i) => {
      // per-node counts for hostname are taken when scoring
      if (c.topologyKey !== HOSTNAME) counts[i].set(info.node.metadata.labels![c.topologyKey], 0);
    });
  }
  const candidates = ignored.filter((x) => !x).length;
  // log(size+2): counts in a topology with few domains are not watered down by bigger ones
  const weights = cs.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? candidates : counts[i].size) + 2));
  for (const { node, pods } of all) {
    if (!nodeHasAllKeys(node, cs)) continue;
    cs.forEach((c, i) => {
      if (!includesNode(c, pod, node)) return;
      const value = node.metadata.labels![c.topologyKey];
      const current = counts[i].get(value);
      if (current !== undefined) counts[i].set(value, current + countMatching(pods, c.selector, ns));
    });
  }
  const raw = feasible.map((info, n) => {
    if (ignored[n]) return 0;
    let score = 0;
    cs.forEach((c, i) => {
      const value = nodeLabel(info.node.metadata.labels, c.topologyKey);
      if (value === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? countMatching(info.pods, c.selector, ns) : counts[i].get(value) ?? 0;
      // maxSkew-1 flattens differences: a larger maxSkew tolerates more skew
      score += cnt * weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  const kept = raw.filter((_, n) => !ignored[n]);
  const min = Math.min(...kept);
  const max = Math.max(0, ...kept);
  return raw.map((s, n) => {
    if (ignored[n]) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return Math.floor((MAX_NODE_SCORE * (max + min - s)) / max);
  });
}
