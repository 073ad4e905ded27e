// HorizontalPodAutoscaler printer (formatHPAMetrics), for autoscaling/v2 objects
// and for autoscaling/v1 ones (whose CPU target maps onto a v2 Resource metric).
import type { TableConvertor } from "../resource";
import type { ObjectMeta } from "../kinds";
import type { IHorizontalPodAutoscaler as IHpaV2 } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { IMetricStatus } from "kubernetes-models/autoscaling/v2/MetricStatus";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn } from "./columns";
import { since } from "./human-duration";
import { canonicalQuantity } from "./quantity";

export type HorizontalPodAutoscaler = Omit<IHpaV2, "metadata"> & {
  metadata: ObjectMeta;
  spec?: IHpaV2["spec"] & { targetCPUUtilizationPercentage?: number };
  status?: IHpaV2["status"] & { currentCPUUtilizationPercentage?: number };
};

type Q = string | number | undefined | null;
const q = (v: Q): string => canonicalQuantity(v);

/** autoscaling/v1 keeps one CPU target; the internal type sees it as a Resource metric. */
function metricsOf(hpa: HorizontalPodAutoscaler): { specs: IMetricSpec[]; statuses: IMetricStatus[] } {
  const spec = hpa.spec;
  if (spec?.metrics || spec?.targetCPUUtilizationPercentage === undefined) {
    return { specs: spec?.metrics ?? [], statuses: hpa.status?.currentMetrics ?? [] };
  }
  const specs: IMetricSpec[] = [
    { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } },
  ];
  const current = hpa.status?.currentCPUUtilizationPercentage;
  const statuses: IMetricStatus[] =
    current === undefined ? [] : [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: current } } }];
  return { specs, statuses };
}

export function formatHpaMetrics(specs: IMetricSpec[], statuses: IMetricStatus[]): string {
  if (specs.length === 0) return "<none>";
  const list: string[] = [];
  const max = 2;
  specs.forEach((spec, i) => {
    const st: IMetricStatus | undefined = statuses[i];
    switch (spec.type) {
      case "External": {
        const target = spec.external?.target;
        if (target?.averageValue !== undefined) {
          const cur = st?.external?.current.averageValue;
          list.push(`${cur !== undefined ? q(cur) : "<unknown>"}/${q(target.averageValue)} (avg)`);
        } else {
          const cur = st?.external ? q(st.external.current.value) : "<unknown>";
          list.push(`${cur}/${q(target?.value)}`);
        }
        break;
      }
      case "Pods": {
        const cur = st?.pods ? q(st.pods.current.averageValue) : "<unknown>";
        list.push(`${cur}/${q(spec.pods?.target.averageValue)}`);
        break;
      }
      case "Object": {
        const target = spec.object?.target;
        if (target?.averageValue !== undefined) {
          const cur = st?.object?.current.averageValue;
          list.push(`${cur !== undefined ? q(cur) : "<unknown>"}/${q(target.averageValue)} (avg)`);
        } else {
          const cur = st?.object ? q(st.object.current.value) : "<unknown>";
          list.push(`${cur}/${q(target?.value)}`);
        }
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
        const cur = spec.type === "Resource" ? st?.resource : st?.containerResource;
        const name = src?.name ?? "";
        const target = src?.target;
        if (target?.averageValue !== undefined) {
          list.push(`${name}: ${cur ? q(cur.current.averageValue) : "<unknown>"}/${q(target.averageValue)}`);
        } else {
          const util = cur?.current.averageUtilization;
          const current = util !== undefined ? `${util}%` : "<unknown>";
          const wanted = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : "<auto>";
          list.push(`${name}: ${current}/${wanted}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(", ")} + ${count - max} more...`;
  return list.join(", ");
}

export const horizontalPodAutoscalerTable: TableConvertor<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    col("Reference", "string", doc["HorizontalPodAutoscalerSpec.scaleTargetRef"]),
    col("Targets", "string", doc["HorizontalPodAutoscalerSpec.metrics"]),
    col("MinPods", "string", doc["HorizontalPodAutoscalerSpec.minReplicas"]),
    col("MaxPods", "string", doc["HorizontalPodAutoscalerSpec.maxReplicas"]),
    col("Replicas", "string", doc["HorizontalPodAutoscalerStatus.currentReplicas"]),
    ageColumn,
  ],
  cells(hpa, ctx) {
    const ref = hpa.spec?.scaleTargetRef;
    const { specs, statuses } = metricsOf(hpa);
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata.name ?? "",
      `${ref?.kind ?? ""}/${ref?.name ?? ""}`,
      formatHpaMetrics(specs, statuses),
      min === undefined || min === null ? "<unset>" : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata.creationTimestamp, ctx.now),
    ];
  },
};
