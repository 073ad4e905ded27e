import { defineResource } from "../define";

export const ingresses = defineResource({
  group: "networking.k8s.io",
  version: "v1",
  kind: "Ingress",
  plural: "ingresses",
  namespaced: true,
  shortNames: ["ing"],
  categories: [],
  subresources: ["status"],
});
