import { defineResource } from "../define";
import { ingressHooks } from "../strategies/hooks";

export const ingresses = defineResource({
  ...ingressHooks,
  group: "networking.k8s.io",
  version: "v1",
  kind: "Ingress",
  plural: "ingresses",
  namespaced: true,
  shortNames: ["ing"],
  categories: [],
  subresources: ["status"],
});
