import { defineResource } from "../define";

export const ingressclasses = defineResource({
  group: "networking.k8s.io",
  version: "v1",
  kind: "IngressClass",
  plural: "ingressclasses",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
