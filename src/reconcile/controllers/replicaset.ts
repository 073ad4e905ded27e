// ReplicaSet and ReplicationController: keep spec.replicas active pods that the
// set controls (adopting matching orphans), like pkg/controller/replicaset.
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec, ReplicaSet, ReplicationController } from "../../api/kinds";
import type { Action, ObjectRef, ReconcileContext, ReconcileResult, Reconciler, ResourceKey } from "../types";
import { claimPods } from "../shared/adoption";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { OMIT_ZERO, omitZero } from "../shared/status";
import { event } from "../shared/events";
import { generateName } from "../shared/names";
import { newControllerRef } from "../shared/owners";
import { podFromTemplate } from "../shared/pod-template";
import { comparePodsForDeletion, isPodActive, isPodAvailable, isPodReady, msUntilAvailable } from "../shared/pods";
import { mapMatches, selectorMatches } from "../shared/selectors";

const COMPONENT = "replicaset-controller";
/** upstream burstReplicas: at most this many creations/deletions per sync */
export const BURST_REPLICAS = 500;

interface ReplicaSetLike extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; template?: PodTemplateSpec };
  status?: object;
}

interface Flavor {
  resource: ResourceKey;
  apiVersion: string;
  kind: string;
  component: string;
  selects(set: ReplicaSetLike, pod: Pod): boolean;
}

const RS_FLAVOR: Flavor = {
  resource: "apps/replicasets",
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  component: COMPONENT,
  selects: (set, pod) => selectorMatches((set as ReplicaSet).spec?.selector as LabelSelector | undefined, pod.metadata.labels),
};

const RC_FLAVOR: Flavor = {
  resource: "/replicationcontrollers",
  apiVersion: "v1",
  kind: "ReplicationController",
  component: "replication-controller",
  selects: (set, pod) => {
    const rc = set as ReplicationController;
    const sel = rc.spec?.selector ?? rc.spec?.template?.metadata?.labels;
    return !!sel && Object.keys(sel).length > 0 && mapMatches(sel, pod.metadata.labels);
  },
};

function reconcileReplicas(flavor: Flavor, ctx: ReconcileContext, key: ObjectRef): ReconcileResult {
  const set = ctx.view.get<ReplicaSetLike>(flavor.resource, key.namespace, key.name);
  if (!set) return { actions: [] };
  const actions: Action[] = [];
  const pods = claimPods(ctx.view, set, flavor.apiVersion, flavor.kind, (p) => flavor.selects(set, p), actions);
  const active = pods.filter(isPodActive);
  const desired = Math.max(0, set.spec?.replicas ?? 1);

  if (!set.metadata.deletionTimestamp) {
    const diff = active.length - desired;
    if (diff < 0) {
      const taken = new Set(ctx.view.list<Pod>("/pods", set.metadata.namespace).map((p) => p.metadata.name!));
      const ref = newControllerRef(set, flavor.apiVersion, flavor.kind);
      for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) {
        const prefix = `${set.metadata.name}-`;
        const pod = podFromTemplate(set.spec?.template, set, ref, generateName(prefix, ctx.random, taken), prefix);
        actions.push({ type: "create", resource: "/pods", object: pod });
        actions.push(event(set, flavor.component, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
      }
    } else if (diff > 0) {
      for (const pod of podsToDelete(active, diff)) {
        actions.push({ type: "delete", resource: "/pods", namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid });
        actions.push(event(set, flavor.component, "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`));
      }
    }
  }

  const minReady = set.spec?.minReadySeconds ?? 0;
  const templateLabels = set.spec?.template?.metadata?.labels ?? {};
  const status: Record<string, unknown> = {
    ...(set.status ?? {}),
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => mapMatches(templateLabels, p.metadata.labels)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, minReady, ctx.now)).length,
    observedGeneration: set.metadata.generation ?? 1,
  };
  omitZero(status, OMIT_ZERO.replicaSet);
  if (!sameContent(status, set.status ?? {})) {
    actions.push({ type: "updateStatus", resource: flavor.resource, object: { ...clone(set), status } });
  }
  const waits = active.map((p) => msUntilAvailable(p, minReady, ctx.now)).filter((x): x is number => x !== undefined);
  return waits.length ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
}

/** getPodsToDelete: rank by co-located pods of the same set, then the upstream order. */
export function podsToDelete(active: Pod[], count: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of active) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const rank = (p: Pod): number => (p.spec?.nodeName ? perNode.get(p.spec.nodeName) ?? 0 : 0);
  return [...active].sort((a, b) => comparePodsForDeletion(a, b, rank)).slice(0, Math.min(count, BURST_REPLICAS));
}

export const reconcileReplicaSet: Reconciler = (ctx, key) => reconcileReplicas(RS_FLAVOR, ctx, key);
export const reconcileReplicationController: Reconciler = (ctx, key) => reconcileReplicas(RC_FLAVOR, ctx, key);

/** Whether a ReplicaSet selects the pod (used to route orphan pod changes). */
export function replicaSetSelects(rs: ReplicaSet, pod: Pod): boolean {
  return RS_FLAVOR.selects(rs, pod);
}
export function replicationControllerSelects(rc: ReplicationController, pod: Pod): boolean {
  return RC_FLAVOR.selects(rc, pod);
}
