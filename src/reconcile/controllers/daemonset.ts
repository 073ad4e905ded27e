// DaemonSet controller (pkg/controller/daemon): a pod per eligible node, pinned
// by a matchFields node affinity, rolling update by maxUnavailable.
import type { DaemonSet, LabelSelector, Node, Pod, PodSpec, Toleration } from "../../api/kinds";
import type { Action, Reconciler } from "../types";
import { claimPods } from "../shared/adoption";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { OMIT_ZERO, omitZero } from "../shared/status";
import { event } from "../shared/events";
import { getScaledValueFromIntOrPercent, IntOrStringError } from "../../api/validation/int-or-string";
import { generateName } from "../shared/names";
import { podMatchesNodeSelectorAndAffinity } from "../shared/node-affinity";
import { newControllerRef } from "../shared/owners";
import { podFromTemplate } from "../shared/pod-template";
import { created, isPodAvailable, isPodReady, isTerminal, msUntilAvailable } from "../shared/pods";
import { hashOf, ownedRevisions, planRevision, REVISION_HASH_LABEL } from "../shared/revisions";
import { selectorMatches } from "../shared/selectors";
import { findUntoleratedTaint } from "../shared/taints";

const COMPONENT = "daemonset-controller";
const DS = "apps/daemonsets";

/** util.AddOrUpdateDaemonPodTolerations */
export function daemonTolerations(spec: PodSpec | undefined): Toleration[] {
  const list = [...(spec?.tolerations ?? [])];
  const add = (key: string, effect: "NoExecute" | "NoSchedule"): void => {
    if (!list.some((t) => t.key === key && t.effect === effect && t.operator === "Exists")) list.push({ key, operator: "Exists", effect });
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (spec?.hostNetwork) add("node.kubernetes.io/network-unavailable", "NoSchedule");
  return list;
}

/** NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning) */
export function nodeShouldRun(ds: DaemonSet, node: Node): { run: boolean; keep: boolean } {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  if (!podMatchesNodeSelectorAndAffinity(spec, node)) return { run: false, keep: false };
  const tolerations = daemonTolerations(spec);
  if (findUntoleratedTaint(node.spec?.taints, tolerations, ["NoExecute"])) return { run: false, keep: false };
  if (findUntoleratedTaint(node.spec?.taints, tolerations, ["NoSchedule"])) return { run: false, keep: true };
  return { run: true, keep: true };
}

function nodeOfPod(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const f = term.matchFields?.find((m) => m.key === "metadata.name" && m.operator === "In" && m.values?.length === 1);
    if (f) return f.values![0];
  }
  return undefined;
}

export const reconcileDaemonSet: Reconciler = (ctx, key) => {
  const ds = ctx.view.get<DaemonSet>(DS, key.namespace, key.name);
  if (!ds) return { actions: [] };
  const actions: Action[] = [];
  const pods = claimPods(ctx.view, ds, "apps/v1", "DaemonSet", (p) => selectorMatches(ds.spec?.selector as LabelSelector | undefined, p.metadata.labels), actions);
  const plan = planRevision(ds, "DaemonSet", ds.spec?.template, ds.spec?.template?.metadata?.labels ?? {}, ownedRevisions(ctx.view, ds), ds.status?.collisionCount ?? 0);
  if (plan.write) actions.push({ type: plan.write.type, resource: "apps/controllerrevisions", object: plan.write.object });
  const hash = hashOf(plan.update);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const nodes = ctx.view.list<Node>("/nodes").sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = nodeOfPod(p);
    if (!n) continue;
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const taken = new Set(ctx.view.list<Pod>("/pods", ds.metadata.namespace).map((p) => p.metadata.name!));
  const del = (p: Pod): void => {
    actions.push({ type: "delete", resource: "/pods", namespace: p.metadata.namespace, name: p.metadata.name!, uid: p.metadata.uid });
    actions.push(event(ds, COMPONENT, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
  };
  let desired = 0;
  let current = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let misscheduled = 0;
  const oldPods: Array<{ pod: Pod; available: boolean }> = [];
  let unavailable = 0;
  const deleting = !!ds.metadata.deletionTimestamp;
  for (const node of nodes) {
    const name = node.metadata.name!;
    const { run, keep } = nodeShouldRun(ds, node);
    const mine = (byNode.get(name) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    if (run) desired++;
    if (!run && mine.length) misscheduled++;
    if (run && !deleting) {
      const live = mine.filter((p) => !isTerminal(p));
      for (const p of mine.filter((x) => x.status?.phase === "Failed")) del(p);
      if (live.length === 0) {
        unavailable++;
        if (mine.some((x) => x.status?.phase === "Failed")) continue; // recreate after the failed one is gone
        const prefix = `${ds.metadata.name}-`;
        const pod = podFromTemplate(ds.spec?.template, ds, newControllerRef(ds, "apps/v1", "DaemonSet"), generateName(prefix, ctx.random, taken), prefix);
        pod.metadata.labels = { ...pod.metadata.labels, [REVISION_HASH_LABEL]: hash, "pod-template-generation": String(ds.metadata.generation ?? 1) };
        const spec = pod.spec!;
        spec.tolerations = daemonTolerations(spec);
        spec.affinity = {
          ...(spec.affinity ?? {}),
          nodeAffinity: {
            ...(spec.affinity?.nodeAffinity ?? {}),
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [name] }] }] },
          },
        };
        actions.push({ type: "create", resource: "/pods", object: pod });
        actions.push(event(ds, COMPONENT, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
        continue;
      }
      // keep the oldest, delete extras
      const sorted = [...live].sort((a, b) => created(a) - created(b));
      for (const extra of sorted.slice(1)) del(extra);
      const pod = sorted[0];
      current++;
      const isAvail = isPodAvailable(pod, minReady, ctx.now);
      if (isPodReady(pod)) ready++;
      if (isAvail) available++;
      else unavailable++;
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++;
      else oldPods.push({ pod, available: isAvail });
    } else if (!keep && !deleting) for (const p of mine) del(p);
  }
  // RollingUpdate: replace old pods, unavailable ones first, within maxUnavailable
  if (!deleting && (ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
    const maxUnavailable = Math.max(1, scaledMaxUnavailable(ds, desired));
    let budget = maxUnavailable - unavailable;
    for (const o of oldPods.filter((x) => !x.available)) del(o.pod);
    for (const o of oldPods.filter((x) => x.available)) {
      if (budget <= 0) break;
      del(o.pod);
      budget--;
    }
  }
  const status: NonNullable<DaemonSet["status"]> = {
    ...(ds.status ?? {}),
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    numberAvailable: available,
    numberUnavailable: desired - available,
    updatedNumberScheduled: updated,
    observedGeneration: ds.metadata.generation ?? 1,
  };
  if (status.numberUnavailable === 0) delete status.numberUnavailable;
  omitZero(status, OMIT_ZERO.daemonSet);
  if (!sameContent(status, ds.status ?? {})) actions.push({ type: "updateStatus", resource: DS, object: { ...clone(ds), status } });
  const waits = pods.map((p) => msUntilAvailable(p, minReady, ctx.now)).filter((x): x is number => x !== undefined);
  return waits.length ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
};

/** GetScaledValueFromIntOrPercent of maxUnavailable (default 1); a value validation would refuse counts as 1 */
function scaledMaxUnavailable(ds: DaemonSet, desired: number): number {
  try {
    return getScaledValueFromIntOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
  } catch (e) {
    if (e instanceof IntOrStringError) return 1;
    throw e;
  }
}
