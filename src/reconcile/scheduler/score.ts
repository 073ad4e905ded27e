// Scores in 0..100 per plugin, summed: least allocated, spreading (pods of the same owner, or the
// pod's own topology spread constraints), PreferNoSchedule taints, preferred node affinity and
// inter-pod affinity.
import type { Pod } from "../../api/kinds";
import { preferredAffinityScore } from "../shared/node-affinity";
import { controllerRef } from "../shared/owners";
import { tolerated } from "../shared/taints";
import type { Cycle } from "./cycle";
import type { NodeInfo } from "./filter";
import { interPodAffinityScores } from "./inter-pod-affinity-score";
import { podRequests, resourceAmount } from "./resources";
import { topologySpreadScores } from "./topology-spread-score";

function leastAllocated(pod: Pod, info: NodeInfo): number {
  const req = podRequests(pod);
  const alloc = info.node.status?.allocatable ?? {};
  let total = 0;
  for (const name of ["cpu", "memory"]) {
    const cap = resourceAmount(alloc[name]);
    if (!cap) continue;
    // non-zero defaults (100m / 200Mi) as the scheduler uses for best-effort pods
    const want = req[name] || (name === "cpu" ? 0.1 : 200 * 2 ** 20);
    const used = (info.requested[name] ?? 0) + want;
    total += used > cap ? 0 : ((cap - used) * 100) / cap;
  }
  return total / 2;
}

function sameOwner(pod: Pod, other: Pod): boolean {
  const a = controllerRef(pod);
  const b = controllerRef(other);
  if (a && b) return a.uid === b.uid;
  return false;
}

export function scoreNodes(pod: Pod, infos: NodeInfo[], cycle?: Cycle): number[] {
  const spread = infos.map((i) => i.pods.filter((p) => p.metadata.namespace === pod.metadata.namespace && sameOwner(pod, p)).length);
  const maxSpread = Math.max(0, ...spread);
  const prefer = infos.map((i) => (i.node.spec?.taints ?? []).filter((t) => t.effect === "PreferNoSchedule" && !tolerated(pod.spec?.tolerations, t)).length);
  const maxPrefer = Math.max(0, ...prefer);
  const affinity = infos.map((i) => preferredAffinityScore(pod.spec ?? { containers: [] }, i.node));
  const maxAffinity = Math.max(0, ...affinity);
  // PodTopologySpread (weight 2): the same-owner spreading above stands in for its system default
  // constraints, which upstream applies only to pods without constraints of their own
  const ownConstraints = !!cycle && (pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
  const topology = ownConstraints ? topologySpreadScores(pod, infos, cycle.all) : undefined;
  // InterPodAffinity (weight 2); undefined when it skips, i.e. adds nothing anywhere
  const podAffinity = cycle ? interPodAffinityScores(pod, infos, cycle.all, cycle.namespaces) : undefined;
  return infos.map((info, i) => {
    let s = leastAllocated(pod, info);
    if (!ownConstraints) s += maxSpread ? ((maxSpread - spread[i]) * 100 * 2) / maxSpread : 200;
    else if (topology) s += topology[i] * 2;
    s += maxPrefer ? ((maxPrefer - prefer[i]) * 100) / maxPrefer : 100;
    s += maxAffinity ? (affinity[i] * 100 * 2) / maxAffinity : 0;
    if (podAffinity) s += podAffinity[i] * 2;
    return s;
  });
}
