import { defineResource } from "../define";
import { configMapHooks } from "../strategies/hooks";

export const configmaps = defineResource({
  ...configMapHooks,
  group: "",
  version: "v1",
  kind: "ConfigMap",
  plural: "configmaps",
  namespaced: true,
  shortNames: ["cm"],
  categories: [],
  subresources: [],
});
