import type { Pod } from "../../api/kinds";
import { parseTime } from "./time";

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

export function isDeleting(obj: { metadata: { deletionTimestamp?: string } }): boolean {
  return !!obj.metadata.deletionTimestamp;
}

/** controller.IsPodActive */
export function isPodActive(pod: Pod): boolean {
  return !isTerminal(pod) && !isDeleting(pod);
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const cond = readyCondition(pod);
  if (cond?.status !== "True") return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(cond.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** ms until a ready pod becomes available, or undefined if that is not pending. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  const cond = readyCondition(pod);
  if (cond?.status !== "True" || minReadySeconds <= 0) return undefined;
  const since = parseTime(cond.lastTransitionTime);
  if (since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

export function readySince(pod: Pod): number | undefined {
  const cond = readyCondition(pod);
  return cond?.status === "True" ? parseTime(cond.lastTransitionTime) : undefined;
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

export function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

export function totalRestarts(pod: Pod): number {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return all.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
}

export function created(obj: { metadata: { creationTimestamp?: string } }): number {
  return parseTime(obj.metadata.creationTimestamp) ?? 0;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePodsWithRanks Less: the pod that sorts first is deleted first
 * (unassigned, pending, not ready, doubled-up on a node, ready recently,
 * restarted more, created recently). `rank` is the count of related pods on the pod's node.
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rank: (p: Pod) => number): number {
  const aAssigned = a.spec?.nodeName ? 1 : 0;
  const bAssigned = b.spec?.nodeName ? 1 : 0;
  if (aAssigned !== bAssigned) return aAssigned - bAssigned;
  const pa = PHASE_RANK[a.status?.phase ?? "Pending"] ?? 0;
  const pb = PHASE_RANK[b.status?.phase ?? "Pending"] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  const ka = rank(a);
  const kb = rank(b);
  if (ka !== kb) return kb - ka;
  if (ra && rb) {
    const sa = readySince(a) ?? 0;
    const sb = readySince(b) ?? 0;
    if (sa !== sb) return sb - sa;
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ca = created(a);
  const cb = created(b);
  if (ca !== cb) return cb - ca;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}
