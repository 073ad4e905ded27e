import { defineResource } from "../define";

export const endpointslices = defineResource({
  group: "discovery.k8s.io",
  version: "v1",
  kind: "EndpointSlice",
  plural: "endpointslices",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
