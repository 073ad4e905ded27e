// ControllerRevision history shared by StatefulSet and DaemonSet.
import type { ControllerRevision, KubeObject, PodTemplateSpec } from "../../api/kinds";
import type { ClusterView } from "../types";
import { clone } from "./clone";
import { canonicalJson, contentHash } from "./hash";
import { controllerRef, newControllerRef } from "./owners";

export const REVISION_HASH_LABEL = "controller-revision-hash";

/** The revision payload: the template as a strategic-merge "replace" patch, like getPatch upstream. */
export function revisionData(template: PodTemplateSpec | undefined): Record<string, unknown> {
  const t = clone(template ?? {}) as Record<string, unknown>;
  t.$patch = "replace";
  return { spec: { template: t } };
}

export function templateFromRevision(rev: ControllerRevision): PodTemplateSpec {
  const data = rev.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = clone(data?.spec?.template ?? {});
  delete t.$patch;
  return t as PodTemplateSpec;
}

export function ownedRevisions(view: ClusterView, owner: KubeObject): ControllerRevision[] {
  return view
    .list<ControllerRevision>("apps/controllerrevisions", owner.metadata.namespace)
    .filter((r) => controllerRef(r)?.uid === owner.metadata.uid)
    .sort((a, b) => a.revision - b.revision || (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

export interface RevisionPlan {
  update: ControllerRevision;
  /** revision to create, or existing one to renumber (update) */
  write?: { type: "create" | "update"; object: ControllerRevision };
}

/**
 * Find or make the revision for `template`: an equal existing revision is reused
 * (renumbered to max+1 if it is not the latest), otherwise a new one `<owner>-<hash>`.
 */
export function planRevision(
  owner: KubeObject,
  kind: string,
  template: PodTemplateSpec | undefined,
  labels: Record<string, string>,
  history: ControllerRevision[],
  collisionCount: number,
): RevisionPlan {
  const data = revisionData(template);
  const hash = contentHash(data, collisionCount);
  const max = history.reduce((m, r) => Math.max(m, r.revision), 0);
  const equal = history.filter((r) => canonicalJson(r.data) === canonicalJson(data));
  if (equal.length) {
    const rev = clone(equal[equal.length - 1]);
    if (rev.revision === max) return { update: rev };
    rev.revision = max + 1;
    return { update: rev, write: { type: "update", object: rev } };
  }
  const rev: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: `${owner.metadata.name}-${hash}`,
      namespace: owner.metadata.namespace,
      labels: { ...labels, [REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(owner, "apps/v1", kind)],
    },
    data,
    revision: max + 1,
  };
  return { update: rev, write: { type: "create", object: rev } };
}

export function hashOf(rev: ControllerRevision): string {
  return rev.metadata.labels?.[REVISION_HASH_LABEL] ?? rev.metadata.name!.slice(rev.metadata.name!.lastIndexOf("-") + 1);
}
