import { defineResource } from "../define";

export const endpoints = defineResource({
  group: "",
  version: "v1",
  kind: "Endpoints",
  plural: "endpoints",
  namespaced: true,
  shortNames: ["ep"],
  categories: [],
  subresources: [],
});
