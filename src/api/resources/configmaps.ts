import { defineResource } from "../define";

export const configmaps = defineResource({
  group: "",
  version: "v1",
  kind: "ConfigMap",
  plural: "configmaps",
  namespaced: true,
  shortNames: ["cm"],
  categories: [],
  subresources: [],
});
