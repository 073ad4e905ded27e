import { defineResource } from "../define";
import { horizontalPodAutoscalerHooks } from "../strategies/hooks";

export const horizontalpodautoscalers = defineResource({
  ...horizontalPodAutoscalerHooks,
  group: "autoscaling",
  version: "v2",
  kind: "HorizontalPodAutoscaler",
  plural: "horizontalpodautoscalers",
  namespaced: true,
  shortNames: ["hpa"],
  categories: ["all"],
  subresources: ["status"],
});
