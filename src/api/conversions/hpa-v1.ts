// autoscaling/v1 HorizontalPodAutoscalers over the autoscaling/v2 storage, as the API server converts
// them: v1 keeps only a CPU utilization target; everything else v2 holds (other metrics, conditions,
// behavior) travels in the alpha annotations, so a v1 round trip loses nothing.
import type { KubeObject } from "../kinds";

const METRICS = "autoscaling.alpha.kubernetes.io/metrics";
const CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
const CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
const BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";

type Json = Record<string, unknown>;

interface MetricV2 {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number }; current?: { averageUtilization?: number } };
}

const isCpuUtilization = (m: MetricV2): boolean => m.type === "Resource" && m.resource?.name === "cpu" && m.resource.target?.type === "Utilization";
const isCpuCurrent = (m: MetricV2): boolean => m.type === "Resource" && m.resource?.name === "cpu" && m.resource.current?.averageUtilization !== undefined;

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** a stored (v2) HPA as autoscaling/v1 shows it */
export function hpaToV1(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as Json & { metrics?: MetricV2[]; behavior?: unknown };
  const status = obj.status as (Json & { currentMetrics?: MetricV2[] | null; conditions?: unknown[] }) | undefined;
  const annotations: Record<string, string> = { ...(obj.metadata.annotations ?? {}) };
  const metrics = spec.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  if (others.length) annotations[METRICS] = JSON.stringify(others);
  if (spec.behavior) annotations[BEHAVIOR] = JSON.stringify(spec.behavior);
  const currentCpu = status?.currentMetrics?.find(isCpuCurrent);
  const otherCurrent = (status?.currentMetrics ?? []).filter((m) => m !== currentCpu);
  if (otherCurrent.length) annotations[CURRENT_METRICS] = JSON.stringify(otherCurrent);
  if (status?.conditions?.length) annotations[CONDITIONS] = JSON.stringify(status.conditions);
  const v1Spec: Json = { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas };
  if (cpu?.resource?.target?.averageUtilization !== undefined) v1Spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const out: KubeObject = { ...obj, apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { ...obj.metadata, annotations }, spec: v1Spec };
  if (!Object.keys(annotations).length) delete out.metadata.annotations;
  if (status) {
    const v1Status: Json = {};
    for (const k of ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"]) if (status[k] !== undefined) v1Status[k] = status[k];
    if (currentCpu?.resource?.current?.averageUtilization !== undefined) v1Status.currentCPUUtilizationPercentage = currentCpu.resource.current.averageUtilization;
    out.status = v1Status;
  }
  return out;
}

/** an autoscaling/v1 HPA in the v2 shape the store keeps */
export function hpaFromV1(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as Json & { targetCPUUtilizationPercentage?: number };
  const status = obj.status as (Json & { currentCPUUtilizationPercentage?: number }) | undefined;
  const annotations: Record<string, string> = { ...(obj.metadata.annotations ?? {}) };
  const take = (key: string): unknown => {
    const v = parse(annotations[key]);
    delete annotations[key];
    return v;
  };
  const otherMetrics = take(METRICS);
  const behavior = take(BEHAVIOR);
  const otherCurrent = take(CURRENT_METRICS);
  const conditions = take(CONDITIONS);
  const metrics: unknown[] = [];
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    metrics.push({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  if (Array.isArray(otherMetrics)) metrics.push(...otherMetrics);
  const v2Spec: Json = { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas };
  if (metrics.length) v2Spec.metrics = metrics;
  if (behavior && typeof behavior === "object") v2Spec.behavior = behavior;
  const out: KubeObject = { ...obj, apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { ...obj.metadata, annotations }, spec: v2Spec };
  if (!Object.keys(annotations).length) delete out.metadata.annotations;
  if (status) {
    const v2Status: Json = {};
    for (const k of ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"]) if (status[k] !== undefined) v2Status[k] = status[k];
    const current: unknown[] = [];
    if (status.currentCPUUtilizationPercentage !== undefined) current.push({ type: "Resource", resource: { name: "cpu", current: { averageUtilization: status.currentCPUUtilizationPercentage } } });
    if (Array.isArray(otherCurrent)) current.push(...otherCurrent);
    if (current.length) v2Status.currentMetrics = current;
    if (Array.isArray(conditions)) v2Status.conditions = conditions;
    out.status = v2Status;
  }
  return out;
}
