import { defineResource } from "../define";
import { leaseHooks } from "../strategies/hooks";

export const leases = defineResource({
  ...leaseHooks,
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  plural: "leases",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
