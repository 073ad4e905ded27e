import { defineResource } from "../define";
import { networkPolicyHooks } from "../strategies/hooks";

export const networkpolicies = defineResource({
  ...networkPolicyHooks,
  group: "networking.k8s.io",
  version: "v1",
  kind: "NetworkPolicy",
  plural: "networkpolicies",
  namespaced: true,
  shortNames: ["netpol"],
  categories: [],
  subresources: [],
});
