// What the HPA controller's metric clients answer on a cluster that serves none of the metrics
// APIs (a fresh kubeadm cluster: no metrics-server, no custom or external metrics adapter), and
// how replica_calculator.go and horizontal.go wrap those errors on their way to events,
// conditions and the FailedComputeMetricsReplicas message.
import type { LabelSelector } from "../../api/kinds";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";

/** one metric whose replica proposal failed (getUnableComputeReplicaCountCondition) */
export interface MetricFailure {
  /** event reason and ScalingActive=False reason */
  reason: string;
  /** the error handed to the condition: the event's message, and the condition's after its prefix */
  cause: string;
  /** what computeReplicasForMetric returns, quoted as the "first error" of the invalid metrics */
  error: string;
}

// client-go's message for the 404 of a group the API server does not serve
const notFound = (resource: string): string => `the server could not find the requested resource (get ${resource})`;

const RESOURCE_API = `unable to fetch metrics from resource metrics API: ${notFound("pods.metrics.k8s.io")}`;
// the custom metrics client asks discovery for the group before any request
const CUSTOM_API = "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";

/** `%+v` of a *metav1.LabelSelector: its gogo-generated String() */
function goLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return "nil";
  const labels = sel.matchLabels ?? {};
  const map = Object.keys(labels)
    .sort()
    .map((k) => `${k}: ${labels[k]},`)
    .join("");
  const reqs = (sel.matchExpressions ?? []).map((r) => `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(" ")}],},`).join("");
  return `&LabelSelector{MatchLabels:map[string]string{${map}},MatchExpressions:[]LabelSelectorRequirement{${reqs}},}`;
}

const set = (v: unknown): boolean => v !== undefined && v !== null;

/** computeReplicasForMetric for one metric spec, with every metrics API unavailable. */
export function metricFailure(spec: IMetricSpec, namespace: string): MetricFailure {
  switch (spec.type) {
    case "Resource":
    case "ContainerResource": {
      const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
      const name = src?.name ?? "";
      const target = src?.target;
      const fetch = `unable to get metrics for resource ${name}: ${RESOURCE_API}`;
      const cause = set(target?.averageValue)
        ? `failed to get ${name} usage: ${fetch}`
        : set(target?.averageUtilization)
          ? `failed to get ${name} utilization: ${fetch}`
          : "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
      return spec.type === "Resource"
        ? { reason: "FailedGetResourceMetric", cause, error: `failed to get ${name} resource metric value: ${cause}` }
        : { reason: "FailedGetContainerResourceMetric", cause, error: `failed to get ${spec.containerResource?.container ?? ""} container metric value: ${cause}` };
    }
    case "Pods": {
      const cause = `unable to get metric ${spec.pods?.metric.name ?? ""}: ${CUSTOM_API}`;
      return { reason: "FailedGetPodsMetric", cause, error: `failed to get pods metric value: ${cause}` };
    }
    case "Object": {
      const o = spec.object;
      const name = o?.metric.name ?? "";
      const target = o?.target;
      // GetObjectMetricReplicas puts its arguments in this odd order upstream
      const fetch = `unable to get metric ${name}: ${o?.describedObject.kind ?? ""} on ${namespace} ${o?.describedObject.name ?? ""}/${CUSTOM_API}`;
      if (target?.type === "Value" && set(target.value)) return { reason: "FailedGetObjectMetric", cause: fetch, error: `failed to get object metric value: ${fetch}` };
      if (target?.type === "AverageValue" && set(target.averageValue)) {
        return { reason: "FailedGetObjectMetric", cause: fetch, error: `failed to get object metric value: failed to get ${name} object metric: ${fetch}` };
      }
      const cause = "invalid object metric source: neither a value target nor an average value target was set";
      return { reason: "FailedGetObjectMetric", cause, error: `failed to get object metric value: ${cause}` };
    }
    case "External": {
      const name = spec.external?.metric.name ?? "";
      const target = spec.external?.target;
      const fetch = `unable to get external metric ${namespace}/${name}/${goLabelSelector(spec.external?.metric.selector)}: unable to fetch metrics from external metrics API: ${notFound(`${name}.external.metrics.k8s.io`)}`;
      const wrap = (e: string): string => `failed to get ${name} external metric value: ${e}`;
      if (set(target?.averageValue)) return { reason: "FailedGetExternalMetric", cause: fetch, error: wrap(`failed to get ${name} external metric: ${fetch}`) };
      if (set(target?.value)) return { reason: "FailedGetExternalMetric", cause: fetch, error: wrap(`failed to get external metric ${name}: ${fetch}`) };
      const cause = "invalid external metric source: neither a value target nor an average value target was set";
      return { reason: "FailedGetExternalMetric", cause, error: wrap(cause) };
    }
    default: {
      const cause = `unknown metric source type "${spec.type}"`;
      return { reason: "InvalidMetricSourceType", cause, error: cause };
    }
  }
}
