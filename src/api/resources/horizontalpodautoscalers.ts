import { defineResource } from "../define";
import { horizontalPodAutoscalerHooks } from "../strategies/hooks";
import { hpaFromV1, hpaToV1 } from "../conversions/hpa-v1";

export const horizontalpodautoscalers = defineResource({
  ...horizontalPodAutoscalerHooks,
  group: "autoscaling",
  // kubectl autoscale (1.31) still creates through autoscaling/v1
  versions: [
    { version: "v2", served: true, storage: true },
    { version: "v1", served: true, storage: false },
  ],
  conversions: { v1: { toVersion: hpaToV1, fromVersion: hpaFromV1 } },
  kind: "HorizontalPodAutoscaler",
  plural: "horizontalpodautoscalers",
  namespaced: true,
  shortNames: ["hpa"],
  categories: ["all"],
  subresources: ["status"],
});
