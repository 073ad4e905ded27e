// HorizontalPodAutoscaler controller (pkg/controller/podautoscaler, v1.31 reconcileAutoscaler) on a
// cluster without metrics-server: the target is read and written through what its scale
// subresource would show, min/max bounds are enforced before any metric is read, and every
// metric then fails the way the missing metrics APIs make it fail upstream.
import type { KubeObject, LabelSelector } from "../../api/kinds";
import { resourceForKind } from "../../api/registry";
import { labelSelectorToString } from "../../api/selectors/label-selector";
import type { HorizontalPodAutoscaler } from "../../api/tables/autoscaling";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { IMetricStatus } from "kubernetes-models/autoscaling/v2/MetricStatus";
import type { Action, ClusterView, Reconciler, ResourceKey } from "../types";
import { clone } from "../shared/clone";
import { setCondition, type Condition } from "../shared/conditions";
import { sameContent } from "../shared/diff";
import { event } from "../shared/events";
import { mapMatches, selectorMatches, type Labels } from "../shared/selectors";
import { parseTime, rfc3339 } from "../shared/time";
import { metricFailure } from "./hpa-metrics";

const COMPONENT = "horizontal-pod-autoscaler";
export const HPAS: ResourceKey = "autoscaling/horizontalpodautoscalers";
/** --horizontal-pod-autoscaler-sync-period default */
export const HPA_SYNC_PERIOD_MS = 15_000;

type Hpa = HorizontalPodAutoscaler;
type ScaleTargetRef = NonNullable<Hpa["spec"]>["scaleTargetRef"];

/** the v2 status as the Go struct serialises it: desiredReplicas and currentMetrics have no omitempty */
interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics: IMetricStatus[] | null;
  conditions?: Condition[];
  lastScaleTime?: string;
}

interface Scalable extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> };
}

/** an autoscaling/v1 Scale of the target, plus what is needed to write it back */
interface Scale {
  resource: ResourceKey;
  target: Scalable;
  specReplicas: number;
  selector: string;
  selects(labels: Labels): boolean;
}

/** scaleForResourceMappings through the RESTMapper, with client-go's error texts */
function getScale(view: ClusterView, namespace: string | undefined, ref: ScaleTargetRef | undefined): Scale | string {
  const apiVersion = ref?.apiVersion ?? "";
  const kind = ref?.kind ?? "";
  const name = ref?.name ?? "";
  const slashes = apiVersion.split("/").length - 1;
  if (slashes > 1) return `unexpected GroupVersion string: ${apiVersion}`;
  const group = slashes === 1 ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const def = resourceForKind(group, kind);
  if (!def) return `no matches for kind "${kind}" in group "${group}"`;
  const qualified = (resource: string): string => (group ? `${resource}.${group}` : resource);
  // no /scale route: the API server's plain-text 404, which client-go words from the request
  if (!def.subresources.some((s) => s.name === "scale")) return `the server could not find the requested resource (get ${qualified(def.plural)} ${name})`;
  const resource = `${def.group}/${def.plural}`;
  const target = view.get<Scalable>(resource, namespace, name);
  // the scale REST storages answer NotFound for "<plural>/scale", whatever made the get fail
  if (!target) return `${qualified(`${def.plural}/scale`)} "${name}" not found`;
  const sel = target.spec?.selector;
  if (kind === "ReplicationController") {
    const set = (sel ?? {}) as Record<string, string>;
    const selector = Object.keys(set)
      .sort()
      .map((k) => `${k}=${set[k]}`)
      .join(",");
    return { resource, target, specReplicas: target.spec?.replicas ?? 0, selector, selects: (l) => mapMatches(set, l) };
  }
  let selector = "";
  try {
    selector = sel ? labelSelectorToString(sel as LabelSelector) : "";
  } catch {
    // an unparsable selector reaches the controller as an empty one: "selector is required"
  }
  return { resource, target, specReplicas: target.spec?.replicas ?? 0, selector, selects: (l) => selectorMatches(sel as LabelSelector | undefined, l) };
}

/** the metrics the API server's defaulting leaves (80 % CPU when none), also for autoscaling/v1-shaped objects */
function metricSpecs(hpa: Hpa): IMetricSpec[] {
  const spec = hpa.spec;
  if (spec?.metrics?.length) return spec.metrics;
  const cpu = spec?.targetCPUUtilizationPercentage ?? 80;
  return [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpu } } }];
}

/**
 * validateAndParseSelector's single-HPA check: upstream keeps the selector of every HPA it has
 * reconciled; here an HPA counts once its target resolves to a scale with a selector.
 */
function otherHpasSelecting(view: ClusterView, hpa: Hpa, scale: Scale): string[] {
  const ns = hpa.metadata.namespace;
  const pods = view.list("/pods", ns).filter((p) => scale.selects(p.metadata.labels));
  const keys = [`${ns}/${hpa.metadata.name}`];
  for (const other of view.list<Hpa>(HPAS, ns)) {
    if (other.metadata.name === hpa.metadata.name) continue;
    const s = getScale(view, ns, other.spec?.scaleTargetRef);
    if (typeof s === "string" || !s.selector) continue;
    if (pods.some((p) => s.selects(p.metadata.labels))) keys.push(`${ns}/${other.metadata.name}`);
  }
  return keys.length > 1 ? keys.sort() : [];
}

export const reconcileHorizontalPodAutoscaler: Reconciler = (ctx, key) => {
  const hpa = ctx.view.get<Hpa>(HPAS, key.namespace, key.name);
  if (!hpa) return { actions: [] };
  // the workqueue adds every HPA rate-limited by the sync period, so the first sync comes one period after creation
  const firstSync = (parseTime(hpa.metadata.creationTimestamp) ?? ctx.now) + HPA_SYNC_PERIOD_MS;
  if (ctx.now < firstSync) return { actions: [], requeueAfterMs: firstSync - ctx.now };

  const actions: Action[] = [];
  const warn = (reason: string, message: string): void => {
    actions.push(event(hpa, COMPONENT, reason, message, "Warning"));
  };
  const old = hpa.status;
  let conditions: Condition[] = clone(old?.conditions ?? []);
  const cond = (type: string, status: "True" | "False", reason: string, message: string): void => {
    conditions = setCondition(conditions, { type, status, reason, message, lastTransitionTime: rfc3339(ctx.now) });
  };
  const writeStatus = (status: HpaStatus): void => {
    if (conditions.length > 0) status.conditions = conditions;
    if (status.currentReplicas === 0) delete status.currentReplicas;
    if (!sameContent(status, old ?? {})) actions.push({ type: "updateStatus", resource: HPAS, object: { ...clone(hpa), status } });
  };
  const done = { actions, requeueAfterMs: HPA_SYNC_PERIOD_MS };
  const lastScaleTime = old?.lastScaleTime ?? undefined;
  const desiredBefore = old?.desiredReplicas ?? 0;

  const scale = getScale(ctx.view, hpa.metadata.namespace, hpa.spec?.scaleTargetRef);
  if (typeof scale === "string") {
    warn("FailedGetScale", scale);
    cond("AbleToScale", "False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: ${scale}`);
    writeStatus({ ...clone(old ?? {}), desiredReplicas: desiredBefore, currentMetrics: old?.currentMetrics ?? null } as HpaStatus);
    return done;
  }
  cond("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale");

  const current = scale.specReplicas;
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas ?? 0;
  let desired: number;
  let reason = "";
  if (current === 0 && min !== 0) {
    cond("ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
    writeStatus({ currentReplicas: current, desiredReplicas: current, currentMetrics: null, lastScaleTime });
    return done;
  } else if (current > max) {
    desired = max;
    reason = "Current number of replicas above Spec.MaxReplicas";
  } else if (current < min) {
    desired = min;
    reason = "Current number of replicas below Spec.MinReplicas";
  } else {
    // computeReplicasForMetrics: no metric can be read, so every sync within bounds ends here
    const specs = metricSpecs(hpa);
    const failWith = (message: string, statuses: IMetricStatus[] | null): typeof done => {
      writeStatus({ currentReplicas: current, desiredReplicas: desiredBefore, currentMetrics: statuses, lastScaleTime });
      warn("FailedComputeMetricsReplicas", message);
      return done;
    };
    if (!scale.selector) {
      warn("SelectorRequired", "selector is required");
      cond("ScalingActive", "False", "InvalidSelector", "the HPA target's scale is missing a selector");
      return failWith("selector is required", null);
    }
    const ambiguous = otherHpasSelecting(ctx.view, hpa, scale);
    if (ambiguous.length > 0) {
      const message = `pods by selector ${scale.selector} are controlled by multiple HPAs: [${ambiguous.join(" ")}]`;
      warn("AmbiguousSelector", message);
      cond("ScalingActive", "False", "AmbiguousSelector", message);
      return failWith(message, null);
    }
    const failures = specs.map((s) => metricFailure(s, hpa.metadata.namespace ?? "default"));
    for (const f of failures) warn(f.reason, f.cause);
    const first = failures[0];
    cond("ScalingActive", "False", first.reason, `the HPA was unable to compute the replica count: ${first.cause}`);
    // each failed metric leaves its zero-valued MetricStatus in the slice written to the status
    const statuses: IMetricStatus[] = specs.map(() => ({ type: "" }));
    return failWith(`invalid metrics (${failures.length} invalid out of ${specs.length}), first error is: ${first.error}`, statuses);
  }

  const target = clone(scale.target);
  target.spec = { ...(target.spec ?? {}), replicas: desired };
  actions.push({ type: "update", resource: scale.resource, object: target });
  cond("AbleToScale", "True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desired}`);
  actions.push(event(hpa, COMPONENT, "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`));
  writeStatus({ currentReplicas: current, desiredReplicas: desired, currentMetrics: null, lastScaleTime: rfc3339(ctx.now) });
  return done;
};
