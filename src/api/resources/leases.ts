import { defineResource } from "../define";

export const leases = defineResource({
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  plural: "leases",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
