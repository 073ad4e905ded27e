import { defineResource } from "../define";

export const networkpolicies = defineResource({
  group: "networking.k8s.io",
  version: "v1",
  kind: "NetworkPolicy",
  plural: "networkpolicies",
  namespaced: true,
  shortNames: ["netpol"],
  categories: [],
  subresources: [],
});
