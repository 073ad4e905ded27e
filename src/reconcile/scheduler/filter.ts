// Filter plugins in the default profile order; each node reports its first failure.
import type { Node, Pod } from "../../api/kinds";
import { podMatchesNodeSelectorAndAffinity } from "../shared/node-affinity";
import { findUntoleratedTaint, tolerated } from "../shared/taints";
import type { Cycle } from "./cycle";
import { interPodAffinityFilter } from "./inter-pod-affinity";
import { hostPorts, podRequests, resourceAmount, type Requests } from "./resources";
import { topologySpreadFilter } from "./topology-spread";

export interface NodeInfo {
  node: Node;
  pods: Pod[];
  requested: Requests;
}

export interface FilterFailure {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help */
  unresolvable: boolean;
}

export function nodeInfo(node: Node, pods: Pod[]): NodeInfo {
  const requested: Requests = { cpu: 0, memory: 0 };
  for (const p of pods) for (const [k, v] of Object.entries(podRequests(p))) requested[k] = (requested[k] ?? 0) + v;
  return { node, pods, requested };
}

export function filterNode(pod: Pod, info: NodeInfo, cycle?: Cycle): FilterFailure | undefined {
  const { node } = info;
  const spec = pod.spec ?? { containers: [] };
  // NodeUnschedulable
  if (node.spec?.unschedulable && !tolerated(spec.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })) {
    return { reasons: ["node(s) were unschedulable"], unresolvable: true };
  }
  // TaintToleration
  const taint = findUntoleratedTaint(node.spec?.taints, spec.tolerations, ["NoSchedule", "NoExecute"]);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`], unresolvable: true };
  // NodeAffinity
  if (!podMatchesNodeSelectorAndAffinity(spec, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  // NodePorts
  const wanted = hostPorts(pod);
  if (wanted.length) {
    const used = info.pods.flatMap(hostPorts);
    const clash = wanted.some((w) => used.some((u) => u.port === w.port && u.protocol === w.protocol && (u.ip === w.ip || u.ip === "0.0.0.0" || w.ip === "0.0.0.0")));
    if (clash) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  }
  // NodeResourcesFit
  const alloc = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  const maxPods = alloc.pods !== undefined ? resourceAmount(alloc.pods) : 110;
  if (info.pods.length + 1 > maxPods) reasons.push("Too many pods");
  const req = podRequests(pod);
  for (const name of ["cpu", "memory", ...Object.keys(req).filter((k) => k !== "cpu" && k !== "memory").sort()]) {
    const want = req[name] ?? 0;
    if (want === 0) continue;
    const have = resourceAmount(alloc[name]);
    if (want > have - (info.requested[name] ?? 0)) reasons.push(`Insufficient ${name}`);
  }
  if (reasons.length) return { reasons, unresolvable: false };
  // PodTopologySpread, then InterPodAffinity (volume filters run before filterNode)
  const spread = cycle?.spread && topologySpreadFilter(cycle.spread, pod, info);
  if (spread) return spread;
  return cycle?.affinity && interPodAffinityFilter(cycle.affinity, info);
}

/** The FitError text of the 1.31 scheduler, preemption postfilter included. */
export function fitErrorMessage(total: number, failures: FilterFailure[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  const unresolvable = failures.filter((f) => f.unresolvable).length;
  const victims = failures.length - unresolvable;
  const pre: string[] = [];
  if (unresolvable) pre.push(`${unresolvable} Preemption is not helpful for scheduling`);
  if (victims) pre.push(`${victims} No preemption victims found for incoming pod`);
  const head = total === 0 ? "no nodes available to schedule pods" : `0/${total} nodes are available: ${parts.join(", ")}.`;
  if (total === 0) return head;
  return `${head} preemption: 0/${total} nodes are available: ${pre.sort().join(", ")}.`;
}
