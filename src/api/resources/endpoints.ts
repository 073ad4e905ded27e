import { defineResource } from "../define";
import { endpointsHooks } from "../strategies/hooks";

export const endpoints = defineResource({
  ...endpointsHooks,
  group: "",
  version: "v1",
  kind: "Endpoints",
  plural: "endpoints",
  namespaced: true,
  shortNames: ["ep"],
  categories: [],
  subresources: [],
});
