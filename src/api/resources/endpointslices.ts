import { defineResource } from "../define";
import { endpointSliceHooks } from "../strategies/hooks";

export const endpointslices = defineResource({
  ...endpointSliceHooks,
  group: "discovery.k8s.io",
  version: "v1",
  kind: "EndpointSlice",
  plural: "endpointslices",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
