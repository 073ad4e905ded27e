// default-scheduler for one pod: filter, score, bind (see issue 3 "Scheduler").
import type { Namespace, Node, PersistentVolumeClaim, Pod, StorageClass } from "../../api/kinds";
import type { Action, ReconcileContext, ReconcileResult, Reconciler } from "../types";
import { clone } from "../shared/clone";
import { setCondition } from "../shared/conditions";
import { event } from "../shared/events";
import { isTerminal } from "../shared/pods";
import { rfc3339 } from "../shared/time";
import { preFilter } from "./cycle";
import { type FilterFailure, filterNode, fitErrorMessage, type NodeInfo, nodeInfo } from "./filter";
import { scoreNodes } from "./score";

const COMPONENT = "default-scheduler";
export const SELECTED_NODE = "volume.kubernetes.io/selected-node";
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

export function needsScheduling(pod: Pod): boolean {
  const name = pod.spec?.schedulerName ?? "default-scheduler";
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && !isTerminal(pod) && name === "default-scheduler";
}

function nodeInfos(ctx: ReconcileContext): NodeInfo[] {
  const byNode = new Map<string, Pod[]>();
  for (const p of ctx.view.list<Pod>("/pods")) {
    if (!p.spec?.nodeName || isTerminal(p)) continue;
    const list = byNode.get(p.spec.nodeName) ?? [];
    list.push(p);
    byNode.set(p.spec.nodeName, list);
  }
  return ctx.view
    .list<Node>("/nodes")
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((n) => nodeInfo(n, byNode.get(n.metadata.name!) ?? []));
}

/** VolumeBinding prefilter: claims must exist, and immediate ones must be bound. */
function volumeCheck(ctx: ReconcileContext, pod: Pod): { error?: string; waiting: PersistentVolumeClaim[] } {
  const waiting: PersistentVolumeClaim[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const pvc = ctx.view.get<PersistentVolumeClaim>("/persistentvolumeclaims", pod.metadata.namespace, claimName);
    if (!pvc) return { error: `persistentvolumeclaim "${claimName}" not found`, waiting };
    if (pvc.metadata.deletionTimestamp) return { error: `persistentvolumeclaim "${claimName}" is being deleted`, waiting };
    if (pvc.spec?.volumeName) continue;
    const cls = pvc.spec?.storageClassName ? ctx.view.get<StorageClass>("storage.k8s.io/storageclasses", undefined, pvc.spec.storageClassName) : undefined;
    if (cls?.volumeBindingMode === "WaitForFirstConsumer") waiting.push(pvc);
    else return { error: "pod has unbound immediate PersistentVolumeClaims", waiting };
  }
  return { waiting };
}

function podScheduledCondition(ctx: ReconcileContext, pod: Pod, status: "True" | "False", reason?: string, message?: string) {
  const c: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string } = { type: "PodScheduled", status, lastTransitionTime: rfc3339(ctx.now) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return setCondition(pod.status?.conditions as typeof c[] | undefined, c);
}

function fail(ctx: ReconcileContext, pod: Pod, message: string): ReconcileResult {
  const status = { ...(pod.status ?? {}), phase: pod.status?.phase ?? "Pending", conditions: podScheduledCondition(ctx, pod, "False", "Unschedulable", message) };
  const actions: Action[] = [
    { type: "updateStatus", resource: "/pods", object: { ...clone(pod), status } as Pod },
    event(pod, COMPONENT, "FailedScheduling", message, "Warning"),
  ];
  // node, pod and claim changes retry a pending pod at once (reconcile keys); otherwise the
  // scheduler's queue flushes it back after podMaxInUnschedulablePodsDuration
  return { actions, requeueAfterMs: UNSCHEDULABLE_RETRY_MS };
}

export const reconcileScheduler: Reconciler = (ctx, key) => {
  const pod = ctx.view.get<Pod>("/pods", key.namespace, key.name);
  if (!pod || !needsScheduling(pod)) return { actions: [] };
  const infos = nodeInfos(ctx);
  const vol = volumeCheck(ctx, pod);
  if (vol.error) {
    const n = infos.length;
    return fail(ctx, pod, n ? `0/${n} nodes are available: ${vol.error}. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.` : vol.error);
  }
  const cycle = preFilter(pod, infos, ctx.view.list<Namespace>("/namespaces"));
  const feasible: NodeInfo[] = [];
  const failures: FilterFailure[] = [];
  for (const info of infos) {
    const f = filterNode(pod, info, cycle);
    if (f) failures.push(f);
    else feasible.push(info);
  }
  if (feasible.length === 0) return fail(ctx, pod, fitErrorMessage(infos.length, failures));
  const scores = scoreNodes(pod, feasible, cycle);
  const best = Math.max(...scores);
  const top = feasible.filter((_, i) => scores[i] === best);
  const chosen = top[Math.floor(ctx.random() * top.length) % top.length].node.metadata.name!;
  const bound = clone(pod);
  bound.spec = { ...bound.spec!, nodeName: chosen };
  const actions: Action[] = [];
  for (const pvc of vol.waiting) {
    const copy = clone(pvc);
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [SELECTED_NODE]: chosen };
    actions.push({ type: "update", resource: "/persistentvolumeclaims", object: copy });
  }
  // Binding: the contract has no bind action yet, so spec.nodeName is set by an update.
  actions.push({ type: "update", resource: "/pods", object: bound });
  actions.push({ type: "updateStatus", resource: "/pods", object: { ...bound, status: { ...(pod.status ?? {}), phase: pod.status?.phase ?? "Pending", conditions: podScheduledCondition(ctx, pod, "True") } } as Pod });
  actions.push(event(pod, COMPONENT, "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen}`));
  return { actions };
};
