// StatefulSet controller (pkg/controller/statefulset): stable ordinals, ordered or
// parallel management, claims per ordinal, rolling update with partition.
import type { ControllerRevision, LabelSelector, PersistentVolumeClaim, Pod, PodTemplateSpec, StatefulSet, Volume } from "../../api/kinds";
import type { Action, ReconcileContext, Reconciler } from "../types";
import { claimPods } from "../shared/adoption";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { OMIT_ZERO, omitZero } from "../shared/status";
import { event } from "../shared/events";
import { newControllerRef } from "../shared/owners";
import { isPodAvailable, isRunningAndReady, isTerminal, msUntilAvailable } from "../shared/pods";
import { REVISION_HASH_LABEL, ownedRevisions, planRevision, templateFromRevision } from "../shared/revisions";
import { selectorMatches } from "../shared/selectors";

const COMPONENT = "statefulset-controller";
const STS = "apps/statefulsets";
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

export function ordinalOf(sts: StatefulSet, pod: Pod): number {
  const prefix = `${sts.metadata.name}-`;
  const name = pod.metadata.name ?? "";
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

export function claimName(templateName: string, sts: StatefulSet, ordinal: number): string {
  return `${templateName}-${sts.metadata.name}-${ordinal}`;
}

function newPod(sts: StatefulSet, template: PodTemplateSpec, ordinal: number, revision: string): Pod {
  const name = `${sts.metadata.name}-${ordinal}`;
  const t = clone(template);
  const volumes: Volume[] = (t.spec?.volumes ?? []).filter((v) => !(sts.spec?.volumeClaimTemplates ?? []).some((c) => c.metadata?.name === v.name));
  for (const c of sts.spec?.volumeClaimTemplates ?? []) {
    volumes.push({ name: c.metadata!.name!, persistentVolumeClaim: { claimName: claimName(c.metadata!.name!, sts, ordinal) } });
  }
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${sts.metadata.name}-`,
      namespace: sts.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ownerReferences: [newControllerRef(sts, "apps/v1", "StatefulSet")],
    },
    spec: { ...(t.spec ?? { containers: [] }), hostname: name, subdomain: sts.spec?.serviceName || undefined },
  };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) pod.metadata.annotations = { ...t.metadata.annotations };
  if (volumes.length) pod.spec!.volumes = volumes;
  return pod;
}

function missingClaims(ctx: ReconcileContext, sts: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const out: PersistentVolumeClaim[] = [];
  const whenDeleted = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? "Retain";
  for (const tpl of sts.spec?.volumeClaimTemplates ?? []) {
    const name = claimName(tpl.metadata!.name!, sts, ordinal);
    if (ctx.view.get("/persistentvolumeclaims", sts.metadata.namespace, name)) continue;
    const claim: PersistentVolumeClaim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: { ...(tpl.metadata?.labels ?? {}), ...(sts.spec?.selector?.matchLabels ?? {}) },
      },
      spec: clone(tpl.spec ?? {}),
    };
    if (tpl.metadata?.annotations) claim.metadata.annotations = { ...tpl.metadata.annotations };
    if (whenDeleted === "Delete") {
      claim.metadata.ownerReferences = [{ apiVersion: "apps/v1", kind: "StatefulSet", name: sts.metadata.name!, uid: sts.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    }
    out.push(claim);
  }
  return out;
}

const terminating = (p: Pod): boolean => !!p.metadata.deletionTimestamp;
const healthy = (p: Pod | undefined): boolean => !!p && isRunningAndReady(p) && !terminating(p);
const revisionOfPod = (p: Pod): string | undefined => p.metadata.labels?.[REVISION_HASH_LABEL];

export const reconcileStatefulSet: Reconciler = (ctx, key) => {
  const sts = ctx.view.get<StatefulSet>(STS, key.namespace, key.name);
  if (!sts) return { actions: [] };
  const actions: Action[] = [];
  const ev = (reason: string, message: string): void => {
    actions.push(event(sts, COMPONENT, reason, message));
  };
  const pods = claimPods(ctx.view, sts, "apps/v1", "StatefulSet", (p) => selectorMatches(sts.spec?.selector as LabelSelector | undefined, p.metadata.labels) && ordinalOf(sts, p) >= 0, actions);

  // revisions
  const history = ownedRevisions(ctx.view, sts);
  const collisionCount = sts.status?.collisionCount ?? 0;
  const plan = planRevision(sts, "StatefulSet", sts.spec?.template, sts.spec?.template?.metadata?.labels ?? {}, history, collisionCount);
  if (plan.write) actions.push({ type: plan.write.type, resource: "apps/controllerrevisions", object: plan.write.object });
  const updateRev = plan.update;
  const currentRev: ControllerRevision = history.find((r) => r.metadata.name === sts.status?.currentRevision) ?? updateRev;
  const currentTemplate = currentRev === updateRev ? sts.spec?.template ?? {} : templateFromRevision(currentRev);

  const replicas = Math.max(0, sts.spec?.replicas ?? 1);
  const start = sts.spec?.ordinals?.start ?? 0;
  const monotonic = (sts.spec?.podManagementPolicy ?? "OrderedReady") !== "Parallel";
  const rolling = (sts.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate";
  const partition = rolling ? sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
  const minReady = sts.spec?.minReadySeconds ?? 0;

  const slots: Array<Pod | undefined> = new Array(replicas).fill(undefined);
  const condemned: Pod[] = [];
  for (const p of pods) {
    const ord = ordinalOf(sts, p);
    if (ord >= start && ord < start + replicas) slots[ord - start] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(sts, a) - ordinalOf(sts, b));
  const deleted = new Set<Pod>();
  const deletePod = (p: Pod): void => {
    deleted.add(p);
    actions.push({ type: "delete", resource: "/pods", namespace: p.metadata.namespace, name: p.metadata.name!, uid: p.metadata.uid });
    ev("SuccessfulDelete", `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  };

  const run = (): void => {
    if (sts.metadata.deletionTimestamp) return;
    const firstUnhealthy = [...slots, ...condemned].find((p) => !healthy(p));
    for (let i = 0; i < replicas; i++) {
      const ord = start + i;
      const pod = slots[i];
      if (pod && isTerminal(pod)) {
        if (!terminating(pod)) deletePod(pod);
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        const useCurrent = rolling && ord < start + partition && currentRev !== updateRev;
        const created = useCurrent ? newPod(sts, currentTemplate, ord, currentRev.metadata.name!) : newPod(sts, sts.spec?.template ?? {}, ord, updateRev.metadata.name!);
        for (const claim of missingClaims(ctx, sts, ord)) {
          actions.push({ type: "create", resource: "/persistentvolumeclaims", object: claim });
          ev("SuccessfulCreate", `create Claim ${claim.metadata.name} Pod ${created.metadata.name} in StatefulSet ${sts.metadata.name} success`);
        }
        actions.push({ type: "create", resource: "/pods", object: created });
        ev("SuccessfulCreate", `create Pod ${created.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
        if (monotonic) return;
        continue;
      }
      if (monotonic && (terminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, ctx.now))) return;
    }
    const whenScaled = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? "Retain";
    for (let t = condemned.length - 1; t >= 0; t--) {
      const pod = condemned[t];
      if (terminating(pod)) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return;
      if (whenScaled === "Delete") {
        for (const v of pod.spec?.volumes ?? []) {
          const claim = v.persistentVolumeClaim && ctx.view.get<PersistentVolumeClaim>("/persistentvolumeclaims", sts.metadata.namespace, v.persistentVolumeClaim.claimName);
          if (!claim || (claim.metadata.ownerReferences ?? []).some((r) => r.uid === pod.metadata.uid)) continue;
          const copy = clone(claim);
          copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), { apiVersion: "v1", kind: "Pod", name: pod.metadata.name!, uid: pod.metadata.uid!, blockOwnerDeletion: true }];
          actions.push({ type: "update", resource: "/persistentvolumeclaims", object: copy });
        }
      }
      deletePod(pod);
      if (monotonic) return;
    }
    if (!rolling) return;
    for (let t = replicas - 1; t >= partition; t--) {
      const pod = slots[t];
      if (!pod) return;
      if (revisionOfPod(pod) !== updateRev.metadata.name && !terminating(pod)) {
        deletePod(pod);
        return;
      }
      if (!healthy(pod)) return;
    }
  };
  run();

  // status from the pods as read
  let count = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    count++;
    if (isRunningAndReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, ctx.now)) available++;
    }
    if (!terminating(p) && !deleted.has(p)) {
      if (revisionOfPod(p) === currentRev.metadata.name) current++;
      if (revisionOfPod(p) === updateRev.metadata.name) updated++;
    }
  }
  const status: NonNullable<StatefulSet["status"]> = {
    ...(sts.status ?? {}),
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: count,
    readyReplicas: ready,
    availableReplicas: available,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision: currentRev.metadata.name,
    updateRevision: updateRev.metadata.name,
    collisionCount,
  };
  if (rolling && updated === replicas && ready === replicas && count === replicas) {
    status.currentReplicas = updated;
    status.currentRevision = updateRev.metadata.name;
  }
  omitZero(status, OMIT_ZERO.statefulSet);
  if (!sameContent(status, sts.status ?? {})) actions.push({ type: "updateStatus", resource: STS, object: { ...clone(sts), status } });

  // history: keep revisions in use, plus revisionHistoryLimit others
  const live = new Set([status.currentRevision, status.updateRevision, ...pods.map(revisionOfPod)]);
  const spare = history.filter((r) => !live.has(r.metadata.name));
  const limit = sts.spec?.revisionHistoryLimit ?? 10;
  for (const r of spare.slice(0, Math.max(0, spare.length - limit))) {
    actions.push({ type: "delete", resource: "apps/controllerrevisions", namespace: r.metadata.namespace, name: r.metadata.name! });
  }
  const waits = pods.map((p) => msUntilAvailable(p, minReady, ctx.now)).filter((x): x is number => x !== undefined);
  return waits.length ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
};
