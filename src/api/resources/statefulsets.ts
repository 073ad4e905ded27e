import { defineResource } from "../define";
import { statefulSetHooks } from "../strategies/hooks";

export const statefulsets = defineResource({
  ...statefulSetHooks,
  group: "apps",
  version: "v1",
  kind: "StatefulSet",
  plural: "statefulsets",
  namespaced: true,
  shortNames: ["sts"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
