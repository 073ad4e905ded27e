// Arithmetic and annotation helpers of pkg/controller/deployment/util.
import type { Deployment, PodTemplateSpec, ReplicaSet } from "../../api/kinds";
import { clone } from "../shared/clone";
import { canonicalJson, contentHash } from "../shared/hash";
import { IntOrStringError, resolveFenceposts } from "../../api/validation/int-or-string";
import { created } from "../shared/pods";

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
export const HASH_LABEL = "pod-template-hash";
const SKIP_COPY = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

export function replicasOf(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 0;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** ResolveFenceposts over the (defaulted) rolling update; values validation would refuse give the safest pace */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge ?? "25%", ru?.maxUnavailable ?? "25%", replicasOf(d));
  } catch (e) {
    if (e instanceof IntOrStringError) return { surge: 0, unavailable: 1 };
    throw e;
  }
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

export function revisionOf(rs: ReplicaSet): number {
  const v = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? "", 10);
  return Number.isNaN(v) ? 0 : v;
}

export function maxRevision(list: ReplicaSet[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

function withoutHash(template: PodTemplateSpec | undefined): unknown {
  const t = clone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  if (t.metadata) delete (t.metadata as Record<string, unknown>).creationTimestamp;
  return t;
}

/** EqualIgnoreHash over normalised templates. */
export function templatesEqualIgnoringHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}

export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  return contentHash(withoutHash(template), collisionCount);
}

export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);
}

/** copyDeploymentAnnotationsToReplicaSet */
export function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata.annotations ??= {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations; returns whether anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata.annotations ??= {};
  const a = rs.metadata.annotations;
  if (a[DESIRED_REPLICAS] === String(desired) && a[MAX_REPLICAS] === String(max)) return false;
  a[DESIRED_REPLICAS] = String(desired);
  a[MAX_REPLICAS] = String(max);
  return true;
}

/** SetNewReplicaSetAnnotations */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const old = a[REVISION];
  const oldNum = Number.parseInt(old ?? "", 10);
  if (old === undefined || Number.isNaN(oldNum) || oldNum < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (old) a[REVISION_HISTORY] = a[REVISION_HISTORY] ? `${a[REVISION_HISTORY]},${old}` : old;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}
