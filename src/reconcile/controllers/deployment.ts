// Deployment controller (pkg/controller/deployment): one ReplicaSet per pod
// template, rolling/recreate rollouts, proportional scaling, revisions, conditions.
import type { Deployment, LabelSelector, Pod, ReplicaSet } from "../../api/kinds";
import type { Action, ReconcileContext, Reconciler } from "../types";
import { clone } from "../shared/clone";
import { type Condition, findCondition, removeCondition } from "../shared/conditions";
import { sameContent } from "../shared/diff";
import { OMIT_ZERO, omitZero } from "../shared/status";
import { event } from "../shared/events";
import { controllerRef, newControllerRef } from "../shared/owners";
import { isDeleting } from "../shared/pods";
import { selectorMatches, selectsEverything } from "../shared/selectors";
import { parseTime, rfc3339 } from "../shared/time";
import {
  byCreation,
  DESIRED_REPLICAS,
  HASH_LABEL,
  isRollingUpdate,
  MAX_REPLICAS,
  maxRevision,
  maxSurge,
  maxUnavailable,
  podTemplateHash,
  REVISION,
  replicasOf,
  revisionOf,
  rsReplicas,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  templatesEqualIgnoringHash,
} from "./deployment-util";

const COMPONENT = "deployment-controller";
const RS = "apps/replicasets";
type DStatus = NonNullable<Deployment["status"]>;
type DCondition = NonNullable<DStatus["conditions"]>[number];

/** Working state of one sync: RS copies written once at the end, one status write. */
class Sync {
  readonly actions: Action[] = [];
  readonly dirty = new Set<ReplicaSet>();
  readonly creates = new Set<ReplicaSet>();
  readonly deletes: ReplicaSet[] = [];
  status: DStatus;
  revision: string | undefined;
  requeueAfterMs: number | undefined;
  constructor(
    readonly ctx: ReconcileContext,
    readonly d: Deployment,
    readonly rsList: ReplicaSet[],
  ) {
    this.status = clone(d.status ?? {});
    this.revision = d.metadata.annotations?.[REVISION];
  }
  cond(type: string, status: string, reason: string, message: string): DCondition {
    const t = rfc3339(this.ctx.now);
    return { type, status, reason, message, lastUpdateTime: t, lastTransitionTime: t };
  }
  /** SetDeploymentCondition: no-op if status and reason are unchanged. */
  setCond(c: DCondition): void {
    const cur = findCondition(this.status.conditions as Condition[] | undefined, c.type);
    if (cur && cur.status === c.status && cur.reason === c.reason) return;
    if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
    this.status.conditions = [...removeCondition(this.status.conditions as Condition[] | undefined, c.type), c] as DCondition[];
  }
  event(reason: string, message: string, type: "Normal" | "Warning" = "Normal"): void {
    this.actions.push(event(this.d, COMPONENT, reason, message, type));
  }
}

function claimReplicaSets(s: Sync): ReplicaSet[] {
  const { d, ctx } = s;
  const out: ReplicaSet[] = [];
  for (const stored of ctx.view.list<ReplicaSet>(RS, d.metadata.namespace)) {
    const ref = controllerRef(stored);
    const matches = selectorMatches(d.spec?.selector as LabelSelector | undefined, stored.metadata.labels);
    if (ref) {
      if (ref.uid === d.metadata.uid) out.push(clone(stored));
      continue;
    }
    if (!matches || isDeleting(d) || isDeleting(stored)) continue;
    const rs = clone(stored);
    rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), newControllerRef(d, "apps/v1", "Deployment")];
    s.dirty.add(rs);
    out.push(rs);
  }
  return out;
}

function findNewReplicaSet(d: Deployment, list: ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreation).find((rs) => templatesEqualIgnoringHash(rs.spec?.template, d.spec?.template));
}

/** getAllReplicaSetsAndSyncRevisions */
function getAll(s: Sync, create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const { d } = s;
  const existing = findNewReplicaSet(d, s.rsList);
  const oldRSs = s.rsList.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    if (setNewReplicaSetAnnotations(d, existing, newRevision, true)) s.dirty.add(existing);
    s.revision = existing.metadata.annotations?.[REVISION];
    if (!findCondition(s.status.conditions as Condition[] | undefined, "Progressing") && hasProgressDeadline(d)) {
      s.setCond(s.cond("Progressing", "True", "FoundNewReplicaSet", `Found new replica set "${existing.metadata.name}"`));
    }
    return { newRS: existing, oldRSs };
  }
  if (!create) return { oldRSs };
  const hash = podTemplateHash(d.spec?.template, s.status.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  const clash = s.ctx.view.get<ReplicaSet>(RS, d.metadata.namespace, name);
  if (clash) {
    // Same name, different template: bump collisionCount so the next hash differs.
    s.status.collisionCount = (s.status.collisionCount ?? 0) + 1;
    s.requeueAfterMs = 0;
    return { oldRSs };
  }
  const template = clone(d.spec?.template ?? {});
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
  const selector = clone((d.spec?.selector ?? {}) as LabelSelector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d, "apps/v1", "Deployment")],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  rs.spec!.replicas = newRSNewReplicas(d, oldRSs, rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  s.creates.add(rs);
  s.rsList.push(rs);
  s.revision = String(newRevision);
  if (rsReplicas(rs) > 0) s.event("ScalingReplicaSet", `Scaled up replica set ${name} to ${rsReplicas(rs)} from 0`);
  if (hasProgressDeadline(d)) s.setCond(s.cond("Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${name}"`));
  return { newRS: rs, oldRSs };
}

function hasProgressDeadline(d: Deployment): boolean {
  const v = d.spec?.progressDeadlineSeconds ?? 600;
  return v !== 2147483647;
}

const sum = (list: ReplicaSet[], f: (rs: ReplicaSet) => number): number => list.reduce((a, rs) => a + f(rs), 0);
const active = (list: ReplicaSet[]): ReplicaSet[] => list.filter((rs) => rsReplicas(rs) > 0);

/** NewRSNewReplicas */
function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = sum([...allRSs.filter((r) => r !== newRS), newRS], rsReplicas);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}

/** scaleReplicaSetAndRecordEvent */
function scaleRS(s: Sync, rs: ReplicaSet, to: number): boolean {
  const from = rsReplicas(rs);
  const sizeChange = from !== to;
  const annChange = setReplicasAnnotations(rs, replicasOf(s.d), replicasOf(s.d) + maxSurge(s.d));
  if (!sizeChange && !annChange) return false;
  rs.spec!.replicas = to;
  if (!s.creates.has(rs)) s.dirty.add(rs);
  if (sizeChange) s.event("ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} to ${to} from ${from}`);
  return sizeChange;
}

function reconcileNewReplicaSet(s: Sync, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const want = replicasOf(s.d);
  if (rsReplicas(newRS) === want) return false;
  if (rsReplicas(newRS) > want) return scaleRS(s, newRS, want);
  return scaleRS(s, newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

const available = (rs: ReplicaSet): number => rs.status?.availableReplicas ?? 0;

function reconcileOldReplicaSets(s: Sync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sum(oldRSs, rsReplicas) === 0) return false;
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicas(newRS) - available(newRS);
  const maxScaledDown = sum(allRSs, rsReplicas) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: old pods that are not available go first.
  let cleaned = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    if (rsReplicas(rs) === 0 || rsReplicas(rs) === available(rs)) continue;
    const down = Math.min(maxScaledDown - cleaned, rsReplicas(rs) - available(rs));
    scaleRS(s, rs, rsReplicas(rs) - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const all = [...oldRSs, newRS];
  const avail = sum(all, available);
  let scaledDown = 0;
  if (avail > minAvailable) {
    const total = avail - minAvailable;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (scaledDown >= total) break;
      if (rsReplicas(rs) === 0) continue;
      const down = Math.min(rsReplicas(rs), total - scaledDown);
      scaleRS(s, rs, rsReplicas(rs) - down);
      scaledDown += down;
    }
  }
  return cleaned + scaledDown > 0;
}

function calculateStatus(s: Sync, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): DStatus {
  const { d } = s;
  const avail = sum(allRSs, available);
  const total = sum(allRSs, rsReplicas);
  const st: DStatus = {
    ...s.status,
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum(allRSs, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRS ? newRS.status?.replicas ?? 0 : 0,
    readyReplicas: sum(allRSs, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: avail,
    unavailableReplicas: Math.max(0, total - avail),
  };
  s.status = st;
  if (avail >= replicasOf(d) - maxUnavailable(d)) {
    s.setCond(s.cond("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
  } else {
    s.setCond(s.cond("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
  }
  return s.status;
}

function deploymentComplete(d: Deployment, st: DStatus): boolean {
  const want = replicasOf(d);
  return st.updatedReplicas === want && st.replicas === want && st.availableReplicas === want && (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

function syncRolloutStatus(s: Sync, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const { d, ctx } = s;
  const st = calculateStatus(s, allRSs, newRS);
  if (!hasProgressDeadline(d)) {
    st.conditions = removeCondition(st.conditions as Condition[] | undefined, "Progressing") as DCondition[];
    return;
  }
  const cur = findCondition(st.conditions as Condition[] | undefined, "Progressing");
  const isComplete = st.replicas === st.updatedReplicas && cur?.reason === "NewReplicaSetAvailable";
  if (isComplete) return;
  const old = d.status ?? {};
  const rsName = newRS?.metadata.name;
  if (deploymentComplete(d, st)) {
    const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
    s.setCond(s.cond("Progressing", "True", "NewReplicaSetAvailable", msg));
    return;
  }
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  const progressing =
    (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
  const deadlineMs = (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
  if (progressing) {
    const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
    const c = s.cond("Progressing", "True", "ReplicaSetUpdated", msg);
    if (cur?.status === "True") c.lastTransitionTime = cur.lastTransitionTime;
    st.conditions = [...removeCondition(st.conditions as Condition[] | undefined, "Progressing"), c] as DCondition[];
    s.requeueAfterMs = deadlineMs;
    return;
  }
  if (cur && cur.reason !== "ProgressDeadlineExceeded" && cur.reason !== "NewReplicaSetAvailable") {
    const since = parseTime(cur.lastUpdateTime) ?? ctx.now;
    if (since + deadlineMs < ctx.now) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      s.setCond(s.cond("Progressing", "False", "ProgressDeadlineExceeded", msg));
    } else if (!(d.spec?.paused ?? false)) {
      s.requeueAfterMs = Math.max(1, since + deadlineMs - ctx.now + 1000);
    }
  }
}

function cleanupDeployment(s: Sync, oldRSs: ReplicaSet[]): void {
  const limit = s.d.spec?.revisionHistoryLimit ?? 10;
  const cleanable = oldRSs.filter((rs) => !s.creates.has(rs) && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? rs.metadata.generation ?? 1)) continue;
    s.deletes.push(rs);
  }
}

/** FindActiveOrLatest */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const all = [...(newRS ? [newRS] : []), ...oldRSs];
  const act = active(all);
  if (act.length === 0) return newRS ?? [...oldRSs].sort(byCreation).at(-1);
  return act.length === 1 ? act[0] : undefined;
}

/** scale(): proportional scaling when spec.replicas changes mid-rollout. */
function scale(s: Sync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const { d } = s;
  const want = replicasOf(d);
  const single = activeOrLatest(newRS, oldRSs);
  if (single) {
    if (rsReplicas(single) !== want || !single.metadata.annotations?.[DESIRED_REPLICAS]) scaleRS(s, single, want);
    return;
  }
  if (newRS && rsReplicas(newRS) === want && newRS.metadata.annotations?.[DESIRED_REPLICAS] === String(want) && available(newRS) === want) {
    for (const rs of active(oldRSs)) scaleRS(s, rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = active([...oldRSs, ...(newRS ? [newRS] : [])]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - sum(all, rsReplicas);
  const newer = (a: ReplicaSet, b: ReplicaSet): number => rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
  const older = (a: ReplicaSet, b: ReplicaSet): number => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
  all.sort(toAdd > 0 ? newer : older);
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of all) {
    if (toAdd === 0) {
      sizes.set(rs, rsReplicas(rs));
      continue;
    }
    let proportion = 0;
    if (rsReplicas(rs) !== 0 && toAdd !== added) {
      let fraction: number;
      if (want === 0) fraction = -rsReplicas(rs);
      else {
        const ann = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? "", 10);
        const annotated = Number.isNaN(ann) ? d.status?.replicas ?? 0 : ann;
        fraction = annotated === 0 ? 0 : Math.round((rsReplicas(rs) * (want + maxSurge(d))) / annotated) - rsReplicas(rs);
      }
      const allowedLeft = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, allowedLeft) : Math.max(fraction, allowedLeft);
    }
    sizes.set(rs, rsReplicas(rs) + proportion);
    added += proportion;
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs) ?? 0;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleRS(s, rs, size);
  });
}

function isScalingEvent(s: Sync): boolean {
  const { newRS, oldRSs } = getAll(s, false);
  for (const rs of active([...(newRS ? [newRS] : []), ...oldRSs])) {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    if (desired !== undefined && desired !== String(replicasOf(s.d))) return true;
  }
  return false;
}

function checkPausedConditions(s: Sync): void {
  if (!hasProgressDeadline(s.d)) return;
  const cur = findCondition(s.status.conditions as Condition[] | undefined, "Progressing");
  if (cur?.reason === "ProgressDeadlineExceeded") return;
  const pausedCond = cur?.reason === "DeploymentPaused";
  if (s.d.spec?.paused && !pausedCond) s.setCond(s.cond("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused"));
  else if (!s.d.spec?.paused && pausedCond) s.setCond(s.cond("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed"));
}

function oldPodsRunning(s: Sync, oldRSs: ReplicaSet[]): boolean {
  if (sum(oldRSs, (rs) => rs.status?.replicas ?? 0) > 0) return true;
  const uids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return s.ctx.view
    .list<Pod>("/pods", s.d.metadata.namespace)
    .some((p) => uids.has(controllerRef(p)?.uid) && p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded");
}

function rolloutRolling(s: Sync): void {
  const { newRS, oldRSs } = getAll(s, true);
  if (!newRS) return;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, all, newRS)) return syncRolloutStatus(s, all, newRS);
  if (reconcileOldReplicaSets(s, all, active(oldRSs), newRS)) return syncRolloutStatus(s, all, newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, all, newRS);
}

function rolloutRecreate(s: Sync): void {
  let { newRS, oldRSs } = getAll(s, false);
  let all = [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of active(oldRSs)) if (scaleRS(s, rs, 0)) scaledDown = true;
  if (scaledDown || oldPodsRunning(s, oldRSs)) return syncRolloutStatus(s, all, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = getAll(s, true));
    all = [...oldRSs, ...(newRS ? [newRS] : [])];
  }
  if (newRS) scaleRS(s, newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, all, newRS);
}

function emit(s: Sync): Action[] {
  const out: Action[] = [];
  for (const rs of s.creates) out.push({ type: "create", resource: RS, object: rs });
  for (const rs of s.dirty) out.push({ type: "update", resource: RS, object: rs });
  for (const rs of s.deletes) out.push({ type: "delete", resource: RS, namespace: rs.metadata.namespace, name: rs.metadata.name!, uid: rs.metadata.uid, propagationPolicy: "Background" });
  const d = s.d;
  if (s.revision !== undefined && d.metadata.annotations?.[REVISION] !== s.revision) {
    const copy = clone(d);
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: s.revision };
    out.push({ type: "update", resource: "apps/deployments", object: copy });
  }
  omitZero(s.status, OMIT_ZERO.deployment);
  if (!sameContent(s.status, d.status ?? {})) out.push({ type: "updateStatus", resource: "apps/deployments", object: { ...clone(d), status: s.status } });
  return [...out, ...s.actions];
}

export const reconcileDeployment: Reconciler = (ctx, key) => {
  const d = ctx.view.get<Deployment>("apps/deployments", key.namespace, key.name);
  if (!d) return { actions: [] };
  const s = new Sync(ctx, d, []);
  if (selectsEverything(d.spec?.selector as LabelSelector | undefined)) {
    s.event("SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.", "Warning");
    s.status.observedGeneration = d.metadata.generation ?? 1;
    return { actions: emit(s) };
  }
  s.rsList.push(...claimReplicaSets(s));
  if (isDeleting(d)) {
    const { newRS, oldRSs } = getAll(s, false);
    calculateStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
    return { actions: emit(s) };
  }
  checkPausedConditions(s);
  if (d.spec?.paused || isScalingEvent(s)) {
    const { newRS, oldRSs } = getAll(s, false);
    scale(s, newRS, oldRSs);
    if (d.spec?.paused) cleanupDeployment(s, oldRSs);
    calculateStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  } else if (d.spec?.strategy?.type === "Recreate") rolloutRecreate(s);
  else rolloutRolling(s);
  const actions = emit(s);
  return s.requeueAfterMs !== undefined ? { actions, requeueAfterMs: s.requeueAfterMs } : { actions };
};
