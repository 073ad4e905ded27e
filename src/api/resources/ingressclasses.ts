import { defineResource } from "../define";
import { ingressClassHooks } from "../strategies/hooks";

export const ingressclasses = defineResource({
  ...ingressClassHooks,
  group: "networking.k8s.io",
  version: "v1",
  kind: "IngressClass",
  plural: "ingressclasses",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
